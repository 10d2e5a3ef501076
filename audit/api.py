"""The audit trail through the API: ``GET …/{id}/tijdlijn`` on consultations, responses
and papers, with one shape and the same visibility as the object's page (the model's
``tijdlijn_inzage``, applied by ``AuditEvent.objects.zichtbaar_voor``)."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from tegenkracht.api.schema import LEZEN, fouten

from . import acties
from .models import AuditEvent


class TijdlijnSerializer(serializers.Serializer):
    """One event on an object's timeline. Outside the object's own circle only the public
    milestones (see the endpoint's description)."""

    tijdstip = serializers.DateTimeField()
    actie = serializers.CharField(help_text="De code van de actie (vast, voor systemen).")
    actie_label = serializers.SerializerMethodField(
        help_text="De omschrijving van de actie, in de taal van het verzoek."
    )
    van_status = serializers.CharField(help_text="Leeg als het geen statusovergang was.")
    naar_status = serializers.CharField(help_text="Leeg als het geen statusovergang was.")
    door = serializers.SerializerMethodField(help_text="Naam van wie het deed; leeg: het systeem.")
    organisatie = serializers.SerializerMethodField(
        help_text="Organisatie (id) van wie het deed; leeg: het systeem."
    )
    toelichting = serializers.CharField()

    def get_actie_label(self, event) -> str:
        return str(acties.label(event.actie))

    def get_door(self, event) -> str:
        if event.actor is None:
            return ""
        return event.actor.get_full_name() or event.actor.username

    def get_organisatie(self, event) -> int | None:
        return event.actor.organisatie_id if event.actor else None


def tijdlijn_schema(beschrijving: str):
    """The OpenAPI entry of one resource's timeline: ``extend_schema_view(tijdlijn=…)``."""
    return extend_schema(
        summary="Tijdlijn (audittrail)",
        description=beschrijving
        + " Oudste eerst; alleen-lezen: de audittrail kan niet worden gewijzigd.",
        request=None,
        responses={200: TijdlijnSerializer(many=True), **fouten(*LEZEN)},
    )


class TijdlijnMixin:
    """Adds ``GET …/{id}/tijdlijn`` to a viewset: the object's audit trail, filtered as
    its page filters it. Whoever may not see the object gets 404 (``get_object``)."""

    @action(detail=True, methods=["get"], filterset_class=None, pagination_class=None)
    def tijdlijn(self, request, pk=None):
        gebeurtenissen = AuditEvent.objects.voor(self.get_object()).zichtbaar_voor(request.user)
        return Response(TijdlijnSerializer(gebeurtenissen, many=True).data)

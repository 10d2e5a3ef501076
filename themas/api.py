"""API for themes: the figures of the theme pages and the report of recurring
bottlenecks, computed by ``themas.cijfers`` for the requesting user."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response

from tegenkracht.api.schema import fouten

from . import cijfers, permissions
from .models import Thema


class ThemaSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    naam = serializers.CharField()
    kernpunten = serializers.IntegerField(
        help_text="Kernpunten in een paper die u mag inzien (samengevoegde tellen één keer)."
    )
    consultaties = serializers.IntegerField()
    aantal_organisaties = serializers.SerializerMethodField(
        help_text="Organisaties die een kernpunt met dit thema inbrachten of onderschreven."
    )
    overgenomen = serializers.IntegerField()
    deels_overgenomen = serializers.IntegerField()
    niet_overgenomen = serializers.IntegerField()
    onverwerkt = serializers.IntegerField(
        help_text="Zonder verwerking (nog niet verwerkt, of een paper dat u niet mag inzien)."
    )
    knelpunt = serializers.BooleanField(
        source="is_knelpunt",
        help_text=f"In {cijfers.KNELPUNT_MIN_CONSULTATIES} of meer consultaties ingebracht en "
        "nooit overgenomen.",
    )
    eerste_jaar = serializers.IntegerField(allow_null=True)
    laatste_jaar = serializers.IntegerField(allow_null=True)

    def get_aantal_organisaties(self, cijfers) -> int:
        return len(cijfers.organisaties)


class ThemaNetwerkRijSerializer(serializers.Serializer):
    netwerk = serializers.CharField()
    ingebracht = serializers.IntegerField()
    onderschreven = serializers.IntegerField()


class ThemaOrganisatieRijSerializer(ThemaNetwerkRijSerializer):
    organisatie = serializers.CharField()


class ThemaJaarRijSerializer(serializers.Serializer):
    jaar = serializers.IntegerField(help_text="Het jaar van de termijn van de consultatie.")
    ministerie = serializers.CharField()
    kernpunten = serializers.IntegerField()
    overgenomen = serializers.IntegerField()
    deels_overgenomen = serializers.IntegerField()
    niet_overgenomen = serializers.IntegerField()
    onverwerkt = serializers.IntegerField()


class ThemaDetailSerializer(ThemaSerializer):
    netwerken = ThemaNetwerkRijSerializer(
        many=True, source="netwerk_rijen", help_text="Per netwerk (KleinLef apart)."
    )
    organisaties = ThemaOrganisatieRijSerializer(many=True, source="organisatie_rijen")
    per_jaar = ThemaJaarRijSerializer(
        many=True, source="jaar_rijen", help_text="Wat de ministeries ermee deden, per jaar."
    )


class _Lijst(GenericAPIView):
    filter_backends = []

    def lijst(self, request, rijen):
        pagina = self.paginate_queryset(rijen)
        return self.get_paginated_response(self.get_serializer(pagina, many=True).data)


class ThemaLijstView(_Lijst):
    serializer_class = ThemaSerializer

    @extend_schema(
        operation_id="themas_list",
        summary="Thema's met hun cijfers",
        description="Elk thema met kernpunten die u mag inzien (het secretariaat ziet ook "
        "thema's zonder kernpunten in een paper), het vaakst ingebracht eerst: hoe vaak, in "
        "hoeveel consultaties, en wat de ministeries ermee deden.",
        responses={200: ThemaSerializer(many=True), **fouten(401)},
        tags=["themas"],
    )
    def get(self, request):
        return self.lijst(request, cijfers.bereken(request.user))


class ThemaDetailView(GenericAPIView):
    serializer_class = ThemaDetailSerializer
    filter_backends = []

    @extend_schema(
        operation_id="themas_retrieve",
        summary="Eén thema: per netwerk, organisatie en jaar",
        responses={200: ThemaDetailSerializer, **fouten(401, 404)},
        tags=["themas"],
    )
    def get(self, request, pk):
        thema = Thema.objects.filter(pk=pk).first()
        gegevens = cijfers.bereken(request.user, thema) if thema else []
        if not gegevens:
            raise Http404
        return Response(self.get_serializer(gegevens[0]).data)


class KnelpuntenView(_Lijst):
    serializer_class = ThemaDetailSerializer

    @extend_schema(
        operation_id="themas_knelpunten_list",
        summary="Terugkerende knelpunten",
        description=f"Thema's die in {cijfers.KNELPUNT_MIN_CONSULTATIES} of meer consultaties "
        "zijn ingebracht en nooit zijn overgenomen (deels overnemen telt niet als "
        "overnemen), de meeste consultaties eerst; dezelfde cijfers als de XLSX-export. Voor "
        "het secretariaat en de leden van het netwerk.",
        responses={200: ThemaDetailSerializer(many=True), **fouten(401, 403)},
        tags=["themas"],
    )
    def get(self, request):
        if not permissions.mag_knelpunten_zien(request.user):
            raise PermissionDenied(
                "Alleen het secretariaat en de leden van het netwerk zien de knelpunten."
            )
        return self.lijst(request, cijfers.knelpunten(request.user))

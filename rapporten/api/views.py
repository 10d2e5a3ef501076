"""API for the joint position paper: versions, the PDF, sending, receipt and verwerking.
Thin views over ``rapporten.services``; visibility from ``Rapport.objects.zichtbaar_voor``."""

import django_filters
from django.db.models import Prefetch
from django.utils.translation import gettext
from djangorestframework_camel_case.render import CamelCaseJSONRenderer
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from kern.workflow import TransitieNietToegestaan
from reacties.api import ToelichtingSerializer
from tegenkracht.api.filters import IdFilter
from tegenkracht.api.renderers import BinairRenderer
from tegenkracht.api.schema import LEZEN, LIJST, SCHRIJVEN, fouten

from .. import permissions as regels
from .. import services
from ..models import Rapport, Status, Verwerking
from ..views import pdf_antwoord
from .serializers import (
    GeenInvoerSerializer,
    RapportDetailSerializer,
    RapportSerializer,
    VerwerkingInvoerSerializer,
    VerwerkingSerializer,
    _url,
)


def rapporten_voor(user):
    """Every version ``user`` may see, without the frozen snapshot (only the detail needs
    it), in a fixed number of queries."""
    return Rapport.objects.zichtbaar_voor(user).select_related("consultatie").defer("snapshot")


def rapporten_met_inhoud(user):
    """The visible versions with everything the detail shows."""
    return (
        Rapport.objects.zichtbaar_voor(user)
        .select_related("consultatie")
        .prefetch_related(Prefetch("verwerkingen", queryset=Verwerking.objects.order_by("pk")))
    )


def rapport_voor(user, pk):
    return rapporten_met_inhoud(user).get(pk=pk)


class PdfRenderer(BinairRenderer):
    """Lets a client ask for ``Accept: application/pdf``."""

    media_type = "application/pdf"
    format = "pdf"


# --- views ---------------------------------------------------------------------------


class RolMagActie(permissions.BasePermission):
    """The role check of each action before its input is validated, so a role that may not
    act gets 403 (after the 404 for what it may not see), whatever it sends."""

    REGELS = {
        "definitief": regels.kan_definitief_maken,
        "verzenden": regels.kan_verzenden,
        "opnieuw_genereren": lambda user, rapport: regels.is_secretaris(user, rapport),
        "ontvangst": regels.kan_ontvangst_bevestigen,
        "verwerkingen": regels.kan_verwerking_vastleggen,
    }

    def has_object_permission(self, request, view, obj):
        regel = self.REGELS.get(view.action)
        return regel is None or regel(request.user, obj)


class RapportFilter(django_filters.FilterSet):
    consultatie = IdFilter(field_name="consultatie_id")
    status = django_filters.ChoiceFilter(choices=Status.choices)

    class Meta:
        model = Rapport
        fields = ["consultatie", "status"]


def rapport_geaccepteerd(request, rapport, context) -> Response:
    """202 Accepted: the PDF is made in the background; the client follows the version in
    ``Location`` until its generatieStatus is 'klaar' or 'mislukt'."""
    rapport = rapport_voor(request.user, rapport.pk)
    data = RapportDetailSerializer(rapport, context=context).data
    locatie = _url(request, "api:rapport-detail", rapport.pk)["href"]
    return Response(data, status=status.HTTP_202_ACCEPTED, headers={"Location": locatie})


#: The response header of a 202: where to follow the generation.
LOCATION = OpenApiParameter(
    "Location",
    OpenApiTypes.URI,
    location=OpenApiParameter.HEADER,
    response=[202],
    description="De versie: vraag die opnieuw op tot generatieStatus 'klaar' of 'mislukt' is.",
)


def _transitie_schema(samenvatting: str, invoer=ToelichtingSerializer, beschrijving=""):
    return extend_schema(
        summary=samenvatting,
        description=beschrijving,
        request=invoer,
        responses={200: RapportDetailSerializer, **fouten(*SCHRIJVEN)},
    )


@extend_schema_view(
    list=extend_schema(
        summary="Versies van het position paper",
        description="Het secretariaat ziet elke versie, een ministerie alleen het paper dat "
        "aan hem is verzonden, een organisatie alleen het verzonden paper van een consultatie "
        "waaraan zij heeft bijgedragen (met de verwerking per kernpunt).",
        responses={200: RapportSerializer(many=True), **fouten(*LIJST)},
    ),
    retrieve=extend_schema(
        summary="Versie van het position paper",
        description="Met de voortgang van het maken van de PDF, de kernpunten van het paper "
        "en de verwerking door het ministerie.",
        responses={200: RapportDetailSerializer, **fouten(*LEZEN)},
    ),
)
class RapportViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = RapportSerializer
    filterset_class = RapportFilter
    ordering_fields = ["versie", "aangemaakt_op", "verzonden_op"]
    ordering = ["-aangemaakt_op", "-pk"]
    http_method_names = ["get", "post", "head", "options"]
    permission_classes = [permissions.IsAuthenticated, RolMagActie]

    def get_queryset(self):
        if self.action == "retrieve":
            return rapporten_met_inhoud(self.request.user)
        return rapporten_voor(self.request.user)

    def get_serializer_class(self):
        return RapportSerializer if self.action == "list" else RapportDetailSerializer

    def get_object(self):
        rapport = super().get_object()
        if services.rapport_afbreken_als_stil(rapport):
            rapport = super().get_object()
        return rapport

    def _antwoord(self, rapport):
        rapport = rapport_voor(self.request.user, rapport.pk)
        return Response(
            RapportDetailSerializer(rapport, context=self.get_serializer_context()).data
        )

    def _invoer(self, serializer_class):
        invoer = serializer_class(data=self.request.data)
        invoer.is_valid(raise_exception=True)
        return invoer.validated_data

    @extend_schema(
        summary="PDF van het position paper",
        description="Steeds dezelfde bytes (gecontroleerd tegen sha256). 409 zolang de PDF "
        "niet klaar is.",
        responses={
            (200, "application/pdf"): OpenApiResponse(
                response=OpenApiTypes.BINARY, description="Het position paper (PDF/UA-1)."
            ),
            **fouten(401, 404, 409),
        },
    )
    @action(
        detail=True,
        methods=["get"],
        renderer_classes=[PdfRenderer, CamelCaseJSONRenderer],
        filterset_class=None,
        pagination_class=None,
    )
    def pdf(self, request, pk=None):
        rapport = self.get_object()
        if not rapport.pdf_gereed():
            raise TransitieNietToegestaan(rapport, "pdf", gettext("De PDF is nog niet klaar."))
        return pdf_antwoord(rapport)

    @_transitie_schema(
        "Definitief maken (concept → definitief)",
        beschrijving="Kan zodra de PDF klaar is; daarna verandert deze versie nooit meer.",
    )
    @action(detail=True, methods=["post"])
    def definitief(self, request, pk=None):
        rapport = self.get_object()
        invoer = self._invoer(ToelichtingSerializer)
        rapport = services.rapport_definitief_maken(rapport=rapport, actor=request.user, **invoer)
        return self._antwoord(rapport)

    @_transitie_schema(
        "Verzenden aan het ministerie (definitief → verzonden)",
        beschrijving="De consultatie gaat tegelijk van gesloten naar verzonden; het ministerie "
        "krijgt bericht. Hetzelfde als POST /consultaties/{id}/verzenden, maar voor deze versie.",
    )
    @action(detail=True, methods=["post"])
    def verzenden(self, request, pk=None):
        rapport = self.get_object()
        invoer = self._invoer(ToelichtingSerializer)
        rapport = services.rapport_verzenden(rapport=rapport, actor=request.user, **invoer)
        return self._antwoord(rapport)

    @extend_schema(
        summary="PDF opnieuw maken (concept)",
        description="Bijvoorbeeld nadat het maken mislukte. Antwoordt 202; volg de voortgang "
        "op de versie.",
        request=GeenInvoerSerializer,
        parameters=[LOCATION],
        responses={202: RapportDetailSerializer, **fouten(*SCHRIJVEN)},
    )
    @action(detail=True, methods=["post"], url_path="opnieuw-genereren")
    def opnieuw_genereren(self, request, pk=None):
        rapport = self.get_object()
        self._invoer(GeenInvoerSerializer)
        rapport = services.rapport_opnieuw_genereren(rapport=rapport, actor=request.user)
        return rapport_geaccepteerd(request, rapport, self.get_serializer_context())

    @_transitie_schema(
        "Ontvangst bevestigen (ministerie)",
        beschrijving="Het ministerie bevestigt eenmalig dat het het paper heeft ontvangen.",
    )
    @action(detail=True, methods=["post"])
    def ontvangst(self, request, pk=None):
        rapport = self.get_object()
        invoer = self._invoer(ToelichtingSerializer)
        rapport = services.rapport_ontvangst_bevestigen(
            rapport=rapport, actor=request.user, **invoer
        )
        return self._antwoord(rapport)

    @extend_schema(
        summary="Verwerking van een kernpunt vastleggen (ministerie)",
        description="Wat het ministerie met een kernpunt van het verzonden paper deed. "
        "Opnieuw vastleggen voor hetzelfde kernpunt wijzigt de verwerking (200), zolang de "
        "consultatie niet is afgerond.",
        request=VerwerkingInvoerSerializer,
        responses={
            201: VerwerkingSerializer,
            200: VerwerkingSerializer,
            **fouten(*SCHRIJVEN),
        },
    )
    @action(detail=True, methods=["post"])
    def verwerkingen(self, request, pk=None):
        rapport = self.get_object()
        invoer = self._invoer(VerwerkingInvoerSerializer)
        bestond = rapport.verwerkingen.filter(kernpunt_id=invoer["kernpunt"]).exists()
        verwerking = services.verwerking_vastleggen(rapport=rapport, actor=request.user, **invoer)
        return Response(
            VerwerkingSerializer(verwerking).data,
            status=status.HTTP_200_OK if bestond else status.HTTP_201_CREATED,
        )

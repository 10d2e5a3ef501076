"""API for the joint position paper: versions, the PDF, sending, receipt and verwerking.
Thin views over ``rapporten.services``; visibility from ``Rapport.objects.zichtbaar_voor``."""

import django_filters
from django.db.models import Prefetch
from django.utils.translation import gettext
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

from audit.api import TijdlijnMixin, tijdlijn_schema
from consultaties.api import ConsultatieSerializer
from consultaties.api import GeenInvoerSerializer as ConsultatieGeenInvoerSerializer
from kern import tellingen
from kern.workflow import TransitieNietToegestaan
from reacties import services as reactie_services
from reacties.models import Reactie
from tegenkracht.api.bulk import MAX_ITEMS, per_item
from tegenkracht.api.filters import IdFilter
from tegenkracht.api.paginering import totaal_te_onthouden
from tegenkracht.api.renderers import BinairRenderer, JsonRenderer
from tegenkracht.api.schema import LEZEN, LIJST, SCHRIJVEN, fouten
from tegenkracht.api.serializers import ToelichtingSerializer

from .. import permissions as regels
from .. import services
from ..models import Rapport, Status, Verwerking
from ..views import pdf_antwoord
from .serializers import (
    EerderKernpuntSerializer,
    GeenInvoerSerializer,
    PublicerenSerializer,
    RapportAanmakenSerializer,
    RapportDetailSerializer,
    RapportSerializer,
    VerwerkingenLijstSerializer,
    VerwerkingenResultatenSerializer,
    VerwerkingInvoerSerializer,
    VerwerkingSerializer,
    _url,
)


def rapporten_voor(user):
    """Every version ``user`` may see, without the frozen snapshot (only the detail needs
    it), in a fixed number of queries."""
    return (
        Rapport.objects.zichtbaar_voor(user)
        .select_related("consultatie", "publicatie")
        .defer("snapshot")
    )


#: The consultation's long texts, unused by the list of versions.
_LANGE_TEKSTEN = (
    "consultatie__samenvatting",
    "consultatie__bestuurlijke_samenvatting",
    "consultatie__aanbevelingen",
)


def rapporten_met_inhoud(user):
    """The visible versions with everything the detail shows."""
    return (
        Rapport.objects.zichtbaar_voor(user)
        .select_related("consultatie", "publicatie")
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
        "verwerkingen_bulk": regels.kan_verwerking_vastleggen,
        "publiceren": regels.kan_publiceren,
        "publicatie_intrekken": regels.kan_publiceren,
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
    tijdlijn=tijdlijn_schema(
        "De audittrail van deze versie. Het secretariaat ziet elke stap (ook het maken van "
        "de PDF en het definitief maken); het ministerie en de organisaties die het "
        "verzonden paper zien, de openbare mijlpalen: verzonden, ontvangst bevestigd en de "
        "verwerking per kernpunt, met hun toelichting."
    ),
)
class RapportViewSet(
    TijdlijnMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    serializer_class = RapportSerializer
    filterset_class = RapportFilter
    ordering_fields = ["versie", "aangemaakt_op", "verzonden_op", "gewijzigd_op"]
    ordering = ["-aangemaakt_op", "-pk"]
    http_method_names = ["get", "post", "head", "options"]
    permission_classes = [permissions.IsAuthenticated, RolMagActie]

    def get_queryset(self):
        if self.action == "retrieve":
            return rapporten_met_inhoud(self.request.user)
        if self.action == "list":
            # The list shows no text of the consultation: its long texts would be carried
            # through the sort of every visible version (SQLite sorts whole rows).
            return rapporten_voor(self.request.user).defer(*_LANGE_TEKSTEN)
        return rapporten_voor(self.request.user)

    def get_serializer_class(self):
        return RapportSerializer if self.action == "list" else RapportDetailSerializer

    def paginate_queryset(self, queryset):
        """The list: first the page's ids (a narrow query, which SQLite answers by walking
        ``rapport_nieuwste`` newest first), then those versions with their consultation.
        In one query with the joins, SQLite sorted every visible version of the years for
        a page of twenty."""
        if self.action != "list":
            return super().paginate_queryset(queryset)
        ids = super().paginate_queryset(queryset.values_list("pk", flat=True))
        if ids is None:
            return None
        versies = queryset.order_by().in_bulk(ids)
        return [versies[pk] for pk in ids if pk in versies]

    def aantal_resultaten(self) -> int | None:
        """The list's total from ``kern.tellingen`` (``tegenkracht.api.paginering``): a
        ministry's or organisation's papers of the years, counted again only after a
        change. A consultation's versions (``?consultatie=``) are few to count anyway."""
        if self.action != "list" or not totaal_te_onthouden(self.request):
            return None
        return tellingen.aantal([self.filter_queryset(self.get_queryset())])

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
        renderer_classes=[PdfRenderer, JsonRenderer],
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

    @_transitie_schema(
        "Openbaar maken in het openbare archief (secretariaat)",
        invoer=PublicerenSerializer,
        beschrijving="Alleen het paper dat aan het ministerie is verzonden. Meteen, of vanaf "
        "openbaarVanaf (bijvoorbeeld de dag waarop het ministerie het wetsvoorstel openbaar "
        "maakt); zolang dat moment niet is gekomen, wijzigt een nieuwe POST het. Daarna staan "
        "de PDF, de genummerde kernpunten en de verwerking door het ministerie zonder inloggen "
        "op /openbaar/ en in de Atom-feed /openbaar/feed.atom. 409 als het paper niet "
        "verzonden is of al openbaar is.",
    )
    @action(detail=True, methods=["post"])
    def publiceren(self, request, pk=None):
        rapport = self.get_object()
        invoer = self._invoer(PublicerenSerializer)
        rapport = services.rapport_publiceren(rapport=rapport, actor=request.user, **invoer)
        return self._antwoord(rapport)

    @_transitie_schema(
        "Publicatie intrekken (secretariaat)",
        beschrijving="Het paper verdwijnt meteen uit het openbare archief en de feed (of wordt "
        "niet openbaar op de geplande datum). 409 als het niet openbaar is gemaakt.",
    )
    @action(detail=True, methods=["post"], url_path="publicatie-intrekken")
    def publicatie_intrekken(self, request, pk=None):
        rapport = self.get_object()
        invoer = self._invoer(ToelichtingSerializer)
        rapport = services.rapport_publicatie_intrekken(
            rapport=rapport, actor=request.user, **invoer
        )
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
        status_code, data = _verwerking_vastleggen(self.get_object(), request.user, request.data)
        return Response(data, status=status_code)

    @extend_schema(
        summary="Verwerking van meerdere kernpunten tegelijk vastleggen (ministerie)",
        description="Elk item gaat door dezelfde service als POST …/verwerkingen en krijgt "
        "zijn eigen resultaat: de status die het als los verzoek had gekregen (201 nieuw, "
        "200 gewijzigd, 400, 409) met de verwerking of de problem details. Elk item is een "
        "eigen transactie: een geweigerd item verandert niets en houdt de andere niet "
        "tegen; items lopen in de volgorde van het verzoek. Het hele verzoek wordt alleen "
        f"geweigerd (en er gebeurt niets) bij 401, 403, 404 of een lijst die leeg is of "
        f"meer dan {MAX_ITEMS} items heeft (400).",
        request=VerwerkingenLijstSerializer,
        responses={200: VerwerkingenResultatenSerializer, **fouten(400, 401, 403, 404, 415)},
    )
    @action(detail=True, methods=["post"], url_path="verwerkingen/bulk")
    def verwerkingen_bulk(self, request, pk=None):
        rapport = self.get_object()
        items = self._invoer(VerwerkingenLijstSerializer)["verwerkingen"]
        resultaten = per_item(
            items,
            lambda item: _verwerking_vastleggen(rapport, request.user, item),
            instance=request.get_full_path(),
        )
        return Response(resultaten)


def _verwerking_vastleggen(rapport, actor, gegevens) -> tuple[int, dict]:
    """One verwerking, as the single and the bulk endpoint record it: 201 new, 200 changed."""
    invoer = VerwerkingInvoerSerializer(data=gegevens)
    invoer.is_valid(raise_exception=True)
    bestond = rapport.verwerkingen.filter(kernpunt_id=invoer.validated_data["kernpunt"]).exists()
    verwerking = services.verwerking_vastleggen(
        rapport=rapport, actor=actor, **invoer.validated_data
    )
    status_code = status.HTTP_200_OK if bestond else status.HTTP_201_CREATED
    return status_code, VerwerkingSerializer(verwerking).data


# Mixed into the consultation resource (``tegenkracht/api_urls.py``): the paper is made and
# sent from the consultation. No docstring, as drf-spectacular would take it for the
# description of every operation of the resource.
class ConsultatiePaper:
    @extend_schema(
        summary="Nieuwe versie van het position paper maken",
        description="Bevriest de geaccepteerde reacties in een nieuwe conceptversie en maakt "
        "de PDF op de achtergrond. Antwoordt 202 met in 'Location' de versie: vraag die op "
        "tot generatieStatus 'klaar' (of 'mislukt') is. bestuurlijkeSamenvatting en "
        "aanbevelingen worden eerst bij de consultatie bewaard.",
        request=RapportAanmakenSerializer,
        parameters=[LOCATION],
        responses={202: RapportDetailSerializer, **fouten(*SCHRIJVEN)},
    )
    @action(detail=True, methods=["post"])
    def rapporten(self, request, pk=None):
        consultatie = self.get_object()
        invoer = self._invoer(RapportAanmakenSerializer)
        rapport = services.rapport_aanmaken(
            consultatie=consultatie, actor=request.user, op_achtergrond=True, **invoer
        )
        return rapport_geaccepteerd(request, rapport, self.get_serializer_context())

    @extend_schema(
        summary="Verzenden aan het ministerie (gesloten → verzonden)",
        request=ConsultatieGeenInvoerSerializer,
        responses={200: ConsultatieSerializer, **fouten(*SCHRIJVEN)},
    )
    @action(detail=True, methods=["post"])
    def verzenden(self, request, pk=None):
        # Sending goes through the paper: the consultation never leaves without its PDF.
        consultatie = self.get_object()
        self._invoer(ConsultatieGeenInvoerSerializer)
        services.rapport_verzenden_voor_consultatie(consultatie=consultatie, actor=request.user)
        consultatie.refresh_from_db()
        return self._antwoord(consultatie)


# Mixed into the response resource (``tegenkracht/api_urls.py``): a hertoets reads the
# earlier paper. No docstring (see above).
class ReactieEerdereKernpunten:
    @extend_schema(
        summary="Kernpunten van de eerdere toets (hertoets)",
        description="Per kernpunt van de eigen eerdere toets in het verzonden position paper: "
        "het nummer, de tekst, de verwerking door het ministerie en het oordeel van de "
        "organisatie of deze versie het oplost. Wijzigen: PATCH op de reactie met "
        "'herbeoordelingen'. Leeg bij een eerste toets.",
        request=None,
        responses={200: EerderKernpuntSerializer(many=True), **fouten(*LEZEN)},
    )
    @action(
        detail=True,
        methods=["get"],
        url_path="eerdere-kernpunten",
        filterset_class=None,
        pagination_class=None,
    )
    def eerdere_kernpunten(self, request, pk=None):
        reactie = self.get_object()
        # Like the response page: only for who may see the earlier toets itself.
        mag = (
            Reactie.objects.zichtbaar_voor(request.user)
            .filter(pk=reactie.vorige_reactie_id)
            .exists()
        )
        rijen = reactie_services.eerdere_kernpunten(reactie) if mag else []
        return Response(EerderKernpuntSerializer(rijen, many=True).data)

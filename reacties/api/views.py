"""API for responses (uitvoeringstoetsen) and kernpunten: thin views over
``reacties.services``."""

import django_filters
from django.db.models import Prefetch
from django.db.models.expressions import RawSQL
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext
from djangorestframework_camel_case.parser import CamelCaseMultiPartParser
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from audit.api import TijdlijnMixin, tijdlijn_schema
from consultaties import services as consultatie_services
from consultaties.api import UitnodigenSerializer
from consultaties.downloads import bestand_antwoord
from tegenkracht.api.filters import IdFilter
from tegenkracht.api.paginering import totaal_te_onthouden
from tegenkracht.api.problemen import probleem
from tegenkracht.api.renderers import BestandRenderer, JsonRenderer
from tegenkracht.api.schema import LEZEN, LIJST, SCHRIJVEN, fouten
from tegenkracht.api.serializers import ToelichtingSerializer

from .. import permissions as regels
from .. import services
from ..models import (
    Antwoord,
    Beoordeling,
    Bijlage,
    Kernpunt,
    KernpuntHertoets,
    Kostenpost,
    Onderschrijving,
    Reactie,
    Status,
)
from .serializers import (
    BETROKKEN_ORGANISATIES,
    VOORAF,
    BijlageInvoerSerializer,
    BijlageSerializer,
    KernpuntInvoerSerializer,
    KernpuntSerializer,
    ReactieSerializer,
    ReactieWijzigenSerializer,
    SamenvoegenSerializer,
    SelectieResultaatSerializer,
    SelectieSerializer,
    beoordelingen_als_weergave,
)


def reacties_voor(user, *, beoordelingen=True):
    """Every response ``user`` may see, with what the serializer needs in a fixed number of
    queries. ``beoordelingen=False``: without the assessments, which the list reads for its
    page only (``beoordelingen_als_weergave``)."""
    vooraf = []
    if beoordelingen:
        vooraf.append(
            Prefetch(
                "beoordelingen",
                queryset=Beoordeling.objects.prefetch_related(
                    Prefetch("betrokken_organisaties", to_attr=BETROKKEN_ORGANISATIES)
                ),
                to_attr="beoordelingen" + VOORAF,
            )
        )
    return (
        Reactie.objects.zichtbaar_voor(user)
        .select_related("consultatie")
        .prefetch_related(
            *vooraf,
            # Each list in its model's order within one response, said without the
            # response: the models' own order starts with the response's, which joined
            # the response, its consultation and organisation (seven tables for a
            # hertoets) only to sort lists that each belong to one response.
            Prefetch(
                "kosten",
                queryset=Kostenpost.objects.order_by("categorie", "soort", "pk"),
                to_attr="kosten" + VOORAF,
            ),
            Prefetch(
                "antwoorden",
                queryset=Antwoord.objects.order_by("vraag__volgorde", "pk"),
                to_attr="antwoorden" + VOORAF,
            ),
            # A hertoets judges the kernpunten of one earlier toets: their keys' order.
            Prefetch(
                "herbeoordelingen",
                queryset=KernpuntHertoets.objects.order_by("kernpunt_id"),
                to_attr="herbeoordelingen" + VOORAF,
            ),
        )
    )


def kernpunten_voor(user):
    return (
        Kernpunt.objects.zichtbaar_voor(user)
        .select_related("reactie__consultatie")
        .prefetch_related(
            Prefetch("onderschrijvingen", queryset=Onderschrijving.objects.order_by("pk"))
        )
    )


def selectie_antwoord(resultaten) -> Response:
    """One result per item, in the order asked; 200 also when some items failed."""
    return Response(
        {
            "resultaten": [
                {
                    "id": r.id,
                    "gelukt": r.gelukt,
                    "status": r.status,
                    "reactie_status": r.obj.status if r.gelukt else None,
                    "probleem": None if r.gelukt else probleem(r.status, detail=r.melding),
                }
                for r in resultaten
            ],
            "aantal_gelukt": sum(1 for r in resultaten if r.gelukt),
            "aantal_mislukt": sum(1 for r in resultaten if not r.gelukt),
        }
    )


# --- views ---------------------------------------------------------------------------


class ReactieFilter(django_filters.FilterSet):
    consultatie = IdFilter(field_name="consultatie_id")
    organisatie = IdFilter(field_name="organisatie_id")
    status = django_filters.ChoiceFilter(choices=Status.choices)

    class Meta:
        model = Reactie
        fields = ["consultatie", "organisatie", "status"]


def _transitie_actie(naam: str):
    """A ``POST /reacties/{id}/<actie>`` endpoint that runs the transition's service."""
    declaratie = services.WERKSTROOM[naam]

    def transitie(self, request, pk=None):
        reactie = self.get_object()
        invoer = ToelichtingSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        reactie = services.reactie_transitie(
            naam, reactie=reactie, actor=request.user, **invoer.validated_data
        )
        return self._antwoord(reactie)

    # The router maps the route to the method by its name: set it before decorating.
    transitie.__name__ = transitie.__qualname__ = naam
    transitie = action(detail=True, methods=["post"], url_path=declaratie.endpoint, url_name=naam)(
        transitie
    )
    return extend_schema(
        summary=declaratie.samenvatting,
        request=ToelichtingSerializer,
        responses={200: ReactieSerializer, **fouten(*SCHRIJVEN)},
    )(transitie)


@extend_schema_view(
    list=extend_schema(
        summary="Reacties (uitvoeringstoetsen)",
        responses={200: ReactieSerializer(many=True), **fouten(*LIJST)},
    ),
    retrieve=extend_schema(summary="Reactie", responses={200: ReactieSerializer, **fouten(*LEZEN)}),
    tijdlijn=tijdlijn_schema(
        "De audittrail van de reactie. De eigen organisatie en het secretariaat zien elke "
        "stap met toelichting; anderen alleen de openbare mijlpalen (ingediend, "
        "geaccepteerd, afgezien, verlopen), zonder toelichting."
    ),
    partial_update=extend_schema(
        summary="Concept bijwerken",
        description="Stuur 'versie' mee: is die verouderd, dan 409 en wordt niets opgeslagen.",
        request=ReactieWijzigenSerializer,
        responses={200: ReactieSerializer, **fouten(*SCHRIJVEN)},
    ),
)
class ReactieViewSet(
    TijdlijnMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    serializer_class = ReactieSerializer
    filterset_class = ReactieFilter
    ordering_fields = ["status", "gewijzigd_op", "ingediend_op"]
    # Newest consultation first, grouped per consultation: the unique (consultatie,
    # organisatie) index gives this order, so a page is read without sorting every
    # visible response (the model's order joins two tables and sorts them all). Ordered
    # on the joined consultation's own key, not on the response's copy of it (Django
    # writes ``consultatie__id`` as the latter): SQLite then walks the consultations
    # backwards and reads one page; on the copy it sorted every visible response first.
    ordering = [RawSQL('"consultaties_consultatie"."id"', ()).desc(), "-organisatie_id"]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        if self.action in ("kernpunten", "bijlagen", "bijlage", "tijdlijn"):
            # Only the response's visibility matters here, not its content.
            return Reactie.objects.zichtbaar_voor(self.request.user).select_related("consultatie")
        return reacties_voor(self.request.user, beoordelingen=self.action != "list")

    def paginate_queryset(self, queryset):
        pagina = super().paginate_queryset(queryset)
        if pagina and self.action == "list":
            beoordelingen_als_weergave(pagina)
        return pagina

    def aantal_resultaten(self) -> int | None:
        """The list's total, counted per part of what the user may see (an organisation:
        its own responses, the others' submitted ones) so that each count uses an index
        (``tegenkracht.api.paginering``)."""
        if self.action != "list":
            return None
        # A consultation's responses (?consultatie=) are few to count anyway.
        return Reactie.objects.aantal_zichtbaar_voor(
            self.request.user,
            self.filter_queryset,
            onthouden=totaal_te_onthouden(self.request),
        )

    def _antwoord(self, reactie, status_code=status.HTTP_200_OK):
        reactie = self.get_queryset().get(pk=reactie.pk)
        return Response(self.get_serializer(reactie).data, status=status_code)

    def partial_update(self, request, pk=None):
        reactie = self.get_object()
        invoer = ReactieWijzigenSerializer(data=request.data, partial=True)
        invoer.is_valid(raise_exception=True)
        velden = dict(invoer.validated_data)
        if "versie" not in velden:
            raise serializers.ValidationError(
                {"versie": gettext("Stuur de versie mee waarop uw wijziging is gebaseerd.")}
            )
        versie = velden.pop("versie")
        beoordelingen = velden.pop("beoordelingen", None)
        kosten = velden.pop("kosten", None)
        antwoorden = velden.pop("antwoorden", None)
        herbeoordelingen = velden.pop("herbeoordelingen", None)
        reactie = services.reactie_bijwerken(
            reactie=reactie,
            actor=request.user,
            versie=versie,
            velden=velden,
            beoordelingen={
                b["dimensie"]: {"gevolgen": b["gevolgen"], "toelichting": b.get("toelichting", "")}
                for b in beoordelingen or []
            },
            kosten=kosten,
            antwoorden={a["vraag"]: a["tekst"] for a in antwoorden or []},
            herbeoordelingen={
                h["kernpunt"]: {"oordeel": h["oordeel"], "toelichting": h.get("toelichting", "")}
                for h in herbeoordelingen or []
            },
        )
        return self._antwoord(reactie)

    @extend_schema(
        operation_id="reacties_selectie_accepteren",
        summary="Een selectie ingediende reacties accepteren",
        description="Elke reactie gaat door dezelfde actie als POST /reacties/{id}/accepteren, "
        "elk op zich: wat niet kan, staat met de reden in zijn resultaat en de rest gaat door. "
        "Een reactie die u niet mag zien, krijgt status 404, zoals bij de enkele actie.",
        request=SelectieSerializer,
        responses={200: SelectieResultaatSerializer, **fouten(400, 401, 415)},
    )
    @action(
        detail=False,
        methods=["post"],
        url_path="accepteren",
        url_name="accepteren-selectie",
        filterset_class=None,
        pagination_class=None,
    )
    def accepteren_selectie(self, request):
        invoer = SelectieSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        return selectie_antwoord(
            services.reacties_accepteren(
                ids=invoer.validated_data["reacties"],
                actor=request.user,
                toelichting=invoer.validated_data.get("toelichting", ""),
            )
        )

    @extend_schema(
        methods=["GET"],
        summary="Kernpunten van de reactie",
        request=None,
        responses={200: KernpuntSerializer(many=True), **fouten(*LEZEN)},
    )
    @extend_schema(
        methods=["POST"],
        summary="Kernpunt toevoegen",
        request=KernpuntInvoerSerializer,
        responses={201: KernpuntSerializer, **fouten(*SCHRIJVEN)},
    )
    @action(detail=True, methods=["get", "post"], filterset_class=None, pagination_class=None)
    def kernpunten(self, request, pk=None):
        reactie = self.get_object()
        context = self.get_serializer_context()
        if request.method == "GET":
            kernpunten = kernpunten_voor(request.user).filter(reactie=reactie)
            return Response(KernpuntSerializer(kernpunten, many=True, context=context).data)
        invoer = KernpuntInvoerSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        kernpunt = services.kernpunt_toevoegen(
            reactie=reactie, actor=request.user, **invoer.validated_data
        )
        kernpunt = kernpunten_voor(request.user).get(pk=kernpunt.pk)
        return Response(
            KernpuntSerializer(kernpunt, context=context).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(
        methods=["GET"],
        summary="Bijlagen van de reactie",
        operation_id="reacties_bijlagen_list",
        description="Wie de reactie mag zien, ziet ook haar bijlagen.",
        request=None,
        responses={200: BijlageSerializer(many=True), **fouten(*LEZEN)},
    )
    @extend_schema(
        methods=["POST"],
        summary="Bijlage toevoegen (multipart)",
        description="Alleen de eigen organisatie, zolang de reactie in voorbereiding is. "
        "PDF, DOCX of ODT, gecontroleerd op inhoud (zoals documenten van een consultatie).",
        request={"multipart/form-data": BijlageInvoerSerializer},
        responses={201: BijlageSerializer, **fouten(*SCHRIJVEN)},
    )
    @action(
        detail=True,
        methods=["get", "post"],
        parser_classes=[CamelCaseMultiPartParser],
        filterset_class=None,
        pagination_class=None,
    )
    def bijlagen(self, request, pk=None):
        reactie = self.get_object()
        context = self.get_serializer_context()
        if request.method == "GET":
            bijlagen = reactie.bijlagen.all()
            return Response(BijlageSerializer(bijlagen, many=True, context=context).data)
        invoer = BijlageInvoerSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        bijlage = services.reactie_bijlage_toevoegen(
            reactie=reactie, actor=request.user, bestand=invoer.validated_data["bestand"]
        )
        return Response(
            BijlageSerializer(bijlage, context=context).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(
        summary="Bijlage downloaden",
        operation_id="reacties_bijlage_downloaden",
        description="Het bestand zelf, met zijn eigen bestandstype.",
        responses={
            (200, "application/octet-stream"): OpenApiResponse(
                response=OpenApiTypes.BINARY, description="Het bestand."
            ),
            **fouten(401, 404),
        },
    )
    @action(
        detail=True,
        methods=["get"],
        url_path=r"bijlagen/(?P<bijlage_pk>[0-9]+)",
        renderer_classes=[JsonRenderer, BestandRenderer],
        filterset_class=None,
        pagination_class=None,
    )
    def bijlage(self, request, pk=None, bijlage_pk=None):
        reactie = self.get_object()
        bijlage = get_object_or_404(Bijlage, reactie=reactie, pk=bijlage_pk)
        return bestand_antwoord(bijlage.bestand, bijlage.bestandsnaam, bijlage.content_type)


# One endpoint per declared action: POST /reacties/{id}/<actie>.
for _actie in services.WERKSTROOM:
    setattr(ReactieViewSet, _actie.naam, _transitie_actie(_actie.naam))


class SecretarisVoegtSamen(permissions.BasePermission):
    """Merging is the secretariaat's: others get 403 (after the 404 for what they may not
    see) before their input is validated."""

    message = "Alleen het secretariaat kan kernpunten samenvoegen."

    def has_object_permission(self, request, view, obj):
        return view.action != "samenvoegen" or regels.mag_samenvoegen(request.user)


class KernpuntViewSet(viewsets.GenericViewSet):
    serializer_class = KernpuntSerializer
    permission_classes = [permissions.IsAuthenticated, SecretarisVoegtSamen]

    def get_queryset(self):
        return kernpunten_voor(self.request.user)

    @extend_schema(
        summary="Kernpunt onderschrijven",
        description="Een andere organisatie onderschrijft het kernpunt, zodra de consultatie "
        "gesloten is.",
        request=None,
        responses={201: KernpuntSerializer, **fouten(401, 403, 404, 409)},
    )
    @action(detail=True, methods=["post"])
    def onderschrijven(self, request, pk=None):
        kernpunt = self.get_object()
        services.kernpunt_onderschrijven(kernpunt=kernpunt, actor=request.user)
        kernpunt = self.get_queryset().get(pk=kernpunt.pk)
        return Response(self.get_serializer(kernpunt).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Kernpunt samenvoegen met een ander (secretariaat)",
        description="Voegt een dubbel kernpunt samen met een ander kernpunt van dezelfde "
        "consultatie. De organisatie die het dubbele kernpunt inbracht en wie het "
        "onderschreef, onderschrijven daarna het kernpunt waarin het opgaat; dat kernpunt "
        "komt terug.",
        request=SamenvoegenSerializer,
        responses={200: KernpuntSerializer, **fouten(*SCHRIJVEN)},
    )
    @action(detail=True, methods=["post"])
    def samenvoegen(self, request, pk=None):
        kernpunt = self.get_object()
        invoer = SamenvoegenSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        doel = self.get_queryset().filter(pk=invoer.validated_data["in_kernpunt"]).first()
        if doel is None:
            # Unknown and invisible look the same: an invalid choice, not a 404 of this URL.
            raise serializers.ValidationError(
                {"in_kernpunt": "Kies een ander kernpunt van dezelfde consultatie."}
            )
        doel = services.kernpunt_samenvoegen(
            kernpunt=kernpunt,
            in_kernpunt=doel,
            actor=request.user,
            toelichting=invoer.validated_data.get("toelichting", ""),
        )
        doel = self.get_queryset().get(pk=doel.pk)
        return Response(self.get_serializer(doel).data)


# Mixed into the consultation resource (``tegenkracht/api_urls.py``): inviting answers with
# the new invitees' responses. No docstring, as drf-spectacular would take it for the
# description of every operation of the resource.
class ConsultatieUitnodigingen:
    @extend_schema(
        summary="Organisaties of een heel netwerk uitnodigen",
        description="Met 'organisaties' (id's), 'netwerk' (alle uitvoeringsorganisaties "
        "van Manifestgroep, KleinLef of RBB Groep) of beide. Elke nieuw uitgenodigde "
        "organisatie krijgt een reactie in status 'uitgenodigd' en staat in het antwoord; "
        "al uitgenodigde organisaties worden overgeslagen. Alles of niets: is één "
        "organisatie niet uit te nodigen (bijvoorbeeld een ministerie), dan 400 en wordt "
        "niemand uitgenodigd.",
        request=UitnodigenSerializer,
        responses={201: ReactieSerializer(many=True), **fouten(*SCHRIJVEN)},
    )
    @action(detail=True, methods=["post"])
    def uitnodigingen(self, request, pk=None):
        consultatie = self.get_object()
        nieuw = consultatie_services.consultatie_uitnodigen(
            consultatie=consultatie, actor=request.user, **self._invoer(UitnodigenSerializer)
        )
        reacties = reacties_voor(request.user).filter(pk__in=[r.pk for r in nieuw])
        data = ReactieSerializer(reacties, many=True, context=self.get_serializer_context()).data
        return Response(data, status=status.HTTP_201_CREATED)

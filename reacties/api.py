"""API for responses (uitvoeringstoetsen) and kernpunten: thin views over
``reacties.services``."""

import django_filters
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from djangorestframework_camel_case.parser import CamelCaseMultiPartParser
from djangorestframework_camel_case.render import CamelCaseJSONRenderer
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.reverse import reverse

from audit.models import AuditEvent
from consultaties.downloads import bestand_antwoord
from kern import bulk
from rapporten.models import Uitkomst
from tegenkracht.api.filters import GROOTSTE_ID, IdFilter
from tegenkracht.api.problemen import probleem
from tegenkracht.api.renderers import BinairRenderer
from tegenkracht.api.schema import LEZEN, LIJST, SCHRIJVEN, ProbleemSerializer, fouten
from tegenkracht.api.serializers import StrikteInvoerMixin, ToegestaneActiesField

from . import permissions as regels
from . import services
from .models import (
    Antwoord,
    Beoordeling,
    Bijlage,
    Dimensie,
    Eindoordeel,
    Gevolgen,
    Herbeoordeling,
    HulpBurger,
    Kernpunt,
    KernpuntHertoets,
    Kostenpost,
    Levensgebeurtenis,
    Onderschrijving,
    Reactie,
    Risico,
    Status,
)

ACTIES = services.WERKSTROOM.endpoints()


class BestandRenderer(BinairRenderer):
    """Lets a client ask for the attachment's own type (``Accept: application/pdf``)."""

    media_type = "*/*"
    format = "bestand"


class BijlageSerializer(serializers.ModelSerializer):
    download = serializers.SerializerMethodField(help_text="Waar het bestand te downloaden is.")

    class Meta:
        model = Bijlage
        fields = [
            "id",
            "bestandsnaam",
            "content_type",
            "grootte",
            "sha256",
            "geupload_op",
            "download",
        ]
        read_only_fields = fields

    def get_download(self, bijlage) -> str:
        return reverse(
            "api:reactie-bijlage",
            kwargs={"pk": bijlage.reactie_id, "bijlage_pk": bijlage.pk},
            request=self.context.get("request"),
        )


class BijlageInvoerSerializer(StrikteInvoerMixin, serializers.Serializer):
    bestand = serializers.FileField(help_text="PDF, DOCX of ODT (gecontroleerd op inhoud).")


def reacties_voor(user):
    """Every response ``user`` may see, with what the serializer needs in a fixed number of
    queries."""
    return (
        Reactie.objects.zichtbaar_voor(user)
        .select_related("consultatie")
        .prefetch_related(
            Prefetch(
                "beoordelingen",
                queryset=Beoordeling.objects.prefetch_related("betrokken_organisaties"),
            ),
            "kosten",
            Prefetch("antwoorden", queryset=Antwoord.objects.select_related("vraag")),
            "herbeoordelingen",
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


# --- serializers ---------------------------------------------------------------------


class BeoordelingSerializer(serializers.ModelSerializer):
    betrokken_organisaties = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = Beoordeling
        fields = ["dimensie", "gevolgen", "toelichting", "betrokken_organisaties"]


class KostenpostSerializer(serializers.ModelSerializer):
    class Meta:
        model = Kostenpost
        fields = ["categorie", "soort", "bedrag", "jaar", "toelichting"]


class AntwoordSerializer(serializers.ModelSerializer):
    class Meta:
        model = Antwoord
        fields = ["vraag", "tekst"]


class HerbeoordelingSerializer(serializers.ModelSerializer):
    class Meta:
        model = KernpuntHertoets
        fields = ["kernpunt", "oordeel", "toelichting"]


class EerderKernpuntSerializer(serializers.Serializer):
    """A kernpunt of the organisation's earlier toets, as the sent paper numbered it, with
    the ministry's verwerking and the organisation's marking in this re-toets."""

    kernpunt = serializers.IntegerField(source="id")
    nummer = serializers.CharField(help_text="Het nummer (K1, K2, …) in het eerdere paper.")
    tekst = serializers.CharField()
    verwerking = serializers.ChoiceField(Uitkomst.choices, allow_blank=True)
    verwerking_toelichting = serializers.CharField(allow_blank=True)
    oordeel = serializers.ChoiceField(Herbeoordeling.choices, allow_blank=True)
    toelichting = serializers.CharField(allow_blank=True)


class ReactieSerializer(serializers.ModelSerializer):
    toegestane_acties = ToegestaneActiesField(ACTIES, services.toegestane_acties)
    termijn = serializers.DateTimeField(
        source="effectieve_termijn",
        read_only=True,
        help_text="De termijn voor deze organisatie (met een eventuele verlenging).",
    )
    levensgebeurtenissen = serializers.ListField(
        child=serializers.ChoiceField(choices=Levensgebeurtenis.choices), read_only=True
    )
    # Empty until filled in: the schema allows the blank value next to the choices.
    eindoordeel = serializers.ChoiceField(Eindoordeel.choices, allow_blank=True, read_only=True)
    risico_procesverstoringen = serializers.ChoiceField(
        Risico.choices, allow_blank=True, read_only=True
    )
    helpt_burger = serializers.ChoiceField(HulpBurger.choices, allow_blank=True, read_only=True)
    beoordelingen = BeoordelingSerializer(many=True, read_only=True)
    kosten = KostenpostSerializer(many=True, read_only=True)
    antwoorden = AntwoordSerializer(many=True, read_only=True)
    herbeoordelingen = HerbeoordelingSerializer(
        many=True,
        read_only=True,
        help_text="Bij een hertoets: per kernpunt van de eigen eerdere toets of deze versie "
        "het oplost.",
    )

    class Meta:
        model = Reactie
        fields = [
            "id",
            "consultatie",
            "organisatie",
            "status",
            "toegestane_acties",
            "versie",
            "termijn",
            "vorige_reactie",
            *services.INHOUD_VELDEN,
            "beoordelingen",
            "kosten",
            "antwoorden",
            "herbeoordelingen",
            "ingediend_op",
            "afzien_reden",
            "aangemaakt_op",
            "gewijzigd_op",
        ]
        read_only_fields = fields


class BeoordelingInvoerSerializer(StrikteInvoerMixin, serializers.Serializer):
    dimensie = serializers.ChoiceField(choices=Dimensie.choices)
    gevolgen = serializers.ChoiceField(choices=Gevolgen.choices, allow_blank=True)
    toelichting = serializers.CharField(required=False, allow_blank=True)


class KostenpostInvoerSerializer(StrikteInvoerMixin, serializers.ModelSerializer):
    class Meta:
        model = Kostenpost
        fields = ["categorie", "soort", "bedrag", "jaar", "toelichting"]
        extra_kwargs = {"bedrag": {"min_value": 0}}


class AntwoordInvoerSerializer(StrikteInvoerMixin, serializers.Serializer):
    vraag = serializers.IntegerField()
    tekst = serializers.CharField(allow_blank=True)


class HerbeoordelingInvoerSerializer(StrikteInvoerMixin, serializers.Serializer):
    kernpunt = serializers.IntegerField(help_text="Een kernpunt van de eigen eerdere toets.")
    oordeel = serializers.ChoiceField(
        choices=Herbeoordeling.choices,
        allow_blank=True,
        help_text="Leeg wist het oordeel over dit kernpunt.",
    )
    toelichting = serializers.CharField(required=False, allow_blank=True)


class ReactieWijzigenSerializer(StrikteInvoerMixin, serializers.ModelSerializer):
    """The draft's content. ``beoordelingen`` and ``antwoorden`` update the dimensions and
    questions they name; ``kosten`` replaces all cost lines."""

    versie = serializers.IntegerField(
        help_text="De versie waarop uw wijziging is gebaseerd; is die verouderd, dan 409."
    )
    levensgebeurtenissen = serializers.ListField(
        child=serializers.ChoiceField(choices=Levensgebeurtenis.choices), required=False
    )
    beoordelingen = BeoordelingInvoerSerializer(many=True, required=False)
    kosten = KostenpostInvoerSerializer(many=True, required=False)
    antwoorden = AntwoordInvoerSerializer(many=True, required=False)
    herbeoordelingen = HerbeoordelingInvoerSerializer(many=True, required=False)

    class Meta:
        model = Reactie
        fields = [
            "versie",
            *services.INHOUD_VELDEN,
            "beoordelingen",
            "kosten",
            "antwoorden",
            "herbeoordelingen",
        ]
        extra_kwargs = {veld: {"required": False} for veld in services.INHOUD_VELDEN}


class KernpuntSerializer(serializers.ModelSerializer):
    toegestane_acties = serializers.SerializerMethodField(
        help_text="De acties die u nu mag uitvoeren: POST /kernpunten/{id}/<actie>."
    )
    onderschreven_door = serializers.SerializerMethodField(
        help_text="De organisaties (id's) die dit kernpunt onderschrijven."
    )

    class Meta:
        model = Kernpunt
        fields = [
            "id",
            "reactie",
            "dimensie",
            "tekst",
            "artikel",
            "voorgestelde_wijziging",
            "ernst",
            "samengevoegd_in",
            "onderschreven_door",
            "toegestane_acties",
            "aangemaakt_op",
        ]
        read_only_fields = fields

    def get_toegestane_acties(self, kernpunt) -> list[str]:
        gebruiker = self.context["request"].user
        acties = []
        if regels.kan_onderschrijven(gebruiker, kernpunt):
            acties.append("onderschrijven")
        if kernpunt.samengevoegd_in_id is None and regels.kan_samenvoegen(gebruiker, kernpunt):
            acties.append("samenvoegen")
        return acties

    def get_onderschreven_door(self, kernpunt) -> list[int]:
        return [o.organisatie_id for o in kernpunt.onderschrijvingen.all()]


class KernpuntInvoerSerializer(StrikteInvoerMixin, serializers.ModelSerializer):
    class Meta:
        model = Kernpunt
        fields = ["dimensie", "tekst", "artikel", "voorgestelde_wijziging", "ernst"]


class TijdlijnSerializer(serializers.Serializer):
    # One event on a response's timeline. Outside the own organisation and the
    # secretariaat only the public milestones, without notes (Reactie.tijdlijn_inzage).

    tijdstip = serializers.DateTimeField()
    actie = serializers.CharField()
    van_status = serializers.CharField()
    naar_status = serializers.CharField()
    door = serializers.SerializerMethodField(help_text="Naam van wie het deed; leeg: het systeem.")
    organisatie = serializers.SerializerMethodField(help_text="Organisatie (id) van wie het deed.")
    toelichting = serializers.CharField()

    def get_door(self, event) -> str:
        if event.actor is None:
            return ""
        return event.actor.get_full_name() or event.actor.username

    def get_organisatie(self, event) -> int | None:
        return event.actor.organisatie_id if event.actor else None


class ToelichtingSerializer(StrikteInvoerMixin, serializers.Serializer):
    toelichting = serializers.CharField(required=False, allow_blank=True, max_length=5000)


class SamenvoegenSerializer(ToelichtingSerializer):
    in_kernpunt = serializers.IntegerField(
        min_value=1,
        max_value=GROOTSTE_ID,
        help_text="Het kernpunt (van dezelfde consultatie) waarin dit kernpunt opgaat.",
    )


class SelectieSerializer(StrikteInvoerMixin, serializers.Serializer):
    reacties = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=GROOTSTE_ID),
        min_length=1,
        max_length=bulk.MAXIMUM,
        help_text=f"De ids van de reacties (ten hoogste {bulk.MAXIMUM}).",
    )
    toelichting = serializers.CharField(required=False, allow_blank=True, max_length=5000)


class ItemResultaatSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    gelukt = serializers.BooleanField()
    status = serializers.IntegerField(
        help_text="De HTTP-status die de actie op deze ene reactie zou geven: 200, 400, 403, "
        "404 (bestaat niet of u mag haar niet zien) of 409."
    )
    reactie_status = serializers.CharField(
        allow_null=True, help_text="De nieuwe status van de reactie, als het gelukt is."
    )
    probleem = ProbleemSerializer(allow_null=True, help_text="Waarom het niet lukte.")


class SelectieResultaatSerializer(serializers.Serializer):
    resultaten = ItemResultaatSerializer(many=True)
    aantal_gelukt = serializers.IntegerField()
    aantal_mislukt = serializers.IntegerField()


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
    partial_update=extend_schema(
        summary="Concept bijwerken",
        description="Stuur 'versie' mee: is die verouderd, dan 409 en wordt niets opgeslagen.",
        request=ReactieWijzigenSerializer,
        responses={200: ReactieSerializer, **fouten(*SCHRIJVEN)},
    ),
)
class ReactieViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = ReactieSerializer
    filterset_class = ReactieFilter
    ordering_fields = ["status", "gewijzigd_op", "ingediend_op"]
    # Newest consultation first, grouped per consultation: the unique (consultatie,
    # organisatie) index gives this order, so a page is read without sorting every
    # visible response (the model's order joins two tables and sorts them all).
    ordering = ["-consultatie_id", "-organisatie_id"]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        if self.action in ("kernpunten", "bijlagen", "bijlage", "tijdlijn"):
            # Only the response's visibility matters here, not its content.
            return Reactie.objects.zichtbaar_voor(self.request.user).select_related("consultatie")
        return reacties_voor(self.request.user)

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
                {"versie": "Stuur de versie mee waarop uw wijziging is gebaseerd."}
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
        summary="Tijdlijn van de reactie",
        description="De audittrail van de reactie. De eigen organisatie en het secretariaat "
        "zien elke stap met toelichting; anderen alleen de openbare mijlpalen (ingediend, "
        "geaccepteerd, afgezien, verlopen), zonder toelichting.",
        request=None,
        responses={200: TijdlijnSerializer(many=True), **fouten(*LEZEN)},
    )
    @action(detail=True, methods=["get"], filterset_class=None, pagination_class=None)
    def tijdlijn(self, request, pk=None):
        reactie = self.get_object()
        gebeurtenissen = AuditEvent.objects.voor(reactie).zichtbaar_voor(request.user)
        return Response(TijdlijnSerializer(gebeurtenissen, many=True).data)

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
        rijen = services.eerdere_kernpunten(reactie) if mag else []
        return Response(EerderKernpuntSerializer(rijen, many=True).data)

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
        renderer_classes=[CamelCaseJSONRenderer, BestandRenderer],
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

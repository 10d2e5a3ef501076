"""API for consultations: serializers and thin views over ``consultaties.services``."""

import django_filters
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext
from djangorestframework_camel_case.parser import CamelCaseMultiPartParser
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.reverse import reverse

from audit.api import TijdlijnMixin, tijdlijn_schema
from organisaties.models import Netwerk, Organisatie
from tegenkracht.api.filters import IdFilter
from tegenkracht.api.renderers import BestandRenderer, JsonRenderer
from tegenkracht.api.schema import AANMAKEN, LEZEN, LIJST, SCHRIJVEN, fouten
from tegenkracht.api.serializers import (
    IdVeld,
    ModelSerializer,
    StrikteInvoerMixin,
    ToegestaneActiesField,
    ToelichtingSerializer,
)

from . import permissions as regels
from . import services
from .downloads import bestand_antwoord
from .models import Consultatie, Document, Instrument, Status, Vraag

ACTIES = services.WERKSTROOM.endpoints()


# --- serializers ---------------------------------------------------------------------


class VraagSerializer(ModelSerializer):
    class Meta:
        model = Vraag
        fields = ["id", "volgorde", "tekst"]


class DocumentSerializer(ModelSerializer):
    download = serializers.SerializerMethodField(help_text="Waar het bestand te downloaden is.")

    class Meta:
        model = Document
        fields = [
            "id",
            "versie",
            "titel",
            "bestandsnaam",
            "content_type",
            "grootte",
            "sha256",
            "geupload_op",
            "download",
        ]

    def get_download(self, document) -> str:
        return reverse(
            "api:consultatie-document",
            kwargs={"pk": document.consultatie_id, "document_pk": document.pk},
            request=self.context.get("request"),
        )


class ConsultatieSerializer(ModelSerializer):
    toegestane_acties = ToegestaneActiesField(ACTIES, services.toegestane_acties)
    uitgenodigde_organisaties = serializers.SerializerMethodField(
        help_text="De uitgenodigde organisaties (id's)."
    )
    vragen = VraagSerializer(many=True, read_only=True)
    documenten = DocumentSerializer(many=True, read_only=True)
    # Empty when unknown, so not a "uri" in the response schema.
    internetconsultatie_url = serializers.CharField(read_only=True)
    kamerstuk_url = serializers.CharField(read_only=True)

    class Meta:
        model = Consultatie
        fields = [
            "id",
            "kenmerk",
            "titel",
            "samenvatting",
            "instrument",
            "ministerie",
            "beoogde_inwerkingtreding",
            "termijn",
            "status",
            "toegestane_acties",
            "vorige_consultatie",
            "kenmerk_ministerie",
            "internetconsultatie_url",
            "kamerstuk_url",
            "bestuurlijke_samenvatting",
            "aanbevelingen",
            "versie",
            "uitgenodigde_organisaties",
            "vragen",
            "documenten",
            "aangemaakt_op",
            "gewijzigd_op",
        ]
        read_only_fields = fields

    def get_uitgenodigde_organisaties(self, consultatie) -> list[int]:
        geladen = getattr(consultatie, "uitgenodigde_organisatie_ids", None)  # met_uitgenodigden
        if geladen is not None:
            return geladen
        return sorted(consultatie.reacties.values_list("organisatie_id", flat=True))


class ConsultatieWijzigenSerializer(StrikteInvoerMixin, ModelSerializer):
    versie = serializers.IntegerField(
        min_value=1,
        help_text="De versie waarop uw wijziging is gebaseerd (uit GET); is die verouderd, "
        "dan 409 en wordt niets opgeslagen.",
    )
    ministerie = IdVeld(queryset=Organisatie.objects.ministeries())
    vorige_consultatie = IdVeld(queryset=Consultatie.objects.all(), required=False, allow_null=True)

    class Meta:
        model = Consultatie
        fields = ["versie", *services.BEWERKBARE_VELDEN]


class ConsultatieAanmakenSerializer(ConsultatieWijzigenSerializer):
    versie = None  # a new consultation starts at version 1
    vragen = serializers.ListField(
        child=serializers.CharField(max_length=2000),
        required=False,
        help_text="De specifieke vragen van het ministerie, in volgorde.",
    )

    class Meta(ConsultatieWijzigenSerializer.Meta):
        fields = [*services.BEWERKBARE_VELDEN, "vragen"]


class UitnodigenSerializer(StrikteInvoerMixin, serializers.Serializer):
    """Organisations to invite: by id, a whole network, or both."""

    organisaties = IdVeld(
        queryset=Organisatie.objects.all(),
        many=True,
        required=False,
        help_text="Uitvoeringsorganisaties (id's) om uit te nodigen.",
    )
    netwerk = serializers.ChoiceField(
        choices=[(n.value, n.label) for n in Netwerk.uit_te_nodigen()],
        required=False,
        help_text="Nodig alle uitvoeringsorganisaties van dit netwerk uit (naast eventuele "
        "'organisaties').",
    )

    def validate(self, attrs):
        if not attrs.get("organisaties") and not attrs.get("netwerk"):
            raise serializers.ValidationError(
                {"organisaties": gettext("Kies een of meer organisaties, of een netwerk.")}
            )
        return attrs


class DocumentInvoerSerializer(StrikteInvoerMixin, serializers.Serializer):
    bestand = serializers.FileField(help_text="PDF, DOCX of ODT (gecontroleerd op inhoud).")
    titel = serializers.CharField(max_length=300, required=False, allow_blank=True)


class GeenInvoerSerializer(StrikteInvoerMixin, serializers.Serializer):
    pass


class HeropenenSerializer(ToelichtingSerializer):
    termijn = serializers.DateTimeField(help_text="De nieuwe termijn, in de toekomst.")


class TermijnVerlengenSerializer(ToelichtingSerializer):
    termijn = serializers.DateTimeField()
    organisatie = IdVeld(
        queryset=Organisatie.objects.all(),
        required=False,
        allow_null=True,
        help_text="Alleen voor deze uitgenodigde organisatie; leeg voor iedereen.",
    )


# --- views ---------------------------------------------------------------------------


class ConsultatieFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=Status.choices)
    instrument = django_filters.ChoiceFilter(choices=Instrument.choices)
    ministerie = IdFilter(field_name="ministerie_id")
    kenmerk = django_filters.CharFilter(lookup_expr="iexact")

    class Meta:
        model = Consultatie
        fields = ["status", "instrument", "ministerie", "kenmerk"]


class AlleenSecretarisWijzigt(permissions.BasePermission):
    """Creating and changing consultations is the secretaris's work: others get 403 (after
    the 404 for what they may not see), before their input is even validated."""

    message = "Alleen het secretariaat mag consultaties aanmaken en wijzigen."

    def has_permission(self, request, view):
        if view.action == "create":
            return regels.is_secretaris(request.user)
        return True

    def has_object_permission(self, request, view, obj):
        return request.method in permissions.SAFE_METHODS or regels.is_secretaris(request.user, obj)


def _transitie_schema(samenvatting: str, invoer=ToelichtingSerializer):
    return extend_schema(
        summary=samenvatting,
        request=invoer,
        responses={200: ConsultatieSerializer, **fouten(*SCHRIJVEN)},
    )


@extend_schema_view(
    list=extend_schema(
        summary="Consultaties",
        responses={200: ConsultatieSerializer(many=True), **fouten(*LIJST)},
    ),
    retrieve=extend_schema(
        summary="Consultatie", responses={200: ConsultatieSerializer, **fouten(*LEZEN)}
    ),
    tijdlijn=tijdlijn_schema(
        "De audittrail van de consultatie. Het secretariaat ziet elke stap; uitgenodigde "
        "organisaties en het ministerie de openbare mijlpalen vanaf de openstelling "
        "(opengesteld, uitgenodigd, document toegevoegd, termijn verlengd, gesloten, "
        "heropend, verzonden, afgerond, ingetrokken) met hun toelichting, niet de "
        "conceptfase of het werk aan het paper."
    ),
    create=extend_schema(
        summary="Consultatie aanmaken (status concept)",
        request=ConsultatieAanmakenSerializer,
        responses={201: ConsultatieSerializer, **fouten(*AANMAKEN)},
    ),
    partial_update=extend_schema(
        summary="Consultatie wijzigen",
        description="Stuur 'versie' mee (uit GET): heeft iemand de consultatie intussen "
        "gewijzigd, dan 409 en wordt niets opgeslagen. Elke wijziging verhoogt de versie.",
        request=ConsultatieWijzigenSerializer,
        responses={200: ConsultatieSerializer, **fouten(*SCHRIJVEN)},
    ),
)
class ConsultatieViewSet(
    TijdlijnMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = ConsultatieSerializer
    permission_classes = [permissions.IsAuthenticated, AlleenSecretarisWijzigt]
    filterset_class = ConsultatieFilter
    ordering_fields = ["termijn", "kenmerk", "titel", "status", "gewijzigd_op"]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        if self.action in ("tijdlijn", "documenten", "document"):
            # Only the consultation's visibility matters here, not its content.
            return Consultatie.objects.zichtbaar_voor(self.request.user)
        return (
            Consultatie.objects.zichtbaar_voor(self.request.user)
            .met_verwerkingsstand_per_rij()
            .select_related("ministerie")
            .prefetch_related("vragen", "documenten")
            .met_uitgenodigden()
            .met_versies()
        )

    def _antwoord(self, consultatie, status_code=status.HTTP_200_OK):
        consultatie = self.get_queryset().get(pk=consultatie.pk)
        return Response(self.get_serializer(consultatie).data, status=status_code)

    def _invoer(self, serializer_class, **kwargs):
        invoer = serializer_class(
            data=self.request.data, context=self.get_serializer_context(), **kwargs
        )
        invoer.is_valid(raise_exception=True)
        return invoer.validated_data

    def create(self, request):
        velden = self._invoer(ConsultatieAanmakenSerializer)
        consultatie = services.consultatie_aanmaken(actor=request.user, **velden)
        return self._antwoord(consultatie, status.HTTP_201_CREATED)

    def partial_update(self, request, pk=None):
        consultatie = self.get_object()
        velden = dict(self._invoer(ConsultatieWijzigenSerializer, partial=True))
        if "versie" not in velden:
            raise serializers.ValidationError(
                {"versie": gettext("Stuur de versie mee waarop uw wijziging is gebaseerd.")}
            )
        consultatie = services.consultatie_bijwerken(
            consultatie=consultatie, actor=request.user, **velden
        )
        return self._antwoord(consultatie)

    @extend_schema(
        methods=["GET"],
        summary="Documenten van de consultatie",
        operation_id="consultaties_documenten_list",
        description="De versies van de conceptregeling, oudste eerst, met waar elk te "
        "downloaden is. Wie de consultatie mag zien, ziet ook haar documenten.",
        request=None,
        responses={200: DocumentSerializer(many=True), **fouten(*LEZEN)},
    )
    @extend_schema(
        methods=["POST"],
        summary="Document toevoegen (multipart)",
        description="Een nieuwe versie van de conceptregeling (secretariaat, zolang de "
        "consultatie concept of open is). PDF, DOCX of ODT, gecontroleerd op inhoud; ten "
        "hoogste MAX_UPLOAD_BYTES groot en MAX_DOCUMENTEN_PER_CONSULTATIE per consultatie.",
        request={"multipart/form-data": DocumentInvoerSerializer},
        responses={201: DocumentSerializer, **fouten(*SCHRIJVEN)},
    )
    @action(
        detail=True,
        methods=["get", "post"],
        parser_classes=[CamelCaseMultiPartParser],
        filterset_class=None,
        pagination_class=None,
    )
    def documenten(self, request, pk=None):
        consultatie = self.get_object()
        context = self.get_serializer_context()
        if request.method == "GET":
            documenten = consultatie.documenten.order_by("versie")
            return Response(DocumentSerializer(documenten, many=True, context=context).data)
        invoer = self._invoer(DocumentInvoerSerializer)
        document = services.consultatie_document_toevoegen(
            consultatie=consultatie, actor=request.user, **invoer
        )
        return Response(
            DocumentSerializer(document, context=context).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(
        summary="Document downloaden",
        operation_id="consultaties_document_downloaden",
        description="Het bestand zelf, met zijn eigen bestandstype; steeds dezelfde bytes "
        "(zie sha256).",
        responses={
            (200, "application/octet-stream"): OpenApiResponse(
                response=OpenApiTypes.BINARY, description="Het bestand."
            ),
            **fouten(*LEZEN),
        },
    )
    @action(
        detail=True,
        methods=["get"],
        url_path=r"documenten/(?P<document_pk>[0-9]{1,18})",
        renderer_classes=[JsonRenderer, BestandRenderer],
        filterset_class=None,
        pagination_class=None,
    )
    def document(self, request, pk=None, document_pk=None):
        document = get_object_or_404(Document, consultatie=self.get_object(), pk=document_pk)
        return bestand_antwoord(document.bestand, document.bestandsnaam, document.content_type)

    @extend_schema(
        summary="Termijn verlengen",
        description="Voor iedereen, of met 'organisatie' voor één uitgenodigde organisatie.",
        request=TermijnVerlengenSerializer,
        responses={200: ConsultatieSerializer, **fouten(*SCHRIJVEN)},
    )
    @action(detail=True, methods=["post"], url_path="termijn-verlengen")
    def termijn_verlengen(self, request, pk=None):
        consultatie = self.get_object()
        invoer = self._invoer(TermijnVerlengenSerializer)
        consultatie = services.consultatie_termijn_verlengen(
            consultatie=consultatie, actor=request.user, **invoer
        )
        return self._antwoord(consultatie)

    def _transitie(self, service, invoer_serializer=ToelichtingSerializer):
        consultatie = self.get_object()
        invoer = self._invoer(invoer_serializer)
        consultatie = service(consultatie=consultatie, actor=self.request.user, **invoer)
        return self._antwoord(consultatie)

    @_transitie_schema("Openstellen (concept → open)", GeenInvoerSerializer)
    @action(detail=True, methods=["post"])
    def openstellen(self, request, pk=None):
        return self._transitie(services.consultatie_openstellen, GeenInvoerSerializer)

    @_transitie_schema("Sluiten (open → gesloten)")
    @action(detail=True, methods=["post"])
    def sluiten(self, request, pk=None):
        return self._transitie(services.consultatie_sluiten)

    @_transitie_schema("Heropenen met een nieuwe termijn (gesloten → open)", HeropenenSerializer)
    @action(detail=True, methods=["post"])
    def heropenen(self, request, pk=None):
        return self._transitie(services.consultatie_heropenen, HeropenenSerializer)

    @_transitie_schema("Afronden (verzonden → afgerond)")
    @action(detail=True, methods=["post"])
    def afronden(self, request, pk=None):
        return self._transitie(services.consultatie_afronden)

    @_transitie_schema("Intrekken, met een reden")
    @action(detail=True, methods=["post"])
    def intrekken(self, request, pk=None):
        return self._transitie(services.consultatie_intrekken)

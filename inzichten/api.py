"""API for the insights: the same figures as the insights page, over a chosen period."""

from django.core.exceptions import PermissionDenied, ValidationError
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from tegenkracht.api.schema import fouten

from . import services
from .forms import PeriodeForm

# --- serializers: one per table of ``services.bereken`` ---------------------------------


class AdoptieSerializer(serializers.Serializer):
    kernpunten = serializers.IntegerField(help_text="Kernpunten (samengevoegde tellen één keer).")
    verwerkt = serializers.IntegerField(help_text="Door het ministerie verwerkt.")
    overgenomen = serializers.IntegerField(help_text="(Deels) overgenomen.")
    adoptie = serializers.FloatField(
        allow_null=True, help_text="Overgenomen (%) van de verwerkte kernpunten; leeg als 0."
    )


class NetwerkRijSerializer(AdoptieSerializer):
    netwerk = serializers.CharField()
    uitgenodigd = serializers.IntegerField()
    ingediend = serializers.IntegerField()
    respons = serializers.FloatField(allow_null=True, help_text="Respons (%).")


class MinisterieRijSerializer(AdoptieSerializer):
    ministerie = serializers.CharField()
    consultaties = serializers.IntegerField()


class DimensieRijSerializer(AdoptieSerializer):
    dimensie = serializers.CharField()
    ingrijpend = serializers.IntegerField(help_text="Aantal toetsen met gevolgen 'ingrijpend'.")
    ingrijpend_pct = serializers.FloatField(
        allow_null=True, help_text="Ingrijpend (% van de ingediende toetsen)."
    )


class OrganisatieRijSerializer(AdoptieSerializer):
    organisatie = serializers.CharField(help_text="Naam (afkorting).")
    netwerk = serializers.CharField()
    uitgenodigd = serializers.IntegerField()
    ingediend = serializers.IntegerField()
    afgezien = serializers.IntegerField()
    verlopen = serializers.IntegerField()
    respons = serializers.FloatField(allow_null=True, help_text="Respons (%).")
    dagen_voor_termijn = serializers.FloatField(
        allow_null=True, help_text="Mediaan aantal dagen dat de toets vóór de termijn kwam."
    )


class LevensgebeurtenisRijSerializer(serializers.Serializer):
    levensgebeurtenis = serializers.CharField()
    toetsen = serializers.IntegerField(help_text="Aantal toetsen dat haar raakt.")
    aandeel = serializers.FloatField(allow_null=True, help_text="Aandeel (%) van de toetsen.")


class TabellenSerializer(serializers.Serializer):
    netwerken = NetwerkRijSerializer(
        many=True, source="netwerken.rijen", help_text="Per netwerk (KleinLef apart)."
    )
    ministeries = MinisterieRijSerializer(many=True, source="ministeries.rijen")
    dimensies = DimensieRijSerializer(
        many=True, source="dimensies.rijen", help_text="Vaakst 'ingrijpend' eerst."
    )
    organisaties = OrganisatieRijSerializer(many=True, source="organisaties.rijen")
    levensgebeurtenissen = LevensgebeurtenisRijSerializer(
        many=True, source="levensgebeurtenissen.rijen", help_text="Vaakst geraakt eerst."
    )


class InzichtenSerializer(serializers.Serializer):
    van = serializers.DateField()
    tot = serializers.DateField(help_text="Tot en met.")
    consultaties = serializers.IntegerField(
        help_text="Gesloten consultaties met hun termijn in de periode."
    )
    tabellen = TabellenSerializer()
    berekend_op = serializers.DateTimeField(
        help_text="Wanneer deze cijfers werden geteld: ze worden hooguit zo lang als de "
        "instelling INZICHTEN_GELDIG_SECONDEN zegt (standaard 10 minuten) uit de cache gegeven, "
        "en daarna nog terwijl één verzoek ze opnieuw telt."
    )


# --- view ------------------------------------------------------------------------------


class InzichtenView(APIView):
    """What became of the network's tegenkracht over a period."""

    @extend_schema(
        summary="Inzichten: wat werd er van onze tegenkracht?",
        description="Dezelfde cijfers als de pagina Inzichten: per netwerk, ministerie, "
        "dimensie en organisatie hoeveel kernpunten werden ingebracht en overgenomen, respons "
        "en tijdigheid, en de vaakst geraakte levensgebeurtenissen. Telt de gesloten "
        "consultaties waarvan de termijn in de periode valt. Voor het secretariaat en de "
        "leden van het netwerk.",
        parameters=[
            OpenApiParameter(
                "van", OpenApiTypes.DATE, description="Begindatum (standaard een jaar geleden)."
            ),
            OpenApiParameter(
                "tot", OpenApiTypes.DATE, description="Einddatum, tot en met (standaard vandaag)."
            ),
        ],
        responses={200: InzichtenSerializer, **fouten(400, 401, 403)},
        tags=["inzichten"],
    )
    def get(self, request):
        if not services.mag_inzien(request.user):
            raise PermissionDenied(
                "Alleen het secretariaat en de leden van het netwerk zien de inzichten."
            )
        form = PeriodeForm(request.query_params or None)
        if not form.is_valid():
            raise ValidationError(form.errors.as_data())
        inzichten = services.inzichten(*form.periode())
        return Response(InzichtenSerializer(inzichten).data)

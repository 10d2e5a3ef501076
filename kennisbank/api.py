"""GET /api/v1/zoeken: the search of the web page, with the same visibility and facets."""

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param
from rest_framework.views import APIView

from reacties.models import Reactie
from tegenkracht.api.schema import fouten

from .eerder import eerdere_standpunten
from .forms import ZoekForm
from .zoeken import (
    BRONNEN,
    FACETTEN,
    MAXIMAAL_RESULTATEN,
    PAGINA_GROOTTE,
    PLAFOND,
    Zoekopdracht,
    ZoekvraagTeBreed,
)


class TrefferSerializer(serializers.Serializer):
    soort = serializers.ChoiceField(choices=[b.soort for b in BRONNEN])
    soort_label = serializers.CharField()
    id = serializers.IntegerField(source="pk", help_text="Id van het gevonden object.")
    titel = serializers.CharField()
    fragment = serializers.CharField(
        help_text="Uittreksel rond de eerste overeenkomst: HTML-geëscapet, met de gevonden "
        "woorden in <mark>."
    )
    url = serializers.CharField(help_text="De pagina in de webapplicatie.")
    rang = serializers.FloatField(help_text="Relevantie (PostgreSQL); 0 op SQLite.")
    consultatie = serializers.IntegerField(source="consultatie_id")
    kenmerk = serializers.CharField()
    consultatie_titel = serializers.CharField()
    jaar = serializers.IntegerField(allow_null=True, help_text="Jaar van de termijn.")
    organisatie = serializers.CharField(help_text="Afkorting; leeg bij consultaties en papers.")
    dimensie = serializers.CharField()
    eindoordeel = serializers.CharField()
    uitkomst = serializers.CharField(help_text="Bij een verwerking: wat het ministerie deed.")


class FacetWaardeSerializer(serializers.Serializer):
    waarde = serializers.CharField(help_text="De waarde voor de gelijknamige queryparameter.")
    label = serializers.CharField()
    aantal = serializers.IntegerField()
    gekozen = serializers.BooleanField()


class FacettenSerializer(serializers.Serializer):
    soort = FacetWaardeSerializer(many=True)
    ministerie = FacetWaardeSerializer(many=True)
    jaar = FacetWaardeSerializer(many=True)
    organisatie = FacetWaardeSerializer(many=True)
    netwerk = FacetWaardeSerializer(many=True)
    dimensie = FacetWaardeSerializer(many=True)
    eindoordeel = FacetWaardeSerializer(many=True)


class ZoekresultaatSerializer(serializers.Serializer):
    aantal = serializers.IntegerField(help_text="Totaal aantal resultaten (zie afgekapt).")
    afgekapt = serializers.BooleanField(
        help_text=f"Een soort had meer dan {PLAFOND} treffers: aantal en facetten tellen dan "
        f"de nieuwste {PLAFOND} per soort (een ondergrens) en de rangschikking ordent die."
    )
    pagina = serializers.IntegerField()
    pagina_grootte = serializers.IntegerField(source="grootte")
    resultaten = TrefferSerializer(many=True, source="treffers")
    facetten = FacettenSerializer()


def _parameter(naam, type_, beschrijving):
    return OpenApiParameter(naam, type_, description=beschrijving)


class ZoekenView(APIView):
    @extend_schema(
        summary="Zoeken in wat het netwerk weet",
        description="Zoekt in consultaties, documenttitels, uitvoeringstoetsen (kernboodschap, "
        "voorwaarden, burgerperspectief), de toelichting per dimensie, kernpunten, de "
        "verwerking door het ministerie en definitieve position papers; alleen wat de "
        "gebruiker mag inzien. Op PostgreSQL met Nederlandse woordstammen en rangschikking. "
        "Met facetten (aantallen per soort, ministerie, jaar, organisatie, netwerk, dimensie "
        f"en eindoordeel). Hoogstens {MAXIMAAL_RESULTATEN} resultaten zijn te bladeren.",
        parameters=[
            _parameter(
                "q",
                OpenApiTypes.STR,
                "De zoekvraag (aanhalingstekens, 'or' en '-' werken als bij een webzoekmachine).",
            ),
            *(
                _parameter(
                    f,
                    OpenApiTypes.INT
                    if f in ("ministerie", "jaar", "organisatie")
                    else OpenApiTypes.STR,
                    f"Filter op {f}.",
                )
                for f in FACETTEN
            ),
            _parameter("page", OpenApiTypes.INT, "Het paginanummer (vanaf 1)."),
            _parameter("pageSize", OpenApiTypes.INT, "Resultaten per pagina (maximaal 100)."),
        ],
        responses={200: ZoekresultaatSerializer, **fouten(400, 401)},
        tags=["zoeken"],
    )
    def get(self, request):
        form = ZoekForm(request.query_params)
        if not form.is_valid():
            raise ValidationError(form.errors.as_data())
        grootte = _geheel(request.query_params.get("pageSize"), PAGINA_GROOTTE, 1, 100)
        pagina = _geheel(request.query_params.get("page"), 1, 1, 10_000)
        try:
            resultaat = Zoekopdracht(
                request.user, form.cleaned_data["q"], form.filters()
            ).resultaat(pagina, grootte)
        except ZoekvraagTeBreed as fout:
            raise ValidationError({"q": [fout.bericht]}) from fout
        data = ZoekresultaatSerializer(resultaat).data
        url = request.build_absolute_uri()
        laatste = max(1, -(-min(resultaat.aantal, MAXIMAAL_RESULTATEN) // grootte))
        links = {
            "self": {"href": url},
            "first": {"href": remove_query_param(url, "page")},
            "last": {"href": replace_query_param(url, "page", laatste)},
        }
        if resultaat.pagina > 1:
            links["prev"] = {"href": replace_query_param(url, "page", resultaat.pagina - 1)}
        if resultaat.pagina < laatste:
            links["next"] = {"href": replace_query_param(url, "page", resultaat.pagina + 1)}
        return Response({"_links": links, **data}, headers={"X-Total-Count": str(resultaat.aantal)})


def _geheel(waarde, standaard, laagste, hoogste) -> int:
    try:
        return min(max(int(waarde), laagste), hoogste)
    except (TypeError, ValueError):
        return standaard


class EerderStandpuntSerializer(serializers.Serializer):
    kernpunt = serializers.IntegerField(source="kernpunt_id")
    reactie = serializers.IntegerField(source="reactie_id")
    tekst = serializers.CharField()
    dimensie = serializers.CharField()
    organisatie = serializers.CharField(help_text="Afkorting van de organisatie.")
    eigen = serializers.BooleanField(help_text="Ingebracht door de eigen organisatie.")
    jaar = serializers.IntegerField(help_text="Jaar van de termijn van die consultatie.")
    kenmerk = serializers.CharField()
    consultatie_titel = serializers.CharField()
    rang = serializers.FloatField(help_text="Verwantschap met deze consultatie (PostgreSQL).")
    uitkomst = serializers.CharField(
        help_text="Wat het ministerie ermee deed; leeg als onbekend of niet in te zien."
    )
    uitkomst_label = serializers.CharField()
    verwerking_toelichting = serializers.CharField()
    samenvatting = serializers.CharField(
        help_text="Bijvoorbeeld 'Wij brachten dit in 2025 in; het ministerie nam het niet over.'"
    )


class EerdereStandpuntenView(APIView):
    @extend_schema(
        summary="Eerdere standpunten bij het schrijven van een toets",
        description="De kernpunten die organisaties eerder indienden bij ontwerpen van "
        "hetzelfde ministerie of dezelfde wet, gerangschikt naar verwantschap met deze "
        "consultatie, met wat het ministerie ermee deed — alleen wat de gebruiker mag "
        "inzien. Anders dan /reacties/{id}/eerdere-kernpunten (de eigen kernpunten van de "
        "vorige toets, bij een hertoets).",
        responses={200: EerderStandpuntSerializer(many=True), **fouten(401, 404)},
        tags=["zoeken"],
    )
    def get(self, request, pk):
        reactie = get_object_or_404(
            Reactie.objects.zichtbaar_voor(request.user).select_related("consultatie"), pk=pk
        )
        standpunten = eerdere_standpunten(reactie, request.user)
        return Response(EerderStandpuntSerializer(standpunten, many=True).data)

"""Serializers of the position paper API."""

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from reacties.models import Dimensie, Ernst, Herbeoordeling
from tegenkracht.api.bulk import lijst_van_items, resultaten_serializer
from tegenkracht.api.filters import GROOTSTE_ID
from tegenkracht.api.serializers import (
    ModelSerializer,
    StrikteInvoerMixin,
    ToegestaneActiesField,
    pad_met_id,
)

from .. import services
from ..analyse import nummer_van
from ..models import GeneratieStatus, Rapport, Uitkomst, Verwerking

#: The endpoints that carry out the actions: POST /rapporten/{id}/<…>.
ACTIES = services.WERKSTROOM.endpoints()


def toegestane_acties(user, rapport) -> list[str]:
    return [
        services.WERKSTROOM[naam].endpoint for naam in services.toegestane_acties(user, rapport)
    ]


def _url(request, naam: str, pk: int) -> dict:
    return {"href": request.build_absolute_uri(pad_met_id(naam, pk))}


class LinkSerializer(serializers.Serializer):
    href = serializers.URLField()


class RapportLinksSerializer(serializers.Serializer):
    self = LinkSerializer()
    consultatie = LinkSerializer()
    pdf = LinkSerializer(
        required=False, help_text="De PDF; alleen zodra die klaar is (generatieStatus 'klaar')."
    )
    openbaar = LinkSerializer(
        required=False,
        help_text="De pagina in het openbare archief (zonder inloggen); alleen zolang het "
        "paper openbaar is.",
    )


class RapportSerializer(ModelSerializer):
    _links = serializers.SerializerMethodField(label="Links")
    toegestane_acties = ToegestaneActiesField(ACTIES, toegestane_acties)
    generatie_status = serializers.ChoiceField(
        GeneratieStatus.choices,
        read_only=True,
        help_text="Het maken van de PDF: wachtrij → bezig → klaar (of mislukt). Vraag deze "
        "versie opnieuw op tot de status 'klaar' of 'mislukt' is.",
    )
    voortgang = serializers.CharField(read_only=True, help_text="Wat de achtergrondtaak nu doet.")
    foutmelding = serializers.CharField(
        read_only=True, help_text="Waarom het maken van de PDF mislukte (anders leeg)."
    )
    sha256 = serializers.CharField(
        read_only=True, help_text="sha256 van de PDF (leeg zolang die er niet is)."
    )
    inhoud_sha256 = serializers.CharField(
        read_only=True, help_text="sha256 van de bevroren inhoud van deze versie."
    )
    aantal_paginas = serializers.IntegerField(
        source="paginas", read_only=True, allow_null=True, help_text="Het aantal pagina's."
    )
    openbaar_vanaf = serializers.DateTimeField(
        read_only=True,
        allow_null=True,
        help_text="Vanaf wanneer het verzonden paper in het openbare archief staat (ook als "
        "dat moment nog moet komen); null: niet openbaar gemaakt.",
    )

    class Meta:
        model = Rapport
        fields = [
            "_links",
            "id",
            "consultatie",
            "versie",
            "status",
            "toegestane_acties",
            "generatie_status",
            "voortgang",
            "foutmelding",
            "sha256",
            "inhoud_sha256",
            "aantal_paginas",
            "aangemaakt_op",
            "gewijzigd_op",
            "gegenereerd_op",
            "definitief_op",
            "verzonden_op",
            "ontvangen_op",
            "ontvangst_toelichting",
            "openbaar_vanaf",
        ]
        read_only_fields = fields

    @extend_schema_field(RapportLinksSerializer)
    def get__links(self, rapport) -> dict:
        request = self.context["request"]
        links = {
            "self": _url(request, "api:rapport-detail", rapport.pk),
            "consultatie": _url(request, "api:consultatie-detail", rapport.consultatie_id),
        }
        if rapport.pdf_gereed():
            links["pdf"] = _url(request, "api:rapport-pdf", rapport.pk)
        if rapport.is_openbaar:
            pad = reverse("openbaar:paper", args=[rapport.consultatie.kenmerk])
            links["openbaar"] = {"href": request.build_absolute_uri(pad)}
        return links


class OrganisatieInPaperSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    naam = serializers.CharField()
    afkorting = serializers.CharField()


class KernpuntInPaperSerializer(serializers.Serializer):
    """A kernpunt as the paper froze it (the snapshot), the unit of the verwerking."""

    id = serializers.IntegerField(help_text="Het kernpunt; gebruik dit id bij de verwerking.")
    nummer = serializers.CharField(
        allow_blank=True,
        default="",
        help_text="Het nummer in het paper (K1, K2, …), vast zodra de versie definitief is. "
        "Leeg bij versies van vóór de nummering.",
    )
    organisatie = OrganisatieInPaperSerializer()
    dimensie = serializers.ChoiceField(Dimensie.choices)
    tekst = serializers.CharField()
    # Snapshots are kept for good: tolerate a version frozen before a field existed.
    artikel = serializers.CharField(allow_blank=True, default="")
    voorgestelde_wijziging = serializers.CharField(allow_blank=True, default="")
    ernst = serializers.ChoiceField(Ernst.choices)
    onderschrijvers = OrganisatieInPaperSerializer(
        many=True, default=list, help_text="De organisaties die dit kernpunt onderschrijven."
    )


class VerwerkingSerializer(ModelSerializer):
    nummer = serializers.SerializerMethodField(
        help_text="Het nummer van het kernpunt in het paper (K1, K2, …)."
    )

    class Meta:
        model = Verwerking
        fields = ["kernpunt", "nummer", "uitkomst", "toelichting", "vastgelegd_op"]
        read_only_fields = fields

    def get_nummer(self, verwerking) -> str:
        return verwerking.rapport.kernpuntnummers.get(str(verwerking.kernpunt_id), "")


class RapportDetailSerializer(RapportSerializer):
    kernpunten = serializers.SerializerMethodField(
        help_text="De kernpunten zoals het paper ze bevat."
    )
    verwerkingen = VerwerkingSerializer(
        many=True,
        read_only=True,
        help_text="Wat het ministerie per kernpunt met de inbreng deed.",
    )
    alle_kernpunten_verwerkt = serializers.SerializerMethodField(
        help_text="Of het ministerie van elk kernpunt de verwerking heeft vastgelegd."
    )

    class Meta(RapportSerializer.Meta):
        fields = [
            *RapportSerializer.Meta.fields,
            "kernpunten",
            "verwerkingen",
            "alle_kernpunten_verwerkt",
        ]
        read_only_fields = fields

    @extend_schema_field(KernpuntInPaperSerializer(many=True))
    def get_kernpunten(self, rapport) -> list[dict]:
        kernpunten = sorted(rapport.snapshot.get("kernpunten", []), key=nummer_van)
        return KernpuntInPaperSerializer(kernpunten, many=True).data

    def get_alle_kernpunten_verwerkt(self, rapport) -> bool:
        verwerkt = {v.kernpunt_id for v in rapport.verwerkingen.all()}
        return set(rapport.kernpunt_ids) <= verwerkt


class RapportAanmakenSerializer(StrikteInvoerMixin, serializers.Serializer):
    bestuurlijke_samenvatting = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=50000,
        help_text="Opent het paper; wordt bij de consultatie bewaard. Weglaten: ongewijzigd.",
    )
    aanbevelingen = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=50000,
        help_text="Wordt bij de consultatie bewaard. Weglaten: ongewijzigd.",
    )


class VerwerkingInvoerSerializer(StrikteInvoerMixin, serializers.Serializer):
    kernpunt = serializers.IntegerField(
        min_value=1, max_value=GROOTSTE_ID, help_text="Een kernpunt uit het verzonden paper."
    )
    uitkomst = serializers.ChoiceField(Uitkomst.choices)
    toelichting = serializers.CharField(max_length=10000)


VerwerkingenLijstSerializer = lijst_van_items("verwerkingen", VerwerkingInvoerSerializer)
VerwerkingenResultatenSerializer = resultaten_serializer(VerwerkingSerializer)


class GeenInvoerSerializer(StrikteInvoerMixin, serializers.Serializer):
    pass


class PublicerenSerializer(StrikteInvoerMixin, serializers.Serializer):
    openbaar_vanaf = serializers.DateTimeField(
        required=False,
        allow_null=True,
        help_text="Vanaf wanneer het paper openbaar is. Weglaten, null of een moment dat al "
        "voorbij is: meteen. Een later moment kan tot dan worden gewijzigd (opnieuw POST) of "
        "ingetrokken.",
    )
    toelichting = serializers.CharField(required=False, allow_blank=True, max_length=5000)


# --- a hertoets reads the earlier paper (GET /reacties/{id}/eerdere-kernpunten) ---------


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

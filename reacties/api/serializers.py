"""Serializers of the responses and kernpunten API: what goes out and what comes in (strict:
unknown fields are refused)."""

from rest_framework import serializers
from rest_framework.reverse import reverse

from kern import bulk
from tegenkracht.api.filters import GROOTSTE_ID
from tegenkracht.api.schema import ProbleemSerializer
from tegenkracht.api.serializers import (
    ModelSerializer,
    StrikteInvoerMixin,
    ToegestaneActiesField,
    ToelichtingSerializer,
)

from .. import permissions as regels
from .. import services
from ..models import (
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
    Reactie,
    Risico,
)

#: The transitions a client may ask for, as endpoint names (from the state machine).
ACTIES = services.WERKSTROOM.endpoints()


class BijlageSerializer(ModelSerializer):
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


#: Where ``reacties_voor`` puts each assessment's involved organisations: a plain list. Left
#: in Django's own prefetch cache, every assessment on a page (ten per response) built a
#: related manager and a queryset twice, once to store the prefetch and once to read it.
#: The same for a response's own lists (``<veld>_vooraf``, see ``VoorafGeladenLijst``).
BETROKKEN_ORGANISATIES = "betrokken_organisaties_vooraf"
VOORAF = "_vooraf"


class Weergave(list):
    """A nested list already in its representation (see ``beoordelingen_als_weergave``)."""


class VoorafGeladenLijst(serializers.ListSerializer):
    """A nested list read from ``<veld>_vooraf`` (a ``Prefetch(to_attr=…)``) when the
    queryset filled it; else from the relation itself (same output, same schema)."""

    def get_attribute(self, instance):
        vooraf = getattr(instance, self.source + VOORAF, None)
        return vooraf if vooraf is not None else super().get_attribute(instance)

    def to_representation(self, data):
        if isinstance(data, Weergave):
            return list(data)
        return super().to_representation(data)


class VoorafGeladenRelatie(serializers.ManyRelatedField):
    """A to-many relation read from the list a ``Prefetch(to_attr=…)`` stored, when the
    queryset did so; else from the relation itself (same output, same schema)."""

    def __init__(self, *, attribuut: str, **kwargs):
        self.attribuut = attribuut
        super().__init__(**kwargs)

    def get_attribute(self, instance):
        vooraf = getattr(instance, self.attribuut, None)
        return vooraf if vooraf is not None else super().get_attribute(instance)


class BeoordelingSerializer(ModelSerializer):
    betrokken_organisaties = VoorafGeladenRelatie(
        child_relation=serializers.PrimaryKeyRelatedField(read_only=True),
        read_only=True,
        attribuut=BETROKKEN_ORGANISATIES,
    )

    class Meta:
        model = Beoordeling
        fields = ["dimensie", "gevolgen", "toelichting", "betrokken_organisaties"]
        list_serializer_class = VoorafGeladenLijst


def beoordelingen_als_weergave(reacties) -> None:
    """Give each response its assessments as ``BeoordelingSerializer`` writes them, read as
    plain values in two queries. A list page of 20 responses has 200 assessments: as model
    instances with their involved organisations, and each through the serializer's fields,
    they cost more than the rest of the page. The detail (and ``tests``) keep the
    serializer; a test holds both to the same output."""
    per_reactie = {reactie.pk: Weergave() for reactie in reacties}
    per_beoordeling = {}
    for pk, reactie_id, dimensie, gevolgen, toelichting in (
        Beoordeling.objects.filter(reactie_id__in=per_reactie)
        # The model's order within one response (said as the response's own order, it
        # joined the response, its consultation and organisation to sort).
        .order_by("reactie_id", "pk")
        .values_list("pk", "reactie_id", "dimensie", "gevolgen", "toelichting")
    ):
        per_beoordeling[pk] = weergave = {
            "dimensie": dimensie,
            "gevolgen": gevolgen,
            "toelichting": toelichting,
            "betrokken_organisaties": [],
        }
        per_reactie[reactie_id].append(weergave)
    if per_beoordeling:
        betrokken = Beoordeling.betrokken_organisaties.through.objects
        for beoordeling_id, organisatie_id in (
            # By response: twenty parameters where the assessments' ids were two hundred.
            betrokken.filter(beoordeling__reactie_id__in=per_reactie)
            .order_by("organisatie__naam", "organisatie_id")  # Organisatie's own order
            .values_list("beoordeling_id", "organisatie_id")
        ):
            per_beoordeling[beoordeling_id]["betrokken_organisaties"].append(organisatie_id)
    for reactie in reacties:
        setattr(reactie, "beoordelingen" + VOORAF, per_reactie[reactie.pk])


class KostenpostSerializer(ModelSerializer):
    class Meta:
        model = Kostenpost
        fields = ["categorie", "soort", "bedrag", "jaar", "toelichting"]
        list_serializer_class = VoorafGeladenLijst


class AntwoordSerializer(ModelSerializer):
    class Meta:
        model = Antwoord
        fields = ["vraag", "tekst"]
        list_serializer_class = VoorafGeladenLijst


class HerbeoordelingSerializer(ModelSerializer):
    class Meta:
        model = KernpuntHertoets
        fields = ["kernpunt", "oordeel", "toelichting"]
        list_serializer_class = VoorafGeladenLijst


class ReactieSerializer(ModelSerializer):
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


class KostenpostInvoerSerializer(StrikteInvoerMixin, ModelSerializer):
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


class ReactieWijzigenSerializer(StrikteInvoerMixin, ModelSerializer):
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


class KernpuntSerializer(ModelSerializer):
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


class KernpuntInvoerSerializer(StrikteInvoerMixin, ModelSerializer):
    class Meta:
        model = Kernpunt
        fields = ["dimensie", "tekst", "artikel", "voorgestelde_wijziging", "ernst"]


class SamenvoegenSerializer(ToelichtingSerializer):
    in_kernpunt = serializers.IntegerField(
        min_value=1,
        max_value=GROOTSTE_ID,
        help_text="Het kernpunt (van dezelfde consultatie) waarin dit kernpunt opgaat.",
    )


# --- a selection of responses (bulk actions) ---------------------------------------


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

"""Saving a draft: optimistic locking on ``versie`` and content validation with Dutch
messages. A refused save writes nothing: no field, no assessment, no cost line, no audit
event, and the version stays as it was."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from audit.models import AuditEvent
from kern.workflow import VerouderdeVersie
from reacties import services
from reacties.models import Reactie
from tests import factories


@pytest.fixture
def concept(reactie_a, opsteller_a):
    reactie = services.reactie_starten(reactie=reactie_a, actor=opsteller_a)
    return factories.vul_reactie_in(reactie, opsteller_a)


def momentopname(reactie):
    r = Reactie.objects.get(pk=reactie.pk)
    return (
        r.versie,
        r.kernboodschap,
        r.fte_incidenteel,
        r.eindoordeel,
        r.levensgebeurtenissen,
        sorted(r.beoordelingen.values_list("dimensie", "gevolgen", "toelichting")),
        sorted(r.kosten.values_list("categorie", "soort", "bedrag")),
        sorted(r.antwoorden.values_list("vraag_id", "tekst")),
        AuditEvent.objects.count(),
    )


def bijwerken(reactie, actor, versie=None, **inhoud):
    return services.reactie_bijwerken(
        reactie=reactie,
        actor=actor,
        versie=Reactie.objects.get(pk=reactie.pk).versie if versie is None else versie,
        **inhoud,
    )


# --- optimistic locking ---------------------------------------------------------------


@pytest.mark.django_db
def test_opslaan_verhoogt_de_versie_en_schrijft_een_event(concept, opsteller_a):
    versie = concept.versie
    reactie = bijwerken(
        concept, opsteller_a, velden={"kernboodschap": "Nieuw."}, kosten=[], antwoorden={}
    )
    assert reactie.versie == versie + 1
    opgeslagen = Reactie.objects.get(pk=concept.pk)
    assert (opgeslagen.versie, opgeslagen.kernboodschap) == (versie + 1, "Nieuw.")
    event = AuditEvent.objects.voor(concept).filter(actie="opgeslagen").last()
    assert event.actor == opsteller_a
    assert event.gegevens["versie"] == versie + 1


@pytest.mark.django_db
def test_verouderde_versie_wordt_geweigerd_en_schrijft_niets(concept, opsteller_a, accordeerder_a):
    begin = concept.versie
    bijwerken(concept, accordeerder_a, versie=begin, velden={"kernboodschap": "Eerst."})
    voor = momentopname(concept)
    with pytest.raises(VerouderdeVersie):
        bijwerken(
            concept,
            opsteller_a,
            versie=begin,
            velden={"kernboodschap": "Later, maar verouderd."},
            beoordelingen={"ict": {"gevolgen": "ingrijpend", "toelichting": "Anders."}},
            kosten=[{"categorie": "overig", "soort": "incidenteel", "bedrag": "1"}],
        )
    assert momentopname(concept) == voor
    assert Reactie.objects.get(pk=concept.pk).kernboodschap == "Eerst."


@pytest.mark.django_db
def test_toekomstige_versie_wordt_ook_geweigerd(concept, opsteller_a):
    voor = momentopname(concept)
    with pytest.raises(VerouderdeVersie):
        bijwerken(concept, opsteller_a, versie=concept.versie + 1, velden={"kernboodschap": "x"})
    assert momentopname(concept) == voor


@pytest.mark.django_db
@pytest.mark.parametrize("versie", ["abc", None, ""])
def test_onleesbare_versie_is_een_validatiefout(concept, opsteller_a, versie):
    voor = momentopname(concept)
    with pytest.raises(ValidationError) as fout:
        services.reactie_bijwerken(
            reactie=concept, actor=opsteller_a, versie=versie, velden={"kernboodschap": "x"}
        )
    assert "versie" in fout.value.message_dict
    assert momentopname(concept) == voor


# --- validation -------------------------------------------------------------------------------


ONGELDIG = [
    ({"velden": {"eindoordeel": "prima"}}, "eindoordeel", "geen geldige keuze"),
    ({"velden": {"risico_procesverstoringen": "enorm"}}, "risico_procesverstoringen", "keuze"),
    ({"velden": {"helpt_burger": "misschien"}}, "helpt_burger", "keuze"),
    ({"velden": {"fte_incidenteel": "-1"}}, "fte_incidenteel", "Vul een getal van 0 of meer in."),
    ({"velden": {"fte_structureel": "veel"}}, "fte_structureel", "Vul een getal in."),
    ({"velden": {"fte_structureel": "NaN"}}, "fte_structureel", "Vul een getal in."),
    ({"velden": {"fte_structureel": "Infinity"}}, "fte_structureel", "Vul een getal in."),
    ({"velden": {"fte_incidenteel": "1.25"}}, "fte_incidenteel", "cijfer achter de komma"),
    ({"velden": {"doorlooptijd_maanden": -3}}, "doorlooptijd_maanden", "minstens 0"),
    ({"velden": {"invoering_mogelijk_per": "31-02-2027"}}, "invoering_mogelijk_per", "datum"),
    (
        {"velden": {"levensgebeurtenissen": ["geboorte", "ruimtevaart"]}},
        "levensgebeurtenissen",
        "Kies levensgebeurtenissen uit de lijst.",
    ),
    (
        {"velden": {"levensgebeurtenissen": "geboorte"}},
        "levensgebeurtenissen",
        "Kies levensgebeurtenissen uit de lijst.",
    ),
    (
        {"velden": {"levensgebeurtenissen": [{"naam": "geboorte"}]}},
        "levensgebeurtenissen",
        "Kies levensgebeurtenissen uit de lijst.",
    ),
    (
        {"velden": {"status": "ingediend"}},
        "status",
        "Dit veld bestaat niet of is niet te wijzigen.",
    ),
    ({"velden": {"versie": 99}}, "versie", "Dit veld bestaat niet of is niet te wijzigen."),
    ({"velden": {"onzin": "x"}}, "onzin", "Dit veld bestaat niet of is niet te wijzigen."),
    ({"beoordelingen": {"astrologie": {"gevolgen": "beperkt"}}}, "beoordelingen.astrologie", ""),
    (
        {"beoordelingen": {"ict": {"gevolgen": "apocalyptisch"}}},
        "beoordelingen.ict.gevolgen",
        "Kies een niveau uit de lijst.",
    ),
    ({"beoordelingen": {"ict": "ingrijpend"}}, "beoordelingen.ict", ""),
    (
        {"kosten": [{"categorie": "snoep", "soort": "incidenteel", "bedrag": "5"}]},
        "kosten.0.categorie",
        "Kies een kostencategorie.",
    ),
    (
        {"kosten": [{"categorie": "overig", "soort": "soms", "bedrag": "5"}]},
        "kosten.0.soort",
        "Kies incidenteel of structureel.",
    ),
    (
        {"kosten": [{"categorie": "overig", "soort": "incidenteel", "bedrag": "-5"}]},
        "kosten.0.bedrag",
        "Vul een getal van 0 of meer in.",
    ),
    (
        {"kosten": [{"categorie": "overig", "soort": "incidenteel"}]},
        "kosten.0.bedrag",
        "Vul een bedrag in euro in.",
    ),
    (
        {"kosten": [{"categorie": "overig", "soort": "incidenteel", "bedrag": "1e15"}]},
        "kosten.0.bedrag",
        "Dit bedrag is te groot.",
    ),
    ({"kosten": ["veel geld"]}, "kosten.0", ""),
    ({"antwoorden": {"999999": "Antwoord"}}, "antwoorden.999999", "hoort niet bij"),
    ({"beoordelingen": ["ict", "ingrijpend"]}, "beoordelingen", "Geef per dimensie"),
    ({"kosten": {"bedrag": "5"}}, "kosten", "als een lijst"),
    ({"antwoorden": ["Ja"]}, "antwoorden", "Geef per vraag"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("inhoud", "veld", "bericht"),
    ONGELDIG,
    ids=[o[1] + "-" + str(i) for i, o in enumerate(ONGELDIG)],
)
def test_ongeldige_inhoud_geeft_nederlandse_fout_en_schrijft_niets(
    concept, opsteller_a, inhoud, veld, bericht
):
    # A valid change alongside the invalid one must not be saved either.
    inhoud = {
        **inhoud,
        "velden": {"kernboodschap": "Zou niet mogen landen.", **inhoud.get("velden", {})},
    }
    voor = momentopname(concept)
    with pytest.raises(ValidationError) as fout:
        bijwerken(concept, opsteller_a, **inhoud)
    fouten = fout.value.message_dict
    assert veld in fouten, fouten
    assert bericht in " ".join(fouten[veld])
    assert momentopname(concept) == voor


@pytest.mark.django_db
def test_geldige_inhoud_wordt_volledig_opgeslagen(opsteller_a, secretaris, ministerie, org_a):
    consultatie = factories.consultatie(
        secretaris_gebruiker=secretaris,
        ministerie=ministerie,
        organisaties=[org_a],
        open=True,
        vragen=["Is 2028 haalbaar?"],
    )
    vraag = consultatie.vragen.get()
    reactie = services.reactie_starten(reactie=consultatie.reacties.get(), actor=opsteller_a)
    reactie = bijwerken(
        reactie,
        opsteller_a,
        velden={
            "fte_incidenteel": "2,5",
            "doorlooptijd_maanden": 18,
            "invoering_mogelijk_per": "2028-01-01",
            "levensgebeurtenissen": ["werk_verliezen", "geboorte", "geboorte"],
            "kernboodschap": "<script>alert(1)</script> blijft tekst",
        },
        beoordelingen={"ict": {"gevolgen": "ingrijpend", "toelichting": "Nieuw systeem."}},
        kosten=[{"categorie": "automatisering", "soort": "incidenteel", "bedrag": "1500000.50"}],
        antwoorden={str(vraag.pk): "Nee, 2029."},
    )
    r = Reactie.objects.get(pk=reactie.pk)
    assert r.fte_incidenteel == Decimal("2.5")
    assert r.doorlooptijd_maanden == 18
    assert str(r.invoering_mogelijk_per) == "2028-01-01"
    assert r.levensgebeurtenissen == ["geboorte", "werk_verliezen"]
    assert r.kernboodschap == "<script>alert(1)</script> blijft tekst"
    assert r.beoordelingen.get(dimensie="ict").gevolgen == "ingrijpend"
    assert r.kosten.get().bedrag == Decimal("1500000.50")
    assert r.antwoorden.get(vraag=vraag).tekst == "Nee, 2029."


@pytest.mark.django_db
def test_kosten_vervangen_alle_kostenposten(concept, opsteller_a):
    bijwerken(
        concept,
        opsteller_a,
        kosten=[
            {"categorie": "overig", "soort": "incidenteel", "bedrag": "1"},
            {"categorie": "overig", "soort": "structureel", "bedrag": "2"},
        ],
    )
    bijwerken(
        concept,
        opsteller_a,
        kosten=[{"categorie": "overig", "soort": "incidenteel", "bedrag": "3"}],
    )
    assert list(Reactie.objects.get(pk=concept.pk).kosten.values_list("bedrag", flat=True)) == [
        Decimal("3")
    ]

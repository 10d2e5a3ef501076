"""Conditions of the Reactie transitions: required content, a comment where one is
required, and the four-eyes rule."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from audit.models import AuditEvent
from kern.workflow import TransitieNietToegestaan
from reacties import services
from reacties.models import Dimensie, Reactie
from tests import factories, toestanden


def gestart(reactie, actor):
    return services.reactie_starten(reactie=reactie, actor=actor)


def bijwerken(reactie, actor, **inhoud):
    reactie = Reactie.objects.get(pk=reactie.pk)
    return services.reactie_bijwerken(reactie=reactie, actor=actor, versie=reactie.versie, **inhoud)


def niets_gewijzigd(reactie, status):
    events = AuditEvent.objects.count()

    def controleer():
        assert Reactie.objects.get(pk=reactie.pk).status == status
        assert AuditEvent.objects.count() == events

    return controleer


# --- ter_accordering --------------------------------------------------------------


@pytest.mark.django_db
def test_volledige_reactie_kan_ter_accordering(reactie_a, opsteller_a):
    reactie = factories.vul_reactie_in(gestart(reactie_a, opsteller_a), opsteller_a)
    reactie = services.reactie_ter_accordering(reactie=reactie, actor=opsteller_a)
    assert reactie.status == "ter_accordering"
    assert reactie.ter_accordering_door == opsteller_a


@pytest.mark.django_db
def test_lege_reactie_noemt_alles_wat_ontbreekt(reactie_a, opsteller_a):
    reactie = gestart(reactie_a, opsteller_a)
    controleer = niets_gewijzigd(reactie, "in_voorbereiding")
    with pytest.raises(ValidationError) as fout:
        services.reactie_ter_accordering(reactie=reactie, actor=opsteller_a)
    berichten = fout.value.messages
    assert "Kies een eindoordeel." in berichten
    assert "Schrijf een kernboodschap." in berichten
    assert len([b for b in berichten if b.startswith("Beoordeel de gevolgen")]) == len(Dimensie)
    controleer()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("veld", "waarde", "bericht"),
    [
        ("eindoordeel", "", "Kies een eindoordeel."),
        ("kernboodschap", "   ", "Schrijf een kernboodschap."),
        ("voorwaarden", "", "Noem de voorwaarden waaronder het voorstel uitvoerbaar is."),
    ],
)
def test_ter_accordering_vraagt_verplichte_velden(reactie_a, opsteller_a, veld, waarde, bericht):
    reactie = factories.vul_reactie_in(gestart(reactie_a, opsteller_a), opsteller_a)
    reactie = bijwerken(reactie, opsteller_a, velden={veld: waarde})
    controleer = niets_gewijzigd(reactie, "in_voorbereiding")
    with pytest.raises(ValidationError) as fout:
        services.reactie_ter_accordering(reactie=reactie, actor=opsteller_a)
    assert fout.value.messages == [bericht]
    controleer()


@pytest.mark.django_db
def test_voorwaarden_alleen_nodig_bij_uitvoerbaar_onder_voorwaarden(reactie_a, opsteller_a):
    reactie = factories.vul_reactie_in(gestart(reactie_a, opsteller_a), opsteller_a)
    reactie = bijwerken(
        reactie, opsteller_a, velden={"eindoordeel": "uitvoerbaar", "voorwaarden": ""}
    )
    reactie = services.reactie_ter_accordering(reactie=reactie, actor=opsteller_a)
    assert reactie.status == "ter_accordering"


@pytest.mark.django_db
@pytest.mark.parametrize("dimensie", list(Dimensie))
def test_ter_accordering_vraagt_elke_dimensie(reactie_a, opsteller_a, dimensie):
    reactie = factories.vul_reactie_in(gestart(reactie_a, opsteller_a), opsteller_a)
    # An assessment without a level counts as not assessed.
    reactie = bijwerken(
        reactie, opsteller_a, beoordelingen={dimensie.value: {"gevolgen": "", "toelichting": "?"}}
    )
    controleer = niets_gewijzigd(reactie, "in_voorbereiding")
    with pytest.raises(ValidationError) as fout:
        services.reactie_ter_accordering(reactie=reactie, actor=opsteller_a)
    assert fout.value.messages == [f"Beoordeel de gevolgen voor '{dimensie.label}'."]
    controleer()


# --- a comment where one is required ---------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("toelichting", ["", "   \n"])
@pytest.mark.parametrize(
    ("transitie", "status", "rol"),
    [
        ("afzien", "uitgenodigd", "accordeerder_a"),
        ("afzien", "in_voorbereiding", "accordeerder_a"),
        ("afkeuren", "ter_accordering", "accordeerder_a"),
        ("terugsturen", "ingediend", "secretaris"),
    ],
)
def test_transitie_vraagt_toelichting(
    request, reactie_a, opsteller_a, accordeerder_a, secretaris, transitie, status, rol, toelichting
):
    reactie = toestanden.reactie_in(
        status, reactie_a, opsteller=opsteller_a, accordeerder=accordeerder_a, secretaris=secretaris
    )
    controleer = niets_gewijzigd(reactie, status)
    with pytest.raises(ValidationError) as fout:
        services.reactie_transitie(
            transitie, reactie=reactie, actor=request.getfixturevalue(rol), toelichting=toelichting
        )
    assert "toelichting" in fout.value.message_dict
    controleer()


@pytest.mark.django_db
def test_afzien_bewaart_de_reden(reactie_a, accordeerder_a):
    reactie = services.reactie_afzien(
        reactie=reactie_a, actor=accordeerder_a, toelichting="  Raakt onze taken niet. "
    )
    assert reactie.afzien_reden == "Raakt onze taken niet."
    event = AuditEvent.objects.voor(reactie).get(actie="afzien")
    assert event.toelichting.strip() == "Raakt onze taken niet."


# --- four eyes ----------------------------------------------------------------------------


@pytest.fixture
def door_accordeerder_aangeboden(reactie_a, accordeerder_a):
    reactie = factories.vul_reactie_in(gestart(reactie_a, accordeerder_a), accordeerder_a)
    return services.reactie_ter_accordering(reactie=reactie, actor=accordeerder_a)


@pytest.mark.django_db
def test_accordeerder_kan_eigen_aanbieding_niet_indienen(
    door_accordeerder_aangeboden, accordeerder_a
):
    reactie = door_accordeerder_aangeboden
    controleer = niets_gewijzigd(reactie, "ter_accordering")
    assert "indienen" not in services.toegestane_acties(accordeerder_a, reactie)
    with pytest.raises(PermissionDenied):
        services.reactie_indienen(reactie=reactie, actor=accordeerder_a)
    controleer()


@pytest.mark.django_db
def test_andere_accordeerder_kan_aanbieding_indienen(door_accordeerder_aangeboden, accordeerder_a2):
    assert "indienen" in services.toegestane_acties(accordeerder_a2, door_accordeerder_aangeboden)
    reactie = services.reactie_indienen(reactie=door_accordeerder_aangeboden, actor=accordeerder_a2)
    assert reactie.status == "ingediend"
    assert reactie.ingediend_door == accordeerder_a2
    assert reactie.ingediend_op is not None


@pytest.mark.django_db
def test_opsteller_kan_nooit_indienen(reactie_a_ter_accordering, opsteller_a):
    with pytest.raises(PermissionDenied):
        services.reactie_indienen(reactie=reactie_a_ter_accordering, actor=opsteller_a)
    assert Reactie.objects.get(pk=reactie_a_ter_accordering.pk).status == "ter_accordering"


@pytest.mark.django_db
def test_accordeerder_van_andere_organisatie_kan_niet_indienen(
    reactie_a_ter_accordering, accordeerder_b
):
    with pytest.raises(PermissionDenied):
        services.reactie_indienen(reactie=reactie_a_ter_accordering, actor=accordeerder_b)


@pytest.mark.django_db
def test_vier_ogen_geldt_per_aanbieding_en_per_inhoud(
    door_accordeerder_aangeboden, accordeerder_a, accordeerder_a2, org_a
):
    """After a rejection the other accordeerder sends it again. The first one wrote the
    content, so may not submit it either (four-eyes on content): a third one does."""
    reactie = services.reactie_afkeuren(
        reactie=door_accordeerder_aangeboden, actor=accordeerder_a2, toelichting="Aanscherpen."
    )
    assert reactie.ter_accordering_door is None
    reactie = services.reactie_ter_accordering(reactie=reactie, actor=accordeerder_a2)
    with pytest.raises(PermissionDenied):
        services.reactie_indienen(reactie=reactie, actor=accordeerder_a2)
    with pytest.raises(PermissionDenied, match="zelf aan deze versie"):
        services.reactie_indienen(reactie=reactie, actor=accordeerder_a)
    derde = factories.accordeerder(org_a, username="uwv-accordeerder-3")
    reactie = services.reactie_indienen(reactie=reactie, actor=derde)
    assert reactie.status == "ingediend"


@pytest.mark.django_db
def test_inactieve_accordeerder_kan_niets(reactie_a_ter_accordering, accordeerder_a):
    accordeerder_a.is_active = False
    accordeerder_a.save()
    with pytest.raises(PermissionDenied):
        services.reactie_indienen(reactie=reactie_a_ter_accordering, actor=accordeerder_a)


# --- no edits outside in_voorbereiding ----------------------------------------------------


@pytest.mark.django_db
def test_ingediende_reactie_kan_niet_worden_bewerkt(reactie_a_ter_accordering, opsteller_a):
    reactie = Reactie.objects.get(pk=reactie_a_ter_accordering.pk)
    with pytest.raises(TransitieNietToegestaan):
        services.reactie_bijwerken(
            reactie=reactie, actor=opsteller_a, versie=reactie.versie, velden={"kernboodschap": "x"}
        )
    assert Reactie.objects.get(pk=reactie.pk).kernboodschap != "x"


@pytest.mark.django_db
@pytest.mark.parametrize("rol", ["opsteller_b", "secretaris", "ministerie_gebruiker"])
def test_alleen_eigen_organisatie_bewerkt_de_reactie(request, reactie_a, opsteller_a, rol):
    reactie = gestart(reactie_a, opsteller_a)
    with pytest.raises(PermissionDenied):
        services.reactie_bijwerken(
            reactie=reactie,
            actor=request.getfixturevalue(rol),
            versie=reactie.versie,
            velden={"kernboodschap": "x"},
        )
    with pytest.raises(PermissionDenied):
        services.kernpunt_toevoegen(
            reactie=reactie, actor=request.getfixturevalue(rol), dimensie="ict", tekst="x"
        )
    assert Reactie.objects.get(pk=reactie.pk).kernboodschap == ""


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("transitie", "rol"), [("intrekken", "opsteller_a"), ("terugsturen", "secretaris")]
)
def test_teruggenomen_reactie_geldt_niet_meer_als_ingediend(
    request, reactie_a_ter_accordering, accordeerder_a, transitie, rol
):
    reactie = services.reactie_indienen(reactie=reactie_a_ter_accordering, actor=accordeerder_a)
    services.reactie_transitie(
        transitie, reactie=reactie, actor=request.getfixturevalue(rol), toelichting="Opnieuw."
    )
    opgeslagen = Reactie.objects.get(pk=reactie.pk)
    assert opgeslagen.status == "in_voorbereiding"
    assert (opgeslagen.ingediend_door, opgeslagen.ingediend_op) == (None, None)
    # The timeline still shows when and by whom it was submitted.
    event = AuditEvent.objects.voor(reactie).get(actie="indienen")
    assert event.actor == accordeerder_a

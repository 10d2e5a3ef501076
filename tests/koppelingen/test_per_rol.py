"""Who hears of which event: the owner's ``zichtbaar_voor`` decides, and a response's
internal steps reach only its own organisation and the secretariat. Delivered for real to
a receiver on 127.0.0.1, one path per role."""

import pytest

from consultaties import services as consultatie_services
from koppelingen import catalogus
from koppelingen.models import Aflevering
from koppelingen.services import mag_ontvangen
from reacties import services as reactie_services
from tests import factories, toestanden

pytestmark = pytest.mark.django_db


@pytest.fixture
def abonnementen(abonneer, opsteller_a, opsteller_b, ministerie_gebruiker, secretaris):
    return {
        "a": abonneer(opsteller_a, "/a"),
        "b": abonneer(opsteller_b, "/b"),
        "min": abonneer(ministerie_gebruiker, "/min"),
        "sec": abonneer(secretaris, "/sec"),
    }


def test_interne_stappen_alleen_voor_eigen_organisatie_en_secretariaat(
    abonnementen, ontvanger, na_commit, reactie_a, opsteller_a, accordeerder_a
):
    with na_commit():
        reactie = reactie_services.reactie_starten(reactie=reactie_a, actor=opsteller_a)
        reactie = factories.vul_reactie_in(reactie, opsteller_a)
        reactie = reactie_services.reactie_ter_accordering(reactie=reactie, actor=opsteller_a)
        reactie_services.reactie_afkeuren(
            reactie=reactie, actor=accordeerder_a, toelichting="Nog niet scherp genoeg."
        )

    verwacht = ["reactie.gestart", "reactie.ter-accordering-aangeboden", "reactie.afgekeurd"]
    assert ontvanger.soorten("/a") == verwacht
    assert ontvanger.soorten("/sec") == verwacht
    # Another organisation and the ministry: nothing, not even that a draft exists.
    assert ontvanger.op("/b") == []
    assert ontvanger.op("/min") == []
    assert not Aflevering.objects.filter(abonnement__in=[abonnementen["b"], abonnementen["min"]])


def test_ingediend_tijdens_open_consultatie_niet_voor_anderen(
    abonnementen, ontvanger, na_commit, reactie_a_ter_accordering, accordeerder_a
):
    with na_commit():
        reactie_services.reactie_indienen(reactie=reactie_a_ter_accordering, actor=accordeerder_a)

    assert ontvanger.soorten("/a") == ["reactie.ingediend"]
    assert ontvanger.soorten("/sec") == ["reactie.ingediend"]
    assert ontvanger.op("/b") == []
    assert ontvanger.op("/min") == []


def test_sluiten_bereikt_iedereen_die_de_consultatie_ziet(
    abonnementen, ontvanger, na_commit, open_consultatie, secretaris
):
    with na_commit():
        consultatie_services.consultatie_sluiten(consultatie=open_consultatie, actor=secretaris)

    for pad in ("/a", "/b", "/min", "/sec"):
        assert "consultatie.gesloten" in ontvanger.soorten(pad), pad
    # The responses that expired with it: each organisation hears of its own only.
    assert ontvanger.soorten("/a").count("reactie.verlopen") == 1
    assert ontvanger.soorten("/b").count("reactie.verlopen") == 1
    assert ontvanger.soorten("/sec").count("reactie.verlopen") == 2
    assert "reactie.verlopen" not in ontvanger.soorten("/min")
    eigen = {
        v.json["data"]["organisatie"] for v in ontvanger.op("/a") if "reactie" in v.json["type"]
    }
    assert eigen == {abonnementen["a"].organisatie_id}


def test_concept_consultatie_alleen_voor_secretariaat(
    abonnementen, ontvanger, na_commit, secretaris, ministerie, org_a, org_b
):
    with na_commit():
        concept = factories.consultatie(
            secretaris_gebruiker=secretaris, ministerie=ministerie, organisaties=[org_a, org_b]
        )
        consultatie_services.consultatie_intrekken(
            consultatie=concept, actor=secretaris, toelichting="Toch niet."
        )

    assert ontvanger.soorten("/sec") == ["consultatie.ingetrokken"]
    for pad in ("/a", "/b", "/min"):
        assert ontvanger.op(pad) == [], pad


def test_openstellen_bereikt_uitgenodigden_en_ministerie(
    abonnementen, ontvanger, na_commit, secretaris, ministerie, org_a
):
    with na_commit():
        c = factories.consultatie(
            secretaris_gebruiker=secretaris, ministerie=ministerie, organisaties=[org_a]
        )
        consultatie_services.consultatie_openstellen(consultatie=c, actor=secretaris)

    assert ontvanger.soorten("/a") == ["consultatie.opengesteld", "reactie.uitgenodigd"]
    assert ontvanger.soorten("/min") == ["consultatie.opengesteld"]
    assert ontvanger.soorten("/sec") == ["consultatie.opengesteld", "reactie.uitgenodigd"]
    # Organisation B was not invited: the consultation does not exist for it.
    assert ontvanger.op("/b") == []


def test_paper_nooit_als_concept_naar_ministerie(
    abonnementen, ontvanger, na_commit, secretaris, ministerie, org_a, org_b, ministerie_gebruiker
):
    from rapporten import services as rapport_services

    c = toestanden.consultatie_in(
        "gesloten", secretaris=secretaris, ministerie=ministerie, organisaties=[org_a, org_b]
    )
    rapport = c.rapporten.get()
    with na_commit():
        rapport_services.rapport_verzenden(rapport=rapport, actor=secretaris)
        rapport_services.rapport_ontvangst_bevestigen(rapport=rapport, actor=ministerie_gebruiker)

    assert sorted(ontvanger.soorten("/min")) == [
        "consultatie.verzonden",
        "rapport.ontvangst-bevestigd",
        "rapport.verzonden",
    ]
    assert "rapport.definitief-gemaakt" not in ontvanger.soorten("/min")


def test_alleen_gekozen_soorten(abonneer, ontvanger, na_commit, opsteller_a, reactie_a):
    abonneer(opsteller_a, "/gekozen", soorten=["nl.tegenkracht.reactie.ingediend"])
    with na_commit():
        reactie_services.reactie_starten(reactie=reactie_a, actor=opsteller_a)
    assert ontvanger.op("/gekozen") == []


def test_uitgeschakeld_abonnement_krijgt_niets(
    abonneer, ontvanger, na_commit, opsteller_a, reactie_a
):
    from koppelingen import services

    abonnement = abonneer(opsteller_a, "/uit")
    services.abonnement_bijwerken(abonnement=abonnement, actor=opsteller_a, actief=False)
    with na_commit():
        reactie_services.reactie_starten(reactie=reactie_a, actor=opsteller_a)
    assert ontvanger.op("/uit") == []


def test_gedeactiveerde_eigenaar_krijgt_niets(
    abonneer, ontvanger, na_commit, opsteller_a, accordeerder_a, reactie_a
):
    abonneer(opsteller_a, "/weg")
    abonneer(accordeerder_a, "/collega")
    opsteller_a.is_active = False
    opsteller_a.save(update_fields=["is_active"])
    with na_commit():
        reactie_services.reactie_starten(reactie=reactie_a, actor=accordeerder_a)
    assert ontvanger.op("/weg") == []
    assert ontvanger.soorten("/collega") == ["reactie.gestart"]


def test_interne_stap_op_zichtbare_reactie_van_een_ander_blijft_intern(
    reactie_a_ter_accordering, accordeerder_a, secretaris, opsteller_b, ministerie_gebruiker
):
    """After closing, organisation B sees A's submitted response: its public milestones,
    never an internal step on it."""
    reactie = reactie_services.reactie_indienen(
        reactie=reactie_a_ter_accordering, actor=accordeerder_a
    )
    consultatie_services.consultatie_sluiten(consultatie=reactie.consultatie, actor=secretaris)
    reactie.refresh_from_db()

    assert mag_ontvangen(opsteller_b, catalogus.soort("reactie", "indienen"), reactie)
    assert not mag_ontvangen(opsteller_b, catalogus.soort("reactie", "terugsturen"), reactie)
    assert not mag_ontvangen(opsteller_b, catalogus.soort("reactie", "afkeuren"), reactie)
    assert mag_ontvangen(secretaris, catalogus.soort("reactie", "terugsturen"), reactie)
    # The ministry: not before the paper is sent.
    assert not mag_ontvangen(ministerie_gebruiker, catalogus.soort("reactie", "indienen"), reactie)

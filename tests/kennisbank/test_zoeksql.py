"""The search keeps each source's compiled SQL per ``Gebruiker.zichtbaarheidssleutel``
(``kennisbank.zoeken._GECOMPILEERD``). That holds only while the visibility rules compile
from that key alone: these tests pin it, and that the kept SQL never shows one user what
another may see. The world searched is described in tests/kennisbank/wereld.py."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from kennisbank import zoeken
from kennisbank.zoeken import BRONNEN, Filters, Zoekopdracht
from tests import factories
from tests.kennisbank.wereld import gevonden


@pytest.fixture(autouse=True)
def _lege_sql_opslag():
    zoeken._GECOMPILEERD.clear()
    yield
    zoeken._GECOMPILEERD.clear()


def _sql(user, **filters):
    opdracht = Zoekopdracht(user, "huurtoeslag", Filters(**filters))
    return [opdracht._compileer(bron) for bron in opdracht.bronnen()]


def _collega(user):
    """Another active user with the same role in the same organisation."""
    return factories.GebruikerFactory(
        username=f"collega-van-{user.username}", organisatie=user.organisatie, rol=user.rol
    )


@pytest.mark.parametrize("rol", ["secretaris", "szw", "uwv", "uwv_acc", "svb", "duo"])
def test_de_sql_hangt_alleen_af_van_de_zichtbaarheidssleutel(wereld, rol):
    user = wereld[rol]
    collega = _collega(user)
    assert collega.pk != user.pk
    assert collega.zichtbaarheidssleutel == user.zichtbaarheidssleutel
    sql = _sql(user)
    assert sql
    # Not another user of the same key, nor the clock, nor the data.
    assert _sql(collega) == sql
    with time_machine.travel(timezone.now() + timedelta(days=800), tick=False):
        assert _sql(user) == sql
    factories.consultatie(
        secretaris_gebruiker=wereld["secretaris"],
        ministerie=wereld["szw"].organisatie,
        organisaties=[wereld["org_uwv"]],
        open=True,
        titel="Nog een huurtoeslagwet",
    )
    assert _sql(user) == sql
    # The filters are compiled into it, so they are part of the key.
    assert _sql(user, jaar=2020) != sql


def test_elke_bron_vraagt_naar_de_zoekvraag(wereld):
    for bron in BRONNEN:
        _sql_tekst, params = Zoekopdracht(wereld["uwv"], "huurtoeslag")._compileer(bron)
        assert any(isinstance(w, zoeken._Vraag) for w in params), bron.soort


def test_de_bewaarde_sql_toont_een_andere_organisatie_niet_meer(wereld):
    # UWV fills the kept SQL first; SVB (a different key) never gets UWV's answers.
    assert ("paper", wereld["paper"].pk) in gevonden(wereld["uwv"], "huurtoeslag")
    assert zoeken._GECOMPILEERD
    svb = gevonden(wereld["svb"], "huurtoeslag")
    assert ("paper", wereld["paper"].pk) not in svb
    assert ("toets", wereld["toets"].pk) in svb
    assert gevonden(wereld["duo"], "huurtoeslag") == set()
    # And the next question of the same user is that question, not the first one.
    assert gevonden(wereld["uwv"], "zorgtoeslag") == {
        ("consultatie", wereld["zorg"].pk),
        ("toets", wereld["uwv_concept"].pk),
    }


def test_wie_een_andere_rol_krijgt_of_wordt_geblokkeerd_zoekt_met_de_nieuwe(wereld):
    uwv = wereld["uwv"]
    assert gevonden(uwv, "huurtoeslag")
    uwv.is_active = False
    uwv.save(update_fields=["is_active"])
    assert gevonden(uwv, "huurtoeslag") == set()
    # Moved to SVB: from then on SVB's view, not UWV's.
    uwv.is_active = True
    uwv.organisatie = wereld["svb"].organisatie
    uwv.save(update_fields=["is_active", "organisatie"])
    assert gevonden(uwv, "huurtoeslag") == gevonden(wereld["svb"], "huurtoeslag")
    assert ("paper", wereld["paper"].pk) not in gevonden(uwv, "huurtoeslag")


def test_de_opslag_blijft_begrensd(wereld, monkeypatch):
    monkeypatch.setattr(zoeken, "GECOMPILEERD_MAXIMAAL", 10)
    for jaar in range(2000, 2010):
        gevonden(wereld["uwv"], "huurtoeslag", jaar=jaar)
    assert 0 < len(zoeken._GECOMPILEERD) <= 10


def test_een_collega_met_dezelfde_sleutel_compileert_niet_opnieuw(wereld, monkeypatch):
    gecompileerd = []
    origineel = Zoekopdracht._compileer

    def tel(self, bron):
        gecompileerd.append(bron.soort)
        return origineel(self, bron)

    monkeypatch.setattr(Zoekopdracht, "_compileer", tel)
    eerst = gevonden(wereld["uwv"], "huurtoeslag")
    assert len(gecompileerd) == len(BRONNEN)
    collega = _collega(wereld["uwv"])
    assert gevonden(collega, "huurtoeslag") == eerst
    assert gevonden(collega, "zorgtoeslag")
    assert len(gecompileerd) == len(BRONNEN)
    # Another filter is another statement.
    gevonden(collega, "huurtoeslag", dimensie="burgers_en_bedrijven")
    assert len(gecompileerd) > len(BRONNEN)

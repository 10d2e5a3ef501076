"""Several requests for the same insights at once (issue 19): one counts, the others do
not count the same year too. Past their time, the others get the previous figures while
it counts; with none yet, they wait for its count. Real threads with their own database
connections against PostgreSQL (SQLite locks the whole database)."""

import threading
from datetime import timedelta

import pytest
import time_machine
from django.db import connection

from inzichten import services
from tests.gelijktijdig import tegelijk, zonder_fouten
from tests.inzichten.hulp import middag, nog_een_gesloten, periode

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="echte gelijktijdigheid vraagt PostgreSQL"
    ),
    pytest.mark.django_db(transaction=True),
]

AANTAL = 4


@pytest.fixture
def onthouden(settings):
    settings.INZICHTEN_GELDIG_SECONDEN = 600


@pytest.fixture
def telling(monkeypatch):
    """Counts the counts; the first one holds until ``klaar`` is set."""
    echt = services.bereken
    stand = {"tellingen": 0, "klaar": threading.Event()}
    slot = threading.Lock()

    def bereken(van, tot):
        with slot:
            stand["tellingen"] += 1
            eerste = stand["tellingen"] == 1
        if eerste:
            stand["klaar"].wait(timeout=20)
        return echt(van, tot)

    monkeypatch.setattr(services, "bereken", bereken)
    return stand


def _tegelijk(aantal, telling=None):
    """``inzichten`` in ``aantal`` threads at once: each one's number of consultations.
    With ``telling``, its first count is released once all the others have returned."""
    teruggekeerd = []

    def vraag():
        uitkomst = services.inzichten(*periode()).consultaties
        teruggekeerd.append(uitkomst)
        if telling and len(teruggekeerd) == aantal - 1:
            telling["klaar"].set()
        return uitkomst

    return zonder_fouten(tegelijk(*[vraag] * aantal))


def test_zonder_cijfers_telt_een_verzoek_en_wachten_de_anderen(netwerk, onthouden, telling):
    # The first count takes a second; the others have nothing to give meanwhile.
    threading.Timer(1, telling["klaar"].set).start()
    uitkomsten = _tegelijk(AANTAL)
    assert telling["tellingen"] == 1
    assert uitkomsten == [1] * AANTAL


# Counted hours ago on a quiet day: kept (BEWAARTIJD_SECONDEN), so still no wait.
@pytest.mark.parametrize("later", [timedelta(minutes=11), timedelta(hours=5)])
def test_verlopen_cijfers_telt_een_verzoek_en_krijgen_de_anderen_de_vorige(
    netwerk, onthouden, telling, secretaris, ministerie, later
):
    telling["klaar"].set()
    nu = middag()
    with time_machine.travel(nu, tick=False):
        services.inzichten(*periode())
    telling.update(tellingen=0, klaar=threading.Event())
    nog_een_gesloten(secretaris, ministerie, netwerk["uwv"])

    with time_machine.travel(nu + later):
        # The others return while the one counting still holds: they did not wait for it.
        uitkomsten = _tegelijk(AANTAL, telling)
        assert telling["tellingen"] == 1
        assert sorted(uitkomsten) == [1] * (AANTAL - 1) + [2]
        # Counted: from now on everyone gets the new figures.
        assert services.inzichten(*periode()).consultaties == 2
    assert telling["tellingen"] == 1


def test_wie_te_lang_wacht_telt_zelf(netwerk, onthouden, telling, monkeypatch):
    monkeypatch.setattr(services, "WACHTTIJD_SECONDEN", 0.3)
    uitkomsten = _tegelijk(2, telling)
    assert telling["tellingen"] == 2
    assert uitkomsten == [1, 1]

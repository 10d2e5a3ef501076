"""Several requests for the same insights at once (issue 19): one counts, the others do
not count the same year too. Past their time, the others get the previous figures while
it counts; with none yet, they wait for its count. Real threads with their own database
connections against PostgreSQL (SQLite locks the whole database)."""

import threading
from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.utils import timezone

from consultaties import services as consultatie_services
from inzichten import services
from tests import factories

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


def _periode():
    vandaag = timezone.localdate()
    return vandaag - timedelta(days=30), vandaag + timedelta(days=60)


def _tegelijk(aantal, na_de_anderen=None):
    """Runs ``inzichten`` in ``aantal`` threads at once; ``na_de_anderen`` is called once
    all but one have returned (the one still counting). Gives each thread's number of
    consultations, in the order they returned."""
    uitkomsten, fouten = [], []
    barriere = threading.Barrier(aantal)

    def vraag():
        try:
            barriere.wait(timeout=10)
            uitkomsten.append(services.inzichten(*_periode()).consultaties)
        except Exception as fout:  # surfaced in the assertion below
            fouten.append(fout)
        finally:
            connection.close()

    threads = [threading.Thread(target=vraag) for _ in range(aantal)]
    for thread in threads:
        thread.start()
    if na_de_anderen:
        for _ in range(200):
            if len(uitkomsten) + len(fouten) >= aantal - 1:
                break
            threading.Event().wait(0.05)
        na_de_anderen()
    for thread in threads:
        thread.join(timeout=60)
    assert fouten == []
    return uitkomsten


def _nog_een_gesloten(secretaris, ministerie, organisatie):
    c = factories.consultatie(
        secretaris_gebruiker=secretaris, ministerie=ministerie, organisaties=[organisatie],
        open=True,
    )  # fmt: skip
    consultatie_services.consultatie_sluiten(consultatie=c, actor=secretaris)


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
    services.inzichten(*_periode())
    telling.update(tellingen=0, klaar=threading.Event())
    _nog_een_gesloten(secretaris, ministerie, netwerk["uwv"])

    with time_machine.travel(timezone.now() + later):
        # The others return while the one counting still holds: they did not wait for it.
        uitkomsten = _tegelijk(AANTAL, na_de_anderen=lambda: telling["klaar"].set())
        assert telling["tellingen"] == 1
        assert uitkomsten == [1] * (AANTAL - 1) + [2]
        # Counted: from now on everyone gets the new figures.
        assert services.inzichten(*_periode()).consultaties == 2
    assert telling["tellingen"] == 1


def test_wie_te_lang_wacht_telt_zelf(netwerk, onthouden, telling, monkeypatch):
    monkeypatch.setattr(services, "WACHTTIJD_SECONDEN", 0.3)
    uitkomsten = _tegelijk(2, na_de_anderen=lambda: telling["klaar"].set())
    assert telling["tellingen"] == 2
    assert uitkomsten == [1, 1]

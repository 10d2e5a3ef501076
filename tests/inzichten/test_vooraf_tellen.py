"""The every-minute deadline job counts the default period's insights ahead of their
expiry, in every language, so that no request waits for a year's count (issue 19)."""

import logging
from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.utils import translation

from inzichten import services
from notificaties import bewaking
from tests.inzichten.hulp import middag

pytestmark = pytest.mark.django_db


@pytest.fixture
def onthouden(settings):
    settings.INZICHTEN_GELDIG_SECONDEN = 600


def _gevraagd(taal="nl"):
    """The default period's figures as the page asks them, in ``taal``."""
    with translation.override(taal):
        return services.inzichten(*services.standaard_periode())


def test_de_job_telt_de_standaardperiode_vooraf_in_elke_taal(
    netwerk, onthouden, django_assert_num_queries
):
    nu = middag()
    with time_machine.travel(nu, tick=False):
        bewaking.verwerk_termijnen(nu)
    with time_machine.travel(nu + timedelta(minutes=1), tick=False):
        for taal, titel in (("nl", "Netwerken"), ("en", "Networks")):
            with django_assert_num_queries(1):  # the cache only: nothing counted
                figuren = _gevraagd(taal)
            assert figuren.berekend_op == nu
            assert figuren.tabellen["netwerken"].titel == titel


def test_de_job_telt_opnieuw_vlak_voor_het_verlopen_en_niet_eerder(netwerk, onthouden):
    nu = middag()
    with time_machine.travel(nu, tick=False):
        assert services.vooraf_tellen(nu) == 2  # missing in both languages
    # Still more than VOORAF_SECONDEN to go: left alone.
    eerder = nu + timedelta(seconds=600 - services.VOORAF_SECONDEN - 1)
    with time_machine.travel(eerder, tick=False):
        assert services.vooraf_tellen(eerder) == 0
        assert _gevraagd().berekend_op == nu
    # Within VOORAF_SECONDEN of expiry: counted anew, before any request finds them stale.
    later = nu + timedelta(seconds=600 - services.VOORAF_SECONDEN)
    with time_machine.travel(later, tick=False):
        assert services.vooraf_tellen(later) == 2
        assert _gevraagd("en").berekend_op == later


def test_een_nieuwe_dag_is_een_nieuwe_standaardperiode(netwerk, onthouden):
    vandaag = middag()
    with time_machine.travel(vandaag, tick=False):
        assert services.vooraf_tellen(vandaag) == 2
    morgen = vandaag + timedelta(days=1)
    with time_machine.travel(morgen, tick=False):
        assert services.vooraf_tellen(morgen) == 2
        figuren = _gevraagd()
    assert (figuren.tot, figuren.berekend_op) == (morgen.date(), morgen)


def test_zonder_geldigheid_telt_de_job_niets_vooraf(netwerk, settings):
    settings.INZICHTEN_GELDIG_SECONDEN = 0
    assert services.vooraf_tellen() == 0


def test_een_mislukte_telling_houdt_de_job_niet_tegen(netwerk, onthouden, monkeypatch, caplog):
    def kapot(van, tot):
        raise RuntimeError("database weg")

    nu = middag()
    monkeypatch.setattr(services, "bereken", kapot)
    with time_machine.travel(nu, tick=False):
        with caplog.at_level(logging.ERROR, logger="inzichten.services"):
            resultaat = bewaking.verwerk_termijnen(nu)
        assert set(resultaat) >= {"verlopen", "gesloten", "herinneringen"}
        assert "Inzichten vooraf tellen mislukt" in caplog.text
        monkeypatch.undo()
        # Nothing was stored: the page counts them itself, as without the job.
        later = nu + timedelta(seconds=5)
    with time_machine.travel(later, tick=False):
        assert _gevraagd().berekend_op == later


def test_een_mislukte_query_laat_de_transactie_van_de_job_bruikbaar(
    netwerk, onthouden, monkeypatch
):
    """The test runs in a transaction, as the job may: the failed count is rolled back to
    its savepoint, so the job's next queries still run (on PostgreSQL an aborted
    transaction would refuse them)."""

    def kapotte_query(van, tot):
        with connection.cursor() as cursor:
            cursor.execute("SELECT * FROM tabel_die_niet_bestaat")

    monkeypatch.setattr(services, "bereken", kapotte_query)
    assert connection.in_atomic_block
    bewaking.verwerk_termijnen()
    monkeypatch.undo()
    assert _gevraagd().consultaties == services.bereken(*services.standaard_periode()).consultaties

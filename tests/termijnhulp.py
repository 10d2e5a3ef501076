"""Shared fixtures for the deadline and notification tests: a frozen clock and a
consultation opened at a chosen moment. Imported by the conftest of both folders."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from notificaties import bewaking
from tests import factories

AMS = ZoneInfo("Europe/Amsterdam")


def ams(*args) -> datetime:
    """An aware datetime in Dutch time."""
    return datetime(*args, tzinfo=AMS)


@pytest.fixture
def klok(time_machine):
    """``klok(moment)`` freezes the clock at ``moment`` (no ticking)."""

    def zet(moment):
        time_machine.move_to(moment, tick=False)

    return zet


@pytest.fixture
def na_commit(django_capture_on_commit_callbacks):
    """Run a callable and then its on-commit callbacks (tasks, e-mails), as in production."""

    def uitvoeren(functie, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return functie(*args, **kwargs)

    return uitvoeren


@pytest.fixture
def draai(na_commit):
    """One run of the deadline job, with its after-commit work."""
    return lambda: na_commit(bewaking.verwerk_termijnen)


@pytest.fixture
def maak_consultatie(
    secretaris,
    ministerie,
    org_a,
    org_b,
    opsteller_a,
    accordeerder_a,
    opsteller_b,
    accordeerder_b,
    klok,
):
    """``maak_consultatie(termijn)``: UWV and SVB invited, opened a month before."""

    def maak(termijn, geopend_op=None):
        klok(geopend_op or termijn - timedelta(days=30))
        return factories.consultatie(
            secretaris_gebruiker=secretaris,
            ministerie=ministerie,
            organisaties=[org_a, org_b],
            termijn=termijn,
            open=True,
        )

    return maak

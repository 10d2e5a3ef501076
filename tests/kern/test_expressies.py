"""kern.expressies.Jaar: the year of a date-time in the current time zone, as Django's
ExtractYear gives it, on SQLite without a Python call per row (issue 19: the search
facets). Checked on both databases around the turn of the year and in summer time."""

from datetime import UTC, datetime

import pytest
from django.db import connection
from django.db.models.functions import ExtractYear
from django.utils import timezone

from consultaties.models import Consultatie
from kern.expressies import Jaar, nieuwjaarsverschuiving
from tests import factories

pytestmark = pytest.mark.django_db

#: UTC moments and their year in Amsterdam (+01:00 in winter, +02:00 in summer).
MOMENTEN = [
    (datetime(2025, 12, 31, 22, 59, 59, tzinfo=UTC), 2025),  # 23:59:59 on 31 December
    (datetime(2025, 12, 31, 23, 0, 0, tzinfo=UTC), 2026),  # midnight, new year
    (datetime(2025, 12, 31, 23, 30, 0, 123456, tzinfo=UTC), 2026),
    (datetime(2026, 1, 1, 0, 30, tzinfo=UTC), 2026),
    (datetime(2026, 6, 30, 22, 30, tzinfo=UTC), 2026),  # summer time: 1 July 00:30
    (datetime(2026, 12, 31, 21, 0, tzinfo=UTC), 2026),
    (datetime(1999, 12, 31, 23, 0, tzinfo=UTC), 2000),
]


@pytest.fixture
def consultaties(secretaris, ministerie):
    pks = []
    for moment, _jaar in MOMENTEN:
        c = factories.consultatie(secretaris_gebruiker=secretaris, ministerie=ministerie)
        Consultatie.objects.filter(pk=c.pk).update(termijn=moment)
        pks.append(c.pk)
    return pks


def _jaren(pks, expressie):
    jaren = dict(
        Consultatie.objects.filter(pk__in=pks)
        .annotate(j=expressie("termijn"))
        .values_list("pk", "j")
    )
    return [jaren[pk] for pk in pks]


def test_het_jaar_in_amsterdam_rond_de_jaarwisseling(consultaties):
    verwacht = [jaar for _moment, jaar in MOMENTEN]
    assert _jaren(consultaties, Jaar) == verwacht
    assert _jaren(consultaties, ExtractYear) == verwacht


@pytest.mark.parametrize("zone", ["UTC", "America/Curacao", "Pacific/Apia", "Australia/Sydney"])
def test_in_een_andere_tijdzone_als_extractyear(consultaties, zone):
    with timezone.override(zone):
        assert _jaren(consultaties, Jaar) == _jaren(consultaties, ExtractYear)


def test_op_sqlite_zonder_python_per_rij_waar_de_verschuiving_vast_is(consultaties):
    def sql(zone):
        with timezone.override(zone):
            return str(Consultatie.objects.annotate(j=Jaar("termijn")).values("j").query)

    if connection.vendor == "sqlite":
        assert "django_datetime_extract" not in sql("Europe/Amsterdam")
        assert "strftime" in sql("Europe/Amsterdam")
        # Apia skipped a day at the end of 2011: its offset at the new year changed.
        assert "django_datetime_extract" in sql("Pacific/Apia")
    else:
        assert "strftime" not in sql("Europe/Amsterdam")


def test_nieuwjaarsverschuiving():
    assert nieuwjaarsverschuiving("Europe/Amsterdam") == 60
    assert nieuwjaarsverschuiving("UTC") == 0
    assert nieuwjaarsverschuiving("America/Curacao") == -240
    assert nieuwjaarsverschuiving("Pacific/Apia") is None
    # Summer time in January (and none yet in 1970): not one offset.
    assert nieuwjaarsverschuiving("Australia/Sydney") is None

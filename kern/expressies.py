"""Database expressions several apps share."""

from datetime import datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from django.db.models.functions import ExtractYear

#: The years over which :func:`nieuwjaarsverschuiving` checks a time zone.
JAREN = range(1970, 2101)


class Jaar(ExtractYear):
    """The year of a date-time in the current time zone, as ``ExtractYear``.

    On SQLite ``ExtractYear`` calls a Python function for every row (Django's
    ``django_datetime_extract``): for the 2,500 hits of a search's facets that was about
    8 ms of its 20. Only the turn of the year decides the year, so where the time zone's
    offset is the same at every turn of the year (Europe/Amsterdam: always +01:00),
    shifting the stored UTC time by that offset and reading its year in SQLite's own
    ``strftime`` is exact. Elsewhere, and on other databases, ``ExtractYear`` as is."""

    def as_sqlite(self, compiler, connection, **extra_context):
        tijdzone = self.get_tzname()  # None without USE_TZ: then as ExtractYear
        verschuiving = nieuwjaarsverschuiving(tijdzone) if tijdzone else None
        if verschuiving is None or self.lhs.output_field.get_internal_type() != "DateTimeField":
            return super().as_sql(compiler, connection)
        sql, params = compiler.compile(self.lhs)
        # %% is one % once Django has put the parameters in.
        return (
            f"CAST(strftime('%%Y', {sql}, %s) AS INTEGER)",
            (*params, f"{verschuiving:+d} minutes"),
        )


@lru_cache
def nieuwjaarsverschuiving(tijdzone: str) -> int | None:
    """The offset from UTC in minutes of ``tijdzone`` around every turn of the year in
    ``JAREN`` (a day either side), or ``None`` if it is not always the same one (a zone
    that moved its offset, or observes daylight saving time near the new year)."""
    zone = ZoneInfo(tijdzone)
    verschuivingen = {
        (datetime(jaar, 1, 1, tzinfo=zone) + timedelta(hours=uren)).utcoffset()
        for jaar in JAREN
        for uren in (-24, 0, 24)
    }
    if len(verschuivingen) != 1:
        return None
    (verschuiving,) = verschuivingen
    return int(verschuiving.total_seconds() // 60)

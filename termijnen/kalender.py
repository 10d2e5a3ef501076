"""The deadline calendar: working days, Dutch local time, when a reminder is due.

The other deadline rules (closing by itself, expiry, urgency, extension requests) build on
this in the rest of the ``termijnen`` app.

Definitions (also in ``docs/termijnen.md``):

- A *werkdag* is Monday to Friday, except Dutch public holidays as the ``holidays``
  library knows them for the Netherlands (Nieuwjaarsdag, Goede Vrijdag, Pasen, Koningsdag,
  Bevrijdingsdag in lustrum years, Hemelvaart, Pinksteren, Kerstmis).
- "N werkdagen voor de termijn" is the N-th working day before the calendar day (in
  Europe/Amsterdam) on which the termijn falls; that day itself is not counted. For a
  termijn on Friday 12 June, 2 working days before is Wednesday 10 June.
- The reminder is due at 09:00 Dutch time on that day (office hours, whatever the season:
  the moment is computed in local time, so a DST change does not shift it).
"""

from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
#: Local time of day at which a reminder becomes due.
HERINNERINGSTIJD = time(9, 0)
#: Working days left at which a response not submitted is at risk, and critical. The
#: reminders go out at the same moments.
RISICO_WERKDAGEN = 7
KRITIEK_WERKDAGEN = 2


@lru_cache(maxsize=1)
def _kalender() -> holidays.HolidayBase:
    # The library's own working-day arithmetic (weekends and Dutch public holidays); the
    # calendar fills in the years as they are asked for.
    return holidays.country_holidays("NL")


def is_werkdag(dag: date) -> bool:
    return _kalender().is_working_day(dag)


def werkdagen_voor(dag: date, aantal: int) -> date:
    """The ``aantal``-th working day before ``dag`` (``dag`` itself not counted)."""
    return _kalender().get_nth_working_day(dag, -aantal) if aantal else dag


def n_de_werkdag_vanaf(dag: date, aantal: int) -> date:
    """The ``aantal``-th working day counting from ``dag`` itself (``aantal`` >= 1)."""
    return _kalender().get_nth_working_day(dag - timedelta(days=1), aantal)


def lokale_datum(moment: datetime) -> date:
    return moment.astimezone(AMSTERDAM).date()


def herinneringsmoment(termijn: datetime, werkdagen: int) -> datetime:
    """When the reminder ``werkdagen`` working days before ``termijn`` is due (aware)."""
    dag = werkdagen_voor(lokale_datum(termijn), werkdagen)
    return datetime.combine(dag, HERINNERINGSTIJD, tzinfo=AMSTERDAM)


def resterende_werkdagen(nu: datetime, termijn: datetime) -> int:
    """Working days from today up to (not including) the termijn's day, both local.

    On the day of the 2-working-day reminder this is 2; on the termijn's own day 0.
    """
    vandaag, einddag = lokale_datum(nu), lokale_datum(termijn)
    if einddag <= vandaag:
        return 0
    return _werkdagen_tussen(vandaag, einddag)


@lru_cache(maxsize=4096)
def _werkdagen_tussen(vandaag: date, einddag: date) -> int:
    # A pure function of two dates, asked for every response of a list: the responses of
    # one consultation share its termijn (the secretaris's work queue asks hundreds).
    return _kalender().get_working_days_count(vandaag, einddag - timedelta(days=1))

"""Deadline rules of a consultation: the calendar, urgency and closing by itself.

This is the one home of "when does a consultation close by itself" (:func:`sluit_consultaties`,
run every minute by ``verwerk_termijnen``). The rules per response (its effective termijn,
expiry, workload) build on this in ``reacties/termijnen.py``.

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

import logging
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays
from django.db import transaction
from django.db.models import Exists, OuterRef

from kern.gebeurtenissen import publiceer_na_commit
from kern.workflow import SYSTEEM, TransitieNietToegestaan

logger = logging.getLogger(__name__)

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
    return _kalender().get_working_days_count(vandaag, einddag - timedelta(days=1))


# --- closing by itself ------------------------------------------------------------------


def sluit_consultaties(nu: datetime) -> int:
    """Open consultations whose termijn and all extensions have passed close by themselves.

    Idempotent and safe to run twice at once: each candidate is locked and checked again.
    The secretariaat hears of it (``consultatie.automatisch_gesloten``, after commit)."""
    from .models import Consultatie, Status
    from .services import consultatie_sluiten

    lopende_verlenging = Consultatie.objects.filter(
        pk=OuterRef("pk"), reacties__termijn_verlengd_tot__gt=nu
    )
    kandidaten = (
        Consultatie.objects.filter(status=Status.OPEN, termijn__lte=nu)
        .exclude(Exists(lopende_verlenging))
        .values_list("pk", flat=True)
    )
    aantal = 0
    for consultatie_id in list(kandidaten):
        try:
            with transaction.atomic():
                consultatie = Consultatie.objects.select_for_update().get(pk=consultatie_id)
                if (
                    consultatie.status != Status.OPEN
                    or consultatie.termijn > nu
                    or consultatie.reacties.filter(termijn_verlengd_tot__gt=nu).exists()
                ):
                    continue
                consultatie_sluiten(
                    consultatie=consultatie,
                    actor=SYSTEEM,
                    toelichting="De termijn is verstreken; automatisch gesloten.",
                )
                publiceer_na_commit(
                    "consultatie.automatisch_gesloten", consultatie_id=consultatie_id
                )
                aantal += 1
        except TransitieNietToegestaan:
            continue
        except Exception:
            logger.exception("Consultatie %s kon niet automatisch sluiten", consultatie_id)
    return aantal

"""The deadline job (termijnbewaking): runs the deadline rules of the domain and sends
the reminders and e-mail retries.

:func:`verwerk_termijnen` is idempotent and safe to run every minute, also twice at once:

- a response whose own effective termijn passed becomes ``verlopen``
  (``termijnen.verloop.laat_reacties_verlopen``);
- a consultation closes once its termijn *and* every per-organisation extension passed
  (``termijnen.verloop.sluit_consultaties``);
- a reminder is a :class:`Herinnering` row with a unique (reactie, soort); it is created
  in the same transaction as its messages, so a second run finds it and sends nothing.
"""

import logging
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone

from audit.services import registreer
from consultaties.models import Status as ConsultatieStatus
from kern.workflow import SYSTEEM
from organisaties.models import Rol
from rapporten.services import rapport_vastgelopen_afbreken
from reacties.models import LOPENDE_STATUSSEN, Reactie
from termijnen import verloop
from termijnen.kalender import herinneringsmoment, resterende_werkdagen

from . import services
from .models import HERINNERING_WERKDAGEN, Herinnering, HerinneringSoort

logger = logging.getLogger(__name__)

#: 7 working days never span more calendar days than this (weekends plus holidays).
HORIZON = timedelta(days=21)


def verwerk_termijnen(nu: datetime | None = None) -> dict[str, int]:
    """Run every deadline rule once; returns what it did, by kind."""
    nu = nu or timezone.now()
    resultaat = {
        "verlopen": verloop.laat_reacties_verlopen(nu),
        "gesloten": verloop.sluit_consultaties(nu),
        "herinneringen": verstuur_herinneringen(nu),
        "emails_opnieuw": services.emails_opnieuw_inplannen(nu),
        "rapporten_vastgelopen": rapport_vastgelopen_afbreken(nu),
    }
    if any(resultaat.values()):
        logger.info("Termijnbewaking: %s", resultaat)
    return resultaat


# --- reminders --------------------------------------------------------------------------


def verschuldigde_herinnering(
    reactie: Reactie,
    termijn: datetime,
    nu: datetime,
    verstuurd: set[str],
    uitgenodigd_op: datetime | None = None,
) -> str | None:
    """Which reminder is due now for ``reactie`` (or ``None``).

    Each stage is due from its moment until the next stage's moment (the last one until
    the termijn), so a missed run catches up but a stale reminder is never sent after a
    later one. Someone invited (or a consultation opened) after the 7-day moment gets no
    7-day reminder: the invitation itself just told them the termijn.
    """
    if nu >= termijn:
        return None
    twee = herinneringsmoment(termijn, HERINNERING_WERKDAGEN[HerinneringSoort.TWEE_WERKDAGEN])
    zeven = herinneringsmoment(termijn, HERINNERING_WERKDAGEN[HerinneringSoort.ZEVEN_WERKDAGEN])
    if nu >= twee:
        if HerinneringSoort.TWEE_WERKDAGEN not in verstuurd:
            return HerinneringSoort.TWEE_WERKDAGEN
        return None
    if (
        nu >= zeven
        and HerinneringSoort.ZEVEN_WERKDAGEN not in verstuurd
        and (uitgenodigd_op or reactie.aangemaakt_op) < zeven
    ):
        return HerinneringSoort.ZEVEN_WERKDAGEN
    return None


def _herinnering_mogelijk(termijnen, nu: datetime) -> Q:
    """Responses that may owe a reminder now, decided per distinct termijn in Python
    (working days need the holiday calendar) so the query loads only those: the cron job
    runs every minute over tens of thousands of open responses."""
    twee, zeven = [], []
    for termijn in termijnen:
        if nu >= herinneringsmoment(
            termijn, HERINNERING_WERKDAGEN[HerinneringSoort.TWEE_WERKDAGEN]
        ):
            twee.append(termijn)
        elif nu >= herinneringsmoment(
            termijn, HERINNERING_WERKDAGEN[HerinneringSoort.ZEVEN_WERKDAGEN]
        ):
            zeven.append(termijn)

    def zonder(soort):
        return ~Exists(Herinnering.objects.filter(reactie=OuterRef("pk"), soort=soort))

    return (Q(termijn_effectief__in=twee) & zonder(HerinneringSoort.TWEE_WERKDAGEN)) | (
        Q(termijn_effectief__in=zeven) & zonder(HerinneringSoort.ZEVEN_WERKDAGEN)
    )


def verstuur_herinneringen(nu: datetime) -> int:
    lopend = (
        Reactie.objects.filter(
            status__in=LOPENDE_STATUSSEN, consultatie__status=ConsultatieStatus.OPEN
        )
        .met_effectieve_termijn()
        .filter(termijn_effectief__gt=nu, termijn_effectief__lte=nu + HORIZON)
        .order_by()
    )
    termijnen = set(lopend.values_list("termijn_effectief", flat=True).distinct())
    kandidaten = (
        lopend.filter(_herinnering_mogelijk(termijnen, nu))
        .select_related("consultatie", "consultatie__ministerie", "organisatie")
        .prefetch_related("herinneringen")
    )
    kandidaten = list(kandidaten)
    aantal = 0
    for reactie in kandidaten:
        verstuurd = {h.soort for h in reactie.herinneringen.all()}
        uitgenodigd_op = max(
            reactie.aangemaakt_op, reactie.consultatie.geopend_op or reactie.aangemaakt_op
        )
        soort = verschuldigde_herinnering(
            reactie, reactie.termijn_effectief, nu, verstuurd, uitgenodigd_op
        )
        if not soort:
            continue
        try:
            if verstuur_herinnering(reactie, soort, reactie.termijn_effectief, nu):
                aantal += 1
        except Exception:
            logger.exception("Herinnering %s voor reactie %s mislukt", soort, reactie.pk)
    return aantal


def herinnering_ontvangers(reactie: Reactie, soort: str):
    """7 days: the drafters (the accordeerders if there are none). 2 days: escalation,
    drafters and accordeerders."""
    if soort == HerinneringSoort.TWEE_WERKDAGEN:
        return services.medewerkers(reactie.organisatie_id)
    opstellers = services.medewerkers(reactie.organisatie_id, rollen=[Rol.OPSTELLER])
    return opstellers if opstellers.exists() else services.medewerkers(reactie.organisatie_id)


def verstuur_herinnering(reactie: Reactie, soort: str, termijn: datetime, nu: datetime) -> bool:
    """Record and send one reminder; ``False`` if it had been sent already."""
    with transaction.atomic():
        _, nieuw = Herinnering.objects.get_or_create(
            reactie=reactie,
            soort=soort,
            defaults={
                "termijn": termijn,
                "verstuurd_op": nu,
                "geescaleerd": soort == HerinneringSoort.TWEE_WERKDAGEN,
            },
        )
        if not nieuw:
            return False
        services.verstuur(
            herinnering_ontvangers(reactie, soort),
            "herinnering",
            {
                "reactie": reactie,
                "consultatie": reactie.consultatie,
                "termijn": termijn,
                "werkdagen": resterende_werkdagen(nu, termijn),
                "escalatie": soort == HerinneringSoort.TWEE_WERKDAGEN,
            },
            link=reverse("reacties:detail", args=[reactie.pk]),
        )
        registreer(
            reactie,
            actor=SYSTEEM,
            actie=services.HERINNERING_VERSTUURD,
            toelichting=str(HerinneringSoort(soort).label),
            gegevens={"soort": soort, "termijn": termijn.isoformat()},
        )
    return True

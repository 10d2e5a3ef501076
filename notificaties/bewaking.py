"""The deadline job (termijnbewaking): reminders, expiry, automatic closing, e-mail retries.

:func:`verwerk_termijnen` is idempotent and safe to run every minute, also twice at once:

- a response whose own effective termijn passed becomes ``verlopen`` (locked, re-checked);
- a consultation closes once its termijn *and* every per-organisation extension passed;
- a reminder is a :class:`Herinnering` row with a unique (reactie, soort); it is created
  in the same transaction as its messages, so a second run finds it and sends nothing.

Locks are always taken consultation first, then response, the same order as
``consultatie_termijn_verlengen``, so the job and an extension never deadlock.
"""

import logging
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Coalesce, Greatest
from django.urls import reverse
from django.utils import timezone

from audit.services import TransitieNietToegestaan, registreer
from consultaties.models import Consultatie
from consultaties.models import Status as ConsultatieStatus
from consultaties.services import consultatie_sluiten
from organisaties.models import Rol
from rapporten.services import rapport_vastgelopen_afbreken
from reacties.models import LOPENDE_STATUSSEN, Reactie
from reacties.services import reactie_laten_verlopen

from . import services
from .models import HERINNERING_WERKDAGEN, Herinnering, HerinneringSoort
from .termijnen import herinneringsmoment, resterende_werkdagen

logger = logging.getLogger(__name__)

#: 7 working days never span more calendar days than this (weekends plus holidays).
HORIZON = timedelta(days=21)


def effectieve_termijn_expressie():
    """``Reactie.effectieve_termijn`` as a database expression (works on SQLite too)."""
    return Greatest(
        Coalesce("termijn_verlengd_tot", "consultatie__termijn"), "consultatie__termijn"
    )


def verwerk_termijnen(nu: datetime | None = None) -> dict[str, int]:
    """Run every deadline rule once; returns what it did, by kind."""
    nu = nu or timezone.now()
    resultaat = {
        "verlopen": laat_reacties_verlopen(nu),
        "gesloten": sluit_consultaties(nu),
        "herinneringen": verstuur_herinneringen(nu),
        "emails_opnieuw": services.emails_opnieuw_inplannen(nu),
        "rapporten_vastgelopen": rapport_vastgelopen_afbreken(nu),
    }
    if any(resultaat.values()):
        logger.info("Termijnbewaking: %s", resultaat)
    return resultaat


# --- expiry and closing -----------------------------------------------------------------


def laat_reacties_verlopen(nu: datetime) -> int:
    """Responses not submitted whose own effective termijn has passed become verlopen."""
    kandidaten = (
        Reactie.objects.filter(
            status__in=LOPENDE_STATUSSEN, consultatie__status=ConsultatieStatus.OPEN
        )
        .annotate(eff=effectieve_termijn_expressie())
        .filter(eff__lte=nu)
        .order_by()  # no default ordering: it would join organisations only to sort
        .values_list("pk", "consultatie_id")
    )
    aantal = 0
    for reactie_id, consultatie_id in list(kandidaten):
        try:
            with transaction.atomic():
                Consultatie.objects.select_for_update().get(pk=consultatie_id)
                reactie = Reactie.objects.select_for_update().get(pk=reactie_id)
                if (
                    reactie.status not in LOPENDE_STATUSSEN
                    or reactie.consultatie.status != ConsultatieStatus.OPEN
                    or reactie.effectieve_termijn > nu
                ):
                    continue  # another run, a submission or an extension came first
                reactie = reactie_laten_verlopen(reactie=reactie, actor=None)
                _na_commit("reactie_verlopen_melden", reactie_id=reactie.pk)
                aantal += 1
        except TransitieNietToegestaan:
            continue
        except Exception:
            # One broken row must not stop the job for everyone else; the next run retries.
            logger.exception("Reactie %s kon niet verlopen", reactie_id)
    return aantal


def sluit_consultaties(nu: datetime) -> int:
    """Open consultations whose termijn and all extensions have passed close by themselves."""
    lopende_verlenging = Reactie.objects.filter(
        consultatie=OuterRef("pk"), termijn_verlengd_tot__gt=nu
    )
    kandidaten = (
        Consultatie.objects.filter(status=ConsultatieStatus.OPEN, termijn__lte=nu)
        .exclude(Exists(lopende_verlenging))
        .values_list("pk", flat=True)
    )
    aantal = 0
    for consultatie_id in list(kandidaten):
        try:
            with transaction.atomic():
                consultatie = Consultatie.objects.select_for_update().get(pk=consultatie_id)
                if (
                    consultatie.status != ConsultatieStatus.OPEN
                    or consultatie.termijn > nu
                    or consultatie.reacties.filter(termijn_verlengd_tot__gt=nu).exists()
                ):
                    continue
                consultatie_sluiten(
                    consultatie=consultatie,
                    actor=None,
                    toelichting="De termijn is verstreken; automatisch gesloten.",
                )
                _na_commit("consultatie_gesloten_melden", consultatie_id=consultatie_id)
                aantal += 1
        except TransitieNietToegestaan:
            continue
        except Exception:
            logger.exception("Consultatie %s kon niet automatisch sluiten", consultatie_id)
    return aantal


# --- reminders --------------------------------------------------------------------------


def _geopend_op(consultatie_ids) -> dict[int, datetime]:
    """When each consultation was (last) opened: the invitations went out then."""
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import Max

    from audit.models import AuditEvent

    if not consultatie_ids:
        return {}
    rijen = (
        AuditEvent.objects.filter(
            content_type=ContentType.objects.get_for_model(Consultatie),
            object_id__in=consultatie_ids,
            actie="openstellen",
        )
        .values("object_id")
        .annotate(op=Max("tijdstip"))
    )
    return {rij["object_id"]: rij["op"] for rij in rijen}


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

    return (Q(eff__in=twee) & zonder(HerinneringSoort.TWEE_WERKDAGEN)) | (
        Q(eff__in=zeven) & zonder(HerinneringSoort.ZEVEN_WERKDAGEN)
    )


def verstuur_herinneringen(nu: datetime) -> int:
    lopend = (
        Reactie.objects.filter(
            status__in=LOPENDE_STATUSSEN, consultatie__status=ConsultatieStatus.OPEN
        )
        .annotate(eff=effectieve_termijn_expressie())
        .filter(eff__gt=nu, eff__lte=nu + HORIZON)
        .order_by()
    )
    termijnen = set(lopend.values_list("eff", flat=True).distinct())
    kandidaten = (
        lopend.filter(_herinnering_mogelijk(termijnen, nu))
        .select_related("consultatie", "consultatie__ministerie", "organisatie")
        .prefetch_related("herinneringen")
    )
    kandidaten = list(kandidaten)
    geopend = _geopend_op({r.consultatie_id for r in kandidaten})
    aantal = 0
    for reactie in kandidaten:
        verstuurd = {h.soort for h in reactie.herinneringen.all()}
        uitgenodigd_op = max(
            reactie.aangemaakt_op, geopend.get(reactie.consultatie_id, reactie.aangemaakt_op)
        )
        soort = verschuldigde_herinnering(reactie, reactie.eff, nu, verstuurd, uitgenodigd_op)
        if not soort:
            continue
        try:
            if verstuur_herinnering(reactie, soort, reactie.eff, nu):
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
            actor=None,
            actie="herinnering_verstuurd",
            toelichting=str(HerinneringSoort(soort).label),
            gegevens={"soort": soort, "termijn": termijn.isoformat()},
        )
    return True


def _na_commit(taaknaam: str, **kwargs):
    from . import tasks

    taak = getattr(tasks, taaknaam)
    transaction.on_commit(lambda: taak.enqueue(**kwargs))


# --- overviews: who is behind, what is on an organisation's plate ------------------------


class Urgentie:
    VERLOPEN = "verlopen"
    KRITIEK = "kritiek"
    RISICO = "risico"
    OP_SCHEMA = "op_schema"

    LABELS = {
        VERLOPEN: "Termijn verstreken",
        KRITIEK: "Nog 2 werkdagen of minder",
        RISICO: "Nog 7 werkdagen of minder",
        OP_SCHEMA: "Op schema",
    }


def urgentie(reactie: Reactie, nu: datetime) -> tuple[str, int]:
    """How pressing a not-submitted response is: (category, working days left)."""
    termijn = reactie.effectieve_termijn
    if reactie.status == "verlopen" or termijn <= nu:
        return Urgentie.VERLOPEN, 0
    werkdagen = resterende_werkdagen(nu, termijn)
    if werkdagen <= HERINNERING_WERKDAGEN[HerinneringSoort.TWEE_WERKDAGEN]:
        return Urgentie.KRITIEK, werkdagen
    if werkdagen <= HERINNERING_WERKDAGEN[HerinneringSoort.ZEVEN_WERKDAGEN]:
        return Urgentie.RISICO, werkdagen
    return Urgentie.OP_SCHEMA, werkdagen


def _regel(reactie: Reactie, nu: datetime) -> dict:
    categorie, werkdagen = urgentie(reactie, nu)
    return {
        "reactie": reactie,
        "termijn": reactie.effectieve_termijn,
        "werkdagen": werkdagen,
        "urgentie": categorie,
        "urgentie_label": Urgentie.LABELS[categorie],
        "herinneringen": [h.get_soort_display() for h in reactie.herinneringen.all()],
    }


def achterstand(consultaties, nu: datetime | None = None) -> list[dict]:
    """Per open consultation the organisations that have not submitted, most urgent first."""
    from django.db.models import Prefetch

    nu = nu or timezone.now()
    niet_ingediend = (
        Reactie.objects.filter(status__in=[*LOPENDE_STATUSSEN, "verlopen"])
        .select_related("organisatie")
        .prefetch_related("herinneringen")
    )
    consultaties = (
        consultaties.filter(status=ConsultatieStatus.OPEN)
        .select_related("ministerie")
        .prefetch_related(Prefetch("reacties", queryset=niet_ingediend, to_attr="achter"))
        .order_by("termijn", "pk")
    )
    volgorde = list(Urgentie.LABELS)
    resultaat = []
    for consultatie in consultaties:
        regels = sorted(
            (_regel(r, nu) for r in consultatie.achter),
            key=lambda r: (volgorde.index(r["urgentie"]), r["termijn"], r["reactie"].pk),
        )
        resultaat.append({"consultatie": consultatie, "regels": regels})
    return resultaat


def werklast(organisatie, nu: datetime | None = None) -> list[dict]:
    """Every invitation of ``organisatie`` in an open consultation, by termijn."""
    nu = nu or timezone.now()
    reacties = (
        Reactie.objects.filter(organisatie=organisatie, consultatie__status=ConsultatieStatus.OPEN)
        .select_related("consultatie", "consultatie__ministerie")
        .prefetch_related("herinneringen", "verlengingsverzoeken")
        .annotate(eff=effectieve_termijn_expressie())
        .order_by("eff", "pk")
    )
    regels = []
    for reactie in reacties:
        regel = _regel(reactie, nu)
        regel["lopend"] = reactie.status in LOPENDE_STATUSSEN
        regel["open_verzoek"] = next(
            (v for v in reactie.verlengingsverzoeken.all() if v.status == "aangevraagd"), None
        )
        regels.append(regel)
    return regels

"""Deadline rules of a response: expiry, urgency, workload and who is behind.

The effective termijn itself (extension or the consultation's) is
``reacties.models.effectieve_termijn``; the calendar and closing a consultation by itself
are in ``consultaties/termijnen.py``. ``verwerk_termijnen`` runs :func:`laat_reacties_verlopen`
every minute.

Locks are always taken consultation first, then response, the same order as
``consultatie_termijn_verlengen``, so the job and an extension never deadlock.
"""

import logging
from datetime import datetime

from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone

from consultaties.models import Consultatie
from consultaties.models import Status as ConsultatieStatus
from consultaties.termijnen import KRITIEK_WERKDAGEN, RISICO_WERKDAGEN, resterende_werkdagen
from kern.gebeurtenissen import publiceer_na_commit
from kern.workflow import SYSTEEM, TransitieNietToegestaan

from .models import LOPENDE_STATUSSEN, Reactie, Status
from .services import reactie_laten_verlopen

logger = logging.getLogger(__name__)


# --- expiry -------------------------------------------------------------------------------


def laat_reacties_verlopen(nu: datetime) -> int:
    """Responses not submitted whose own effective termijn has passed become verlopen.

    Each is locked and checked again, so two runs at once (or a submission or an extension
    in between) never expire one wrongly. The organisation hears of it after commit."""
    kandidaten = (
        Reactie.objects.filter(
            status__in=LOPENDE_STATUSSEN, consultatie__status=ConsultatieStatus.OPEN
        )
        .met_effectieve_termijn()
        .filter(termijn_effectief__lte=nu)
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
                reactie = reactie_laten_verlopen(reactie=reactie, actor=SYSTEEM)
                publiceer_na_commit("reactie.verlopen_door_termijn", reactie_id=reactie.pk)
                aantal += 1
        except TransitieNietToegestaan:
            continue
        except Exception:
            # One broken row must not stop the job for everyone else; the next run retries.
            logger.exception("Reactie %s kon niet verlopen", reactie_id)
    return aantal


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
    if reactie.status == Status.VERLOPEN or termijn <= nu:
        return Urgentie.VERLOPEN, 0
    werkdagen = resterende_werkdagen(nu, termijn)
    if werkdagen <= KRITIEK_WERKDAGEN:
        return Urgentie.KRITIEK, werkdagen
    if werkdagen <= RISICO_WERKDAGEN:
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
    nu = nu or timezone.now()
    niet_ingediend = (
        Reactie.objects.filter(status__in=[*LOPENDE_STATUSSEN, Status.VERLOPEN])
        .met_effectieve_termijn()
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
        .met_effectieve_termijn()
        .order_by("termijn_effectief", "pk")
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

"""Deadline overviews: how pressing a response is, who is behind, an organisation's workload.

The effective termijn itself (extension or the consultation's) is
``reacties.models.effectieve_termijn``; working days come from :mod:`termijnen.kalender`.
"""

from datetime import datetime

from django.db.models import Prefetch
from django.utils import timezone

from consultaties.models import Status as ConsultatieStatus
from reacties.models import LOPENDE_STATUSSEN, Reactie, Status

from .kalender import KRITIEK_WERKDAGEN, RISICO_WERKDAGEN, resterende_werkdagen
from .models import VerzoekStatus

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
            (
                v
                for v in reactie.verlengingsverzoeken.all()
                if v.status == VerzoekStatus.AANGEVRAAGD
            ),
            None,
        )
        regels.append(regel)
    return regels

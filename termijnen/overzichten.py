"""Deadline overviews: how pressing a response is, who is behind, an organisation's workload.

The effective termijn itself (extension or the consultation's) is
``reacties.models.effectieve_termijn``; working days come from :mod:`termijnen.kalender`.
"""

from datetime import datetime, time, timedelta

from django.db.models import Exists, Func, IntegerField, OuterRef, Prefetch, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from consultaties.models import Status as ConsultatieStatus
from organisaties.models import Organisatie
from reacties.models import LOPENDE_STATUSSEN, Reactie, Status, effectieve_termijn

from .kalender import (
    AMSTERDAM,
    KRITIEK_WERKDAGEN,
    RISICO_WERKDAGEN,
    lokale_datum,
    n_de_werkdag_vanaf,
    resterende_werkdagen,
)
from .models import VerzoekStatus

# --- overviews: who is behind, what is on an organisation's plate ------------------------


class Urgentie:
    VERLOPEN = "verlopen"
    KRITIEK = "kritiek"
    RISICO = "risico"
    OP_SCHEMA = "op_schema"

    LABELS = {
        VERLOPEN: _("Termijn verstreken"),
        KRITIEK: _("Nog 2 werkdagen of minder"),
        RISICO: _("Nog 7 werkdagen of minder"),
        OP_SCHEMA: _("Op schema"),
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


def urgentie_grens(nu: datetime, werkdagen: int) -> datetime:
    """The first moment of a termijn with more than ``werkdagen`` working days left: a
    termijn before it has at most that many (see :func:`resterende_werkdagen`).

    Lets a list filter and sort on urgency in the database: urgency only grows as the
    termijn comes closer."""
    laatste_dag = n_de_werkdag_vanaf(lokale_datum(nu), werkdagen + 1)
    return datetime.combine(laatste_dag + timedelta(days=1), time(0), tzinfo=AMSTERDAM)


def met_urgentie(reacties, categorie: str, nu: datetime):
    """Narrow ``reacties`` (annotated with ``termijn_effectief``) to one urgency category,
    the same as :func:`urgentie` decides it row by row."""
    verlopen = Q(status=Status.VERLOPEN) | Q(termijn_effectief__lte=nu)
    if categorie == Urgentie.VERLOPEN:
        return reacties.filter(verlopen)
    kritiek = urgentie_grens(nu, KRITIEK_WERKDAGEN)
    risico = urgentie_grens(nu, RISICO_WERKDAGEN)
    reacties = reacties.exclude(verlopen)
    if categorie == Urgentie.KRITIEK:
        return reacties.filter(termijn_effectief__lt=kritiek)
    if categorie == Urgentie.RISICO:
        return reacties.filter(termijn_effectief__gte=kritiek, termijn_effectief__lt=risico)
    return reacties.filter(termijn_effectief__gte=risico)


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


def achterstand_reacties(consultaties=None):
    """Responses not submitted in open consultations (of ``consultaties``, default all):
    who is behind. A queryset, so the page can filter, sort and paginate it."""
    reacties = Reactie.objects.filter(
        status__in=[*LOPENDE_STATUSSEN, Status.VERLOPEN],
        consultatie__status=ConsultatieStatus.OPEN,
    )
    if consultaties is not None:
        reacties = reacties.filter(consultatie__in=consultaties)
    return (
        reacties.met_effectieve_termijn()
        .select_related("organisatie", "consultatie")
        .prefetch_related("herinneringen")
    )


def werklast_per_organisatie():
    """The execution organisations with running work in open consultations, annotated
    ``lopend`` (how many) and ``eerste_termijn`` (the first effective termijn).

    Per organisation a subquery over its running responses only (the index on status,
    consultation and organisation finds them): as a join of every organisation with all
    its responses it read every response of the years (72,000) to count the few running.
    """
    lopende = Reactie.objects.filter(
        organisatie=OuterRef("pk"),
        status__in=LOPENDE_STATUSSEN,
        consultatie__status=ConsultatieStatus.OPEN,
    ).order_by()
    return (
        Organisatie.objects.uitvoeringsorganisaties()
        .filter(Exists(lopende))
        .annotate(
            # COUNT without GROUP BY: grouped, SQLite walked the organisation's responses
            # of the years by (organisation, status) instead of the open consultations.
            lopend=Subquery(
                lopende.annotate(
                    n=Func("pk", function="COUNT", output_field=IntegerField())
                ).values("n")
            ),
            eerste_termijn=Subquery(
                lopende.annotate(t=effectieve_termijn()).order_by("t").values("t")[:1]
            ),
        )
    )


def werklast_reacties(organisatie):
    """Every invitation of ``organisatie`` in an open consultation (a queryset)."""
    return (
        Reactie.objects.filter(organisatie=organisatie, consultatie__status=ConsultatieStatus.OPEN)
        .select_related("consultatie", "consultatie__ministerie")
        .prefetch_related("herinneringen", "verlengingsverzoeken")
        .met_effectieve_termijn()
    )


def regels(reacties, nu: datetime | None = None) -> list[dict]:
    """Display rows (urgency, working days left, reminders sent, an open extension
    request) for one page of :func:`achterstand_reacties` or :func:`werklast_reacties`."""
    nu = nu or timezone.now()
    resultaat = []
    for reactie in reacties:
        regel = _regel(reactie, nu)
        regel["lopend"] = reactie.status in LOPENDE_STATUSSEN
        if "verlengingsverzoeken" in getattr(reactie, "_prefetched_objects_cache", {}):
            regel["open_verzoek"] = next(
                (
                    v
                    for v in reactie.verlengingsverzoeken.all()
                    if v.status == VerzoekStatus.AANGEVRAAGD
                ),
                None,
            )
        resultaat.append(regel)
    return resultaat


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

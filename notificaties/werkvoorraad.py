"""The secretaris's work queue: what needs the secretariaat now, grouped by consultation.

Read with a fixed number of queries whatever the number of consultations, organisations
or items (``tests/notificaties/test_werkvoorraad.py`` pins it): each kind of work is one
query over the running work only, and the grouping happens in Python.

- responses to assess: submitted (``ingediend``), awaiting accept or return;
- extension requests awaiting a decision;
- organisations behind: not submitted with at most 7 working days left, or already
  expired while the consultation still runs (``termijnen.overzichten.urgentie``);
- consultations that close within 5 working days;
- papers ready to send: a definitive version of a closed consultation;
- failed e-mails (not about one consultation: a group of their own).
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import IntegerField, Subquery
from django.utils import timezone

from consultaties.models import Consultatie
from consultaties.models import Status as ConsultatieStatus
from organisaties.models import Gebruiker
from rapporten.models import Rapport
from rapporten.models import Status as RapportStatus
from reacties.models import LOPENDE_STATUSSEN, Reactie
from reacties.models import Status as ReactieStatus
from termijnen.kalender import resterende_werkdagen
from termijnen.models import Verlengingsverzoek
from termijnen.overzichten import Urgentie, urgentie

from .bewaking import HORIZON
from .models import Email

#: A consultation closing within this many working days is on the work queue.
SLUIT_BINNEN_WERKDAGEN = 5
#: Failed e-mails shown on the dashboard; the rest is on their own page.
EMAILS_OP_DASHBOARD = 5


@dataclass
class Groep:
    """The work on one consultation."""

    consultatie: Consultatie
    te_beoordelen: list = field(default_factory=list)
    verzoeken: list = field(default_factory=list)
    achter: list = field(default_factory=list)
    te_verzenden: list = field(default_factory=list)
    #: Working days until the consultation's termijn when that is at most 5, else None.
    sluit_over: int | None = None

    @property
    def achter_per_urgentie(self) -> list[tuple[str, list]]:
        """The laggards by urgency, most urgent first: ``[(urgentie, [regel, …])]``."""
        volgorde = [Urgentie.VERLOPEN, Urgentie.KRITIEK, Urgentie.RISICO]
        return [
            (u, regels)
            for u in volgorde
            if (regels := [r for r in self.achter if r["urgentie"] == u])
        ]

    @property
    def aantal(self) -> int:
        """Items that ask an action (a consultation closing soon is a signal, no item)."""
        return (
            len(self.te_beoordelen)
            + len(self.verzoeken)
            + len(self.achter)
            + len(self.te_verzenden)
        )


def _te_beoordelen():
    """Submitted responses the secretaris can still accept or return (the consultation is
    open or closed; ``Reactie.accepteren``'s condition)."""
    return Reactie.objects.filter(
        status=ReactieStatus.INGEDIEND,
        consultatie__status__in=(ConsultatieStatus.OPEN, ConsultatieStatus.GESLOTEN),
    )


def werkvoorraad(nu: datetime | None = None) -> dict:
    """The work queue: ``groepen`` (most urgent termijn first), ``totalen`` per kind and
    the most recent failed e-mails."""
    nu = nu or timezone.now()
    groepen: dict[int, Groep] = {}

    def groep(consultatie_id) -> Groep:
        return groepen.setdefault(consultatie_id, Groep(consultatie=None))

    for reactie in _te_beoordelen().select_related("organisatie").order_by("ingediend_op", "pk"):
        groep(reactie.consultatie_id).te_beoordelen.append(reactie)

    for verzoek in (
        Verlengingsverzoek.objects.open()
        .select_related("reactie__organisatie")
        .order_by("aangevraagd_op", "pk")
    ):
        groep(verzoek.reactie.consultatie_id).verzoeken.append(verzoek)

    # Only responses within the reminder horizon can be at risk: the query stays small.
    achter = (
        Reactie.objects.filter(
            status__in=[*LOPENDE_STATUSSEN, ReactieStatus.VERLOPEN],
            consultatie__status=ConsultatieStatus.OPEN,
        )
        .met_effectieve_termijn()
        .filter(termijn_effectief__lte=nu + HORIZON)
        .select_related("organisatie")
        .order_by("termijn_effectief", "organisatie__naam")
    )
    for reactie in achter:
        categorie, werkdagen = urgentie(reactie, nu)
        if categorie != Urgentie.OP_SCHEMA:
            groep(reactie.consultatie_id).achter.append(
                {
                    "reactie": reactie,
                    "urgentie": categorie,
                    "urgentie_label": Urgentie.LABELS[categorie],
                    "werkdagen": werkdagen,
                }
            )

    for rapport in Rapport.objects.filter(
        status=RapportStatus.DEFINITIEF, consultatie__status=ConsultatieStatus.GESLOTEN
    ).zonder_inhoud():
        groep(rapport.consultatie_id).te_verzenden.append(rapport)

    # The consultations of the groups, and the open ones that may close soon.
    consultaties = (
        Consultatie.objects.filter(pk__in=list(groepen))
        | Consultatie.objects.filter(status=ConsultatieStatus.OPEN, termijn__lte=nu + HORIZON)
    ).select_related("ministerie")
    for consultatie in consultaties:
        if consultatie.status == ConsultatieStatus.OPEN and consultatie.termijn > nu:
            werkdagen = resterende_werkdagen(nu, consultatie.termijn)
            if werkdagen <= SLUIT_BINNEN_WERKDAGEN:
                groep(consultatie.pk).sluit_over = werkdagen
        if consultatie.pk in groepen:
            groepen[consultatie.pk].consultatie = consultatie

    lijst = sorted(
        (g for g in groepen.values() if g.consultatie is not None),
        key=lambda g: (g.consultatie.termijn, g.consultatie.pk),
    )
    emails = list(
        Email.objects.mislukt().only("pk", "aan", "onderwerp", "status", "bijgewerkt_op")[
            : EMAILS_OP_DASHBOARD + 1
        ]
    )
    return {
        "groepen": lijst,
        "totalen": {
            "te_beoordelen": sum(len(g.te_beoordelen) for g in lijst),
            "verzoeken": sum(len(g.verzoeken) for g in lijst),
            "achter": sum(len(g.achter) for g in lijst),
            "te_verzenden": sum(len(g.te_verzenden) for g in lijst),
            "sluit_binnenkort": sum(1 for g in lijst if g.sluit_over is not None),
        },
        "emails_mislukt": emails[:EMAILS_OP_DASHBOARD],
        "meer_emails_mislukt": len(emails) > EMAILS_OP_DASHBOARD,
        "sluit_binnen_werkdagen": SLUIT_BINNEN_WERKDAGEN,
    }


# --- the counts in the main menu ----------------------------------------------------------


class _Aantal(Subquery):
    """``COUNT(*)`` of an independent queryset, as a column of another query."""

    template = "(SELECT COUNT(*) FROM (%(subquery)s) _aantal)"
    output_field = IntegerField()


def menutellingen(user) -> dict[str, int]:
    """The user's unread notifications and, for the secretaris, the counts of the work
    queue that the menu shows — in one query, the one every page already made for the
    unread count."""
    tellingen = {"ongelezen": _Aantal(user.notificaties.ongelezen().order_by().values("pk"))}
    if user.is_secretaris:
        tellingen.update(
            te_beoordelen=_Aantal(_te_beoordelen().order_by().values("pk")),
            verzoeken=_Aantal(Verlengingsverzoek.objects.open().order_by().values("pk")),
            emails_mislukt=_Aantal(Email.objects.mislukt().order_by().values("pk")),
            te_verzenden=_Aantal(
                Rapport.objects.filter(
                    status=RapportStatus.DEFINITIEF,
                    consultatie__status=ConsultatieStatus.GESLOTEN,
                )
                .order_by()
                .values("pk")
            ),
        )
    rij = Gebruiker.objects.filter(pk=user.pk).annotate(**tellingen).values(*tellingen).get()
    if user.is_secretaris:
        rij["werkvoorraad"] = rij["te_beoordelen"] + rij["verzoeken"] + rij["te_verzenden"]
    return rij

"""The secretaris's work queue: what needs the secretariaat now, grouped by consultation.

Read with a fixed number of queries whatever the number of consultations, organisations
or items (``tests/notificaties/test_werkvoorraad.py`` pins it): one query lists every item
of running work by consultation and kind (the totals), one reads the first consultations
with work, then each kind of work is one query over those consultations only, grouped in
Python. The page shows the consultations whose
termijn comes first, so it costs the same however much work is running.

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

from django.db import connections, router
from django.db.models import CharField, Q, Value
from django.utils import timezone

from consultaties.models import Consultatie
from consultaties.models import Status as ConsultatieStatus
from organisaties.models import Gebruiker
from rapporten.models import Rapport
from rapporten.models import Status as RapportStatus
from reacties.models import LOPENDE_STATUSSEN, Reactie
from reacties.models import Status as ReactieStatus
from termijnen.kalender import RISICO_WERKDAGEN, resterende_werkdagen
from termijnen.models import Verlengingsverzoek
from termijnen.overzichten import Urgentie, urgentie, urgentie_grens

from .bewaking import HORIZON
from .models import Email

#: A consultation closing within this many working days is on the work queue.
SLUIT_BINNEN_WERKDAGEN = 5
#: Failed e-mails shown on the dashboard; the rest is on their own page.
EMAILS_OP_DASHBOARD = 5
#: Consultations with work shown on the dashboard, most urgent termijn first; the totals
#: count them all. The page then costs the same however much work is running.
GROEPEN_OP_DASHBOARD = 10


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


def _achter(nu: datetime):
    """Responses behind on their termijn in open consultations: expired, or at most
    :data:`~termijnen.kalender.RISICO_WERKDAGEN` working days left (what
    ``termijnen.overzichten.urgentie`` calls anything but op schema), in the database."""
    return (
        Reactie.objects.filter(
            status__in=[*LOPENDE_STATUSSEN, ReactieStatus.VERLOPEN],
            consultatie__status=ConsultatieStatus.OPEN,
        )
        .met_effectieve_termijn()
        .filter(termijn_effectief__lte=nu + HORIZON)
        .filter(
            Q(status=ReactieStatus.VERLOPEN)
            | Q(termijn_effectief__lt=urgentie_grens(nu, RISICO_WERKDAGEN))
        )
    )


def _te_verzenden():
    return Rapport.objects.filter(
        status=RapportStatus.DEFINITIEF, consultatie__status=ConsultatieStatus.GESLOTEN
    )


def werkvoorraad(nu: datetime | None = None) -> dict:
    """The work queue: ``groepen``, the :data:`GROEPEN_OP_DASHBOARD` consultations with
    work whose termijn comes first (``meer_groepen``: how many more there are),
    ``totalen`` per kind over all of them, and the most recent failed e-mails.

    Which consultations have work and the totals are counted in the database; the items
    are read for the groups shown only, so the page costs the same however much work is
    running."""
    nu = nu or timezone.now()
    verzoeken = Verlengingsverzoek.objects.open()
    # Each kind's queryset built once (its lookups resolved once), then narrowed per use.
    te_beoordelen, achter, te_verzenden = _te_beoordelen(), _achter(nu), _te_verzenden()
    sluit_grens = urgentie_grens(nu, SLUIT_BINNEN_WERKDAGEN)
    sluit_binnenkort = Q(status=ConsultatieStatus.OPEN, termijn__gt=nu, termijn__lt=sluit_grens)
    # Every item of running work as (consultation, kind, key): one UNION of each kind's
    # own index lookups. It gives the totals per kind and the consultations with work,
    # which are then read by key. Running work only: as many items however many years lie
    # behind. (Found inside the query that sorts them by termijn, PostgreSQL walked the
    # termijn index through every consultation of the years. A UNION ALL it ran with
    # parallel workers, slower than the work itself on a busy server; with the item's key
    # in each row, UNION drops nothing. Grouped per consultation in SQL, SQLite scanned
    # every submitted response in key order.)
    soorten = {
        "te_beoordelen": (te_beoordelen, "consultatie_id"),
        "verzoeken": (verzoeken, "reactie__consultatie_id"),
        "achter": (achter, "consultatie_id"),
        "te_verzenden": (te_verzenden, "consultatie_id"),
        "sluit_binnenkort": (Consultatie.objects.filter(sluit_binnenkort), "pk"),
    }
    eerste, *overige = (
        queryset.order_by()
        .annotate(soort=Value(soort, output_field=CharField()))
        .values_list(consultatie, "soort", "pk")
        for soort, (queryset, consultatie) in soorten.items()
    )
    totalen = dict.fromkeys(soorten, 0)
    met_werk = set()
    for consultatie_id, soort, _pk in eerste.union(*overige):
        totalen[soort] += 1
        met_werk.add(consultatie_id)

    consultaties = list(
        Consultatie.objects.filter(pk__in=met_werk)
        .select_related("ministerie")
        # Only what a group's heading shows: a consultation's texts stay unread.
        .only(*Consultatie.LIJSTVELDEN)
        .order_by("termijn", "pk")[:GROEPEN_OP_DASHBOARD]
    )
    groepen = {c.pk: Groep(consultatie=c) for c in consultaties}
    for consultatie in consultaties:
        if consultatie.status == ConsultatieStatus.OPEN and consultatie.termijn > nu:
            werkdagen = resterende_werkdagen(nu, consultatie.termijn)
            if werkdagen <= SLUIT_BINNEN_WERKDAGEN:
                groepen[consultatie.pk].sluit_over = werkdagen

    # Only what the queue shows of a response: its texts stay unread.
    kop = ("pk", "consultatie_id", "status", "organisatie__naam", "organisatie__afkorting")
    for reactie in (
        te_beoordelen.filter(consultatie_id__in=groepen)
        .select_related("organisatie")
        .only(*kop)
        .order_by("ingediend_op", "pk")
    ):
        groepen[reactie.consultatie_id].te_beoordelen.append(reactie)

    for verzoek in (
        verzoeken.filter(reactie__consultatie_id__in=groepen)
        .select_related("reactie__organisatie")
        .order_by("aangevraagd_op", "pk")
    ):
        groepen[verzoek.reactie.consultatie_id].verzoeken.append(verzoek)

    for reactie in (
        achter.filter(consultatie_id__in=groepen)
        .select_related("organisatie")
        .only(*kop, "termijn_verlengd_tot")
        .order_by("termijn_effectief", "organisatie__naam")
    ):
        categorie, werkdagen = urgentie(reactie, nu)
        groepen[reactie.consultatie_id].achter.append(
            {
                "reactie": reactie,
                "urgentie": categorie,
                "urgentie_label": Urgentie.LABELS[categorie],
                "werkdagen": werkdagen,
            }
        )

    for rapport in te_verzenden.filter(consultatie_id__in=groepen).zonder_inhoud():
        groepen[rapport.consultatie_id].te_verzenden.append(rapport)

    # The newest failed ones found from the index (status, -aangemaakt_op, -id) alone, then
    # read by key: asked for those columns in one go, SQLite's planner reads the index's
    # statistics (nearly every e-mail has one status) as "no better than a scan" and
    # sorted all e-mails (14 ms at 131,000).
    nieuwste = Email.objects.mislukt().values("pk")[: EMAILS_OP_DASHBOARD + 1]
    emails = list(
        Email.objects.filter(pk__in=nieuwste).only(
            "pk", "aan", "onderwerp", "status", "bijgewerkt_op"
        )
    )
    return {
        "groepen": list(groepen.values()),
        "meer_groepen": len(met_werk) - len(groepen),
        "totalen": totalen,
        "emails_mislukt": emails[:EMAILS_OP_DASHBOARD],
        "meer_emails_mislukt": len(emails) > EMAILS_OP_DASHBOARD,
        "sluit_binnen_werkdagen": SLUIT_BINNEN_WERKDAGEN,
    }


# --- the counts in the main menu ----------------------------------------------------------


#: Per database: the SQL and parameters of the secretaris's counts in the menu. They do
#: not depend on the user or the time, so they are compiled once per process instead of
#: resolving and compiling four subqueries on every page (about a millisecond of CPU).
_WERKVOORRAAD_SQL: dict[tuple[str, str], tuple[list[str], list[str], list]] = {}


def _werkvoorraad_sql(connection) -> tuple[list[str], list[str], list]:
    sleutel = (connection.alias, connection.vendor)
    if sleutel not in _WERKVOORRAAD_SQL:
        namen, delen, params = [], [], []
        for naam, queryset in (
            ("te_beoordelen", _te_beoordelen()),
            ("verzoeken", Verlengingsverzoek.objects.open()),
            ("emails_mislukt", Email.objects.mislukt()),
            ("te_verzenden", _te_verzenden()),
        ):
            sql, p = _aantal_sql(queryset, connection)
            namen.append(naam)
            delen.append(sql)
            params.extend(p)
        _WERKVOORRAAD_SQL[sleutel] = (namen, delen, params)
    return _WERKVOORRAAD_SQL[sleutel]


def _aantal_sql(queryset, connection) -> tuple[str, tuple]:
    """``COUNT(*)`` of ``queryset`` as a scalar subquery."""
    sql, params = (
        queryset.order_by().values("pk").query.get_compiler(connection=connection).as_sql()
    )
    # Django compiled the SQL; the values stay parameters.
    return f"(SELECT COUNT(*) FROM ({sql}) _aantal)", params  # noqa: S608


def menutellingen(user) -> dict[str, int]:
    """The user's unread notifications and, for the secretaris, the counts of the work
    queue that the menu shows — in one query, the one every page already made for the
    unread count."""
    connection = connections[router.db_for_read(Gebruiker)]
    sql, params = _aantal_sql(user.notificaties.ongelezen(), connection)
    namen, delen, params = ["ongelezen"], [sql], list(params)
    if user.is_secretaris:
        extra_namen, extra_delen, extra_params = _werkvoorraad_sql(connection)
        namen += extra_namen
        delen += extra_delen
        params += extra_params
    with connection.cursor() as cursor:
        kolommen = (
            f"{deel} AS {connection.ops.quote_name(n)}"
            for deel, n in zip(delen, namen, strict=True)
        )
        cursor.execute("SELECT " + ", ".join(kolommen), params)
        rij = dict(zip(namen, cursor.fetchone(), strict=True))
    if user.is_secretaris:
        rij["werkvoorraad"] = rij["te_beoordelen"] + rij["verzoeken"] + rij["te_verzenden"]
    return rij

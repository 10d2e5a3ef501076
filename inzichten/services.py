"""What became of the network's tegenkracht: figures over a period.

Only consultations whose termijn falls in the period and that have closed count (an open
one would lower the response rates unfairly). Merged kernpunten count once, as the one
they were merged into. Adoption counts what the ministry recorded per kernpunt.
"""

import logging
from collections import Counter
from contextlib import nullcontext
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from statistics import median
from time import monotonic, sleep

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Count, Q
from django.utils import timezone, translation
from django.utils.translation import get_language, gettext

from consultaties.models import GESLOTEN_STATUSSEN, Consultatie
from organisaties.models import Netwerk
from reacties.models import (
    INGEDIENDE_STATUSSEN,
    Beoordeling,
    Dimensie,
    Gevolgen,
    Kernpunt,
    Levensgebeurtenis,
    Reactie,
)
from reacties.models import Status as ReactieStatus

OVERGENOMEN = ("overgenomen", "deels_overgenomen")

logger = logging.getLogger(__name__)


@dataclass
class Tabel:
    """A table with Dutch column titles; rows are dicts keyed by the column keys."""

    titel: str
    kolommen: list[tuple[str, str]]
    rijen: list[dict] = field(default_factory=list)

    def waarden(self) -> list[list]:
        """The rows as lists, in column order."""
        return [[rij[sleutel] for sleutel, _ in self.kolommen] for rij in self.rijen]


@dataclass
class Inzichten:
    van: date
    tot: date
    consultaties: int
    tabellen: dict[str, Tabel]
    #: When these figures were counted (:func:`inzichten` may give them from the cache).
    berekend_op: datetime = field(default_factory=timezone.now)


def _percentage(deel: int, geheel: int) -> float | None:
    return round(100 * deel / geheel, 1) if geheel else None


def standaard_periode(vandaag: date | None = None) -> tuple[date, date]:
    vandaag = vandaag or timezone.localdate()
    return vandaag - timedelta(days=365), vandaag


def _in_periode(van: date, tot: date, pad: str = "") -> Q:
    """The closed consultations whose termijn falls in the period, from any model that
    reaches a consultation by ``pad``: the figures join from them (index on status and
    termijn) to what hangs below, so a year costs the same after five years."""
    tz = timezone.get_current_timezone()
    begin = timezone.make_aware(datetime.combine(van, time.min), tz)
    einde = timezone.make_aware(datetime.combine(tot + timedelta(days=1), time.min), tz)
    return Q(
        **{
            f"{pad}status__in": GESLOTEN_STATUSSEN,
            f"{pad}termijn__gte": begin,
            f"{pad}termijn__lt": einde,
        }
    )


def _consultaties(van: date, tot: date):
    return Consultatie.objects.filter(_in_periode(van, tot))


def _adoptie_kolommen():
    return [
        ("kernpunten", gettext("Kernpunten")),
        ("verwerkt", gettext("Door ministerie verwerkt")),
        ("overgenomen", gettext("(Deels) overgenomen")),
        ("adoptie", gettext("Overgenomen (%)")),
    ]


def _kernpunt_tellingen(kernpunten) -> dict[str, dict]:
    """Kernpunten, processed and adopted, per organisation (``reactie__organisatie_id``),
    per ministry (``reactie__consultatie__ministerie_id``) and per dimension: counted in
    one query per combination of the three, then added up. A kernpunt and its
    verwerkingen belong to one organisation, ministry and dimension, so the sums are the
    distinct counts."""
    groepen = ("reactie__organisatie_id", "reactie__consultatie__ministerie_id", "dimensie")
    tellingen = {groep: {} for groep in groepen}
    for rij in kernpunten.values(*groepen).annotate(
        kernpunten=Count("pk", distinct=True),
        verwerkt=Count("verwerkingen", distinct=True),
        overgenomen=Count(
            "verwerkingen", filter=Q(verwerkingen__uitkomst__in=OVERGENOMEN), distinct=True
        ),
    ):
        for groep in groepen:
            telling = tellingen[groep].setdefault(rij[groep], Counter())
            telling.update({k: rij[k] for k in ("kernpunten", "verwerkt", "overgenomen")})
    return tellingen


def _adoptie(telling: dict | None) -> dict:
    telling = telling or {}
    kernpunten = telling.get("kernpunten", 0)
    verwerkt = telling.get("verwerkt", 0)
    overgenomen = telling.get("overgenomen", 0)
    return {
        "kernpunten": kernpunten,
        "verwerkt": verwerkt,
        "overgenomen": overgenomen,
        "adoptie": _percentage(overgenomen, verwerkt),
    }


def bereken(van: date, tot: date) -> Inzichten:
    consultaties = _consultaties(van, tot).order_by()
    # Joined from the period's consultations down, without ordering: as IN-subqueries over
    # the responses PostgreSQL scanned every response of the years for each figure.
    reacties = Reactie.objects.filter(_in_periode(van, tot, "consultatie__")).order_by()
    ingediend = reacties.filter(status__in=INGEDIENDE_STATUSSEN)
    kernpunten = Kernpunt.objects.filter(
        _in_periode(van, tot, "reactie__consultatie__"),
        reactie__status__in=INGEDIENDE_STATUSSEN,
        samengevoegd_in__isnull=True,
    ).order_by()
    kernpunt_tellingen = _kernpunt_tellingen(kernpunten)

    # Per organisation: participation, timeliness and adoption.
    deelname = reacties.values(
        "organisatie_id", "organisatie__naam", "organisatie__afkorting", "organisatie__netwerk"
    ).annotate(
        uitgenodigd=Count("pk"),
        ingediend=Count("pk", filter=Q(status__in=INGEDIENDE_STATUSSEN)),
        afgezien=Count("pk", filter=Q(status=ReactieStatus.AFGEZIEN)),
        verlopen=Count("pk", filter=Q(status=ReactieStatus.VERLOPEN)),
    )
    marge = {}
    for organisatie_id, ingediend_op, termijn in ingediend.values_list(
        "organisatie_id", "ingediend_op", "consultatie__termijn"
    ):
        if ingediend_op:
            marge.setdefault(organisatie_id, []).append(
                (termijn - ingediend_op).total_seconds() / 86400
            )
    per_organisatie_kp = kernpunt_tellingen["reactie__organisatie_id"]
    organisaties = Tabel(
        gettext("Organisaties"),
        [
            ("organisatie", gettext("Organisatie")),
            ("netwerk", gettext("Netwerk")),
            ("uitgenodigd", gettext("Uitgenodigd")),
            ("ingediend", gettext("Ingediend")),
            ("afgezien", gettext("Afgezien")),
            ("verlopen", gettext("Verlopen")),
            ("respons", gettext("Respons (%)")),
            ("dagen_voor_termijn", gettext("Mediaan dagen vóór de termijn")),
            *_adoptie_kolommen(),
        ],
    )
    per_netwerk = {n: Counter() for n in Netwerk.values}
    for rij in sorted(deelname, key=lambda r: r["organisatie__naam"]):
        adoptie = _adoptie(per_organisatie_kp.get(rij["organisatie_id"]))
        marges = marge.get(rij["organisatie_id"])
        organisaties.rijen.append(
            {
                "organisatie": f"{rij['organisatie__naam']} ({rij['organisatie__afkorting']})",
                "netwerk": str(Netwerk(rij["organisatie__netwerk"]).label),
                "uitgenodigd": rij["uitgenodigd"],
                "ingediend": rij["ingediend"],
                "afgezien": rij["afgezien"],
                "verlopen": rij["verlopen"],
                "respons": _percentage(rij["ingediend"], rij["uitgenodigd"]),
                "dagen_voor_termijn": round(median(marges), 1) if marges else None,
                **adoptie,
            }
        )
        per_netwerk[rij["organisatie__netwerk"]].update(
            {k: rij[k] for k in ("uitgenodigd", "ingediend", "afgezien", "verlopen")}
            | {k: adoptie[k] for k in ("kernpunten", "verwerkt", "overgenomen")}
        )

    # Per network, so that the small organisations of KleinLef are seen separately.
    netwerken = Tabel(
        gettext("Netwerken"),
        [
            ("netwerk", gettext("Netwerk")),
            ("uitgenodigd", gettext("Uitgenodigd")),
            ("ingediend", gettext("Ingediend")),
            ("respons", gettext("Respons (%)")),
            *_adoptie_kolommen(),
        ],
    )
    for netwerk, telling in per_netwerk.items():
        if not telling:
            continue
        netwerken.rijen.append(
            {
                "netwerk": str(Netwerk(netwerk).label),
                "uitgenodigd": telling["uitgenodigd"],
                "ingediend": telling["ingediend"],
                "respons": _percentage(telling["ingediend"], telling["uitgenodigd"]),
                **_adoptie(telling),
            }
        )

    # Per ministry: how much of what we raised was taken over.
    per_ministerie_kp = kernpunt_tellingen["reactie__consultatie__ministerie_id"]
    ministeries = Tabel(
        gettext("Ministeries"),
        [
            ("ministerie", gettext("Ministerie")),
            ("consultaties", gettext("Consultaties")),
            *_adoptie_kolommen(),
        ],
    )
    aantal_consultaties = 0
    for rij in (
        consultaties.values("ministerie_id", "ministerie__naam")
        .annotate(aantal=Count("pk"))
        .order_by("ministerie__naam")
    ):
        aantal_consultaties += rij["aantal"]
        ministeries.rijen.append(
            {
                "ministerie": rij["ministerie__naam"],
                "consultaties": rij["aantal"],
                **_adoptie(per_ministerie_kp.get(rij["ministerie_id"])),
            }
        )

    # Per dimension: points raised and adopted, and how often the impact is 'ingrijpend'.
    per_dimensie_kp = kernpunt_tellingen["dimensie"]
    ingrijpend = dict(
        Beoordeling.objects.filter(
            _in_periode(van, tot, "reactie__consultatie__"),
            reactie__status__in=INGEDIENDE_STATUSSEN,
            gevolgen=Gevolgen.INGRIJPEND,
        )
        .order_by()
        .values_list("dimensie")
        .annotate(n=Count("pk"))
    )
    aantal_ingediend = sum(rij["ingediend"] for rij in organisaties.rijen)
    dimensies = Tabel(
        gettext("Dimensies"),
        [
            ("dimensie", gettext("Dimensie")),
            ("ingrijpend", gettext("Beoordeeld als ingrijpend")),
            ("ingrijpend_pct", gettext("Ingrijpend (% van de toetsen)")),
            *_adoptie_kolommen(),
        ],
    )
    for dimensie in Dimensie:
        dimensies.rijen.append(
            {
                "dimensie": str(dimensie.label),
                "ingrijpend": ingrijpend.get(dimensie.value, 0),
                "ingrijpend_pct": _percentage(ingrijpend.get(dimensie.value, 0), aantal_ingediend),
                **_adoptie(per_dimensie_kp.get(dimensie.value)),
            }
        )
    dimensies.rijen.sort(key=lambda r: -r["ingrijpend"])

    # Levensgebeurtenissen most often touched.
    teller = Counter()
    for gebeurtenissen in ingediend.values_list("levensgebeurtenissen", flat=True):
        teller.update(gebeurtenissen or [])
    levensgebeurtenissen = Tabel(
        gettext("Levensgebeurtenissen"),
        [
            ("levensgebeurtenis", gettext("Levensgebeurtenis")),
            ("toetsen", gettext("Aantal toetsen")),
            ("aandeel", gettext("Aandeel (%)")),
        ],
    )
    labels = {code: str(label) for code, label in Levensgebeurtenis.choices}
    # Most touched first; equal counts by name, not by the order the rows came in.
    for waarde, aantal in sorted(teller.items(), key=lambda w: (-w[1], labels.get(w[0], ""))):
        if waarde in labels:
            levensgebeurtenissen.rijen.append(
                {
                    "levensgebeurtenis": labels[waarde],
                    "toetsen": aantal,
                    "aandeel": _percentage(aantal, aantal_ingediend),
                }
            )

    return Inzichten(
        van=van,
        tot=tot,
        consultaties=aantal_consultaties,
        tabellen={
            "netwerken": netwerken,
            "ministeries": ministeries,
            "dimensies": dimensies,
            "organisaties": organisaties,
            "levensgebeurtenissen": levensgebeurtenissen,
        },
    )


#: Part of the cache key: a new version when the shape of :class:`Inzichten` changes, so
#: a deployment never reads what an older one stored.
CACHEVERSIE = 1

#: How long one request may take to count before another may start counting too (a
#: year's count takes a few hundred milliseconds; a crashed worker must not block it).
TELTIJD_SECONDEN = 30

#: How long a request that finds no figures waits for the one already counting them.
WACHTTIJD_SECONDEN = 5

#: How long counted figures are kept. Past ``INZICHTEN_GELDIG_SECONDEN`` they are given
#: only while one request counts them anew, so keeping them longer makes them no staler:
#: it spares the requests of a quiet day the wait for a count from nothing.
BEWAARTIJD_SECONDEN = 24 * 3600


def inzichten(van: date, tot: date) -> Inzichten:
    """The figures of :func:`bereken` for the period, counted at most once per
    ``INZICHTEN_GELDIG_SECONDEN`` per period and language (the tables carry translated
    titles) and read from the shared cache in between: the page, its charts, the
    exports and the API ask the same period in a row, and a year's count is far beyond
    what a page may cost. ``berekend_op`` says how fresh they are.

    One request counts at a time. When the figures are past their time, the request
    that takes the turn counts anew while the others still get the previous figures;
    when there are none yet, the others wait for its count (at most
    ``WACHTTIJD_SECONDEN``). Otherwise every request arriving at that moment would
    count the same year at once, and each would wait for all of them."""
    geldig = settings.INZICHTEN_GELDIG_SECONDEN
    if geldig <= 0:
        return bereken(van, tot)
    sleutel = _sleutel(van, tot)
    onthouden = _onthouden(sleutel)
    if onthouden is not None and timezone.now() - onthouden.berekend_op < timedelta(seconds=geldig):
        return onthouden
    aan_de_beurt = cache.add(_beurt(sleutel), True, TELTIJD_SECONDEN)
    if not aan_de_beurt:
        onthouden = onthouden or _wacht_op(sleutel)
        if onthouden is not None:
            return onthouden
    try:
        return _tel_en_bewaar(sleutel, van, tot, geldig)
    finally:
        if aan_de_beurt:
            cache.delete(_beurt(sleutel))


def _sleutel(van: date, tot: date) -> str:
    return f"inzichten:{CACHEVERSIE}:{van.isoformat()}:{tot.isoformat()}:{get_language()}"


def _beurt(sleutel: str) -> str:
    """The key whose holder counts the figures of ``sleutel`` (one at a time)."""
    return f"{sleutel}:telt"


def _onthouden(sleutel: str) -> Inzichten | None:
    onthouden = cache.get(sleutel)
    return onthouden if isinstance(onthouden, Inzichten) else None


def _tel_en_bewaar(sleutel: str, van: date, tot: date, geldig: int) -> Inzichten:
    """Count the period and keep the figures: past ``geldig`` they are still given while
    one request counts them anew."""
    uitkomst = bereken(van, tot)
    cache.set(sleutel, uitkomst, max(BEWAARTIJD_SECONDEN, 2 * geldig))
    return uitkomst


#: The every-minute job counts the default period anew this long before its figures
#: expire, so that no request waits for that count (benchmarks/RESULTS.md: the first
#: request after expiry waited a year's count, a second on the large SQLite database).
VOORAF_SECONDEN = 120


def vooraf_tellen(nu: datetime | None = None) -> int:
    """Count the figures of the default period (what the page shows first) anew in every
    language, where they are missing or expire within ``VOORAF_SECONDEN``; the others are
    left alone. Called every minute by the deadline job (``bewaking.elke_minuut``); skips
    a language that a request is counting. Returns how many it counted.

    A background cost of one year's count per language every ``INZICHTEN_GELDIG_SECONDEN``
    minus ``VOORAF_SECONDEN``, whether anyone looks or not: a few hundred milliseconds
    every eight minutes by default."""
    geldig = settings.INZICHTEN_GELDIG_SECONDEN
    if geldig <= 0:
        return 0
    nu = nu or timezone.now()
    van, tot = standaard_periode(timezone.localdate(nu))
    nog_goed = timedelta(seconds=max(geldig - VOORAF_SECONDEN, 0))
    geteld = 0
    for taal, _naam in settings.LANGUAGES:
        with translation.override(taal):
            sleutel = _sleutel(van, tot)
            onthouden = _onthouden(sleutel)
            if onthouden is not None and nu - onthouden.berekend_op < nog_goed:
                continue
            if not cache.add(_beurt(sleutel), True, TELTIJD_SECONDEN):
                continue  # a request is counting them now
            try:
                _tel_en_bewaar(sleutel, van, tot, geldig)
                geteld += 1
            finally:
                cache.delete(_beurt(sleutel))
    return geteld


def elke_minuut(*, nu: datetime) -> None:
    """Subscriber of ``bewaking.elke_minuut``: the figures are a convenience, so a failed
    count is logged and leaves the rest of the deadline job alone (the page then counts
    them itself, as before)."""
    # Inside a transaction a savepoint, so that a failed query does not abort the job's
    # transaction; outside one none: on SQLite a transaction takes the write lock at its
    # start (IMMEDIATE) and would hold it through the whole count.
    schil = transaction.atomic() if connection.in_atomic_block else nullcontext()
    try:
        with schil:
            vooraf_tellen(nu)
    except Exception:
        logger.exception("Inzichten vooraf tellen mislukt")


def _wacht_op(sleutel: str) -> Inzichten | None:
    """The figures another request is counting, once it has stored them; ``None`` if it
    did not within ``WACHTTIJD_SECONDEN`` (then this request counts them itself)."""
    tot = monotonic() + WACHTTIJD_SECONDEN
    while monotonic() < tot:
        sleep(0.05)
        if (onthouden := _onthouden(sleutel)) is not None:
            return onthouden
    return None


def mag_inzien(user) -> bool:
    """The secretariaat and the member organisations: these are the network's own figures."""
    return bool(user.is_authenticated and (user.is_secretaris or user.is_organisatie_medewerker))

"""Search across what the network knows, each user only what they may see.

Seven sources (consultations, document titles, toetsen, the toelichting per dimension,
kernpunten, the ministry's verwerking, definitive papers) each start from their model's
``zichtbaar_voor(user)``: this module never decides visibility itself.

On PostgreSQL a hit is a match of ``websearch_to_tsquery('dutch', …)`` on the
``zoekvector`` column (Dutch stemming, kept by the trigger of migration 0001, GIN index)
ranked by ``ts_rank``. On SQLite a hit is a row whose id its table's FTS5 index (migration
0002, kept by triggers) returns for the question: every word must occur as the start of a
word in one of the source's texts ("uitvoer" finds "uitvoering"), case and diacritics do
not matter ("een" finds "één"), no stemming; hits are ordered newest first. Each word goes
to FTS5 quoted, so nothing a user types is FTS5 syntax (``fts_vraag``). The index drives
the loop: its matches are read newest first and joined to their rows until ``PLAFOND`` of
them are visible and pass the filters, first the rows that hold the words as typed, then
(only if those did not reach ``PLAFOND``) the rows where they start longer words: FTS5
reads one word's matches lazily, but merges every match of a prefix before the first.
Either way a search reads the index, not every text of every row; what it still costs
grows with how many rows hold the words when few of them pass (a word in every
toelichting and a filter that passes few of them walks all of them), and on SQLite with
how many rows hold a word that is only ever the start of longer ones ("uitvoer").

A fixed number of queries per search, whatever the data. One statement finds each
source's newest ``PLAFOND`` visible matches once (a CTE with their rank, date and facet
values) and returns from them both the facet counts and the ranked hits up to the page;
one UNION reads what the page shows of its hits; one query names the organisations in the
facets. On PostgreSQL the statement runs under a timeout (``ZOEK_TIJDSLIMIET``). Past
``PLAFOND`` matches in one source the counts are lower bounds and the ranking orders the
newest matches: a word in every toets would otherwise rank half a million rows per
search (benchmarks/RESULTS.md, "Search").
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import astuple, dataclass, field

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
from django.core.exceptions import EmptyResultSet
from django.db import OperationalError, connection, transaction
from django.db.models import BigIntegerField, CharField, F, FloatField, QuerySet, Value
from django.db.models.expressions import Expression, RawSQL
from django.db.models.fields.json import KT
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from psycopg.errors import QueryCanceled

from consultaties.models import Consultatie, Document
from kern.expressies import Jaar
from organisaties.models import Netwerk, Organisatie
from rapporten.models import DEFINITIEVE_STATUSSEN, Rapport, Uitkomst, Verwerking
from reacties.models import Beoordeling, Dimensie, Eindoordeel, Kernpunt, Reactie

#: Results per page, and how deep one may page: beyond it, refine the question.
PAGINA_GROOTTE = 20
MAXIMAAL_RESULTATEN = 1000
#: Per source, the facets count and the ranking orders at most this many matches, the
#: newest. A word that occurs in every toets would otherwise count and rank half a million
#: rows per search (tens of seconds); past it the page says "more than" and asks for a
#: narrower question. 500, not 1,000: ranking is most of a search's cost on PostgreSQL,
#: and seven sources of 500 can still hold more than the 1,000 results one may page through.
PLAFOND = 500
#: Characters either side of the first match in a fragment.
FRAGMENT_MARGE = 110


@dataclass(frozen=True)
class Bron:
    """One searched model and how its rows reach the facets."""

    soort: str
    label: object
    model: type
    #: ORM paths of the searched texts (the fragments come from them; the indexes of
    #: migrations 0001 and 0002 hold the same texts).
    teksten: tuple[str, ...]
    #: Path prefix from the model to its consultation.
    consultatie: str
    organisatie: str | None = None
    dimensie: str | None = None
    eindoordeel: str | None = None
    #: What a hit links to: ``(url name, path of the id)`` and an optional anchor.
    doel: tuple[str, str] = ("consultaties:detail", "pk")
    anker: str = ""
    datum: str = "pk"
    #: On SQLite, the columns of its FTS5 index that hold copies of ``teksten``, read there
    #: for the page: a paper's texts are paths in its JSON snapshot (650 kB on the large
    #: database), which SQLite parses whole for every path of every hit.
    index_teksten: tuple[str, ...] = ()

    def zichtbaar(self, user):
        qs = self.model.objects.zichtbaar_voor(user)
        if self.model is Rapport:
            qs = qs.filter(status__in=DEFINITIEVE_STATUSSEN)
        return qs


BRONNEN = (
    Bron(
        "consultatie",
        _("Consultatie"),
        Consultatie,
        ("titel", "kenmerk", "kenmerk_ministerie", "samenvatting"),
        consultatie="",
        datum="termijn",
    ),
    Bron(
        "document",
        _("Document"),
        Document,
        ("titel",),
        consultatie="consultatie__",
        doel=("consultaties:detail", "consultatie_id"),
        datum="consultatie__termijn",
    ),
    Bron(
        "toets",
        _("Uitvoeringstoets"),
        Reactie,
        ("kernboodschap", "voorwaarden", "burgerperspectief", "doenvermogen_conclusie"),
        consultatie="consultatie__",
        organisatie="organisatie_id",
        eindoordeel="eindoordeel",
        doel=("reacties:detail", "pk"),
        datum="consultatie__termijn",
    ),
    Bron(
        "toelichting",
        _("Toelichting per dimensie"),
        Beoordeling,
        ("toelichting",),
        consultatie="reactie__consultatie__",
        organisatie="reactie__organisatie_id",
        dimensie="dimensie",
        eindoordeel="reactie__eindoordeel",
        doel=("reacties:detail", "reactie_id"),
        datum="reactie__consultatie__termijn",
    ),
    Bron(
        "kernpunt",
        _("Kernpunt"),
        Kernpunt,
        ("tekst", "artikel", "voorgestelde_wijziging"),
        consultatie="reactie__consultatie__",
        organisatie="reactie__organisatie_id",
        dimensie="dimensie",
        eindoordeel="reactie__eindoordeel",
        doel=("reacties:detail", "reactie_id"),
        datum="reactie__consultatie__termijn",
    ),
    Bron(
        "verwerking",
        _("Verwerking door het ministerie"),
        Verwerking,
        ("toelichting",),
        consultatie="rapport__consultatie__",
        organisatie="kernpunt__reactie__organisatie_id",
        dimensie="kernpunt__dimensie",
        eindoordeel="kernpunt__reactie__eindoordeel",
        doel=("rapporten:detail", "rapport_id"),
        anker="kernpunt-{kernpunt_id}",
        datum="rapport__consultatie__termijn",
    ),
    Bron(
        "paper",
        _("Position paper"),
        Rapport,
        (
            "snapshot__consultatie__titel",
            "snapshot__bestuurlijke_samenvatting",
            "snapshot__aanbevelingen",
        ),
        consultatie="consultatie__",
        doel=("rapporten:detail", "pk"),
        datum="consultatie__termijn",
        index_teksten=("titel", "samenvatting", "aanbevelingen"),
    ),
)
SOORTEN = {b.soort: b for b in BRONNEN}
#: One facet's counts over the matches (the CTE ``treffers``); ``{f}`` is a facet name.
TELLING = (
    "SELECT '{f}', CAST(f_{f} AS TEXT), COUNT(*), CAST(NULL AS REAL), CAST(NULL AS BIGINT) "
    "FROM treffers WHERE f_{f} IS NOT NULL GROUP BY f_{f}"
)
#: The first hits over all sources in order (the limit is the parameter): an empty facet
#: name, the kind, the id, the rank and the place.
PAGINA_SQL = (
    "SELECT * FROM (SELECT '', f_soort, t_pk, CAST(t_rang AS REAL), ROW_NUMBER() OVER "
    "(ORDER BY t_rang DESC, t_datum DESC, t_pk DESC) AS nr FROM treffers ORDER BY nr "
    "LIMIT %s) AS pagina"
)
#: The most searched texts one source has (the page's UNION pads the others with NULL).
MAXIMAAL_TEKSTEN = 4
FACETTEN = ("soort", "ministerie", "jaar", "organisatie", "netwerk", "dimensie", "eindoordeel")


class Zoekvector(Expression):
    """The ``zoekvector`` column that migration 0001 adds to a searched table (PostgreSQL
    only). Not a model field, so it is named here; the table is the query's base table."""

    output_field = SearchVectorField()

    def __init__(self, tabel: str):
        super().__init__()
        self.tabel = tabel

    def as_sql(self, compiler, connection):
        # The column of the query's base table, under whatever alias it has there (U0 or
        # V0 inside a subquery).
        alias = compiler.query.base_table or self.tabel
        kolom = connection.ops.quote_name("zoekvector")
        return f"{compiler.quote_name_unless_alias(alias)}.{kolom}", []


def postgres() -> bool:
    return connection.vendor == "postgresql"


def fts_index(bron: Bron) -> str:
    """The FTS5 table of migration 0002 that indexes the source's texts (SQLite only)."""
    return f"kennisbank_zoek_{bron.model._meta.db_table}"


def _tekst(pad: str):
    return KT(pad) if pad.startswith("snapshot__") else F(pad)


@dataclass
class Filters:
    """The chosen facet values; empty means all."""

    soort: str = ""
    ministerie: int | None = None
    jaar: int | None = None
    organisatie: int | None = None
    netwerk: str = ""
    dimensie: str = ""
    eindoordeel: str = ""

    def als_dict(self) -> dict:
        return {f: getattr(self, f) for f in FACETTEN if getattr(self, f) not in ("", None)}


@dataclass
class Treffer:
    soort: str
    soort_label: str
    pk: int
    titel: str
    fragment: str
    url: str
    rang: float
    consultatie_id: int
    kenmerk: str
    consultatie_titel: str
    jaar: int | None
    organisatie: str = ""
    dimensie: str = ""
    eindoordeel: str = ""
    uitkomst: str = ""


@dataclass
class FacetWaarde:
    waarde: str
    label: str
    aantal: int
    gekozen: bool = False


@dataclass
class Zoekresultaat:
    tekst: str
    filters: Filters
    aantal: int
    pagina: int
    treffers: list[Treffer] = field(default_factory=list)
    facetten: dict[str, list[FacetWaarde]] = field(default_factory=dict)
    grootte: int = PAGINA_GROOTTE

    @cached_property
    def paginas(self) -> int:
        return max(1, -(-min(self.aantal, MAXIMAAL_RESULTATEN) // self.grootte))

    @property
    def eerste(self) -> int:
        """The number of the first hit on this page."""
        return (self.pagina - 1) * self.grootte + 1

    @property
    def heeft_vorige(self) -> bool:
        return self.pagina > 1

    @property
    def heeft_volgende(self) -> bool:
        return self.pagina < self.paginas

    #: A source reached ``PLAFOND``: the counts are lower bounds.
    afgekapt: bool = False

    @property
    def plafond(self) -> int:
        """Up to how many matches per source the counts go (``PLAFOND``)."""
        return PLAFOND


def woorden(tekst: str) -> list[str]:
    """The words of a question, without websearch operators (quotes, a leading minus, or)."""
    # Composed first: an accent typed as a separate mark would split the word.
    tekst = unicodedata.normalize("NFC", tekst).lower()
    gevonden = re.findall(r"[\w][\w\-']*", tekst)
    return [w for w in gevonden if w not in ("or", "of") and len(w) > 1][:12]


def fts_vraag(woorden: list[str], prefix: bool = True) -> str:
    """An FTS5 query that holds every word (AND), each as a prefix: ``"uitvoer"*``; with
    ``prefix=False`` each word as typed: ``"uitvoer"``.

    User input never reaches FTS5 as syntax: a word keeps only its letters and digits
    (what the ``unicode61`` tokenizer keeps; a hyphen or apostrophe splits it) and goes in
    double quotes, so ``OR``, ``NEAR(…)``, ``col:``, ``^``, ``-`` and ``*`` are just text.
    A word split in parts ("uitvoerings-toets") becomes a phrase: the parts in a row, the
    last as a prefix. Empty when no word is left: the caller then finds nothing."""
    delen = []
    for woord in woorden:
        stukken = re.findall(r"[^\W_]+", unicodedata.normalize("NFC", woord))
        if stukken:
            # Only letters and digits remain; doubling quotes keeps it safe regardless.
            delen.append('"' + " ".join(stukken).replace('"', '""') + ('"*' if prefix else '"'))
    return " AND ".join(delen)


class _Vraag(str):
    """Stands for the question among a compiled statement's parameters (a ``str``, so
    that a ``SearchQuery`` passes it through as the text it compiles to a parameter)."""


#: Compiled SQL of a source's candidates, with ``_Vraag`` for the question, per database,
#: source, filters and ``Gebruiker.zichtbaarheidssleutel``: compiling seven querysets
#: through the ORM was a third of a search's Python (issue 19). It holds because the
#: visibility rules compile from that key alone, not from the clock or the data
#: (tests/kennisbank/test_zoeksql.py). Bounded: emptied when full.
_GECOMPILEERD: dict[tuple, tuple[str, tuple] | None] = {}
GECOMPILEERD_MAXIMAAL = 512


class Zoekopdracht:
    """One search by one user: ``resultaat(pagina)`` runs it."""

    def __init__(self, user, tekst: str, filters: Filters | None = None):
        self.user = user
        # PostgreSQL refuses a NUL in a text parameter (an error, not "nothing found").
        self.tekst = (tekst or "").replace("\x00", "").strip()[:200]
        self.filters = filters or Filters()
        self.woorden = woorden(self.tekst)
        self.fts = "" if postgres() else fts_vraag(self.woorden)
        self.fts_exact = "" if postgres() else fts_vraag(self.woorden, prefix=False)

    @property
    def leeg(self) -> bool:
        """No word to search for: no statement runs, nothing is found."""
        return not self.woorden or (not postgres() and not self.fts)

    # --- building the querysets -------------------------------------------------------

    def bronnen(self):
        """The sources the filters leave: a filter on organisation, dimension or verdict
        leaves out the sources that have none."""
        f = self.filters
        for bron in BRONNEN:
            if f.soort and bron.soort != f.soort:
                continue
            if (f.organisatie or f.netwerk) and not bron.organisatie:
                continue
            if f.dimensie and not bron.dimensie:
                continue
            if f.eindoordeel and not bron.eindoordeel:
                continue
            yield bron

    def _vector(self, bron):
        return Zoekvector(bron.model._meta.db_table)

    def queryset(self, bron, vraag: str):
        """The source's visible matches of ``vraag`` that pass the filters: on PostgreSQL
        the question as typed, on SQLite an FTS5 query."""
        qs = bron.zichtbaar(self.user)
        if postgres():
            qs = qs.alias(_zv=self._vector(bron)).filter(_zv=self._tsquery(vraag))
        else:
            # The source's rows joined to its index's matches, the index the outer loop:
            # one MATCH per search, streamed until PLAFOND visible rows. Not "pk IN
            # (SELECT rowid …)": SQLite materialises every match first (565,000 rowids
            # for a word in every toelichting). The unary plus keeps the index off the
            # inner loop: a rowid probe re-reads a prefix's matches each time (20 ms on
            # the large database). extra(): the ORM has no join to a table without a
            # model. The names are constants, the question a parameter.
            index = fts_index(bron)
            tabel = bron.model._meta.db_table
            qs = qs.extra(  # noqa: S610
                tables=[index],
                where=[f"+{index}.rowid = {tabel}.id", f"{index} MATCH %s"],
                params=[vraag],
            )
        f = self.filters
        c = bron.consultatie
        if f.ministerie:
            qs = qs.filter(**{f"{c}ministerie_id": f.ministerie})
        if f.jaar:
            qs = qs.filter(**{f"{c}termijn__year": f.jaar})
        if f.organisatie:
            qs = qs.filter(**{bron.organisatie: f.organisatie})
        if f.netwerk:
            pad = bron.organisatie.removesuffix("_id")
            qs = qs.filter(**{f"{pad}__netwerk": f.netwerk})
        if f.dimensie:
            qs = qs.filter(**{bron.dimensie: f.dimensie})
        if f.eindoordeel:
            qs = qs.filter(**{bron.eindoordeel: f.eindoordeel})
        return qs

    # --- the search: one statement for facets and ranking -----------------------------

    @cached_property
    def _sql_sleutel(self) -> tuple | None:
        """What besides the source a compiled statement depends on (``_GECOMPILEERD``);
        None for a user without a visibility key: then nothing is kept."""
        sleutel = getattr(self.user, "zichtbaarheidssleutel", None)
        if sleutel is None:
            return None
        return (connection.vendor, sleutel, astuple(self.filters), PLAFOND)

    @staticmethod
    def _tsquery(vraag: str) -> SearchQuery:
        return SearchQuery(vraag, config="dutch", search_type="websearch")

    def _kandidaten(self, bron):
        """SQL of the source's newest ``PLAFOND`` visible matches, one row each: its kind,
        id, rank and date, and its facet values (NULL where the source has none); None
        when the user may see nothing of the source."""
        if self._sql_sleutel is None:
            gecompileerd = self._compileer(bron)
        else:
            sleutel = (bron.soort, *self._sql_sleutel)
            if (gecompileerd := _GECOMPILEERD.get(sleutel, False)) is False:
                if len(_GECOMPILEERD) >= GECOMPILEERD_MAXIMAAL:
                    _GECOMPILEERD.clear()
                gecompileerd = _GECOMPILEERD[sleutel] = self._compileer(bron)
        if gecompileerd is None:
            return None
        sql, p = gecompileerd
        if postgres():
            return sql, tuple(self.tekst if isinstance(w, _Vraag) else w for w in p)
        # SQLite: first the rows that hold the words as typed, then those where they only
        # start a longer word, each newest first (the index's rowid backwards). FTS5 reads
        # one word's matches lazily but merges every match of a prefix before the first
        # (565,000 for "uitvoering*" in the toelichtingen), so the second part runs only
        # when the first did not reach PLAFOND: the LIMIT on the UNION ALL stops it.
        # Both parts are the same statement with another question.
        params = []
        for fts in (self.fts_exact, f"({self.fts}) NOT ({self.fts_exact})"):
            params.extend(fts if isinstance(w, _Vraag) else w for w in p)
        deel = f"SELECT * FROM ({sql})"  # noqa: S608
        return f"{deel} UNION ALL {deel} LIMIT {PLAFOND}", tuple(params)

    def _compileer(self, bron) -> tuple[str, tuple] | None:
        """``_kandidaten``'s statement and parameters, with ``_Vraag`` for the question."""
        vraag = _Vraag()
        c = bron.consultatie
        # Typed NULLs: PostgreSQL resolves a UNION's column types branch by branch.
        geen_tekst = Cast(Value(None), CharField())
        kolommen = {
            "t_pk": F("pk"),
            "t_rang": (
                SearchRank(self._vector(bron), self._tsquery(vraag), normalization=32)
                if postgres()
                else Value(0.0, output_field=FloatField())
            ),
            "t_datum": F(bron.datum),
            "f_soort": Value(bron.soort, output_field=CharField()),
            "f_ministerie": F(f"{c}ministerie_id"),
            "f_jaar": Jaar(f"{c}termijn"),
            "f_organisatie": (
                F(bron.organisatie) if bron.organisatie else Cast(Value(None), BigIntegerField())
            ),
            "f_netwerk": (
                F(f"{bron.organisatie.removesuffix('_id')}__netwerk")
                if bron.organisatie
                else geen_tekst
            ),
            "f_dimensie": F(bron.dimensie) if bron.dimensie else geen_tekst,
            "f_eindoordeel": F(bron.eindoordeel) if bron.eindoordeel else geen_tekst,
        }
        if postgres():
            # The newest first: for a word in almost every row PostgreSQL walks the primary
            # key back and stops at PLAFOND, for a rarer one it reads the GIN index and
            # sorts what it found. Unordered it read the whole bitmap of a common word.
            qs = self.queryset(bron, vraag).order_by("-pk")
            qs = qs.annotate(**kolommen).values(*kolommen)[:PLAFOND]
        else:
            index = fts_index(bron)
            qs = self.queryset(bron, vraag).extra(order_by=[f"-{index}.rowid"])  # noqa: S610
            qs = qs.annotate(**kolommen).values(*kolommen)
        try:
            sql, params = qs.query.sql_with_params()
        except EmptyResultSet:  # nothing of it is visible to this user
            return None
        # Loudly, not a search for the empty string, should the ORM ever copy the marker.
        if not any(isinstance(w, _Vraag) for w in params):
            raise RuntimeError(f"De zoekvraag ontbreekt in de SQL van {bron.soort}.")
        return sql, params

    def zoek(self, tot: int) -> tuple[dict[str, dict[str, int]], list[tuple[str, int, float]]]:
        """Every facet's counts over the capped matches, and the first ``tot`` hits in
        order (kind, id, rank): one statement, so each source's matches are found once.

        On PostgreSQL the statement runs under ``ZOEK_TIJDSLIMIET`` milliseconds; past it
        ``ZoekvraagTeBreed``."""
        delen, params = [], []
        for bron in self.bronnen():
            if (kandidaten := self._kandidaten(bron)) is None:
                continue
            sql, p = kandidaten
            # Django's own compiled SQL with its parameters kept apart.
            delen.append(f"SELECT * FROM ({sql}) AS b{len(delen)}")  # noqa: S608
            params.extend(p)
        tellingen = {f: {} for f in FACETTEN}
        if not delen:
            return tellingen, []
        # Only constant facet names go into the SQL text; the limit is a parameter.
        sql = (
            f"WITH treffers AS ({' UNION ALL '.join(delen)}) "
            + " UNION ALL ".join(TELLING.replace("{f}", f) for f in FACETTEN)
            + f" UNION ALL {PAGINA_SQL}"
        )
        params.append(tot)
        rijen = _uitvoeren(sql, params)
        treffers = []
        for facet, waarde, aantal, rang, volgnummer in rijen:
            if facet:
                tellingen[facet][waarde] = aantal
            else:
                treffers.append((volgnummer, waarde, aantal, float(rang or 0)))
        treffers.sort()
        return tellingen, [(soort, pk, rang) for _nr, soort, pk, rang in treffers]

    def facetten(self, tellingen) -> dict[str, list[FacetWaarde]]:
        ids = {int(w) for f in ("ministerie", "organisatie") for w in tellingen[f]}
        namen = (
            dict(Organisatie.objects.filter(pk__in=ids).values_list("pk", "afkorting"))
            if ids
            else {}
        )
        labels = {
            "soort": {b.soort: b.label for b in BRONNEN},
            "ministerie": {str(k): v for k, v in namen.items()},
            "organisatie": {str(k): v for k, v in namen.items()},
            "netwerk": dict(Netwerk.choices),
            "dimensie": dict(Dimensie.choices),
            "eindoordeel": dict(Eindoordeel.choices),
        }
        gekozen = {k: str(v) for k, v in self.filters.als_dict().items()}
        facetten = {}
        for facet in FACETTEN:
            waarden = [
                FacetWaarde(
                    waarde=w,
                    label=str(labels.get(facet, {}).get(w, w)),
                    aantal=n,
                    gekozen=gekozen.get(facet) == w,
                )
                for w, n in tellingen[facet].items()
            ]
            if facet == "jaar":
                waarden.sort(key=lambda v: v.waarde, reverse=True)
            else:
                waarden.sort(key=lambda v: (-v.aantal, v.label))
            facetten[facet] = waarden
        return facetten

    # --- the page -------------------------------------------------------------------------

    def _details(self, bron, pks) -> QuerySet:
        """What the page shows of the source's hits ``pks``: the same columns for every
        source (NULL where it has none), so that one UNION reads them all."""
        c = bron.consultatie
        geen_tekst = Cast(Value(None), CharField())
        if bron.index_teksten and not postgres():
            # The index's own copy, by rowid; the names are constants.
            index, tabel = fts_index(bron), bron.model._meta.db_table
            teksten = [
                RawSQL(  # noqa: S611
                    f"SELECT {k} FROM {index} WHERE rowid = {tabel}.id",  # noqa: S608
                    (),
                    CharField(),
                )
                for k in bron.index_teksten
            ]
        else:
            teksten = [_tekst(p) for p in bron.teksten]
        teksten += [geen_tekst] * (MAXIMAAL_TEKSTEN - len(teksten))
        velden = {
            "r_soort": Value(bron.soort, output_field=CharField()),
            "r_consultatie": F(f"{c}pk") if c else F("pk"),
            "r_kenmerk": F(f"{c}kenmerk"),
            "r_consultatie_titel": F(f"{c}titel"),
            "r_jaar": Jaar(f"{c}termijn"),
            "r_doel": F(bron.doel[1]),
            **{f"r_t{i}": t for i, t in enumerate(teksten)},
            "r_organisatie": (
                F(f"{bron.organisatie.removesuffix('_id')}__afkorting")
                if bron.organisatie
                else geen_tekst
            ),
            "r_dimensie": F(bron.dimensie) if bron.dimensie else geen_tekst,
            "r_eindoordeel": F(bron.eindoordeel) if bron.eindoordeel else geen_tekst,
            "r_uitkomst": F("uitkomst") if bron.model is Verwerking else geen_tekst,
            "r_kernpunt": (
                F("kernpunt_id")
                if bron.model is Verwerking
                else F("pk")
                if bron.model is Kernpunt
                else Cast(Value(None), BigIntegerField())
            ),
        }
        # The ids came from the visible matches; reading them through the visibility
        # again costs twenty index lookups and keeps this query safe on its own.
        return (
            bron.zichtbaar(self.user)
            .filter(pk__in=pks)
            .order_by()
            .annotate(**velden)
            .values("pk", *velden)
        )

    def treffer(self, bron, rij, rang: float) -> Treffer:
        teksten = [rij[f"r_t{i}"] or "" for i in range(len(bron.teksten))]
        url = reverse(bron.doel[0], args=[rij["r_doel"]])
        if bron.model is Kernpunt:
            url += f"#kernpunt-{rij['pk']}"
        elif bron.anker:
            url += "#" + bron.anker.format(kernpunt_id=rij.get("r_kernpunt"))
        dimensie = rij.get("r_dimensie") or ""
        eindoordeel = rij.get("r_eindoordeel") or ""
        uitkomst = rij.get("r_uitkomst") or ""
        organisatie = rij.get("r_organisatie") or ""
        titel = {
            "consultatie": rij["r_consultatie_titel"],
            "document": teksten[0],
            "paper": rij["r_consultatie_titel"],
        }.get(bron.soort) or " · ".join(
            s
            for s in (
                _("%(soort)s van %(organisatie)s")
                % {"soort": bron.label, "organisatie": organisatie},
                str(Dimensie(dimensie).label) if dimensie else "",
            )
            if s
        )
        return Treffer(
            soort=bron.soort,
            soort_label=str(bron.label),
            pk=rij["pk"],
            titel=titel,
            fragment=fragment(teksten, self.woorden),
            url=url,
            rang=rang,
            consultatie_id=rij["r_consultatie"],
            kenmerk=rij["r_kenmerk"],
            consultatie_titel=rij["r_consultatie_titel"],
            jaar=rij["r_jaar"],
            organisatie=organisatie,
            dimensie=str(Dimensie(dimensie).label) if dimensie else "",
            eindoordeel=str(Eindoordeel(eindoordeel).label) if eindoordeel else "",
            uitkomst=str(Uitkomst(uitkomst).label) if uitkomst else "",
        )

    def treffers(self, gevonden: list[tuple[str, int, float]]) -> list[Treffer]:
        """The page's hits (kind, id, rank, in order) with what the page shows of them."""
        per_soort: dict[str, list[int]] = {}
        for soort, pk, _rang in gevonden:
            per_soort.setdefault(soort, []).append(pk)
        delen = [self._details(SOORTEN[s], pks) for s, pks in per_soort.items()]
        if not delen:
            return []
        rijen = {
            (r["r_soort"], r["pk"]): r
            for r in (delen[0].union(*delen[1:], all=True) if len(delen) > 1 else delen[0])
        }
        return [
            self.treffer(SOORTEN[soort], rijen[(soort, pk)], rang)
            for soort, pk, rang in gevonden
            if (soort, pk) in rijen
        ]

    def resultaat(self, pagina: int = 1, grootte: int = PAGINA_GROOTTE) -> Zoekresultaat:
        if self.leeg:
            leeg = {f: [] for f in FACETTEN}
            return Zoekresultaat(self.tekst, self.filters, 0, 1, facetten=leeg, grootte=grootte)
        # Fetch up to the requested page (at most the pageable hits), then clamp the page
        # to the last one the counts allow.
        tellingen, gevonden = self.zoek(min(max(1, pagina) * grootte, MAXIMAAL_RESULTATEN))
        aantal = sum(tellingen["soort"].values())
        afgekapt = any(n >= PLAFOND for n in tellingen["soort"].values())
        laatste = max(1, -(-min(aantal, MAXIMAAL_RESULTATEN) // grootte))
        pagina = min(max(1, pagina), laatste)
        return Zoekresultaat(
            self.tekst,
            self.filters,
            aantal,
            pagina,
            treffers=self.treffers(gevonden[(pagina - 1) * grootte : pagina * grootte]),
            facetten=self.facetten(tellingen),
            grootte=grootte,
            afgekapt=afgekapt,
        )


class ZoekvraagTeBreed(Exception):
    """The search ran past ``ZOEK_TIJDSLIMIET``: the user should narrow the question."""

    bericht = _(
        "Deze zoekvraag levert zo veel op dat het zoeken te lang duurde. Maak de vraag "
        "specifieker (meer of zeldzamere woorden, een zinsdeel tussen aanhalingstekens) of "
        "kies eerst een filter."
    )


def _uitvoeren(sql, params) -> list[tuple]:
    """Run the search statement; on PostgreSQL under a statement timeout, so a question no
    index can narrow cannot hold a worker and a connection for long."""
    if not postgres():
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            # SET LOCAL (set_config(…, true)) ends with the transaction, or with the
            # savepoint when the search fails. Inside a caller's transaction a released
            # savepoint would keep it, so the old value is put back after a search.
            cursor.execute(
                "SELECT current_setting('statement_timeout'), "
                "set_config('statement_timeout', %s, true)",
                [f"{settings.ZOEK_TIJDSLIMIET}ms"],
            )
            vorige = cursor.fetchone()[0]
            cursor.execute(sql, params)
            rijen = cursor.fetchall()
            cursor.execute("SELECT set_config('statement_timeout', %s, true)", [vorige])
            return rijen
    except OperationalError as fout:
        if isinstance(fout.__cause__, QueryCanceled):
            raise ZoekvraagTeBreed from fout
        raise


def fragment(teksten: list[str], woorden: list[str]) -> str:
    """A short excerpt around the first match, escaped, with the matches in <mark>.

    Matching is by word start (the first five letters), so Dutch inflections found by the
    stemmer ("schulden" for "schuld") are marked too."""
    stammen = [re.escape(w[:5]) for w in woorden if w]
    patroon = (
        re.compile(r"\b(" + "|".join(stammen) + r")[\w\-]*", re.IGNORECASE) if stammen else None
    )
    tekst = next(
        (t for t in teksten if patroon and patroon.search(t)),
        next((t for t in teksten if t), ""),
    )
    tekst = " ".join(tekst.split())
    begin = 0
    if patroon and (m := patroon.search(tekst)):
        begin = max(0, m.start() - FRAGMENT_MARGE)
    stuk = tekst[begin : begin + 2 * FRAGMENT_MARGE + 40]
    voor = "… " if begin else ""
    na = " …" if begin + len(stuk) < len(tekst) else ""
    # Escape the pieces between the matches, never the markup we add.
    delen, vorige = [], 0
    for m in patroon.finditer(stuk) if patroon else ():
        delen.append(html.escape(stuk[vorige : m.start()]))
        delen.append(f"<mark>{html.escape(m.group(0))}</mark>")
        vorige = m.end()
    delen.append(html.escape(stuk[vorige:]))
    return mark_safe(voor + "".join(delen) + na)  # noqa: S308 (every piece is escaped)

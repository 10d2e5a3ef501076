"""The public archive: the papers anyone may read without logging in, and what of them.

Which paper is public, and from when, is the paper's rule (``Rapport.objects.openbaar``,
set by ``rapporten.services.rapport_publiceren``); this module only reads through it. What
a public page shows comes from the paper's frozen snapshot — what the ministry received —
and the ministry's verwerking per kernpunt: never a user, an internal step, another
version or a draft.

The search: every word of the question must occur in the title, the kenmerk, the
bestuurlijke samenvatting or the aanbevelingen, or be the ministry's. On PostgreSQL a word
matches the paper's ``zoekvector`` (Dutch stemming, see
``kennisbank/migrations/0001_zoekvectoren.py``); on SQLite its FTS5 index of the same texts
(migration 0002: the start of a word, no stemming).
"""

from django.contrib.postgres.search import SearchQuery
from django.db.models import Q
from django.db.models.expressions import RawSQL

from consultaties.models import Instrument
from rapporten.analyse import nummer_van
from rapporten.models import Rapport, Verwerking
from reacties.models import Dimensie, Ernst

from .zoeken import SOORTEN, Zoekvector, fts_index, fts_vraag, postgres, woorden

#: Papers per page of the archive.
PER_PAGINA = 20
#: A search of the archive counts and pages through at most this many papers.
ZOEKPLAFOND = 200


def openbare_papers():
    """The public papers, newest publication first, without their snapshot (a page of the
    list reads only the consultation and its ministry: two queries, whatever the data)."""
    return (
        Rapport.objects.openbaar()
        .select_related("consultatie__ministerie", "publicatie")
        .defer("snapshot")
        .order_by("-publicatie__openbaar_vanaf", "-pk")
    )


def zoek(papers, tekst: str):
    """``papers`` narrowed to those that hold every word of ``tekst``."""
    for woord in woorden(tekst or ""):
        ministerie = Q(consultatie__ministerie__naam__icontains=woord) | Q(
            consultatie__ministerie__afkorting__iexact=woord
        )
        if postgres():
            papers = papers.alias(_zv=Zoekvector(Rapport._meta.db_table)).filter(
                Q(_zv=SearchQuery(woord, config="dutch", search_type="plain")) | ministerie
            )
        else:
            # The paper's search index (the same texts as the zoekvector), not its JSON:
            # SQLite parsed every public paper's whole snapshot (650 kB) for every word.
            fts = fts_vraag([woord])
            index = fts_index(SOORTEN["paper"])
            # The names are constants, the question a parameter.
            sql = f"SELECT rowid FROM {index} WHERE {index} MATCH %s"  # noqa: S608
            treffers = Q(pk__in=RawSQL(sql, (fts,))) if fts else Q(pk__in=[])  # noqa: S611
            papers = papers.filter(treffers | ministerie)
    return papers


def openbaar_paper(kenmerk: str) -> Rapport | None:
    """The public paper of the consultation ``kenmerk``, or None (not public, not yet
    public, withdrawn, or no such consultation: the caller answers 404 for all alike)."""
    return (
        Rapport.objects.openbaar()
        .select_related("consultatie__ministerie", "publicatie")
        .filter(consultatie__kenmerk=kenmerk)
        .first()
    )


def _label(keuzes, waarde: str, bevroren: str) -> str:
    """The label of a frozen value in the page's language; the paper's (Dutch) label when
    the value is no longer a choice."""
    try:
        return keuzes(waarde).label
    except ValueError:
        return bevroren


def inhoud(rapport: Rapport) -> dict:
    """What the public page of a paper shows, from its snapshot, with the ministry's
    verwerking per kernpunt (one query): its outcome and explanation, never who recorded
    it."""
    snapshot = rapport.snapshot
    verwerkingen = {
        kernpunt_id: (uitkomst, label, toelichting)
        for kernpunt_id, uitkomst, label, toelichting in (
            (v.kernpunt_id, v.uitkomst, v.get_uitkomst_display(), v.toelichting)
            for v in Verwerking.objects.filter(rapport=rapport).only(
                "kernpunt_id", "uitkomst", "toelichting"
            )
        )
    }
    kernpunten = []
    for k in sorted(snapshot.get("kernpunten", []), key=nummer_van):
        verwerking = verwerkingen.get(k["id"])
        kernpunten.append(
            {
                "nummer": k.get("nummer", ""),
                "dimensie": _label(Dimensie, k.get("dimensie"), k.get("dimensie_label", "")),
                "ernst": _label(Ernst, k.get("ernst"), k.get("ernst_label", "")),
                "organisatie": k["organisatie"],
                "tekst": k["tekst"],
                "artikel": k.get("artikel", ""),
                "voorgestelde_wijziging": k.get("voorgestelde_wijziging", ""),
                "onderschrijvers": k.get("onderschrijvers", []),
                "uitkomst": verwerking[0] if verwerking else "",
                "uitkomst_label": verwerking[1] if verwerking else "",
                "verwerking": verwerking[2] if verwerking else "",
            }
        )
    consultatie = dict(snapshot.get("consultatie", {}))
    consultatie["instrument_label"] = _label(
        Instrument, consultatie.get("instrument"), consultatie.get("instrument_label", "")
    )
    return {
        "consultatie": consultatie,
        "bestuurlijke_samenvatting": snapshot.get("bestuurlijke_samenvatting", ""),
        "organisaties": sorted(
            (b["organisatie"] for b in snapshot.get("bijdragen", [])), key=lambda o: o["naam"]
        ),
        "kernpunten": kernpunten,
        "verwerkt": sum(1 for k in kernpunten if k["uitkomst"]),
    }

"""The search indexes and what a question may do to them.

On SQLite the FTS5 indexes of migration 0002 (kept by triggers) find the hits; on
PostgreSQL the ``zoekvector`` of migration 0001. Tests that hold for both run on both; the
ones about FTS5 itself (prefixes, diacritics, the SQL, the triggers) only on SQLite. The
world searched is described in tests/kennisbank/wereld.py.
"""

import pytest
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from consultaties.models import Consultatie, Document
from kennisbank.zoeken import BRONNEN, Zoekopdracht, fts_index, fts_vraag, woorden
from rapporten.models import Rapport
from reacties.models import Kernpunt, Reactie
from tests import factories
from tests.kennisbank.wereld import POSTGRES, gevonden

alleen_sqlite = pytest.mark.skipif(
    POSTGRES, reason="FTS5-index van migratie 0002: alleen op SQLite (PostgreSQL: 0001)"
)


def index_klopt():
    """FTS5's own check of every index against its table (external content: the tokens of
    each row's texts), and the paper index's copied texts against the snapshots."""
    with connection.cursor() as cursor:
        for bron in BRONNEN:
            index = fts_index(bron)
            # Raises ("database disk image is malformed") when the index disagrees.
            cursor.execute(f"INSERT INTO {index}({index}, rank) VALUES ('integrity-check', 1)")
        cursor.execute(
            "SELECT id, json_extract(snapshot, '$.consultatie.titel'), "
            "json_extract(snapshot, '$.bestuurlijke_samenvatting') FROM rapporten_rapport "
            "ORDER BY id"
        )
        tabel = cursor.fetchall()
        cursor.execute(
            "SELECT rowid, titel, samenvatting FROM kennisbank_zoek_rapporten_rapport "
            "ORDER BY rowid"
        )
        assert cursor.fetchall() == tabel


# --- kept current: insert, update, delete (both databases) ------------------------------


def test_gewijzigde_tekst_gevonden_op_nieuwe_woorden_niet_op_oude(wereld):
    uwv = wereld["uwv"]
    kernpunt = Kernpunt.objects.get(pk=wereld["kernpunt"].pk)
    assert gevonden(uwv, "huishoudens") == {("kernpunt", kernpunt.pk)}
    kernpunt.tekst = "Het inkomensbeleid vraagt om maatwerkloketten."
    kernpunt.save(update_fields=["tekst"])
    assert gevonden(uwv, "maatwerkloketten") == {("kernpunt", kernpunt.pk)}
    assert gevonden(uwv, "huishoudens") == set()
    # Through a queryset update too (no save(), no signals: the trigger does it).
    Reactie.objects.filter(pk=wereld["toets"].pk).update(kernboodschap="Vereenvoudig de regels.")
    assert ("toets", wereld["toets"].pk) in gevonden(uwv, "vereenvoudig")
    assert ("toets", wereld["toets"].pk) not in gevonden(uwv, "terugvorderingen")
    Consultatie.objects.filter(pk=wereld["huur"].pk).update(samenvatting="Woningcorporaties.")
    assert gevonden(uwv, "woningcorporaties") == {("consultatie", wereld["huur"].pk)}
    if not POSTGRES:
        index_klopt()


def _concept_paper(wereld, samenvatting):
    return Rapport.objects.create(
        consultatie=wereld["huur"],
        versie=2,
        snapshot={
            "consultatie": {"titel": "Wet huurtoeslag eenvoudiger"},
            "bestuurlijke_samenvatting": samenvatting,
        },
    )


def test_paper_gevonden_op_nieuwe_snapshot(wereld):
    # Only a concept's snapshot may change; only a definitive paper is searched.
    paper = _concept_paper(wereld, "Een oude slotsom.")
    paper.snapshot = {**paper.snapshot, "bestuurlijke_samenvatting": "Een nieuwe conclusie."}
    paper.save(update_fields=["snapshot"])
    Rapport.objects.filter(pk=paper.pk).update(status="definitief")
    assert gevonden(wereld["secretaris"], "conclusie") == {("paper", paper.pk)}
    assert gevonden(wereld["secretaris"], "slotsom") == set()


def test_verwijderde_rij_wordt_niet_meer_gevonden(wereld):
    s = wereld["secretaris"]
    document = Document.objects.filter(consultatie=wereld["huur"]).first()
    Document.objects.filter(pk=document.pk).update(titel="Memorie van toelichting")
    assert ("document", document.pk) in gevonden(s, "memorie toelichting")
    document.delete()
    assert ("document", document.pk) not in gevonden(s, "memorie toelichting")
    paper = wereld["paper"]
    wereld["verwerking"].delete()
    Rapport.objects.filter(pk=paper.pk).delete()
    assert gevonden(s, "overgangsregeling") == set()
    if not POSTGRES:
        index_klopt()


def test_nieuwe_rij_wordt_gevonden(wereld):
    s = wereld["secretaris"]
    reactie = Reactie.objects.get(pk=wereld["toets"].pk)
    nieuw = Kernpunt.objects.create(
        reactie=reactie, dimensie="ict", tekst="Koppelvlakken met de Belastingdienst."
    )
    assert gevonden(s, "koppelvlakken") == {("kernpunt", nieuw.pk)}


# --- what a user may type: never FTS5 syntax ---------------------------------------------

#: Questions with FTS5 (or websearch) syntax in them: none may fail.
VIJANDIG = [
    '"',
    "'",
    "*",
    "-",
    "^",
    "(",
    ")",
    ":",
    '""',
    "-woord",
    "NEAR(a b)",
    "a OR b",
    "a AND b",
    "NOT a",
    "col:woord",
    "titel:huurtoeslag",
    "{titel samenvatting}:huurtoeslag",
    "huurtoeslag*",
    "^huurtoeslag",
    '"huurtoeslag',
    "huurtoeslag'",
    "huur-toeslag",
    "huurtoeslag OR zonnepanelen",
    "NEAR(huurtoeslag zonnepanelen, 5)",
    "__",
    "😀 huurtoeslag",
    "x" * 5000,
    "huurtoeslag " * 500,
    "\x00huurtoeslag",
]


@pytest.mark.parametrize("vraag", VIJANDIG)
def test_vijandige_zoekvraag_geeft_geen_fout_en_niets_onverwachts(wereld, vraag):
    s = wereld["secretaris"]
    # Whatever it finds is among what the plain word finds (for a question about
    # "huurtoeslag") or nothing (the world has no "woord", "a", "b", "col", …).
    huurtoeslag = gevonden(s, "huurtoeslag")
    resultaat = gevonden(s, vraag)
    if POSTGRES and vraag in ("-woord", "huurtoeslag OR zonnepanelen"):
        # Websearch syntax on PostgreSQL: everything without "woord"; either word.
        return
    if "huurtoeslag" in vraag.lower() and "zonnepanelen" not in vraag:
        assert resultaat <= huurtoeslag
    else:
        assert resultaat == set()


def test_unicode_zoekvraag_geeft_geen_fout(wereld):
    for vraag in ("één", "ÉÉN", "e\u0301e\u0301n", "Ω≈ç√", "中文", "\u200b"):
        Zoekopdracht(wereld["secretaris"], vraag).resultaat()
    if not POSTGRES:
        # Decomposed accents are composed first: the same word.
        assert gevonden(wereld["secretaris"], "e\u0301e\u0301n") == gevonden(
            wereld["secretaris"], "een"
        )


@alleen_sqlite
def test_vijandige_zoekvraag_wordt_een_gequote_fts_vraag():
    """Every word in double quotes with a prefix star; operators are words or gone."""
    assert fts_vraag(woorden("a OR b")) == ""
    assert fts_vraag(woorden('"')) == ""
    assert fts_vraag(woorden("__ *")) == ""
    assert fts_vraag(woorden("NEAR(woord1 woord2)")) == '"near"* AND "woord1"* AND "woord2"*'
    assert fts_vraag(woorden("col:woord -niet")) == '"col"* AND "woord"* AND "niet"*'
    assert fts_vraag(woorden("huur-toeslag")) == '"huur toeslag"*'
    assert fts_vraag(['he"t']) == '"he t"*'
    assert fts_vraag(["één"]) == '"één"*'


def test_lege_zoekvraag_na_opschonen_vindt_niets_zonder_query(wereld, django_assert_num_queries):
    for vraag in ("", "  ", '"', "a OR b", "* ^ ( )"):
        with django_assert_num_queries(0):
            resultaat = Zoekopdracht(wereld["secretaris"], vraag).resultaat()
        assert resultaat.aantal == 0
        assert resultaat.treffers == []


# --- matching on SQLite: prefixes, case, diacritics -------------------------------------


@alleen_sqlite
def test_woordbegin_vindt_het_langere_woord(wereld):
    s = wereld["secretaris"]
    volledig = gevonden(s, "huurtoeslag")
    assert volledig
    assert gevonden(s, "huurtoes") == volledig
    # "Terugvorderingen" in the toets, "terugvordering" in the kernpunt.
    assert gevonden(s, "terugvorder") == {
        ("toets", wereld["toets"].pk),
        ("kernpunt", wereld["kernpunt"].pk),
    }
    assert gevonden(s, "terugvorderingen") == {("toets", wereld["toets"].pk)}
    # The start of a word, not a piece inside it: a compound word's tail is not found
    # (as on PostgreSQL).
    assert ("consultatie", wereld["huur"].pk) not in gevonden(s, "toeslag")


@alleen_sqlite
def test_hoofdletters_en_accenten_maken_niet_uit(wereld):
    s = wereld["secretaris"]
    kernpunt = Kernpunt.objects.get(pk=wereld["kernpunt"].pk)
    kernpunt.tekst = "Één coördinatiepunt voor alle CAFÉS."
    kernpunt.save(update_fields=["tekst"])
    treffer = {("kernpunt", kernpunt.pk)}
    for vraag in ("EEN coordinatiepunt", "één Coördinatiepunt", "een COORDINATIE", "cafes"):
        assert gevonden(s, vraag) == treffer, vraag
    index_klopt()


# --- past PLAFOND: which matches are ranked ---------------------------------------------


def _consultaties(wereld, *titels):
    ministerie = factories.MinisterieFactory()
    return [
        factories.consultatie(
            secretaris_gebruiker=wereld["secretaris"], ministerie=ministerie, titel=titel
        )
        for titel in titels
    ]


def test_boven_het_plafond_de_nieuwste_treffers(wereld, monkeypatch):
    """Past PLAFOND matches of one kind, the newest are counted and ranked (not the first
    the index happens to return, which were the oldest)."""
    from kennisbank import zoeken

    oud, nieuw = _consultaties(wereld, "Wet kwartelkoning", "Besluit kwartelkoning")
    monkeypatch.setattr(zoeken, "PLAFOND", 1)
    resultaat = Zoekopdracht(wereld["secretaris"], "kwartelkoning").resultaat()
    assert resultaat.afgekapt
    assert [(t.soort, t.pk) for t in resultaat.treffers] == [("consultatie", nieuw.pk)]
    monkeypatch.setattr(zoeken, "PLAFOND", 2)
    assert gevonden(wereld["secretaris"], "kwartelkoning") == {
        ("consultatie", oud.pk),
        ("consultatie", nieuw.pk),
    }


@alleen_sqlite
def test_boven_het_plafond_eerst_het_woord_zoals_getypt(wereld, monkeypatch):
    """On SQLite the words as typed come before the longer words they start: FTS5 reads a
    word's matches lazily but merges all of a prefix's before the first. Under PLAFOND the
    longer words are found as well."""
    from kennisbank import zoeken

    # The word as typed between two longer ones: neither the oldest nor the newest match.
    ouder, woord, nieuwer = _consultaties(
        wereld, "Besluit kwartelkoningen", "Wet kwartelkoning", "Regeling kwartelkoningen"
    )
    monkeypatch.setattr(zoeken, "PLAFOND", 1)
    assert gevonden(wereld["secretaris"], "kwartelkoning") == {("consultatie", woord.pk)}
    assert gevonden(wereld["secretaris"], "kwartelkoningen") == {("consultatie", nieuwer.pk)}
    monkeypatch.setattr(zoeken, "PLAFOND", 3)
    alle = {("consultatie", c.pk) for c in (ouder, woord, nieuwer)}
    assert gevonden(wereld["secretaris"], "kwartelkoning") == alle
    # A word that is only ever the start of longer ones: the second part finds them.
    assert gevonden(wereld["secretaris"], "kwartelkon") == alle


# --- what it touches on SQLite -----------------------------------------------------------


@alleen_sqlite
def test_zoeken_leest_de_index_niet_elke_tekst(wereld):
    with CaptureQueriesContext(connection) as queries:
        resultaat = Zoekopdracht(wereld["secretaris"], "huurtoeslag").resultaat()
    assert resultaat.aantal == 3
    zoek = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("WITH treffers")]
    assert len(zoek) == 1
    sql = zoek[0]
    # One MATCH per source, on its own index, which drives the loop (no rowid probe per
    # row); no LIKE over the texts.
    for bron in BRONNEN:
        index = fts_index(bron)
        assert f"+{index}.rowid = {bron.model._meta.db_table}.id" in sql
        assert f"{index} MATCH " in sql
    # Twice: the words as typed, then (only if those did not reach PLAFOND) as prefixes.
    assert sql.count(" MATCH ") == 2 * len(BRONNEN)
    assert "LIKE" not in sql.upper()


# --- the triggers -----------------------------------------------------------------------


def _triggers():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tbl_name, name FROM sqlite_master WHERE type = 'trigger' "
            "AND name LIKE 'kennisbank_zoek_%'"
        )
        return set(cursor.fetchall())


@alleen_sqlite
@pytest.mark.django_db
def test_elke_doorzochte_tabel_heeft_zijn_index_en_triggers_na_alle_migraties():
    """A later migration that rebuilds a searched table (Django's SQLite ALTER) drops its
    triggers: it must create them again. This checks the migrated test database."""
    verwacht = {
        (bron.model._meta.db_table, f"{fts_index(bron)}_{soort}")
        for bron in BRONNEN
        for soort in ("nieuw", "gewijzigd", "weg")
    }
    assert _triggers() == verwacht
    index_klopt()


def _totaal_gewijzigd():
    with connection.cursor() as cursor:
        cursor.execute("SELECT total_changes()")
        return cursor.fetchone()[0]


@alleen_sqlite
def test_andere_kolom_of_ongewijzigde_tekst_raakt_de_index_niet(wereld):
    """A paper's heartbeat, its snapshot written unchanged, or a full save() with the same
    texts does not re-index the row."""
    paper = _concept_paper(wereld, "Een slotsom.")
    with connection.cursor() as cursor:
        # Take the paper out of its index behind the triggers' back: a trigger that fired
        # would put it back.
        cursor.execute("DELETE FROM kennisbank_zoek_rapporten_rapport WHERE rowid = %s", [paper.pk])
    Rapport.objects.filter(pk=paper.pk).update(hartslag_op=timezone.now())
    Rapport.objects.filter(pk=paper.pk).update(snapshot=F("snapshot"))
    Rapport.objects.filter(pk=paper.pk).update(status="definitief")
    assert gevonden(wereld["secretaris"], "slotsom") == set()
    # A change of the snapshot does re-index it.
    Rapport.objects.filter(pk=paper.pk).update(status="concept")
    Rapport.objects.filter(pk=paper.pk).update(snapshot={"aanbevelingen": "Een slotsom."})
    Rapport.objects.filter(pk=paper.pk).update(status="definitief")
    assert gevonden(wereld["secretaris"], "slotsom") == {("paper", paper.pk)}
    # An external content index: count the rows written, the trigger's included.
    kernpunt = Kernpunt.objects.get(pk=wereld["kernpunt"].pk)
    voor = _totaal_gewijzigd()
    kernpunt.save()
    assert _totaal_gewijzigd() - voor == 1
    kernpunt.tekst += " Extra."
    voor = _totaal_gewijzigd()
    kernpunt.save()
    assert _totaal_gewijzigd() - voor > 1

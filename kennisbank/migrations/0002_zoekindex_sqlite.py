"""Full-text search indexes on SQLite (FTS5); nothing on PostgreSQL (there migration 0001
keeps a ``zoekvector`` column, see ``kennisbank/zoeken.py``).

Each searched table gets an FTS5 table ``kennisbank_zoek_<table>`` over the same texts
0001 indexes, keyed by the table's rowid (its ``id``), with the tokenizer ``unicode61
remove_diacritics 2``: case- and diacritics-insensitive ("EEN" finds "één"), no stemming.
The search asks it for the ids that hold every word as a prefix and then reads only those
rows, instead of reading every text of every row (``icontains``).

- The six tables with plain text columns get an *external content* index
  (``content='<table>'``): the index holds only the tokens, the texts stay in the table.
  An external content index must be told the old texts to forget a row, so the triggers
  pass ``OLD``'s columns; that is exact as long as every write goes through them.
- ``rapporten_rapport`` indexes four JSON paths of its ``snapshot`` (consultation title
  and kenmerk, bestuurlijke samenvatting, aanbevelingen), which are not columns an
  external content index could read back: that index keeps its own copy of those texts
  (a few thousand papers) and forgets a row by its rowid.

AFTER INSERT / AFTER UPDATE OF <the searched columns> / AFTER DELETE triggers keep each
index current. The update trigger fires only when a searched column is written *and
changed* (``WHEN``): a paper's heartbeat or a full ``save()`` that leaves the texts as
they were does not touch the index. The migration fills the indexes for existing rows;
reversing it drops triggers and indexes.

Careful with later migrations: Django's SQLite schema editor rebuilds a table for most
ALTERs (new table, copy, drop, rename), and dropping the old table drops these triggers.
``tests/kennisbank/test_zoekindex.py`` checks after all migrations that every trigger is
there and every index agrees with its table; a migration that rebuilds a searched table
must create its triggers again (and rebuild the index) after it.
"""

from django.db import migrations

TOKENIZER = "unicode61 remove_diacritics 2"

#: table → searched columns (external content index: the same column names).
KOLOMMEN = {
    "consultaties_consultatie": ["titel", "kenmerk", "kenmerk_ministerie", "samenvatting"],
    "consultaties_document": ["titel"],
    "reacties_reactie": [
        "kernboodschap",
        "voorwaarden",
        "burgerperspectief",
        "doenvermogen_conclusie",
    ],
    "reacties_beoordeling": ["toelichting"],
    "reacties_kernpunt": ["tekst", "artikel", "voorgestelde_wijziging"],
    "rapporten_verwerking": ["toelichting"],
}
#: rapporten_rapport: index column → JSON path in ``snapshot`` (as 0001).
PAPER = "rapporten_rapport"
PAPER_PADEN = {
    "titel": "$.consultatie.titel",
    "kenmerk": "$.consultatie.kenmerk",
    "samenvatting": "$.bestuurlijke_samenvatting",
    "aanbevelingen": "$.aanbevelingen",
}


def _index(tabel):
    return f"kennisbank_zoek_{tabel}"


def _triggers(tabel):
    return [f"{_index(tabel)}_{s}" for s in ("nieuw", "gewijzigd", "weg")]


def _gewijzigd(kolommen):
    # "IS NOT" so that NULL ↔ text counts as a change.
    return " OR ".join(f"OLD.{k} IS NOT NEW.{k}" for k in ["id", *kolommen])


def _extern(tabel, kolommen):
    index = _index(tabel)
    nieuw, gewijzigd, weg = _triggers(tabel)
    lijst = ", ".join(kolommen)
    oud = ", ".join(f"OLD.{k}" for k in kolommen)
    new = ", ".join(f"NEW.{k}" for k in kolommen)
    vergeet = (
        f"INSERT INTO {index}({index}, rowid, {lijst}) VALUES ('delete', OLD.id, {oud});"
    )
    voeg_toe = f"INSERT INTO {index}(rowid, {lijst}) VALUES (NEW.id, {new});"
    return [
        f"CREATE VIRTUAL TABLE {index} USING fts5({lijst}, content='{tabel}', "
        f"content_rowid='id', tokenize='{TOKENIZER}')",
        f"CREATE TRIGGER {nieuw} AFTER INSERT ON {tabel} BEGIN {voeg_toe} END",
        f"CREATE TRIGGER {gewijzigd} AFTER UPDATE OF id, {lijst} ON {tabel} "
        f"WHEN {_gewijzigd(kolommen)} BEGIN {vergeet} {voeg_toe} END",
        f"CREATE TRIGGER {weg} AFTER DELETE ON {tabel} BEGIN {vergeet} END",
        # Read the existing rows from the table.
        f"INSERT INTO {index}({index}) VALUES ('rebuild')",
    ]


def _paper():
    index = _index(PAPER)
    nieuw, gewijzigd, weg = _triggers(PAPER)
    lijst = ", ".join(PAPER_PADEN)

    def waarden(rij):
        return ", ".join(f"json_extract({rij}.snapshot, '{p}')" for p in PAPER_PADEN.values())

    voeg_toe = f"INSERT INTO {index}(rowid, {lijst}) VALUES (NEW.id, {waarden('NEW')});"
    return [
        f"CREATE VIRTUAL TABLE {index} USING fts5({lijst}, tokenize='{TOKENIZER}')",
        f"CREATE TRIGGER {nieuw} AFTER INSERT ON {PAPER} BEGIN {voeg_toe} END",
        f"CREATE TRIGGER {gewijzigd} AFTER UPDATE OF id, snapshot ON {PAPER} "
        f"WHEN {_gewijzigd(['snapshot'])} "
        f"BEGIN DELETE FROM {index} WHERE rowid = OLD.id; {voeg_toe} END",
        f"CREATE TRIGGER {weg} AFTER DELETE ON {PAPER} "
        f"BEGIN DELETE FROM {index} WHERE rowid = OLD.id; END",
        f"INSERT INTO {index}(rowid, {lijst}) SELECT id, {waarden(PAPER)} FROM {PAPER}",
    ]


def maak(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    opdrachten = [s for tabel, k in KOLOMMEN.items() for s in _extern(tabel, k)] + _paper()
    for sql in opdrachten:
        schema_editor.execute(sql)


def verwijder(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for tabel in [*KOLOMMEN, PAPER]:
        for trigger in _triggers(tabel):
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        schema_editor.execute(f"DROP TABLE IF EXISTS {_index(tabel)}")


class Migration(migrations.Migration):
    dependencies = [
        ("kennisbank", "0001_zoekvectoren"),
        # After every migration that rebuilds a searched table (see the docstring).
        ("consultaties", "0008_zichtbaar_index"),
        ("reacties", "0006_index_organisatie_consultatie"),
        ("rapporten", "0008_index_nieuwste"),
    ]

    operations = [migrations.RunPython(maak, verwijder, elidable=False)]

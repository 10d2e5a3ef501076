"""Full-text search vectors on PostgreSQL; nothing on SQLite (the search falls back to
``icontains`` there, see ``kennisbank/zoeken.py``).

Each searched table gets a ``zoekvector`` tsvector column with a GIN index, kept by a
BEFORE INSERT/UPDATE trigger (Dutch stemming, weighted: titles and key messages weigh
most). A trigger rather than a GENERATED column: PostgreSQL refuses ALTER COLUMN TYPE on a
column a generated column reads, so a later ``max_length`` change in another app's model
would fail; a trigger does not stand in the way. The column is not a model field: only
the search reads it (``zoeken.zoekvector``). The trigger fires only when a searched column
is written, so a paper's heartbeat does not re-read its half-megabyte snapshot.
"""

from django.db import migrations


def _gewogen(delen):
    return " || ".join(
        f"setweight(to_tsvector('dutch', {' || '.join(velden)}), '{gewicht}')"
        for gewicht, velden in delen
    )


def _kolom(naam):
    return f"coalesce(NEW.{naam}, '') || ' '"


def _json(pad):
    return f"coalesce(NEW.snapshot #>> '{{{pad}}}', '') || ' '"


#: table → (columns whose change recomputes the vector, weighted parts)
VECTOREN = {
    "consultaties_consultatie": (
        ["titel", "kenmerk", "kenmerk_ministerie", "samenvatting"],
        [("A", [_kolom("titel"), _kolom("kenmerk"), _kolom("kenmerk_ministerie")]),
         ("B", [_kolom("samenvatting")])],
    ),
    "consultaties_document": (["titel"], [("A", [_kolom("titel")])]),
    "reacties_reactie": (
        ["kernboodschap", "voorwaarden", "burgerperspectief", "doenvermogen_conclusie"],
        [("A", [_kolom("kernboodschap")]),
         ("B", [_kolom("voorwaarden"), _kolom("burgerperspectief")]),
         ("C", [_kolom("doenvermogen_conclusie")])],
    ),
    "reacties_beoordeling": (["toelichting"], [("B", [_kolom("toelichting")])]),
    "reacties_kernpunt": (
        ["tekst", "artikel", "voorgestelde_wijziging"],
        [("A", [_kolom("tekst")]), ("B", [_kolom("artikel"), _kolom("voorgestelde_wijziging")])],
    ),
    "rapporten_verwerking": (["toelichting"], [("B", [_kolom("toelichting")])]),
    "rapporten_rapport": (
        ["snapshot"],
        [("A", [_json("consultatie,titel"), _json("consultatie,kenmerk")]),
         ("B", [_json("bestuurlijke_samenvatting"), _json("aanbevelingen")])],
    ),
}


def maak(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for tabel, (bronkolommen, delen) in VECTOREN.items():
        functie = f"kennisbank_zoekvector_{tabel}"
        schema_editor.execute(f"ALTER TABLE {tabel} ADD COLUMN zoekvector tsvector")
        schema_editor.execute(
            f"CREATE FUNCTION {functie}() RETURNS trigger LANGUAGE plpgsql AS $$ "
            f"BEGIN NEW.zoekvector := {_gewogen(delen)}; RETURN NEW; END $$"
        )
        schema_editor.execute(
            f"CREATE TRIGGER kennisbank_zoekvector BEFORE INSERT OR UPDATE OF "
            f"{', '.join(bronkolommen)} ON {tabel} FOR EACH ROW EXECUTE FUNCTION {functie}()"
        )
        # Fill the existing rows through the trigger.
        schema_editor.execute(f"UPDATE {tabel} SET {bronkolommen[0]} = {bronkolommen[0]}")
        schema_editor.execute(
            f"CREATE INDEX kennisbank_{tabel}_zoek ON {tabel} USING gin (zoekvector)"
        )


def verwijder(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for tabel in VECTOREN:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS kennisbank_zoekvector ON {tabel}")
        schema_editor.execute(f"DROP FUNCTION IF EXISTS kennisbank_zoekvector_{tabel}()")
        schema_editor.execute(f"ALTER TABLE {tabel} DROP COLUMN IF EXISTS zoekvector")


class Migration(migrations.Migration):
    dependencies = [
        # After every migration that rebuilds a searched column: dropping a column (as
        # rapporten 0006 does with the snapshot) drops the trigger that watches it.
        ("consultaties", "0006_versie"),
        ("reacties", "0005_gewijzigd_op_index"),
        ("rapporten", "0006_rapport_gewijzigd_op"),
    ]

    operations = [migrations.RunPython(maak, verwijder, elidable=False)]

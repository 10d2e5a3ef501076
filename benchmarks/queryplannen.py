"""Query plans of the SQL the pages really run, on a filled PostgreSQL or SQLite database.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tk_prestaties_groot \\
        .venv/bin/python benchmarks/queryplannen.py [--alles]
    DATABASE_URL=sqlite:////pad/naar/groot.sqlite3 .venv/bin/python benchmarks/queryplannen.py

Calls every page type and API list of ``benchmarks/verzoeken.py`` through the Django test
client as its role, captures each SQL statement the request executed, and explains exactly
that statement: ``EXPLAIN (ANALYZE, BUFFERS)`` on PostgreSQL, ``EXPLAIN QUERY PLAN`` on
SQLite (its execution time: the fastest of three runs). A scan of a whole table of more
than ``GROOT`` rows is flagged: that is a cost that grows with the years of data (on
SQLite ``SCAN t`` without an index; a ``SCAN t USING INDEX`` walks an index in order and
stops at the LIMIT, and is listed, not flagged). A statement slower than ``TRAAG_MS`` is
flagged too: an index walked in order still reads the whole table when few rows match.
Prints per request its statements, their execution time and the flags (with the plan of
each flagged statement; ``--alles`` prints every plan).

The database must be filled with ``manage.py demo`` and ``ONTWIKKELING=1 manage.py genereer_last``.
"""

import argparse
import os
import re
import sys
import time
from pathlib import Path

# The project first: benchmarks/termijnen.py would otherwise shadow the termijnen app.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.append(str(Path(__file__).resolve().parent))
# A throwaway key: the settings refuse to start without one when DEBUG is off.
os.environ.setdefault("SECRET_KEY", "benchmark-" + "x" * 60)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tegenkracht.settings")
# Plain HTTP through the test client, without second factor or lockout: the requests of
# benchmarks/verzoeken.py, as each role makes them.
for naam, waarde in {
    "SECURE_SSL_REDIRECT": "0",
    "TWEEDE_FACTOR_SECRETARIS": "0",
    "AXES_ENABLED": "0",
    "DEBUG": "1",  # static files without collectstatic; the SQL is the same
    "LOG_LEVEL": "WARNING",
}.items():
    os.environ.setdefault(naam, waarde)

#: Tables with more rows than this count as large: scanning them whole is the problem.
GROOT = 10_000
#: A statement slower than this (ms) is flagged too, whatever its plan: an index walked in
#: order can still read a whole large table when few of its rows match.
TRAAG_MS = 20


def aliassen(sql: str) -> dict[str, str]:
    """Django's table aliases in ``sql`` (``FROM "reacties_reactie" U0``, ``JOIN … T3``):
    SQLite's plan names a table by its alias."""
    return {
        alias: tabel
        for tabel, alias in re.findall(r'(?:FROM|JOIN)\s+"(\w+)"\s+(?:AS\s+)?"?([A-Z]\d+)\b', sql)
    }


def uitleg_postgres(cursor, sql, params) -> tuple[str, float]:
    cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
    plan = "\n".join(r[0] for r in cursor.fetchall())
    return plan, float(re.search(r"Execution Time: ([\d.]+)", plan).group(1))


def uitleg_sqlite(cursor, sql, params) -> tuple[str, float]:
    cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
    plan = "\n".join(r[-1] for r in cursor.fetchall())
    snelste = float("inf")
    for _ in range(3):
        begin = time.perf_counter()
        cursor.execute(sql, params)
        cursor.fetchall()
        snelste = min(snelste, (time.perf_counter() - begin) * 1000)
    return plan, snelste


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--alles", action="store_true", help="print every plan")
    args = parser.parse_args()

    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from verzoeken import kies_paden

    from organisaties.models import Gebruiker

    postgres = connection.vendor == "postgresql"
    if connection.vendor not in ("postgresql", "sqlite"):
        sys.exit("Zet DATABASE_URL op een gevulde PostgreSQL- of SQLite-database.")
    with connection.cursor() as cursor:
        if postgres:
            cursor.execute(
                "SELECT relname, reltuples::bigint FROM pg_class "
                "WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace"
            )
            rijen = dict(cursor.fetchall())
        else:
            rijen = {}
            for tabel in connection.introspection.table_names(cursor):
                cursor.execute(f'SELECT COUNT(*) FROM "{tabel}"')  # noqa: S608
                rijen[tabel] = cursor.fetchone()[0]
    groot = {naam for naam, aantal in rijen.items() if aantal > GROOT}
    namen = sorted(groot, key=rijen.get, reverse=True)
    print(f"Grote tabellen (> {GROOT} rijen): " + ", ".join(f"{n} ({rijen[n]:,})" for n in namen))

    gevonden = []
    for gebruiker, paden in kies_paden().items():
        client = Client(HTTP_HOST="127.0.0.1")
        if gebruiker != "anoniem":  # the public pages: without logging in
            client.force_login(Gebruiker.objects.get(username=gebruiker))
        for naam, pad in paden.items():
            client.get(pad)  # warm: content types, sessions
            queries = []

            def bewaar(execute, sql, params, many, context, queries=queries):
                queries.append((sql, params))
                return execute(sql, params, many, context)

            # Exactly the statements and parameters the request sent to the database.
            with connection.execute_wrapper(bewaar):
                status = client.get(pad).status_code
            totaal = 0.0
            regels = []
            for sql, params in queries:
                # WITH: the search's one statement (its CTE of candidates).
                if not sql.lstrip().upper().startswith(("SELECT", "WITH")):
                    continue
                with connection.cursor() as cursor:
                    plan, tijd = (uitleg_postgres if postgres else uitleg_sqlite)(
                        cursor, sql, params
                    )
                totaal += tijd
                # SQLite: "SCAN <fts5 table> VIRTUAL TABLE INDEX 192:M…" is a MATCH on its
                # index ("…:=" a rowid lookup), not a scan of the table.
                patroon = (
                    r"Seq Scan on (\w+)"
                    if postgres
                    else r"SCAN (\w+)\b(?! USING)(?! VIRTUAL TABLE INDEX \d+:[M=])"
                )
                tabellen = aliassen(sql)
                gescand = {tabellen.get(t, t) for t in re.findall(patroon, plan)}
                scans = sorted(gescand & groot)
                if tijd > TRAAG_MS:
                    scans.append(f"traag ({tijd:.0f} ms)")
                if scans:
                    gevonden.append((gebruiker, naam, scans))
                if scans or args.alles:
                    regels.append(
                        f"  {'SEQ SCAN ' + ', '.join(scans) if scans else ''} {tijd:.1f} ms\n"
                        f"  SQL: {sql[:600]}{'…' if len(sql) > 600 else ''} {params}\n"
                        + "\n".join("    " + r for r in plan.splitlines())
                    )
            print(
                f"=== {gebruiker}: {naam} {pad} → {status}, {len(queries)} statements, "
                f"samen {totaal:.1f} ms uitvoering"
            )
            for regel in regels:
                print(regel)
    print()
    if gevonden:
        print(f"Sequentiële scans over grote tabellen of statements boven {TRAAG_MS} ms:")
        for gebruiker, naam, scans in gevonden:
            print(f"- {gebruiker}: {naam}: {', '.join(scans)}")
    else:
        print(
            f"Geen sequentiële scan over een grote tabel en geen statement boven {TRAAG_MS} ms "
            "in de verzoeken hierboven."
        )


if __name__ == "__main__":
    main()

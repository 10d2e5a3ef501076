"""Search latency on a filled PostgreSQL database (issue 17: p95 under 200 ms).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tk_kennis \\
        .venv/bin/python benchmarks/zoeken.py [--herhalingen 5] [--explain]

Requests ``GET /zoeken/?q=…`` (the whole page: session, search, facets, template) through
the Django test client, as the secretaris, a ministry user and an organisation's drafter
(demo users), for a mix of questions: topic words that hit a few hundred consultations,
words that occur in nearly every toets of the load generator's repeated paragraph (the
worst case: every toets, toelichting and kernpunt matches), a two-word question, a
phrase, and questions with a facet chosen. One warm-up round per role is not counted.

Per request two figures:

- *wall*: the wall-clock time of the request, what a user waits for on this machine;
- *CPU*: the CPU time the request cost, this process (Django, template) plus the
  PostgreSQL backend serving its connection (read from ``/proc/<pid>/stat``, the database
  runs on the same machine). On a shared, oversubscribed machine the wall clock mostly
  measures the other processes; the CPU time is the steadier figure of what the request
  costs (it leaves out waiting for disk, which a warm cache makes small).

p50/p95/max per role and overall; the machine load before and after. ``--explain`` instead
captures every SQL statement of one request per role and question and prints
``EXPLAIN (ANALYZE, BUFFERS)`` of exactly that statement.

The database must be filled with ``manage.py demo`` and ``ONTWIKKELING=1 manage.py
genereer_last`` and migrated (``kennisbank`` builds the search vectors).
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("SECRET_KEY", "benchmark-" + "x" * 60)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tegenkracht.settings")
for naam, waarde in {
    "SECURE_SSL_REDIRECT": "0",
    "TWEEDE_FACTOR_SECRETARIS": "0",
    "AXES_ENABLED": "0",
    "DEBUG": "0",
    "ALLOWED_HOSTS": "testserver",
    "LOG_LEVEL": "WARNING",
    # A persistent connection, as under gunicorn: one backend whose CPU time we can read.
    "CONN_MAX_AGE": "600",
}.items():
    os.environ.setdefault(naam, waarde)

VRAGEN = [
    {"q": "huurtoeslag"},
    {"q": "studiefinanciering"},
    {"q": "kinderopvangtoeslag wet"},
    {"q": "jeugdzorg"},
    {"q": "bijstand"},
    {"q": '"box 3"'},
    {"q": "rijbewijzen"},
    {"q": "zorgtoeslag -besluit"},
    # In the repeated paragraph of every generated toets: everything matches.
    {"q": "schulden"},
    {"q": "terugvorderingen doenvermogen"},
    {"q": "gegevensuitwisseling", "soort": "kernpunt"},
    {"q": "klantcontact", "dimensie": "ict"},
    {"q": "huurtoeslag", "pagina": "3"},
]
ROLLEN = ("secretaris", "szw-ministerie", "uwv-opsteller")
TIKKEN = os.sysconf("SC_CLK_TCK")


def percentiel(waarden, p):
    waarden = sorted(waarden)
    index = max(0, min(len(waarden) - 1, round(p / 100 * len(waarden) + 0.5) - 1))
    return waarden[index]


def backend_cpu(pid) -> float:
    """Seconds of CPU the PostgreSQL backend ``pid`` has run: the scheduler's nanosecond
    figure where the kernel has it, else user + system time in clock ticks (10 ms)."""
    schedstat = Path(f"/proc/{pid}/schedstat")
    if schedstat.exists():
        return int(schedstat.read_text().split()[0]) / 1e9
    velden = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(velden[11]) + int(velden[12])) / TIKKEN


def regel(naam, tijden):
    return (
        f"p50 {statistics.median(tijden):6.1f}  p95 {percentiel(tijden, 95):6.1f}  "
        f"max {max(tijden):6.1f} ms"
    )


def uitleg(client, connection, rol, vraag):
    """EXPLAIN (ANALYZE, BUFFERS) of every statement one request ran."""
    vastgelegd = []

    def vastleggen(execute, sql, params, many, context):
        vastgelegd.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(vastleggen):
        client.get("/zoeken/", vraag)
    print(f"\n===== {rol} {vraag} — {len(vastgelegd)} statements")
    for sql, params in vastgelegd:
        if not sql.lstrip().upper().startswith(("SELECT", "WITH")):
            print(f"--- {sql[:100]}")
            continue
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
            plan = [r[0] for r in cursor.fetchall()]
        print(f"--- {sql[:160]}…")
        print("\n".join(plan))


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--herhalingen", type=int, default=5)
    parser.add_argument("--explain", action="store_true", help="print the query plans")
    parser.add_argument("--rollen", nargs="*", default=ROLLEN)
    parser.add_argument("--vraag", help="only this question (with --explain)")
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client

    from organisaties.models import Gebruiker

    if connection.vendor != "postgresql":
        sys.exit("Zet DATABASE_URL op een gevulde PostgreSQL-database.")
    settings.STORAGES["staticfiles"] = {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
    }
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT (SELECT count(*) FROM consultaties_consultatie), "
            "(SELECT count(*) FROM reacties_reactie), (SELECT count(*) FROM reacties_beoordeling),"
            " (SELECT count(*) FROM reacties_kernpunt),"
            " (SELECT count(*) FROM rapporten_verwerking),"
            " pg_size_pretty(pg_database_size(current_database())), current_database()"
        )
        aantallen = cursor.fetchone()
    print(
        "Gegevens ({6}, {5}): {0} consultaties, {1} reacties, {2} beoordelingen, "
        "{3} kernpunten, {4} verwerkingen".format(*aantallen)
    )
    print("Belasting vooraf (1/5/15 min):", " ".join(f"{x:.2f}" for x in os.getloadavg()))

    alle_wand, alle_cpu, alle_db = [], [], []
    for rol in args.rollen:
        client = Client()
        client.force_login(Gebruiker.objects.get(username=rol))
        if args.explain:
            for vraag in [{"q": args.vraag}] if args.vraag else VRAGEN:
                uitleg(client, connection, rol, vraag)
            continue
        for vraag in VRAGEN:  # warm-up: caches, translations, the connection
            client.get("/zoeken/", vraag)
        wand, cpu, db = [], [], []
        traagste = (0.0, None)
        for _ in range(args.herhalingen):
            for vraag in VRAGEN:
                pid = connection.connection.info.backend_pid
                db_voor, cpu_voor = backend_cpu(pid), time.process_time()
                begin = time.perf_counter()
                antwoord = client.get("/zoeken/", vraag)
                duur = (time.perf_counter() - begin) * 1000
                assert antwoord.status_code == 200, (vraag, antwoord.status_code)
                assert connection.connection.info.backend_pid == pid, "nieuwe verbinding"
                db.append((backend_cpu(pid) - db_voor) * 1000)
                cpu.append((time.process_time() - cpu_voor) * 1000 + db[-1])
                wand.append(duur)
                traagste = max(traagste, (duur, vraag), key=lambda t: t[0])
        alle_wand.extend(wand)
        alle_cpu.extend(cpu)
        alle_db.extend(db)
        print(f"{rol:16} n={len(wand):3}  wand {regel(rol, wand)} (traagste: {traagste[1]})")
        print(f"{'':16}        CPU  {regel(rol, cpu)}")
        print(f"{'':16}   waarvan DB  {regel(rol, db)}")
    if alle_wand:
        print(f"{'alle rollen':16} n={len(alle_wand):3}  wand {regel('', alle_wand)}")
        print(f"{'':16}        CPU  {regel('', alle_cpu)}")
        print(f"{'':16}   waarvan DB  {regel('', alle_db)}")
    print("Belasting achteraf (1/5/15 min):", " ".join(f"{x:.2f}" for x in os.getloadavg()))


if __name__ == "__main__":
    main()

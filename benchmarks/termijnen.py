"""Benchmark the deadline job (``verwerk_termijnen``) over ~50,000 open responses.

    .venv/bin/python benchmarks/termijnen.py [--reacties 72000] [--database sqlite|postgres]

Fills a fresh database with open consultations (40 organisations each, termijnen spread
over the coming 30 days) and times three runs of the job:

1. the first run of the day: reminders that are due go out (queued as e-mail tasks);
2. the run a minute later: nothing is due, the every-minute cost of the cron job;
3. three days later: responses whose termijn passed expire and their consultations close.
"""

import argparse
import os
import platform
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PG_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/tk_benchmark_termijnen")


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    # About 70 % of the generated responses of an open consultation are still running.
    parser.add_argument("--reacties", type=int, default=72_000)
    parser.add_argument("--organisaties", type=int, default=40)
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    args = parser.parse_args()

    tmp = tempfile.mkdtemp(prefix="tk-bench-termijnen-")
    if args.database == "postgres":
        import subprocess
        import urllib.parse

        naam = urllib.parse.urlparse(PG_URL).path.lstrip("/")
        beheer = PG_URL.rsplit("/", 1)[0] + "/postgres"
        for sql in (f'DROP DATABASE IF EXISTS "{naam}" WITH (FORCE)', f'CREATE DATABASE "{naam}"'):
            subprocess.run(["psql", beheer, "-q", "-c", sql], check=True, capture_output=True)
        os.environ["DATABASE_URL"] = PG_URL
    else:
        os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/termijnen.sqlite3"
    # A throwaway key: the settings refuse to start without one when DEBUG is off.
    os.environ.setdefault("SECRET_KEY", "benchmark-" + "x" * 60)
    os.environ.update(
        VAR_DIR=tmp, DJANGO_SETTINGS_MODULE="tegenkracht.settings", LOG_LEVEL="WARNING"
    )
    sys.path.insert(0, str(ROOT))

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from notificaties import bewaking
    from ontwikkeling.last import genereer
    from organisaties.netwerk import laad_netwerk
    from reacties.models import Reactie

    call_command("migrate", verbosity=0)
    laad_netwerk()
    consultaties = -(-args.reacties // args.organisaties)
    start = time.perf_counter()
    genereer(consultaties, organisaties_per_consultatie=args.organisaties, alleen_open=True)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # as autovacuum would after a bulk load
    print(
        f"Machine: {platform.machine()}, {os.cpu_count()} kernen, Python "
        f"{platform.python_version()}, {connection.vendor}"
    )
    print(
        f"{Reactie.objects.lopend().count()} lopende reacties (van {Reactie.objects.count()}) "
        f"in {consultaties} open consultaties, "
        f"gegenereerd in {time.perf_counter() - start:.0f} s.\n"
    )

    nu = timezone.now()
    print("| run | tijd (s) | resultaat |")
    print("|---|---|---|")
    for naam, moment in (
        ("eerste run (herinneringen die nu vallen)", nu),
        ("een minuut later (niets te doen)", nu + timedelta(minutes=1)),
        ("drie dagen later (verlopen en sluiten)", nu + timedelta(days=3)),
    ):
        start = time.perf_counter()
        resultaat = bewaking.verwerk_termijnen(nu=moment)
        print(f"| {naam} | {time.perf_counter() - start:.2f} | {resultaat} |", flush=True)


if __name__ == "__main__":
    main()

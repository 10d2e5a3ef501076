"""Time per request of the secretaris's work queue and a consultation page on the large
demo (``manage.py demo --groot``: 12 open consultations × 36 organisations).

    DEBUG=1 VAR_DIR=… .venv/bin/python manage.py demo --groot
    VAR_DIR=… .venv/bin/python benchmarks/werkvoorraad.py [--herhalingen 20]

Reads the database of the environment (``DATABASE_URL`` or SQLite in ``VAR_DIR``) through
the Django test client as the secretaris, DEBUG off. Per page: queries, wall time and
process CPU per request (median and p95 of the repetitions), and the HTML size.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tegenkracht.settings")
os.environ.setdefault("ONTWIKKELING", "1")
os.environ.setdefault("SECRET_KEY", "benchmark-" + "x" * 50)
# The second factor of the secretaris has its own tests; here it would only redirect.
os.environ.setdefault("TWEEDE_FACTOR_SECRETARIS", "0")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--herhalingen", type=int, default=20)
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    from consultaties.models import Consultatie
    from organisaties.models import Gebruiker

    setup_test_environment()
    settings.ALLOWED_HOSTS = ["*"]
    settings.SECURE_SSL_REDIRECT = False
    # No collectstatic needed to measure: the plain storage names the files.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    client = Client()
    client.force_login(Gebruiker.objects.get(username="secretaris"))
    groot = Consultatie.objects.filter(kenmerk__startswith="GROOT-").order_by("kenmerk")
    if not groot.exists():
        sys.exit("Geen grote demo gevonden: draai eerst 'manage.py demo --groot'.")
    pk = groot.first().pk
    paden = {
        "werkvoorraad (/)": "/",
        "consultatiepagina": f"/consultaties/{pk}/",
        "consultatiepagina, gefilterd": f"/consultaties/{pk}/?status=lopend&sorteer=-termijn",
    }
    print(f"database: {connection.vendor}, {groot.count()} grote consultaties")
    print("| pagina | queries | wand p50 (ms) | wand p95 (ms) | CPU p50 (ms) | HTML (kB) |")
    print("|---|---:|---:|---:|---:|---:|")
    for naam, pad in paden.items():
        client.get(pad)  # warm up templates and caches
        wand, cpu = [], []
        for _ in range(args.herhalingen):
            with CaptureQueriesContext(connection) as queries:
                t0, c0 = time.perf_counter(), time.process_time()
                response = client.get(pad)
                wand.append((time.perf_counter() - t0) * 1000)
                cpu.append((time.process_time() - c0) * 1000)
            assert response.status_code == 200, (pad, response.status_code)
        p95 = statistics.quantiles(wand, n=20)[-1] if len(wand) >= 2 else wand[0]
        print(
            f"| {naam} | {len(queries)} | {statistics.median(wand):.0f} | {p95:.0f} "
            f"| {statistics.median(cpu):.0f} | {len(response.content) / 1024:.0f} |"
        )


if __name__ == "__main__":
    main()

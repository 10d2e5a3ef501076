"""Search latency on a filled PostgreSQL database (issue 17: p95 under 200 ms).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tk_kennis \\
        .venv/bin/python benchmarks/zoeken.py [--herhalingen 5]

Requests ``GET /zoeken/?q=…`` (the whole page: session, search, facets, template) through
the Django test client, as the secretaris, a ministry user and an organisation's drafter
(demo users), for a mix of questions: topic words that hit a few hundred consultations,
words that occur in nearly every toets of the load generator's repeated paragraph (the
worst case: every toets, toelichting and kernpunt matches), a two-word question, a
phrase, and a question with a facet chosen. Wall-clock time per request; p50/p95/max per
role and overall. Prints the machine load before and after.

The database must be filled with ``manage.py demo`` and ``ONTWIKKELING=1 manage.py
genereer_last`` and migrated (``kennisbank.0001`` builds the search vectors).
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


def percentiel(waarden, p):
    waarden = sorted(waarden)
    index = max(0, min(len(waarden) - 1, round(p / 100 * len(waarden) + 0.5) - 1))
    return waarden[index]


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--herhalingen", type=int, default=5)
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
            " (SELECT count(*) FROM reacties_kernpunt), (SELECT count(*) FROM rapporten_verwerking)"
        )
        aantallen = cursor.fetchone()
    print(
        "Gegevens: {} consultaties, {} reacties, {} beoordelingen, {} kernpunten, "
        "{} verwerkingen".format(*aantallen)
    )
    print("Belasting vooraf (1/5/15 min):", " ".join(f"{x:.2f}" for x in os.getloadavg()))

    alle = []
    for rol in ROLLEN:
        client = Client()
        client.force_login(Gebruiker.objects.get(username=rol))
        client.get("/zoeken/", {"q": "opwarmen"})
        tijden = []
        traagste = (0.0, None)
        for _ in range(args.herhalingen):
            for vraag in VRAGEN:
                begin = time.perf_counter()
                antwoord = client.get("/zoeken/", vraag)
                duur = (time.perf_counter() - begin) * 1000
                assert antwoord.status_code == 200, (vraag, antwoord.status_code)
                tijden.append(duur)
                traagste = max(traagste, (duur, vraag["q"]), key=lambda t: t[0])
        alle.extend(tijden)
        print(
            f"{rol:16} n={len(tijden):3}  p50 {statistics.median(tijden):6.1f} ms  "
            f"p95 {percentiel(tijden, 95):6.1f} ms  max {max(tijden):6.1f} ms "
            f"(traagste: {traagste[1]!r})"
        )
    print(
        f"{'alle rollen':16} n={len(alle):3}  p50 {statistics.median(alle):6.1f} ms  "
        f"p95 {percentiel(alle, 95):6.1f} ms  max {max(alle):6.1f} ms"
    )
    print("Belasting achteraf (1/5/15 min):", " ".join(f"{x:.2f}" for x in os.getloadavg()))


if __name__ == "__main__":
    main()

"""Print PostgreSQL query plans of the hot queries against a filled database.

    DATABASE_URL=postgres://…/tk_benchmark .venv/bin/python benchmarks/queryplannen.py

Run it after ``benchmarks/last.py`` (which leaves its PostgreSQL database filled with
``genereer_last``). Each plan is EXPLAIN ANALYZE: look for sequential scans over the big
tables (reacties, beoordelingen, kernpunten, audit events) where an index should serve.
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
# A throwaway key: the settings refuse to start without one when DEBUG is off.
os.environ.setdefault("SECRET_KEY", "benchmark-" + "x" * 60)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tegenkracht.settings")


def main():
    import django

    django.setup()
    from django.db import connection
    from django.utils import timezone

    from audit.models import AuditEvent
    from consultaties.models import Consultatie
    from notificaties.models import Notificatie
    from organisaties.models import Gebruiker
    from reacties.models import Kernpunt, Reactie

    if connection.vendor != "postgresql":
        sys.exit("Zet DATABASE_URL op een gevulde PostgreSQL-database.")
    secretaris = Gebruiker.objects.get(username="secretaris")
    opsteller = Gebruiker.objects.get(username="uwv-opsteller")
    consultatie = Consultatie.objects.filter(
        kenmerk__startswith="LAST-", status="verzonden"
    ).first()
    queries = {
        "consultatielijst van een organisatie (eerste pagina)": Consultatie.objects.zichtbaar_voor(
            opsteller
        ).order_by("-termijn")[:25],
        "reacties zichtbaar voor een organisatie (API-lijst)": Reactie.objects.zichtbaar_voor(
            opsteller
        ).order_by("-pk")[:25],
        "inbox: lopende uitnodigingen van een organisatie": Reactie.objects.filter(
            organisatie=opsteller.organisatie, consultatie__status="open"
        ).order_by("consultatie__termijn"),
        "reacties van één consultatie (matrix)": Reactie.objects.filter(consultatie=consultatie),
        "termijnbewaking: lopende reacties met verstreken termijn": Reactie.objects.lopend()
        .filter(consultatie__status="open")
        .met_effectieve_termijn()
        .filter(termijn_effectief__lte=timezone.now()),
        "tijdlijn van een consultatie": AuditEvent.objects.voor(consultatie),
        "kernpunten van een consultatie": Kernpunt.objects.filter(reactie__consultatie=consultatie),
        "notificaties van een gebruiker": Notificatie.objects.filter(ontvanger=secretaris)[:25],
    }
    for titel, queryset in queries.items():
        print(f"\n=== {titel}\n")
        print(queryset.explain(analyze=True))


if __name__ == "__main__":
    main()

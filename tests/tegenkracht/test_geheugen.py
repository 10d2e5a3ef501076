"""The WSGI entry point freezes what start-up loaded, so the garbage collector of a
worker walks only the objects of its requests (``tegenkracht.geheugen``)."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import gc, json, sys
import tegenkracht.wsgi
print(json.dumps({
    "bevroren": gc.get_freeze_count(),
    "views_geladen": "consultaties.views" in sys.modules and "rapporten.views" in sys.modules,
    "application": callable(tegenkracht.wsgi.application),
}))
"""


def test_wsgi_laadt_de_views_en_bevriest_de_opstartobjecten():
    env = {**os.environ, "DEBUG": "1", "DJANGO_SETTINGS_MODULE": "tegenkracht.settings"}
    uitvoer = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert uitvoer.returncode == 0, uitvoer.stderr
    probe = json.loads(uitvoer.stdout.strip().splitlines()[-1])
    assert probe["application"]
    # Views are loaded lazily by Django; start-up loads them before freezing.
    assert probe["views_geladen"]
    assert probe["bevroren"] > 50_000


def test_zonder_bevriezen_blijven_opstartobjecten_in_de_collector():
    """The counterpart: a bare django.setup() freezes nothing, so the test above
    measures the entry point, not the interpreter."""
    probe = "import django, gc; django.setup(); print(gc.get_freeze_count())"
    env = {**os.environ, "DEBUG": "1", "DJANGO_SETTINGS_MODULE": "tegenkracht.settings"}
    uitvoer = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert uitvoer.returncode == 0, uitvoer.stderr
    assert int(uitvoer.stdout.strip()) == 0

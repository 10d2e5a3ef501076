"""docs/api.md stays current: its overview names every endpoint the API serves."""

import re
from pathlib import Path

from django.conf import settings

from tests.tegenkracht.test_api_autorisatie import api_endpoints


def test_elk_endpoint_staat_in_het_overzicht_van_docs_api():
    tekst = (Path(settings.BASE_DIR) / "docs" / "api.md").read_text()
    overzicht = tekst.split("## Overzicht van de endpoints", 1)[1]
    genoemd = set(re.findall(r"^\| `(GET|POST|PATCH|PUT|DELETE) ([^`]+)` \|", overzicht, re.M))
    assert genoemd == api_endpoints()

"""The insights through the API (issue 9): the same figures as the page and its exports,
for the secretariaat and the network's members; the period is validated."""

from datetime import timedelta

import pytest
from django.utils import timezone
from djangorestframework_camel_case.util import camelize

from inzichten import services
from tests import factories
from tests.apihulp import api_client, assert_probleem

pytestmark = pytest.mark.django_db


def periode():
    vandaag = timezone.localdate()
    return vandaag - timedelta(days=30), vandaag + timedelta(days=60)


def test_dezelfde_cijfers_als_de_inzichtenpagina(netwerk, secretaris):
    van, tot = periode()
    response = api_client(secretaris).get(f"/api/v1/inzichten?van={van}&tot={tot}")
    assert response.status_code == 200, response.json()
    data = response.json()
    inzichten = services.bereken(van, tot)
    assert (data["van"], data["tot"]) == (van.isoformat(), tot.isoformat())
    assert data["consultaties"] == inzichten.consultaties == 1
    # Every table and every column of the service, nothing more (a new column must show).
    assert set(data["tabellen"]) == set(inzichten.tabellen)
    for naam, tabel in inzichten.tabellen.items():
        assert tabel.rijen, naam
        assert data["tabellen"][naam] == camelize(tabel.rijen), naam
    kleinlef = next(r for r in data["tabellen"]["netwerken"] if r["netwerk"] == "KleinLef")
    assert (kleinlef["respons"], kleinlef["adoptie"]) == (100.0, 0.0)
    assert "dagenVoorTermijn" in data["tabellen"]["organisaties"][0]


def test_standaard_het_afgelopen_jaar(secretaris):
    data = api_client(secretaris).get("/api/v1/inzichten").json()
    vandaag = timezone.localdate()
    assert data["tot"] == vandaag.isoformat()
    assert data["van"] == (vandaag - timedelta(days=365)).isoformat()
    assert data["consultaties"] == 0


def test_leden_van_het_netwerk_zien_de_inzichten(org_a):
    opsteller = factories.opsteller(org_a)
    assert api_client(opsteller).get("/api/v1/inzichten").status_code == 200


def test_ministerie_ziet_de_inzichten_niet(ministerie_gebruiker):
    response = api_client(ministerie_gebruiker).get("/api/v1/inzichten?van=onzin")
    data = assert_probleem(response, 403)
    assert data["detail"] == (
        "Alleen het secretariaat en de leden van het netwerk zien de inzichten."
    )


@pytest.mark.parametrize(
    ("query", "veld"),
    [
        ("van=2026-06-01&tot=2026-01-01", "tot"),
        ("van=gisteren", "van"),
        ("tot=", "tot"),
        ("van=0001-01-01", "van"),
        ("tot=9999-12-31", "tot"),
    ],
)
def test_ongeldige_periode_is_400(secretaris, query, veld):
    response = api_client(secretaris).get(f"/api/v1/inzichten?{query}")
    data = assert_probleem(response, 400)
    assert [p["name"] for p in data["invalidParams"]] == [veld]

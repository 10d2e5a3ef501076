"""API error messages follow Accept-Language (issue 15): Dutch by default, English on
request, and in plain words ("Ongeldige pk" and format codes are gone)."""

import pytest

from tests.apihulp import api_client, assert_probleem

pytestmark = pytest.mark.django_db

FOUTE_CONSULTATIE = {"titel": "x", "ministerie": 999999, "termijn": "morgen", "instrument": "?"}


def _redenen(data) -> dict:
    return {p["name"]: p["reason"] for p in data["invalidParams"]}


def test_zonder_accept_language_nederlands_en_helder(secretaris):
    response = api_client(secretaris).post("/api/v1/consultaties", FOUTE_CONSULTATIE, "json")
    data = assert_probleem(response, 400)
    assert data["title"] == "Ongeldige invoer"
    redenen = _redenen(data)
    assert redenen["ministerie"] == "Er bestaat geen object met id 999999 dat u hier kunt kiezen."
    assert "bijvoorbeeld 2026-12-31T17:00:00+01:00" in redenen["termijn"]
    assert "pk" not in " ".join(redenen.values())


def test_met_accept_language_engels(secretaris):
    response = api_client(secretaris).post(
        "/api/v1/consultaties", FOUTE_CONSULTATIE, "json", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.8"
    )
    data = assert_probleem(response, 400)
    assert data["title"] == "Invalid input"
    assert data["detail"] == "The request contains invalid data; see invalidParams."
    redenen = _redenen(data)
    assert redenen["ministerie"] == "There is no object with id 999999 that you can choose here."
    assert redenen["termijn"].startswith("Give a date and time in ISO 8601")
    assert redenen["instrument"] == '"?" is not a valid choice.'


def test_404_in_het_engels(secretaris):
    response = api_client(secretaris).get("/api/v1/reacties/999999", HTTP_ACCEPT_LANGUAGE="en")
    assert assert_probleem(response, 404)["title"] == "Not found"


def test_webpaginas_negeren_accept_language(client, secretaris):
    client.force_login(secretaris)
    inhoud = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="nl">' in inhoud

"""No confidential answer lands in a browser or proxy cache: ``Cache-Control: no-store`` on
every logged-in page, every API answer and every export or download."""

import pytest

from consultaties import services as consultatie_services
from notificaties.services import agenda_token
from tests import factories
from tests.apihulp import api_client


def _geen_opslag(response):
    assert response.status_code == 200, response.status_code
    waarde = response["Cache-Control"]
    assert "no-store" in waarde and "private" in waarde, waarde
    assert "max-age=0" in waarde, waarde


@pytest.mark.django_db
def test_ingelogde_paginas_en_exports_van_het_secretariaat(client, secretaris, verzonden):
    client.force_login(secretaris)
    c = verzonden.consultatie
    for url in (
        "/",
        "/consultaties/",
        f"/consultaties/{c.pk}/",
        f"/reacties/{c.reacties.first().pk}/",
        f"/rapporten/{verzonden.pk}/",
        f"/rapporten/{verzonden.pk}/pdf",
        f"/rapporten/consultatie/{c.pk}/kernpunten.xlsx",
        "/inzichten/export/organisaties.csv",
        "/inzichten/export.xlsx",
    ):
        _geen_opslag(client.get(url))


@pytest.mark.django_db
def test_document_en_bijlage_downloads(
    client, secretaris, open_consultatie, reactie_a, opsteller_a
):
    from reacties import services as reactie_services

    reactie = reactie_services.reactie_starten(reactie=reactie_a, actor=opsteller_a)
    bijlage = reactie_services.reactie_bijlage_toevoegen(
        reactie=reactie, actor=opsteller_a, bestand=factories.pdf_upload("bijlage.pdf")
    )
    document = open_consultatie.documenten.first()
    client.force_login(opsteller_a)
    _geen_opslag(client.get(f"/consultaties/{open_consultatie.pk}/documenten/{document.pk}/"))
    _geen_opslag(client.get(f"/reacties/{reactie.pk}/bijlagen/{bijlage.pk}/"))


@pytest.mark.django_db
def test_agenda_feed_met_token_wordt_niet_bewaard(client, open_consultatie, org_a):
    token = agenda_token(org_a)
    response = client.get(f"/notificaties/agenda/{token.token}.ics")
    _geen_opslag(response)
    assert response["Content-Type"].startswith("text/calendar")


@pytest.mark.django_db
def test_api_antwoorden_en_pdf_met_token(secretaris, verzonden):
    api = api_client(secretaris)
    _geen_opslag(api.get("/api/v1/consultaties"))
    _geen_opslag(api.get(f"/api/v1/rapporten/{verzonden.pk}"))
    _geen_opslag(api.get(f"/api/v1/rapporten/{verzonden.pk}/pdf"))


@pytest.mark.django_db
def test_ook_een_weigering_wordt_niet_bewaard(client, opsteller_b, secretaris, ministerie, org_a):
    c = consultatie_services.consultatie_aanmaken(
        actor=secretaris,
        ministerie=ministerie,
        titel="Wet",
        instrument="wetsvoorstel",
        termijn=factories.timezone.now() + factories.timedelta(days=9),
    )
    client.force_login(opsteller_b)
    response = client.get(f"/consultaties/{c.pk}/")
    assert response.status_code == 404
    assert "no-store" in response["Cache-Control"]

"""``/api/v1/abonnementen``: CRUD of an organisation's own subscriptions, camelCase,
problem details, the secret shown once, and the delivery log."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from koppelingen import services
from koppelingen.models import Abonnement
from reacties import services as reactie_services
from tests.apihulp import api_client

pytestmark = pytest.mark.django_db

URL = "https://haak.uwv.example.nl/tegenkracht"


def test_aanmaken_toont_geheim_eenmalig(opsteller_a):
    api = api_client(opsteller_a)
    antwoord = api.post(
        "/api/v1/abonnementen",
        {
            "url": URL,
            "omschrijving": "Zaaksysteem",
            "soorten": ["nl.tegenkracht.reactie.ingediend"],
        },
        format="json",
    )
    assert antwoord.status_code == 201, antwoord.content
    data = antwoord.json()
    assert data["geheim"].startswith("whsec_")
    assert data["url"] == URL
    assert data["soorten"] == ["nl.tegenkracht.reactie.ingediend"]
    assert data["aangemaaktDoor"] == opsteller_a.username
    assert {"aangemaaktOp", "gewijzigdOp", "actief"} <= set(data)

    detail = api.get(f"/api/v1/abonnementen/{data['id']}").json()
    assert "geheim" not in detail
    lijst = api.get("/api/v1/abonnementen").json()
    assert [a["id"] for a in lijst["resultaten"]] == [data["id"]]
    assert "geheim" not in str(lijst)


def test_andere_organisatie_ziet_niets(opsteller_a, opsteller_b, accordeerder_a):
    abonnement = services.abonnement_aanmaken(actor=opsteller_a, url=URL)
    vreemd = api_client(opsteller_b)
    for methode, pad in [
        ("get", f"/api/v1/abonnementen/{abonnement.pk}"),
        ("patch", f"/api/v1/abonnementen/{abonnement.pk}"),
        ("delete", f"/api/v1/abonnementen/{abonnement.pk}"),
        ("post", f"/api/v1/abonnementen/{abonnement.pk}/geheim-vernieuwen"),
        ("get", f"/api/v1/abonnementen/{abonnement.pk}/afleveringen"),
    ]:
        antwoord = getattr(vreemd, methode)(pad, {}, format="json")
        assert antwoord.status_code == 404, (methode, pad)
        assert antwoord["Content-Type"] == "application/problem+json"
    assert vreemd.get("/api/v1/abonnementen").json()["aantal"] == 0
    # A colleague of the same organisation manages it.
    collega = api_client(accordeerder_a)
    assert collega.get(f"/api/v1/abonnementen/{abonnement.pk}").status_code == 200
    assert Abonnement.objects.filter(pk=abonnement.pk).exists()


def test_wijzigen_en_verwijderen(opsteller_a):
    api = api_client(opsteller_a)
    abonnement = services.abonnement_aanmaken(actor=opsteller_a, url=URL)
    antwoord = api.patch(
        f"/api/v1/abonnementen/{abonnement.pk}",
        {"actief": False, "omschrijving": "Gepauzeerd"},
        format="json",
    )
    assert antwoord.status_code == 200
    assert antwoord.json()["actief"] is False
    assert antwoord.json()["omschrijving"] == "Gepauzeerd"
    assert api.delete(f"/api/v1/abonnementen/{abonnement.pk}").status_code == 204
    assert not Abonnement.objects.filter(pk=abonnement.pk).exists()
    assert api.get(f"/api/v1/abonnementen/{abonnement.pk}").status_code == 404


def test_geheim_vernieuwen(opsteller_a):
    api = api_client(opsteller_a)
    abonnement = services.abonnement_aanmaken(actor=opsteller_a, url=URL)
    antwoord = api.post(
        f"/api/v1/abonnementen/{abonnement.pk}/geheim-vernieuwen", {}, format="json"
    )
    assert antwoord.status_code == 200
    assert antwoord.json()["geheim"] not in ("", abonnement.geheim)
    abonnement.refresh_from_db()
    assert abonnement.vorig_geheim and abonnement.vorig_geheim_tot


@pytest.mark.parametrize(
    ("invoer", "veld"),
    [
        ({"url": "http://127.0.0.1/haak"}, "url"),
        ({"url": "niet een adres"}, "url"),
        ({"url": "ftp://example.nl/x"}, "url"),
        ({"url": URL, "soorten": ["nl.tegenkracht.bestaat.niet"]}, "soorten.0"),
        ({"url": URL, "status": "actief"}, "status"),
        ({"url": URL, "geheim": "whsec_eigen"}, "geheim"),
        ({}, "url"),
    ],
)
def test_ongeldige_invoer_is_probleem(opsteller_a, settings, invoer, veld):
    settings.WEBHOOKS_INTERNE_ADRESSEN_TOESTAAN = False
    antwoord = api_client(opsteller_a).post("/api/v1/abonnementen", invoer, format="json")
    assert antwoord.status_code == 400
    assert antwoord["Content-Type"] == "application/problem+json"
    assert veld in [p["name"] for p in antwoord.json()["invalidParams"]]
    assert not Abonnement.objects.exists()


def test_zonder_authenticatie_401():
    antwoord = api_client().get("/api/v1/abonnementen")
    assert antwoord.status_code == 401


def test_afleveringen_met_pogingen(opsteller_a, reactie_a, django_capture_on_commit_callbacks):
    """Unreachable receiver: the log shows the attempt and its error."""
    abonnement = services.abonnement_aanmaken(actor=opsteller_a, url="http://127.0.0.1:9/dicht")
    with django_capture_on_commit_callbacks(execute=True):
        reactie_services.reactie_starten(reactie=reactie_a, actor=opsteller_a)
    antwoord = api_client(opsteller_a).get(f"/api/v1/abonnementen/{abonnement.pk}/afleveringen")
    assert antwoord.status_code == 200
    [aflevering] = antwoord.json()["resultaten"]
    assert aflevering["soort"] == "nl.tegenkracht.reactie.gestart"
    assert aflevering["status"] == "mislukt"
    assert aflevering["pogingen"] == 1
    [poging] = aflevering["pogingenLog"]
    assert poging["statuscode"] is None
    assert poging["fout"]
    assert aflevering["volgendePogingOp"]


def _aantal_queries(api, pad) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert api.get(pad).status_code == 200
    return len(queries)


def test_queries_groeien_niet(opsteller_a, reactie_a, django_capture_on_commit_callbacks):
    api = api_client(opsteller_a)
    eerste = services.abonnement_aanmaken(actor=opsteller_a, url="http://127.0.0.1:9/a")
    with django_capture_on_commit_callbacks(execute=True):
        reactie = reactie_services.reactie_starten(reactie=reactie_a, actor=opsteller_a)
    lijst, log = (
        _aantal_queries(api, "/api/v1/abonnementen"),
        _aantal_queries(api, f"/api/v1/abonnementen/{eerste.pk}/afleveringen"),
    )
    for nummer in range(5):
        services.abonnement_aanmaken(actor=opsteller_a, url=f"http://127.0.0.1:9/{nummer}")
    from tests import factories

    with django_capture_on_commit_callbacks(execute=True):
        reactie = factories.vul_reactie_in(reactie, opsteller_a)
        reactie_services.reactie_ter_accordering(reactie=reactie, actor=opsteller_a)
    assert eerste.afleveringen.count() == 2
    assert _aantal_queries(api, "/api/v1/abonnementen") == lijst
    assert _aantal_queries(api, f"/api/v1/abonnementen/{eerste.pk}/afleveringen") == log

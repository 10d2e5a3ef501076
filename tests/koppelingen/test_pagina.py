"""The subscriptions page: only the own organisation's, the secret shown once, deleting,
rotating, the delivery log, in Dutch and English."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext

from koppelingen import services
from koppelingen.models import Abonnement
from reacties import services as reactie_services

pytestmark = pytest.mark.django_db

URL = "https://haak.uwv.example.nl/tegenkracht"


def test_aanmaken_toont_geheim_een_keer(client, opsteller_a):
    client.force_login(opsteller_a)
    antwoord = client.post(
        "/koppelingen/",
        {
            "url": URL,
            "omschrijving": "Zaaksysteem",
            "soorten": ["nl.tegenkracht.reactie.ingediend"],
        },
    )
    abonnement = Abonnement.objects.get()
    assert antwoord.status_code == 302
    assert antwoord["Location"] == f"/koppelingen/{abonnement.pk}/"
    eerste = client.get(antwoord["Location"])
    assert abonnement.geheim in eerste.content.decode()
    assert "Toets ingediend" in eerste.content.decode()
    tweede = client.get(antwoord["Location"])
    assert abonnement.geheim not in tweede.content.decode()
    assert abonnement.soorten == ["nl.tegenkracht.reactie.ingediend"]


def test_ongeldig_adres_houdt_invoer(client, opsteller_a, settings):
    settings.WEBHOOKS_INTERNE_ADRESSEN_TOESTAAN = False
    client.force_login(opsteller_a)
    antwoord = client.post("/koppelingen/", {"url": "http://10.1.2.3/haak", "omschrijving": "X"})
    assert antwoord.status_code == 400
    tekst = antwoord.content.decode()
    assert "Een intern adres kan geen berichten ontvangen." in tekst
    assert 'value="http://10.1.2.3/haak"' in tekst
    assert not Abonnement.objects.exists()


def test_andere_organisatie_krijgt_404(client, opsteller_a, opsteller_b):
    abonnement = services.abonnement_aanmaken(actor=opsteller_a, url=URL)
    client.force_login(opsteller_b)
    assert URL not in client.get("/koppelingen/").content.decode()
    assert client.get(f"/koppelingen/{abonnement.pk}/").status_code == 404
    for actie in ("verwijderen", "geheim", "actief"):
        assert client.post(f"/koppelingen/{abonnement.pk}/{actie}/").status_code == 404
    abonnement.refresh_from_db()
    assert abonnement.actief


def test_zonder_organisatie_403(client, django_user_model):
    gebruiker = django_user_model.objects.create_user("los", password="x")
    client.force_login(gebruiker)
    assert client.get("/koppelingen/").status_code == 403


def test_verwijderen_en_uitzetten(client, opsteller_a):
    abonnement = services.abonnement_aanmaken(actor=opsteller_a, url=URL)
    client.force_login(opsteller_a)
    assert client.post(f"/koppelingen/{abonnement.pk}/actief/").status_code == 302
    abonnement.refresh_from_db()
    assert not abonnement.actief
    assert client.get(f"/koppelingen/{abonnement.pk}/verwijderen/").status_code == 405
    assert client.post(f"/koppelingen/{abonnement.pk}/verwijderen/").status_code == 302
    assert not Abonnement.objects.exists()


def test_nieuw_geheim_eenmalig_getoond(client, opsteller_a):
    abonnement = services.abonnement_aanmaken(actor=opsteller_a, url=URL)
    client.force_login(opsteller_a)
    antwoord = client.post(f"/koppelingen/{abonnement.pk}/geheim/", follow=True)
    abonnement.refresh_from_db()
    assert abonnement.geheim in antwoord.content.decode()
    assert abonnement.vorig_geheim not in antwoord.content.decode()


def test_laatste_berichten_met_uitkomst(
    client, opsteller_a, reactie_a, django_capture_on_commit_callbacks
):
    abonnement = services.abonnement_aanmaken(actor=opsteller_a, url="http://127.0.0.1:9/dicht")
    with django_capture_on_commit_callbacks(execute=True):
        reactie_services.reactie_starten(reactie=reactie_a, actor=opsteller_a)
    client.force_login(opsteller_a)
    tekst = client.get(f"/koppelingen/{abonnement.pk}/").content.decode()
    assert "Toets gestart" in tekst
    assert "mislukt, wordt opnieuw geprobeerd" in tekst
    assert "volgende poging" in tekst
    lijst = client.get("/koppelingen/").content.decode()
    assert "mislukt, wordt opnieuw geprobeerd" in lijst


def test_engels(client, opsteller_a):
    client.force_login(opsteller_a)
    client.cookies["django_language"] = "en"
    tekst = client.get("/koppelingen/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Webhooks" in tekst
    assert "New subscription" in tekst


def _tel(client, pad) -> int:
    ContentType.objects.clear_cache()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(pad).status_code == 200
    return len(queries)


def test_queries_groeien_niet(client, opsteller_a, reactie_a, django_capture_on_commit_callbacks):
    from tests import factories

    eerste = services.abonnement_aanmaken(actor=opsteller_a, url="http://127.0.0.1:9/a")
    with django_capture_on_commit_callbacks(execute=True):
        reactie = reactie_services.reactie_starten(reactie=reactie_a, actor=opsteller_a)
    client.force_login(opsteller_a)
    klein = (_tel(client, "/koppelingen/"), _tel(client, f"/koppelingen/{eerste.pk}/"))
    for nummer in range(4):
        services.abonnement_aanmaken(actor=opsteller_a, url=f"http://127.0.0.1:9/{nummer}")
    with django_capture_on_commit_callbacks(execute=True):
        reactie = factories.vul_reactie_in(reactie, opsteller_a)
        reactie_services.reactie_ter_accordering(reactie=reactie, actor=opsteller_a)
    assert eerste.afleveringen.count() == 2
    assert (_tel(client, "/koppelingen/"), _tel(client, f"/koppelingen/{eerste.pk}/")) == klein

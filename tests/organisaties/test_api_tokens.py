"""API tokens (django-rest-knox) and API sessions, tried as an attacker would (#12)."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from knox.models import AuthToken
from rest_framework.test import APIClient

from organisaties import services
from organisaties.api import MisluktePogingenThrottle
from tests.inloggen import WACHTWOORD, apparaat, code, volledig_inloggen

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _leeg_cache():
    cache.clear()
    yield
    cache.clear()


def _token(gebruiker, wachtwoord=WACHTWOORD, **extra):
    return APIClient().post(
        "/api/v1/auth/token",
        {"username": gebruiker.username, "password": wachtwoord, **extra},
        format="json",
    )


def _met(token):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client


def test_token_wordt_gehasht_opgeslagen_en_verloopt(opsteller_a, time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    antwoord = _token(opsteller_a)
    assert antwoord.status_code == 200
    token = antwoord.json()["token"]
    opgeslagen = AuthToken.objects.get(user=opsteller_a)
    assert token not in (opgeslagen.digest, opgeslagen.token_key)  # only a hash and prefix
    verloopt = opgeslagen.expiry
    assert verloopt == timezone.now() + timedelta(hours=10)
    assert antwoord.json()["verlooptOp"]
    assert _met(token).get("/api/v1/organisaties").status_code == 200

    time_machine.move_to(verloopt + timedelta(seconds=1), tick=False)
    assert _met(token).get("/api/v1/organisaties").status_code == 401


def test_levensduur_is_instelbaar(opsteller_a, settings, time_machine):
    settings.REST_KNOX = {**settings.REST_KNOX, "TOKEN_TTL": timedelta(hours=1)}
    time_machine.move_to(timezone.now(), tick=False)
    token = _token(opsteller_a).json()["token"]
    time_machine.move_to(timezone.now() + timedelta(minutes=61), tick=False)
    assert _met(token).get("/api/v1/organisaties").status_code == 401


def test_uitloggen_trekt_alleen_dit_token_in(opsteller_a):
    een, twee = _token(opsteller_a).json()["token"], _token(opsteller_a).json()["token"]
    assert _met(een).post("/api/v1/auth/uitloggen").status_code == 204
    assert _met(een).get("/api/v1/organisaties").status_code == 401
    assert _met(twee).get("/api/v1/organisaties").status_code == 200


def test_overal_uitloggen_trekt_alle_tokens_en_sessies_in(opsteller_a):
    een, twee = _token(opsteller_a).json()["token"], _token(opsteller_a).json()["token"]
    browser = Client()
    browser.force_login(opsteller_a)
    assert _met(een).post("/api/v1/auth/uitloggen-overal").status_code == 204
    assert _met(een).get("/api/v1/organisaties").status_code == 401
    assert _met(twee).get("/api/v1/organisaties").status_code == 401
    assert browser.get("/")["Location"].startswith("/accounts/login/")


def test_uitloggen_zonder_token_is_401():
    assert APIClient().post("/api/v1/auth/uitloggen").status_code == 401


def test_wachtwoord_wijzigen_trekt_alle_tokens_in(client, opsteller_a):
    token = _token(opsteller_a).json()["token"]
    client.force_login(opsteller_a)
    client.post(
        "/accounts/password_change/",
        {
            "old_password": WACHTWOORD,
            "new_password1": "nieuw-Kanaal-fiets-2026",
            "new_password2": "nieuw-Kanaal-fiets-2026",
        },
    )
    assert _met(token).get("/api/v1/organisaties").status_code == 401


def test_nieuwe_tweede_factor_trekt_alle_tokens_in(client, opsteller_a):
    token = _token(opsteller_a).json()["token"]
    client.force_login(opsteller_a)
    client.get("/accounts/tweede-factor/instellen/")
    device = TOTPDevice.objects.get(user=opsteller_a, confirmed=False)
    antwoord = client.post(
        "/accounts/tweede-factor/instellen/", {"code": code(device), "wachtwoord": WACHTWOORD}
    )
    assert antwoord.status_code == 302
    assert _met(token).get("/api/v1/organisaties").status_code == 401


def test_deactiveren_trekt_alle_tokens_in(opsteller_a, secretaris):
    token = _token(opsteller_a).json()["token"]
    services.gebruiker_deactiveren(
        gebruiker=opsteller_a, actor=secretaris, toelichting="Vertrokken"
    )
    assert _met(token).get("/api/v1/organisaties").status_code == 401
    assert _token(opsteller_a).status_code == 400


# --- the token throttle: failures only, in the shared cache -------------------------------


def test_begrenzing_telt_alleen_mislukte_aanvragen(opsteller_a, monkeypatch):
    monkeypatch.setattr(MisluktePogingenThrottle, "THROTTLE_RATES", {"token": "3/minute"})
    for _ in range(6):  # a client that logs in correctly is never throttled
        assert _token(opsteller_a).status_code == 200
    for _ in range(3):
        assert _token(opsteller_a, wachtwoord="fout").status_code == 400
    geweigerd = _token(opsteller_a)
    assert geweigerd.status_code == 429
    assert "Retry-After" in geweigerd


def test_begrenzing_staat_in_de_gedeelde_databasecache(opsteller_a, monkeypatch, settings):
    assert settings.CACHES["default"]["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"
    monkeypatch.setattr(MisluktePogingenThrottle, "THROTTLE_RATES", {"token": "3/minute"})
    _token(opsteller_a, wachtwoord="fout")
    with connection.cursor() as cursor:
        cursor.execute("SELECT cache_key FROM tegenkracht_cache")
        sleutels = [rij[0] for rij in cursor.fetchall()]
    assert any("throttle_token" in sleutel for sleutel in sleutels)


# --- session authentication on the API ----------------------------------------------------


def test_api_sessie_zonder_tweede_factor_geeft_401(client, opsteller_a):
    device = apparaat(opsteller_a)
    client.force_login(opsteller_a)  # the password only
    antwoord = client.get("/api/v1/consultaties")
    assert antwoord.status_code == 401
    assert "tweede factor" in antwoord.json()["detail"]

    client.logout()
    volledig_inloggen(client, opsteller_a, device)
    assert client.get("/api/v1/consultaties").status_code == 200


def test_api_sessie_van_secretaris_zonder_verplichte_factor_geeft_401(client, secretaris, settings):
    settings.TWEEDE_FACTOR_SECRETARIS = True
    client.force_login(secretaris)
    assert client.get("/api/v1/consultaties").status_code == 401


def test_api_sessie_zonder_factor_werkt_waar_die_niet_nodig_is(client, opsteller_a):
    client.force_login(opsteller_a)
    assert client.get("/api/v1/consultaties").status_code == 200

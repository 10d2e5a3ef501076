import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.test import APIClient

WACHTWOORD = "geheim-wachtwoord-123"


def _code(device):
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def _token(gebruiker, **extra):
    return APIClient().post(
        "/api/v1/auth/token",
        {"username": gebruiker.username, "password": WACHTWOORD, **extra},
        format="json",
    )


@pytest.mark.django_db
def test_token_zonder_tweede_factor_gewoon_met_wachtwoord(opsteller_a):
    assert _token(opsteller_a).status_code == 200


@pytest.mark.django_db
def test_token_vraagt_de_code_als_er_een_tweede_factor_is(opsteller_a):
    device = TOTPDevice.objects.create(user=opsteller_a, name="app", confirmed=True)
    zonder = _token(opsteller_a)
    assert zonder.status_code == 400
    assert zonder.json()["invalidParams"][0]["name"] == "code"
    assert _token(opsteller_a, code="000000").status_code == 400
    device.refresh_from_db()
    device.throttling_failure_count = 0
    device.throttling_failure_timestamp = None
    device.save()
    assert _token(opsteller_a, code=_code(device)).status_code == 200


@pytest.mark.django_db
def test_secretaris_zonder_tweede_factor_krijgt_geen_token_als_die_verplicht_is(
    secretaris, settings
):
    settings.TWEEDE_FACTOR_SECRETARIS = True
    antwoord = _token(secretaris)
    assert antwoord.status_code == 400
    assert "tweede factor" in antwoord.json()["invalidParams"][0]["reason"]

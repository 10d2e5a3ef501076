import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from tests import factories

WACHTWOORD = "geheim-wachtwoord-123"


@pytest.fixture
def gebruiker(org_a):
    return factories.opsteller(org_a)


def _inloggen(client, username, wachtwoord):
    return client.post("/accounts/login/", {"username": username, "password": wachtwoord})


@pytest.mark.django_db
def test_juist_wachtwoord_logt_in(client, settings, gebruiker):
    settings.AXES_ENABLED = True
    response = _inloggen(client, gebruiker.username, WACHTWOORD)
    assert response.status_code == 302
    assert client.get("/").status_code == 200


@pytest.mark.django_db
def test_na_vijf_mislukte_pogingen_is_het_account_tijdelijk_geblokkeerd(
    client, settings, gebruiker
):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 5
    for _ in range(4):
        response = _inloggen(client, gebruiker.username, "fout")
        assert response.status_code == 200  # the form again, with an error
    response = _inloggen(client, gebruiker.username, "fout")
    assert response.status_code == 429
    assert "tijdelijk geblokkeerd" in response.content.decode()
    # Even the right password does not help during the lockout.
    response = _inloggen(client, gebruiker.username, WACHTWOORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_blokkade_geldt_per_gebruikersnaam(client, settings, gebruiker, opsteller_b):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3
    for _ in range(3):
        _inloggen(client, gebruiker.username, "fout")
    response = _inloggen(client, opsteller_b.username, WACHTWOORD)
    assert response.status_code == 302


@pytest.mark.parametrize("wachtwoord", ["demo", "wachtwoord", "12345678901234", "kort-1"])
def test_zwakke_wachtwoorden_worden_geweigerd(wachtwoord):
    with pytest.raises(ValidationError):
        validate_password(wachtwoord)


def test_sterk_wachtwoord_wordt_geaccepteerd():
    validate_password("paars-Kanaal-fiets-2026")

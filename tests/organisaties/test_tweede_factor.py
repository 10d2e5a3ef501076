import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice


def _code(device):
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


@pytest.fixture
def met_apparaat(opsteller_a):
    return TOTPDevice.objects.create(user=opsteller_a, name="app", confirmed=True)


@pytest.mark.django_db
def test_gebruiker_met_tweede_factor_moet_code_invoeren(client, opsteller_a, met_apparaat):
    client.force_login(opsteller_a)
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/tweede-factor/?next=/")


@pytest.mark.django_db
def test_onjuiste_code_geeft_geen_toegang(client, opsteller_a, met_apparaat):
    client.force_login(opsteller_a)
    response = client.post("/accounts/tweede-factor/", {"code": "000000", "next": "/"})
    assert response.status_code == 400
    assert "klopt niet" in response.content.decode()
    assert client.get("/").status_code == 302


@pytest.mark.django_db
def test_juiste_code_geeft_toegang(client, opsteller_a, met_apparaat):
    client.force_login(opsteller_a)
    response = client.post("/accounts/tweede-factor/", {"code": _code(met_apparaat), "next": "/"})
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert client.get("/").status_code == 200


@pytest.mark.django_db
def test_next_naar_ander_domein_wordt_genegeerd(client, opsteller_a, met_apparaat):
    client.force_login(opsteller_a)
    response = client.post(
        "/accounts/tweede-factor/",
        {"code": _code(met_apparaat), "next": "https://kwaadwillend.example.com/"},
    )
    assert response["Location"] == "/"


@pytest.mark.django_db
def test_gebruiker_zonder_tweede_factor_hoeft_niets(client, opsteller_a, settings):
    settings.TWEEDE_FACTOR_SECRETARIS = True
    client.force_login(opsteller_a)
    assert client.get("/").status_code == 200


@pytest.mark.django_db
def test_secretaris_moet_tweede_factor_instellen_als_dat_verplicht_is(client, secretaris, settings):
    settings.TWEEDE_FACTOR_SECRETARIS = True
    client.force_login(secretaris)
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/tweede-factor/instellen/"

    pagina = client.get("/accounts/tweede-factor/instellen/")
    assert pagina.status_code == 200
    assert "<svg" in pagina.content.decode()
    device = TOTPDevice.objects.get(user=secretaris, confirmed=False)

    fout = client.post(
        "/accounts/tweede-factor/instellen/",
        {"code": "000000", "wachtwoord": "geheim-wachtwoord-123"},
    )
    assert fout.status_code == 400
    assert "klopt niet" in fout.content.decode()

    goed = client.post(
        "/accounts/tweede-factor/instellen/",
        {"code": _code(device), "wachtwoord": "geheim-wachtwoord-123"},
    )
    assert goed.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/").status_code == 200


@pytest.mark.django_db
def test_secretaris_zonder_verplichting_kan_gewoon_door(client, secretaris, settings):
    settings.TWEEDE_FACTOR_SECRETARIS = False
    client.force_login(secretaris)
    assert client.get("/").status_code == 200


@pytest.mark.django_db
def test_elke_gebruiker_vindt_de_tweede_factor_in_het_menu(client, opsteller_a):
    client.force_login(opsteller_a)
    assert 'href="/accounts/tweede-factor/instellen/"' in client.get("/").content.decode()

"""The second factor's lifecycle and the lockout, tried as an attacker who has only the
password would (issue #12)."""

import pytest
from django.core import mail
from django_otp.plugins.otp_totp.models import TOTPDevice

from audit.models import AuditEvent
from tests.inloggen import (
    WACHTWOORD,
    apparaat,
    code,
    code_invoeren,
    volledig_inloggen,
    wachtwoord_inloggen,
)

pytestmark = pytest.mark.django_db

AANVALLER = "203.0.113.66"
EIGENAAR = "198.51.100.7"


@pytest.fixture
def device(opsteller_a):
    return apparaat(opsteller_a)


# --- adding, replacing, removing the factor ---------------------------------------------


def test_met_alleen_het_wachtwoord_koppelt_niemand_een_eigen_authenticator(
    client, opsteller_a, device
):
    assert wachtwoord_inloggen(client, opsteller_a).status_code == 302
    pagina = client.get("/accounts/tweede-factor/instellen/")
    assert pagina.status_code == 302
    assert pagina["Location"].startswith("/accounts/tweede-factor/?next=")
    # No new (unconfirmed) device was even created for him to scan.
    assert TOTPDevice.objects.filter(user=opsteller_a).count() == 1

    eigen = TOTPDevice.objects.create(user=opsteller_a, name="aanvaller", confirmed=False)
    poging = client.post(
        "/accounts/tweede-factor/instellen/", {"code": code(eigen), "wachtwoord": WACHTWOORD}
    )
    assert poging.status_code == 302
    eigen.refresh_from_db()
    assert not eigen.confirmed
    assert client.get("/admin/").status_code == 302
    assert client.get("/").status_code == 302


def test_met_alleen_het_wachtwoord_verwijdert_niemand_de_factor(client, opsteller_a, device):
    wachtwoord_inloggen(client, opsteller_a)
    poging = client.post("/accounts/tweede-factor/verwijderen/", {"wachtwoord": WACHTWOORD})
    assert poging.status_code == 302
    assert TOTPDevice.objects.filter(pk=device.pk, confirmed=True).exists()


def test_vervangen_vraagt_de_huidige_factor_en_het_wachtwoord_en_mailt(
    client, opsteller_a, device, django_capture_on_commit_callbacks
):
    volledig_inloggen(client, opsteller_a, device)
    assert client.get("/accounts/tweede-factor/instellen/").status_code == 200
    nieuw = TOTPDevice.objects.get(user=opsteller_a, confirmed=False)

    zonder_wachtwoord = client.post(
        "/accounts/tweede-factor/instellen/", {"code": code(nieuw), "wachtwoord": "fout"}
    )
    assert zonder_wachtwoord.status_code == 400
    assert "wachtwoord klopt niet" in zonder_wachtwoord.content.decode()
    assert TOTPDevice.objects.filter(pk=device.pk, confirmed=True).exists()

    with django_capture_on_commit_callbacks(execute=True):
        goed = client.post(
            "/accounts/tweede-factor/instellen/",
            {"code": code(nieuw, verschuiving=1), "wachtwoord": WACHTWOORD},
        )
    assert goed.status_code == 302
    assert list(TOTPDevice.objects.filter(user=opsteller_a, confirmed=True)) == [nieuw]
    assert AuditEvent.objects.voor(opsteller_a).filter(actie="tweede_factor_vervangen").exists()
    assert [m.to for m in mail.outbox] == [[opsteller_a.email]]
    assert "vervangen" in mail.outbox[0].body
    # The session that did it goes on, verified with the new device.
    assert client.get("/").status_code == 200


def test_verwijderen_na_de_factor_met_wachtwoord_mailt(
    client, opsteller_a, device, django_capture_on_commit_callbacks
):
    volledig_inloggen(client, opsteller_a, device)
    with django_capture_on_commit_callbacks(execute=True):
        antwoord = client.post("/accounts/tweede-factor/verwijderen/", {"wachtwoord": WACHTWOORD})
    assert antwoord.status_code == 302
    assert not TOTPDevice.objects.filter(user=opsteller_a).exists()
    assert "verwijderd" in mail.outbox[0].body
    assert client.get("/").status_code == 200


def test_verplichte_factor_kan_niet_worden_verwijderd(client, secretaris, settings):
    settings.TWEEDE_FACTOR_SECRETARIS = True
    device = apparaat(secretaris)
    volledig_inloggen(client, secretaris, device)
    antwoord = client.post("/accounts/tweede-factor/verwijderen/", {"wachtwoord": WACHTWOORD})
    assert antwoord.status_code == 403
    assert TOTPDevice.objects.filter(pk=device.pk).exists()


def test_factor_wijzigen_beeindigt_andere_sessies(client, opsteller_a, device):
    from django.test import Client

    andere = Client()
    volledig_inloggen(andere, opsteller_a, device, adres=EIGENAAR)
    assert andere.get("/").status_code == 200

    # Next code step: django-otp refuses a code twice.
    wachtwoord_inloggen(client, opsteller_a)
    code_invoeren(client, code(device, verschuiving=1))
    client.get("/accounts/tweede-factor/instellen/")
    nieuw = TOTPDevice.objects.get(user=opsteller_a, confirmed=False)
    client.post(
        "/accounts/tweede-factor/instellen/", {"code": code(nieuw), "wachtwoord": WACHTWOORD}
    )
    assert client.get("/").status_code == 200
    assert andere.get("/")["Location"].startswith("/accounts/login/")


def test_wachtwoord_wijzigen_mailt_en_wordt_vastgelegd(
    client, opsteller_a, django_capture_on_commit_callbacks
):
    client.force_login(opsteller_a)
    with django_capture_on_commit_callbacks(execute=True):
        antwoord = client.post(
            "/accounts/password_change/",
            {
                "old_password": WACHTWOORD,
                "new_password1": "nieuw-Kanaal-fiets-2026",
                "new_password2": "nieuw-Kanaal-fiets-2026",
            },
        )
    assert antwoord.status_code == 302, antwoord.content.decode()[:300]
    assert antwoord["Location"] == "/accounts/password_change/done/"
    assert AuditEvent.objects.voor(opsteller_a).filter(actie="wachtwoord_gewijzigd").exists()
    assert "wachtwoord" in mail.outbox[0].body.lower()
    assert client.get("/").status_code == 200  # this session stays


# --- the lockout bites the attacker, not the owner --------------------------------------


def test_foute_codes_blokkeren_de_aanvaller_niet_de_eigenaar(client, settings, opsteller_a, device):
    from django.test import Client

    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 5
    assert wachtwoord_inloggen(client, opsteller_a, adres=AANVALLER).status_code == 302
    for _ in range(4):
        assert code_invoeren(client, "000000", adres=AANVALLER).status_code == 400
    assert code_invoeren(client, "000000", adres=AANVALLER).status_code == 429
    # Blocked now, even with the right code, and a new password login does not reset it.
    assert code_invoeren(client, code(device), adres=AANVALLER).status_code == 429
    assert client.get("/").status_code != 200
    opnieuw = Client()
    assert wachtwoord_inloggen(opnieuw, opsteller_a, adres=AANVALLER).status_code == 429

    # The owner, from his own address, logs in at once (no growing delay on the device).
    eigenaar = Client()
    assert wachtwoord_inloggen(eigenaar, opsteller_a, adres=EIGENAAR).status_code == 302
    assert code_invoeren(eigenaar, code(device), adres=EIGENAAR).status_code == 302
    assert eigenaar.get("/", REMOTE_ADDR=EIGENAAR).status_code == 200


def test_blokkade_na_foute_codes_is_begrensd(client, settings, opsteller_a, device, time_machine):
    from datetime import timedelta

    from django.utils import timezone

    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3
    settings.AXES_COOLOFF_TIME = 0.25  # hours
    time_machine.move_to(timezone.now(), tick=False)
    wachtwoord_inloggen(client, opsteller_a, adres=AANVALLER)
    for _ in range(3):
        code_invoeren(client, "000000", adres=AANVALLER)
    assert code_invoeren(client, code(device), adres=AANVALLER).status_code == 429
    time_machine.move_to(timezone.now() + timedelta(minutes=16), tick=False)
    assert code_invoeren(client, code(device), adres=AANVALLER).status_code == 302


# --- many addresses: a ceiling per account, except for the owner's known browser --------


def test_verspreide_pogingen_raken_het_plafond_maar_niet_de_bekende_browser(
    client, settings, opsteller_a, device, time_machine
):
    from datetime import timedelta

    from django.test import Client
    from django.utils import timezone

    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3
    settings.INLOG_PLAFOND_PER_UUR = 8
    time_machine.move_to(timezone.now().replace(minute=1), tick=False)

    # The owner logged in from this browser before: it carries the known-device cookie.
    eigenaar = Client()
    volledig_inloggen(eigenaar, opsteller_a, device, adres=EIGENAAR)
    assert eigenaar.get("/", REMOTE_ADDR=EIGENAAR).cookies["tk_bekend_apparaat"].value
    eigenaar.post("/accounts/logout/")

    # Attackers with the password spread wrong codes over many addresses (2 each).
    for nummer in range(4):
        adres = f"203.0.113.{nummer + 1}"
        aanvaller = Client()
        wachtwoord_inloggen(aanvaller, opsteller_a, adres=adres)
        for _ in range(2):
            assert code_invoeren(aanvaller, "000000", adres=adres).status_code == 400

    # The ceiling is reached: a fresh address is refused, even with the right password.
    nieuw = Client()
    assert wachtwoord_inloggen(nieuw, opsteller_a, adres="203.0.113.99").status_code == 200
    assert "_auth_user_id" not in nieuw.session

    # The owner's own browser still gets in, from any address.
    assert wachtwoord_inloggen(eigenaar, opsteller_a, adres="192.0.2.200").status_code == 302
    assert (
        code_invoeren(eigenaar, code(device, verschuiving=1), adres="192.0.2.200").status_code
        == 302
    )

    # And the ceiling lifts within the hour.
    time_machine.move_to(timezone.now() + timedelta(hours=1), tick=False)
    assert wachtwoord_inloggen(Client(), opsteller_a, adres="203.0.113.99").status_code == 302


def test_een_code_werkt_maar_een_keer(client, opsteller_a, device):
    from django.test import Client

    gebruikt = code(device)
    volledig_inloggen(client, opsteller_a, device)
    meekijker = Client()  # someone who saw the code over the shoulder
    wachtwoord_inloggen(meekijker, opsteller_a, adres=AANVALLER)
    assert code_invoeren(meekijker, gebruikt, adres=AANVALLER).status_code == 400


def test_instellen_zonder_getoonde_qr_code_begint_opnieuw(client, opsteller_a):
    client.force_login(opsteller_a)
    antwoord = client.post(
        "/accounts/tweede-factor/instellen/", {"code": "123456", "wachtwoord": WACHTWOORD}
    )
    assert antwoord.status_code == 302
    assert antwoord["Location"] == "/accounts/tweede-factor/instellen/"
    assert not TOTPDevice.objects.filter(user=opsteller_a, confirmed=True).exists()

"""Logging in as users and attackers do: through the login page and the code page."""

from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

WACHTWOORD = "geheim-wachtwoord-123"


def code(device, verschuiving: int = 0) -> str:
    """The code the app shows now (``verschuiving`` steps later)."""
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = totp.time + verschuiving * device.step
    return f"{totp.token():0{device.digits}d}"


def apparaat(gebruiker) -> TOTPDevice:
    return TOTPDevice.objects.create(user=gebruiker, name="app", confirmed=True)


def wachtwoord_inloggen(client, gebruiker, wachtwoord=WACHTWOORD, adres="192.0.2.10"):
    return client.post(
        "/accounts/login/",
        {"username": gebruiker.username, "password": wachtwoord},
        REMOTE_ADDR=adres,
    )


def code_invoeren(client, waarde, adres="192.0.2.10"):
    return client.post("/accounts/tweede-factor/", {"code": waarde, "next": "/"}, REMOTE_ADDR=adres)


def volledig_inloggen(client, gebruiker, device, adres="192.0.2.10"):
    assert wachtwoord_inloggen(client, gebruiker, adres=adres).status_code == 302
    antwoord = code_invoeren(client, code(device), adres=adres)
    assert antwoord.status_code == 302, antwoord.content.decode()[:500]

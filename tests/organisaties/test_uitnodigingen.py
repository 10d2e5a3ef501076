"""Invitations (#18): by e-mail, with a role, through a single-use link that expires;
resend and revoke; audited and visible to the secretariat."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from audit.models import AuditEvent
from organisaties import uitnodigingen
from organisaties.models import Gebruiker, Uitnodiging

pytestmark = pytest.mark.django_db

WACHTWOORD = "eigen-Kanaal-fiets-2026"


def _link() -> str:
    return re.search(r"/accounts/uitnodiging/[^\s\"]+/", mail.outbox[-1].body).group(0)


@pytest.fixture
def uitnodigen(client, beheerder_a, org_a, django_capture_on_commit_callbacks):
    client.force_login(beheerder_a)

    def doe(**extra):
        data = {"email": "nina@example.nl", "voornaam": "Nina", "organisatie": org_a.pk}
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(
                "/beheer/uitnodigingen/nieuw/", {**data, "rol": "opsteller", **extra}
            )

    return doe


def test_beheerder_nodigt_uit_en_de_persoon_maakt_zijn_account(uitnodigen, beheerder_a, org_a):
    assert uitnodigen().status_code == 302
    uitnodiging = Uitnodiging.objects.get()
    assert (uitnodiging.organisatie, uitnodiging.rol, uitnodiging.uitgenodigd_door) == (
        org_a,
        "opsteller",
        beheerder_a,
    )
    assert (
        AuditEvent.objects.voor(uitnodiging).get(actie="uitnodiging_verstuurd").actor == beheerder_a
    )
    (bericht,) = mail.outbox
    assert bericht.to == ["nina@example.nl"] and "UWV" in bericht.subject
    assert "Rol: Opsteller" in bericht.body and "gebruikersnaam en een wachtwoord" in bericht.body
    link = _link()

    nina = Client()
    assert nina.get(link).status_code == 200
    te_kort = nina.post(
        link, {"username": "nina", "wachtwoord": "kort", "wachtwoord_herhaald": "kort"}
    )
    assert te_kort.status_code == 400
    antwoord = nina.post(
        link, {"username": "nina", "wachtwoord": WACHTWOORD, "wachtwoord_herhaald": WACHTWOORD}
    )
    assert antwoord.status_code == 302
    account = Gebruiker.objects.get(username="nina")
    assert (account.organisatie, account.rol, account.email, account.first_name) == (
        org_a,
        "opsteller",
        "nina@example.nl",
        "Nina",
    )
    assert account.check_password(WACHTWOORD) and not account.is_staff
    assert nina.get("/").status_code == 200  # logged in
    uitnodiging.refresh_from_db()
    assert uitnodiging.status == "geaccepteerd" and uitnodiging.gebruiker == account
    assert AuditEvent.objects.voor(account).get(actie="gebruiker_aangemaakt").actor == beheerder_a
    assert AuditEvent.objects.voor(uitnodiging).filter(actie="uitnodiging_geaccepteerd").exists()
    # Single use.
    assert Client().get(link).status_code == 404


def test_link_verloopt(uitnodigen, client, settings):
    settings.UITNODIGING_GELDIG_DAGEN = 2
    uitnodigen()
    uitnodiging = Uitnodiging.objects.get()
    assert uitnodiging.verloopt_op - uitnodiging.verstuurd_op == timedelta(days=2)
    Uitnodiging.objects.update(verloopt_op=timezone.now() - timedelta(seconds=1))
    assert Client().get(_link()).status_code == 404
    assert "Verlopen" in client.get("/beheer/uitnodigingen/").content.decode()


def test_opnieuw_versturen_maakt_de_oude_link_ongeldig(
    uitnodigen, client, beheerder_a, django_capture_on_commit_callbacks
):
    uitnodigen()
    oud = _link()
    uitnodiging = Uitnodiging.objects.get()
    Uitnodiging.objects.update(verloopt_op=timezone.now() - timedelta(days=1))  # expired
    with django_capture_on_commit_callbacks(execute=True):
        antwoord = client.post(f"/beheer/uitnodigingen/{uitnodiging.pk}/opnieuw/")
    assert antwoord.status_code == 302
    nieuw = _link()
    assert nieuw != oud
    assert Client().get(oud).status_code == 404
    assert Client().get(nieuw).status_code == 200
    assert AuditEvent.objects.voor(uitnodiging).get(
        actie="uitnodiging_opnieuw_verstuurd"
    ).actor == (beheerder_a)


def test_intrekken_sluit_de_link(uitnodigen, client):
    uitnodigen()
    link = _link()
    uitnodiging = Uitnodiging.objects.get()
    assert client.post(f"/beheer/uitnodigingen/{uitnodiging.pk}/intrekken/").status_code == 302
    assert Client().get(link).status_code == 404
    assert (
        Client()
        .post(
            link, {"username": "nina", "wachtwoord": WACHTWOORD, "wachtwoord_herhaald": WACHTWOORD}
        )
        .status_code
        == 404
    )
    assert not Gebruiker.objects.filter(username="nina").exists()
    # A closed invitation cannot be resent or revoked again: 409, the list with the reason.
    for actie in ("opnieuw", "intrekken"):
        geweigerd = client.post(f"/beheer/uitnodigingen/{uitnodiging.pk}/{actie}/")
        assert geweigerd.status_code == 409
        assert "Deze uitnodiging is ingetrokken." in geweigerd.content.decode()
    uitnodiging.refresh_from_db()
    assert uitnodiging.status == "ingetrokken"
    assert AuditEvent.objects.voor(uitnodiging).filter(actie="uitnodiging_ingetrokken").count() == 1


def test_vervalste_link_werkt_niet(uitnodigen):
    uitnodigen()
    link = _link()
    assert Client().get(link[:-3] + "xx/").status_code == 404
    assert Client().get("/accounts/uitnodiging/1:abc/").status_code == 404


def test_geen_tweede_uitnodiging_of_account_voor_hetzelfde_adres(uitnodigen, opsteller_a):
    uitnodigen()
    dubbel = uitnodigen(email="NINA@example.nl")
    assert dubbel.status_code == 400 and "staat al een uitnodiging open" in dubbel.content.decode()
    bestaand = uitnodigen(email=opsteller_a.email)
    assert bestaand.status_code == 400 and "al een account" in bestaand.content.decode()
    assert Uitnodiging.objects.count() == 1


def test_secretariaat_ziet_alle_uitnodigingen_en_nodigt_een_beheerder_uit(
    client, secretaris, beheerder_a, org_a, org_b, django_capture_on_commit_callbacks
):
    uitnodigingen.uitnodiging_versturen(
        actor=beheerder_a, organisatie=org_a, rol="accordeerder", email="a@example.nl"
    )
    client.force_login(secretaris)
    with django_capture_on_commit_callbacks(execute=True):
        antwoord = client.post(
            "/beheer/uitnodigingen/nieuw/",
            {"email": "beheer@svb.example", "organisatie": org_b.pk, "rol": "beheerder"},
        )
    assert antwoord.status_code == 302
    lijst = client.get("/beheer/uitnodigingen/").content.decode()
    assert "a@example.nl" in lijst and "beheer@svb.example" in lijst
    # A role that does not fit the organisation is refused.
    fout = client.post(
        "/beheer/uitnodigingen/nieuw/",
        {"email": "x@example.nl", "organisatie": org_b.pk, "rol": "ministerie"},
    )
    assert fout.status_code == 400 and "past niet bij" in fout.content.decode()


def test_beheerder_moet_na_acceptatie_een_tweede_factor_instellen(
    client, secretaris, org_a, settings, django_capture_on_commit_callbacks
):
    settings.TWEEDE_FACTOR_SECRETARIS = True
    with django_capture_on_commit_callbacks(execute=True):
        uitnodigingen.uitnodiging_versturen(
            actor=secretaris, organisatie=org_a, rol="beheerder", email="beheer@uwv.example"
        )
    nieuw = Client()
    antwoord = nieuw.post(
        _link(), {"username": "uwv-b2", "wachtwoord": WACHTWOORD, "wachtwoord_herhaald": WACHTWOORD}
    )
    assert antwoord.status_code == 302
    assert nieuw.get("/beheer/gebruikers/")["Location"] == "/accounts/tweede-factor/instellen/"

"""User management by the secretariat (/beheer/gebruikers/): create, change role,
deactivate, reset the second factor — audited, and closed to everyone else (#12)."""

import re

import pytest
from django.core import mail
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from audit.models import AuditEvent
from organisaties import services
from organisaties.models import Gebruiker
from tests import factories
from tests.inloggen import apparaat, volledig_inloggen

pytestmark = pytest.mark.django_db


@pytest.fixture
def beheerder(client, secretaris):
    client.force_login(secretaris)
    return client


def _nieuw(org, **extra):
    return {
        "username": "nieuwe-opsteller",
        "first_name": "Nina",
        "last_name": "Nieuw",
        "email": "nina@example.nl",
        "functie": "Adviseur",
        "organisatie": org.pk,
        "rol": "opsteller",
        **extra,
    }


def test_secretaris_maakt_een_gebruiker_die_zelf_een_wachtwoord_kiest(
    beheerder, secretaris, org_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        antwoord = beheerder.post("/beheer/gebruikers/nieuw/", _nieuw(org_a))
    assert antwoord.status_code == 302
    nina = Gebruiker.objects.get(username="nieuwe-opsteller")
    assert (nina.organisatie, nina.rol, nina.is_staff) == (org_a, "opsteller", False)
    assert not nina.has_usable_password()
    assert AuditEvent.objects.voor(nina).filter(actie="gebruiker_aangemaakt", actor=secretaris)

    # The e-mail carries a one-time link to choose a password.
    (bericht,) = mail.outbox
    assert bericht.to == ["nina@example.nl"]
    link = re.search(r"/accounts/reset/[^\s]+/", bericht.body).group(0)
    nina_browser = Client()
    formulier = nina_browser.get(link, follow=True)
    assert formulier.status_code == 200
    kies = nina_browser.post(
        formulier.redirect_chain[-1][0],
        {"new_password1": "eigen-Kanaal-fiets-2026", "new_password2": "eigen-Kanaal-fiets-2026"},
    )
    assert kies.status_code == 302
    nina.refresh_from_db()
    assert nina.check_password("eigen-Kanaal-fiets-2026")
    assert AuditEvent.objects.voor(nina).filter(actie="wachtwoord_gewijzigd").exists()
    # Used once: the link is dead now.
    assert "ongeldig" in Client().get(link, follow=True).content.decode()


def test_rol_moet_passen_bij_de_organisatie(beheerder, ministerie):
    antwoord = beheerder.post("/beheer/gebruikers/nieuw/", _nieuw(ministerie))
    assert antwoord.status_code == 400
    assert "past niet bij" in antwoord.content.decode()
    assert not Gebruiker.objects.filter(username="nieuwe-opsteller").exists()


def test_rol_wijzigen_beeindigt_sessies_en_wordt_vastgelegd(beheerder, secretaris, opsteller_a):
    sessie = Client()
    sessie.force_login(opsteller_a)
    antwoord = beheerder.post(
        f"/beheer/gebruikers/{opsteller_a.pk}/rol/",
        {"organisatie": opsteller_a.organisatie_id, "rol": "accordeerder"},
    )
    assert antwoord.status_code == 302
    opsteller_a.refresh_from_db()
    assert opsteller_a.rol == "accordeerder"
    event = AuditEvent.objects.voor(opsteller_a).get(actie="rol_gewijzigd")
    assert (event.van_status, event.naar_status, event.actor) == (
        "opsteller",
        "accordeerder",
        secretaris,
    )
    assert sessie.get("/")["Location"].startswith("/accounts/login/")


def test_deactiveren_beeindigt_sessies_direct(beheerder, opsteller_a):
    sessie = Client()
    sessie.force_login(opsteller_a)
    assert sessie.get("/").status_code == 200
    zonder_reden = beheerder.post(f"/beheer/gebruikers/{opsteller_a.pk}/deactiveren/", {})
    assert zonder_reden.status_code == 400
    antwoord = beheerder.post(
        f"/beheer/gebruikers/{opsteller_a.pk}/deactiveren/", {"toelichting": "Uit dienst"}
    )
    assert antwoord.status_code == 302
    opsteller_a.refresh_from_db()
    assert not opsteller_a.is_active
    assert sessie.get("/")["Location"].startswith("/accounts/login/")
    assert AuditEvent.objects.voor(opsteller_a).get(actie="gedeactiveerd").toelichting == (
        "Uit dienst"
    )
    assert Client().login(username=opsteller_a.username, password="geheim-wachtwoord-123") is False


def test_herstel_van_de_tweede_factor_door_het_secretariaat(
    beheerder, secretaris, opsteller_a, django_capture_on_commit_callbacks
):
    device = apparaat(opsteller_a)
    sessie = Client()
    volledig_inloggen(sessie, opsteller_a, device)
    with django_capture_on_commit_callbacks(execute=True):
        antwoord = beheerder.post(
            f"/beheer/gebruikers/{opsteller_a.pk}/tweede-factor-herstellen/",
            {"toelichting": "Telefoon kwijt; teruggebeld op 070-bekend nummer"},
        )
    assert antwoord.status_code == 302
    assert not TOTPDevice.objects.filter(user=opsteller_a).exists()
    event = AuditEvent.objects.voor(opsteller_a).get(actie="tweede_factor_hersteld")
    assert event.actor == secretaris and "teruggebeld" in event.toelichting
    assert mail.outbox[0].to == [opsteller_a.email]
    assert sessie.get("/")["Location"].startswith("/accounts/login/")


def test_niemand_beheert_zichzelf_of_een_superuser(beheerder, secretaris):
    andere = factories.secretaris(username="secretaris-2")
    apparaat(andere)
    eigen = beheerder.post(
        f"/beheer/gebruikers/{secretaris.pk}/tweede-factor-herstellen/", {"toelichting": "x"}
    )
    assert eigen.status_code == 403
    assert (
        beheerder.post(
            f"/beheer/gebruikers/{secretaris.pk}/rol/",
            {"organisatie": secretaris.organisatie_id, "rol": "secretaris"},
        ).status_code
        == 403
    )
    secretaris.refresh_from_db()
    assert secretaris.is_active and secretaris.rol == "secretaris"

    operator = Gebruiker.objects.create_superuser("operator", "op@example.nl", "x-Lang-genoeg-1")
    assert beheerder.get(f"/beheer/gebruikers/{operator.pk}/").status_code == 404
    assert (
        beheerder.post(
            f"/beheer/gebruikers/{operator.pk}/deactiveren/", {"toelichting": "x"}
        ).status_code
        == 404
    )
    operator.refresh_from_db()
    assert operator.is_active
    assert beheerder.get(f"/beheer/gebruikers/{andere.pk}/").status_code == 200


@pytest.mark.parametrize("wie", ["opsteller_a", "accordeerder_a", "ministerie_gebruiker"])
def test_alleen_het_secretariaat_beheert_gebruikers(client, request, wie, opsteller_b):
    client.force_login(request.getfixturevalue(wie))
    assert client.get("/beheer/gebruikers/").status_code == 403
    assert client.get(f"/beheer/gebruikers/{opsteller_b.pk}/").status_code == 403
    assert (
        client.post(
            f"/beheer/gebruikers/{opsteller_b.pk}/deactiveren/", {"toelichting": "weg"}
        ).status_code
        == 403
    )
    assert client.post("/beheer/gebruikers/nieuw/", {"username": "x"}).status_code == 403
    opsteller_b.refresh_from_db()
    assert opsteller_b.is_active


def test_services_weigeren_zonder_recht(opsteller_a, opsteller_b, org_a):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.gebruiker_deactiveren(gebruiker=opsteller_b, actor=opsteller_a, toelichting="x")
    with pytest.raises(PermissionDenied):
        services.gebruiker_aanmaken(
            actor=opsteller_a, organisatie=org_a, rol="accordeerder", username="x", email="x@x.nl"
        )


def test_gebruikerslijst_heeft_een_vast_aantal_queries(
    beheerder, org_a, org_b, django_assert_max_num_queries
):
    for i in range(30):
        factories.opsteller(org_a if i % 2 else org_b, username=f"opsteller-{i}")
    with django_assert_max_num_queries(12):
        antwoord = beheerder.get("/beheer/gebruikers/")
    assert antwoord.status_code == 200
    assert "opsteller-29" in antwoord.content.decode()

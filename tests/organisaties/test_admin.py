"""The admin keeps the rules: no self-promotion, no passwords of others, no unaudited
changes (#12)."""

import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.test import RequestFactory

from audit.models import AuditEvent
from consultaties.models import Vraag
from organisaties.models import Gebruiker
from organisaties.netwerk import secretaris_rechten
from tests.inloggen import apparaat, volledig_inloggen

pytestmark = pytest.mark.django_db


@pytest.fixture
def beheerder(secretaris):
    secretaris.is_staff = True
    secretaris.save(update_fields=["is_staff"])
    secretaris.user_permissions.set(secretaris_rechten())
    return secretaris


@pytest.fixture
def oude_rechten(beheerder):
    """An installation from before #12: the secretaris may still hold add/change rights on
    users and groups. The admin must refuse regardless of the stored permissions."""
    beheerder.user_permissions.add(
        *Permission.objects.filter(
            codename__in=[
                "add_gebruiker",
                "change_gebruiker",
                "delete_gebruiker",
                "add_group",
                "change_group",
                "change_vraag",
                "add_vraag",
                "delete_vraag",
            ]
        )
    )
    return Gebruiker.objects.get(pk=beheerder.pk)  # fresh permission cache


def _gebruikerformulier(gebruiker, **extra):
    return {
        "username": gebruiker.username,
        "first_name": "",
        "last_name": "",
        "email": gebruiker.email,
        "organisatie": gebruiker.organisatie_id,
        "rol": gebruiker.rol,
        "functie": "",
        "is_active": "on",
        "is_staff": "on",
        **extra,
    }


def test_secretaris_maakt_zichzelf_geen_superuser(client, oude_rechten):
    client.force_login(oude_rechten)
    antwoord = client.post(
        f"/admin/organisaties/gebruiker/{oude_rechten.pk}/change/",
        _gebruikerformulier(oude_rechten, is_superuser="on", user_permissions=[1, 2, 3]),
    )
    assert antwoord.status_code == 403
    oude_rechten.refresh_from_db()
    assert not oude_rechten.is_superuser
    # Viewing is allowed, and the page offers no editable field.
    pagina = client.get(f"/admin/organisaties/gebruiker/{oude_rechten.pk}/change/")
    assert pagina.status_code == 200
    assert 'name="is_superuser"' not in pagina.content.decode()
    assert 'name="user_permissions"' not in pagina.content.decode()


def test_secretaris_zet_geen_wachtwoord_van_een_ander(client, oude_rechten, opsteller_a):
    client.force_login(oude_rechten)
    url = f"/admin/organisaties/gebruiker/{opsteller_a.pk}/password/"
    assert client.get(url).status_code == 403
    antwoord = client.post(
        url, {"password1": "overgenomen-Account-2026", "password2": "overgenomen-Account-2026"}
    )
    assert antwoord.status_code == 403
    opsteller_a.refresh_from_db()
    assert opsteller_a.check_password("geheim-wachtwoord-123")


def test_secretaris_maakt_geen_gebruikers_of_groepen_in_de_admin(client, oude_rechten, org_a):
    client.force_login(oude_rechten)
    antwoord = client.post(
        "/admin/organisaties/gebruiker/add/",
        {
            "username": "nep",
            "password1": "overgenomen-Account-2026",
            "password2": "overgenomen-Account-2026",
            "organisatie": org_a.pk,
            "rol": "opsteller",
        },
    )
    assert antwoord.status_code == 403
    assert not Gebruiker.objects.filter(username="nep").exists()
    assert client.post("/admin/auth/group/add/", {"name": "alles"}).status_code == 403


def test_superuser_heeft_de_tweede_factor_nodig_voor_de_admin(client, org_a):
    baas = Gebruiker.objects.create_superuser("operator", "op@example.nl", "geheim-wachtwoord-123")
    client.force_login(baas)
    assert client.get("/admin/")["Location"] == "/accounts/tweede-factor/instellen/"
    device = apparaat(baas)
    client.logout()
    volledig_inloggen(client, baas, device)
    assert client.get("/admin/").status_code == 200


def test_vragen_van_een_open_consultatie_veranderen_niet_via_de_admin(
    client, oude_rechten, open_consultatie
):
    Vraag.objects.create(consultatie=open_consultatie, volgorde=1, tekst="Wat kost het?")
    client.force_login(oude_rechten)
    pagina = client.get(f"/admin/consultaties/consultatie/{open_consultatie.pk}/change/")
    assert pagina.status_code == 200
    assert 'name="vragen-0-tekst"' not in pagina.content.decode()
    vraag = open_consultatie.vragen.get()
    antwoord = client.post(
        f"/admin/consultaties/consultatie/{open_consultatie.pk}/change/",
        {
            "titel": open_consultatie.titel,
            "instrument": open_consultatie.instrument,
            "ministerie": open_consultatie.ministerie_id,
            "vragen-TOTAL_FORMS": "2",
            "vragen-INITIAL_FORMS": "1",
            "vragen-0-id": vraag.pk,
            "vragen-0-consultatie": open_consultatie.pk,
            "vragen-0-volgorde": "1",
            "vragen-0-tekst": "Stiekem gewijzigd",
            "vragen-1-consultatie": open_consultatie.pk,
            "vragen-1-volgorde": "2",
            "vragen-1-tekst": "Stiekem toegevoegd",
            "documenten-TOTAL_FORMS": "0",
            "documenten-INITIAL_FORMS": "0",
        },
    )
    assert antwoord.status_code == 302, antwoord.content.decode()[:3000]
    assert list(open_consultatie.vragen.values_list("tekst", flat=True)) == ["Wat kost het?"]


def test_organisatie_wijzigen_in_de_admin_wordt_vastgelegd(client, beheerder, org_a):
    client.force_login(beheerder)
    antwoord = client.post(
        f"/admin/organisaties/organisatie/{org_a.pk}/change/",
        {
            "naam": "UWV (nieuw)",
            "afkorting": "UWV",
            "soort": "ministerie",  # would turn its opstellers into misfits: fixed
            "netwerk": "overig",
            "email": "",
        },
    )
    assert antwoord.status_code == 302
    org_a.refresh_from_db()
    assert (org_a.naam, org_a.soort) == ("UWV (nieuw)", "uitvoeringsorganisatie")
    assert AuditEvent.objects.voor(org_a).filter(actie="gewijzigd", actor=beheerder).exists()


#: Admin classes that may write, and how: through a service, or an operator's tool.
SCHRIJVEN_VIA_SERVICES = {
    "consultaties.Consultatie": "consultatie_aanmaken / consultatie_bijwerken",
    "organisaties.Organisatie": "organisatie_opslaan",
    "rapporten.Ondertekenaar": "ondertekenaar_opslaan",
}
ALLEEN_OPERATORS = {
    # django-axes: unlocking an address (superusers only; the secretaris has no rights).
    "axes.AccessAttempt",
    "axes.AccessLog",
    "axes.AccessFailureLog",
    "auth.Group",
}


def test_elke_adminklasse_schrijft_via_de_services_of_is_alleen_lezen(beheerder):
    verzoek = RequestFactory().get("/admin/")
    verzoek.user = Gebruiker(is_superuser=True, is_staff=True, is_active=True)
    for model, modeladmin in admin.site._registry.items():
        label = model._meta.label
        kan_schrijven = (
            modeladmin.has_add_permission(verzoek)
            or modeladmin.has_change_permission(verzoek)
            or modeladmin.has_delete_permission(verzoek)
        )
        if label in ALLEEN_OPERATORS:
            continue
        if label in SCHRIJVEN_VIA_SERVICES:
            assert type(modeladmin).save_model is not admin.ModelAdmin.save_model, label
            assert not modeladmin.has_delete_permission(verzoek), label
            for inline in modeladmin.get_inline_instances(verzoek):
                assert not (
                    inline.has_add_permission(verzoek, None)
                    or inline.has_change_permission(verzoek)
                    or inline.has_delete_permission(verzoek)
                ), f"{label}: {type(inline).__name__}"
            continue
        assert not kan_schrijven, f"{label} is in de admin te wijzigen buiten de services om"

    # Operator tables are closed to the secretariat.
    verzoek.user = beheerder
    for model, modeladmin in admin.site._registry.items():
        if model._meta.label in ALLEEN_OPERATORS:
            assert not modeladmin.has_change_permission(verzoek), model._meta.label
            assert not modeladmin.has_delete_permission(verzoek), model._meta.label


def test_ondertekenaar_in_de_admin_gaat_via_de_service_en_wordt_geaudit(client, beheerder):
    from rapporten.models import Ondertekenaar

    client.force_login(beheerder)
    antwoord = client.post(
        "/admin/rapporten/ondertekenaar/add/",
        {
            "rol": "voorzitter",
            "netwerk": "",
            "naam": "drs. A. Voorbeeld",
            "functie": "Voorzitter",
            "organisatie": "UWV",
            "email": "",
            "telefoon": "",
            "actief": "on",
            "volgorde": "0",
        },
    )
    assert antwoord.status_code == 302, antwoord.content[:500]
    persoon = Ondertekenaar.objects.get(naam="drs. A. Voorbeeld")
    assert AuditEvent.objects.voor(persoon).filter(actie="aangemaakt", actor=beheerder).exists()
    # Removing is making inactive: delete is closed.
    assert client.post(f"/admin/rapporten/ondertekenaar/{persoon.pk}/delete/").status_code == 403
    assert Ondertekenaar.objects.filter(pk=persoon.pk).exists()


def test_alleen_het_secretariaat_legt_ondertekenaars_vast(opsteller_a):
    from django.core.exceptions import PermissionDenied

    from rapporten.models import Ondertekenaar
    from rapporten.services import ondertekenaar_opslaan

    with pytest.raises(PermissionDenied):
        ondertekenaar_opslaan(
            ondertekenaar=Ondertekenaar(rol="voorzitter", naam="X"), actor=opsteller_a, gewijzigd=[]
        )
    assert not Ondertekenaar.objects.exists()

"""Delegated management (#18): an organisation's beheerder manages the opstellers and
accordeerders of his own organisation, over HTTP, and nothing else. The forbidden paths
first-class: other organisations' people are 404, roles above his reach are 403, he
cannot grant himself more, nor touch the secretariat or a fellow beheerder."""

import pytest
from django.test import Client

from audit.models import AuditEvent
from organisaties.models import Gebruiker, Uitnodiging
from tests import factories
from tests.inloggen import apparaat

pytestmark = pytest.mark.django_db


@pytest.fixture
def als_beheerder(client, beheerder_a):
    client.force_login(beheerder_a)
    return client


# --- what he may ------------------------------------------------------------------------


def test_beheerder_ziet_alleen_de_eigen_organisatie(
    als_beheerder, opsteller_a, accordeerder_a, opsteller_b, secretaris
):
    pagina = als_beheerder.get("/beheer/gebruikers/")
    assert pagina.status_code == 200
    namen = {g.username for g in pagina.context["pagina"].object_list}
    assert namen == {"uwv-beheerder", opsteller_a.username, accordeerder_a.username}
    # Searching by another organisation's abbreviation finds nothing either.
    zoek = als_beheerder.get("/beheer/gebruikers/", {"zoek": "SVB"})
    assert list(zoek.context["pagina"].object_list) == []


def test_beheerder_wijzigt_rol_binnen_de_eigen_organisatie(als_beheerder, beheerder_a, opsteller_a):
    sessie = Client()
    sessie.force_login(opsteller_a)
    antwoord = als_beheerder.post(
        f"/beheer/gebruikers/{opsteller_a.pk}/rol/",
        {"organisatie": opsteller_a.organisatie_id, "rol": "accordeerder"},
    )
    assert antwoord.status_code == 302
    opsteller_a.refresh_from_db()
    assert opsteller_a.rol == "accordeerder"
    event = AuditEvent.objects.voor(opsteller_a).get(actie="rol_gewijzigd")
    assert event.actor == beheerder_a
    assert sessie.get("/")["Location"].startswith("/accounts/login/")


def test_beheerder_deactiveert_en_sessies_en_tokens_eindigen_direct(
    als_beheerder, beheerder_a, opsteller_a
):
    from knox.models import AuthToken

    AuthToken.objects.create(user=opsteller_a)
    sessie = Client()
    sessie.force_login(opsteller_a)
    antwoord = als_beheerder.post(
        f"/beheer/gebruikers/{opsteller_a.pk}/deactiveren/", {"toelichting": "Uit dienst"}
    )
    assert antwoord.status_code == 302
    opsteller_a.refresh_from_db()
    assert not opsteller_a.is_active
    assert not AuthToken.objects.filter(user=opsteller_a).exists()
    assert sessie.get("/")["Location"].startswith("/accounts/login/")
    assert AuditEvent.objects.voor(opsteller_a).get(actie="gedeactiveerd").actor == beheerder_a


def test_beheerder_herstelt_tweede_factor_van_eigen_medewerker(als_beheerder, opsteller_a):
    apparaat(opsteller_a)
    antwoord = als_beheerder.post(
        f"/beheer/gebruikers/{opsteller_a.pk}/tweede-factor-herstellen/",
        {"toelichting": "Teruggebeld"},
    )
    assert antwoord.status_code == 302
    assert not opsteller_a.totpdevice_set.exists()


def test_beheerder_landt_op_de_gebruikerslijst_en_heeft_geen_werkstroom(
    als_beheerder, org_a, secretaris, ministerie
):
    assert als_beheerder.get("/")["Location"] == "/beheer/gebruikers/"
    consultatie = factories.consultatie(
        secretaris_gebruiker=secretaris, ministerie=ministerie, organisaties=[org_a], open=True
    )
    assert als_beheerder.get("/consultaties/").status_code == 200
    assert consultatie.kenmerk not in als_beheerder.get("/consultaties/").content.decode()
    assert als_beheerder.get(f"/consultaties/{consultatie.pk}/").status_code == 404
    reactie = consultatie.reacties.get(organisatie=org_a)
    assert als_beheerder.get(f"/reacties/{reactie.pk}/").status_code == 404


# --- what he may not --------------------------------------------------------------------


def test_andermans_gebruikers_bestaan_niet_voor_de_beheerder(
    als_beheerder, opsteller_b, secretaris
):
    for doel in (opsteller_b, secretaris):
        assert als_beheerder.get(f"/beheer/gebruikers/{doel.pk}/").status_code == 404
        for pad, data in (
            ("rol/", {"organisatie": doel.organisatie_id, "rol": "accordeerder"}),
            ("deactiveren/", {"toelichting": "x"}),
            ("tweede-factor-herstellen/", {"toelichting": "x"}),
        ):
            assert (
                als_beheerder.post(f"/beheer/gebruikers/{doel.pk}/{pad}", data).status_code == 404
            )
        doel.refresh_from_db()
        assert doel.is_active


@pytest.mark.parametrize("rol", ["secretaris", "ministerie", "beheerder"])
def test_beheerder_kent_geen_hogere_rol_toe(als_beheerder, opsteller_a, rol):
    antwoord = als_beheerder.post(
        f"/beheer/gebruikers/{opsteller_a.pk}/rol/",
        {"organisatie": opsteller_a.organisatie_id, "rol": rol},
    )
    assert antwoord.status_code == 403
    opsteller_a.refresh_from_db()
    assert opsteller_a.rol == "opsteller"


def test_beheerder_verplaatst_niemand_naar_een_andere_organisatie(
    als_beheerder, opsteller_a, org_b, secretaris
):
    for organisatie in (org_b, secretaris.organisatie):
        antwoord = als_beheerder.post(
            f"/beheer/gebruikers/{opsteller_a.pk}/rol/",
            {"organisatie": organisatie.pk, "rol": "opsteller"},
        )
        assert antwoord.status_code == 403
    opsteller_a.refresh_from_db()
    assert opsteller_a.organisatie.afkorting == "UWV"


def test_beheerder_geeft_zichzelf_niets_en_raakt_collega_beheerders_niet(
    als_beheerder, beheerder_a, org_a
):
    collega = factories.beheerder(org_a, username="uwv-beheerder-2")
    for doel in (beheerder_a, collega):
        for rol in ("secretaris", "accordeerder", "beheerder"):
            antwoord = als_beheerder.post(
                f"/beheer/gebruikers/{doel.pk}/rol/", {"organisatie": org_a.pk, "rol": rol}
            )
            assert antwoord.status_code == 403
        assert (
            als_beheerder.post(
                f"/beheer/gebruikers/{doel.pk}/deactiveren/", {"toelichting": "x"}
            ).status_code
            == 403
        )
        doel.refresh_from_db()
        assert doel.is_active and doel.rol == "beheerder"
    # He may look at his colleague, but the page offers no actions.
    pagina = als_beheerder.get(f"/beheer/gebruikers/{collega.pk}/").content.decode()
    assert "Dit account beheert het secretariaat." in pagina
    assert "/rol/" not in pagina


def test_beheerder_maakt_geen_accounts_direct_aan(als_beheerder, org_a):
    assert als_beheerder.get("/beheer/gebruikers/nieuw/").status_code == 403
    antwoord = als_beheerder.post(
        "/beheer/gebruikers/nieuw/",
        {"username": "x", "email": "x@example.nl", "organisatie": org_a.pk, "rol": "opsteller"},
    )
    assert antwoord.status_code == 403
    assert not Gebruiker.objects.filter(username="x").exists()


@pytest.mark.parametrize(
    ("organisatie", "rol"),
    [
        ("eigen", "secretaris"),
        ("eigen", "beheerder"),
        ("ander", "opsteller"),
        ("sec", "secretaris"),
    ],
)
def test_beheerder_nodigt_niet_uit_buiten_zijn_bereik(
    als_beheerder, org_a, org_b, secretaris, organisatie, rol
):
    org = {"eigen": org_a, "ander": org_b, "sec": secretaris.organisatie}[organisatie]
    antwoord = als_beheerder.post(
        "/beheer/uitnodigingen/nieuw/", {"email": "p@example.nl", "organisatie": org.pk, "rol": rol}
    )
    assert antwoord.status_code == 403
    assert not Uitnodiging.objects.exists()


def test_beheerder_ziet_en_beheert_andermans_uitnodigingen_niet(
    als_beheerder, secretaris, org_a, org_b
):
    from organisaties import uitnodigingen

    bij_b = uitnodigingen.uitnodiging_versturen(
        actor=secretaris, organisatie=org_b, rol="opsteller", email="b@example.nl"
    )
    beheerder_bij_a = uitnodigingen.uitnodiging_versturen(
        actor=secretaris, organisatie=org_a, rol="beheerder", email="nieuwe-beheerder@example.nl"
    )
    lijst = als_beheerder.get("/beheer/uitnodigingen/").content.decode()
    assert "b@example.nl" not in lijst and "nieuwe-beheerder@example.nl" in lijst
    for actie in ("opnieuw", "intrekken"):
        assert als_beheerder.post(f"/beheer/uitnodigingen/{bij_b.pk}/{actie}/").status_code == 404
        # Visible in his organisation, but a beheerder invitation is the secretariat's.
        assert (
            als_beheerder.post(f"/beheer/uitnodigingen/{beheerder_bij_a.pk}/{actie}/").status_code
            == 403
        )
    bij_b.refresh_from_db()
    beheerder_bij_a.refresh_from_db()
    assert bij_b.status == beheerder_bij_a.status == "open"


@pytest.mark.parametrize("rol", ["opsteller", "accordeerder", "ministerie"])
def test_anderen_dan_secretariaat_en_beheerder_komen_niet_in_het_beheer(
    client, org_a, ministerie, rol
):
    gebruiker = (
        factories.ministerie_medewerker(ministerie)
        if rol == "ministerie"
        else factories.GebruikerFactory(username=f"x-{rol}", organisatie=org_a, rol=rol)
    )
    client.force_login(gebruiker)
    for pad in ("/beheer/gebruikers/", "/beheer/uitnodigingen/", "/beheer/uitnodigingen/nieuw/"):
        assert client.get(pad).status_code == 403


def test_beheerder_krijgt_geen_api_macht(client, beheerder_a, org_a, secretaris, ministerie):
    factories.consultatie(
        secretaris_gebruiker=secretaris, ministerie=ministerie, organisaties=[org_a], open=True
    )
    client.force_login(beheerder_a)
    for pad in ("/api/v1/consultaties", "/api/v1/reacties", "/api/v1/rapporten"):
        antwoord = client.get(pad)
        assert antwoord.status_code == 200, pad
        assert antwoord.json()["aantal"] == 0, pad
    antwoord = client.post("/api/v1/consultaties", {"titel": "x"}, content_type="application/json")
    assert antwoord.status_code == 403


#: Session, user, device, count, rows, organisation, unread notifications (+ on the
#: invitations page the refused sign-ons and their organisations).
PAGINA_QUERIES = {"/beheer/gebruikers/": 6, "/beheer/uitnodigingen/": 8}


@pytest.mark.parametrize("pad", ["/beheer/gebruikers/", "/beheer/uitnodigingen/"])
def test_beheerpaginas_van_de_beheerder_hebben_vaste_querykosten(
    als_beheerder, beheerder_a, org_a, django_assert_num_queries, pad
):
    from audit.services import registreer
    from kern.actor import SYSTEEM
    from organisaties import uitnodigingen

    def erbij(n):
        factories.opsteller(org_a, username=f"uwv-extra-{n}")
        registreer(
            org_a, actor=SYSTEEM, actie="sso_geweigerd", gegevens={"email": f"x{n}@uwv.example"}
        )
        uitnodigingen.uitnodiging_versturen(
            actor=beheerder_a, organisatie=org_a, rol="opsteller", email=f"p{n}@example.nl"
        )

    erbij(0)
    als_beheerder.get(pad)  # warm the session
    with django_assert_num_queries(PAGINA_QUERIES[pad]):
        assert als_beheerder.get(pad).status_code == 200
    for n in range(1, 6):
        erbij(n)
    with django_assert_num_queries(PAGINA_QUERIES[pad]):
        assert als_beheerder.get(pad).status_code == 200

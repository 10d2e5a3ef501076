"""Single sign-on (#18) against a REAL OpenID Connect provider: panva's certified
``oidc-provider`` (npm devDependency), started here on 127.0.0.1 with the machine's
Node.js, and our live server. The browser's part of the authorization-code flow with PKCE
is driven over real HTTP with a requests session; Django fetches the token, the provider's
JWKS and the userinfo from the provider itself. No mocks."""

import re
import shutil
import socket
import subprocess
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlparse

import pytest
import requests
from django.test import Client

from audit.models import AuditEvent
from ontwikkeling.demo import SSO_DEMO_CLIENT, laad_demo_accounts
from organisaties import sso, uitnodigingen
from organisaties.models import Gebruiker, Uitnodiging
from tests import factories
from tests.inloggen import apparaat

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parents[2]
# The demo's client (make demo-sso), so the demo's configuration is tested here too.
CLIENT_ID, CLIENT_SECRET = SSO_DEMO_CLIENT


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def oidc_provider(live_server):
    node = shutil.which("node")
    if node is None or not (ROOT / "node_modules" / "oidc-provider").exists():
        pytest.skip("Node.js of node_modules/oidc-provider ontbreekt (make install)")
    poort = _vrije_poort()
    proces = subprocess.Popen(  # noqa: S603 - our own script, fixed arguments
        [node, str(ROOT / "ontwikkeling" / "oidc" / "provider.mjs")],
        env={
            "PATH": "/usr/bin:/bin",
            "OIDC_POORT": str(poort),
            "OIDC_CLIENT_ID": CLIENT_ID,
            "OIDC_CLIENT_SECRET": CLIENT_SECRET,
            "OIDC_REDIRECT_URIS": f"{live_server.url}/accounts/sso/terug/",
        },
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    regel = proces.stdout.readline()  # blocks until it listens, or '' if it died
    if not regel.startswith("klaar "):
        proces.kill()
        pytest.fail(f"De OIDC-provider startte niet: {regel!r}")
    yield regel.split()[1]
    proces.terminate()
    proces.wait(timeout=10)


@pytest.fixture
def uwv_met_sso(oidc_provider, org_a):
    sso.sso_configureren(
        org_a,
        issuer=oidc_provider,
        client_id=CLIENT_ID,
        client_secret=CLIENT_SECRET,
        naam="UWV-account",
        scopes="openid email profile",
    )
    return org_a


def inloggen_via_provider(live_server, login: str, volgende: str = "", afkorting: str = "uwv"):
    """What a browser does: our start URL, the provider's login and consent pages, back
    to our callback. Returns the session and the last response."""
    s = requests.Session()
    start = s.get(
        f"{live_server.url}/accounts/sso/{afkorting}/" + (f"?next={volgende}" if volgende else ""),
        allow_redirects=False,
    )
    assert start.status_code == 302
    verzoek = parse_qs(urlparse(start.headers["Location"]).query)
    assert verzoek["code_challenge_method"] == ["S256"] and verzoek["code_challenge"]
    assert verzoek["response_type"] == ["code"] and verzoek["nonce"] and verzoek["state"]
    pagina = s.get(start.headers["Location"])
    for prompt, velden in (("login", {"login": login, "password": "x"}), ("consent", {})):
        if f'name="prompt" value="{prompt}"' not in pagina.text:
            continue
        actie = re.search(r'<form[^>]*action="([^"]+)"', pagina.text).group(1)
        pagina = s.post(urljoin(pagina.url, actie), data={"prompt": prompt, **velden})
    return s, pagina


def test_bekende_gebruiker_logt_in_via_zijn_organisatie(
    live_server, uwv_met_sso, opsteller_a, settings
):
    settings.AXES_ENABLED = True  # as in production: the login throttle lets it through
    apparaat(opsteller_a)  # the IdP authenticates: no TOTP code asked after it
    s, laatste = inloggen_via_provider(live_server, opsteller_a.email, volgende="/consultaties/")
    assert laatste.status_code == 200
    assert laatste.url == f"{live_server.url}/consultaties/"
    assert opsteller_a.username in s.get(f"{live_server.url}/").text
    # The API accepts the session too (same rule as the pages).
    assert s.get(f"{live_server.url}/api/v1/reacties").status_code == 200
    opsteller_a.refresh_from_db()
    assert opsteller_a.rol == "opsteller" and opsteller_a.last_login is not None


def test_onbekend_emailadres_wordt_geweigerd_en_vastgelegd(live_server, uwv_met_sso):
    s, laatste = inloggen_via_provider(live_server, "onbekend@uwv.example")
    assert laatste.status_code == 403
    assert "geen account of openstaande uitnodiging voor onbekend@uwv.example" in laatste.text
    assert not Gebruiker.objects.filter(email="onbekend@uwv.example").exists()
    event = AuditEvent.objects.voor(uwv_met_sso).get(actie="sso_geweigerd")
    assert event.gegevens == {"email": "onbekend@uwv.example", "reden": "onbekend"}
    assert s.get(f"{live_server.url}/", allow_redirects=False).status_code == 302  # not in
    # The secretariat and UWV's beheerder see who tried (to invite them); SVB's does not.
    for gebruiker, ziet in (
        (factories.secretaris(), True),
        (factories.beheerder(uwv_met_sso), True),
        (factories.beheerder(factories.OrganisatieFactory(afkorting="SVB")), False),
    ):
        client = Client()
        client.force_login(gebruiker)
        pagina = client.get("/beheer/uitnodigingen/").content.decode()
        assert ("onbekend@uwv.example" in pagina) is ziet, gebruiker.username


def test_uitnodiging_wordt_via_de_provider_geaccepteerd(live_server, uwv_met_sso, beheerder_a):
    uitnodiging = uitnodigingen.uitnodiging_versturen(
        actor=beheerder_a, organisatie=uwv_met_sso, rol="accordeerder", email="Nieuw@UWV.example"
    )
    s, laatste = inloggen_via_provider(live_server, "nieuw@uwv.example")
    assert laatste.status_code == 200
    account = Gebruiker.objects.get(email__iexact="nieuw@uwv.example")
    # The role comes from the invitation, never from the token; no password here.
    assert (account.organisatie, account.rol) == (uwv_met_sso, "accordeerder")
    assert not account.has_usable_password()
    uitnodiging.refresh_from_db()
    assert uitnodiging.status == "geaccepteerd" and uitnodiging.gebruiker == account


def test_adres_van_een_andere_organisatie_komt_er_niet_in(live_server, uwv_met_sso, opsteller_b):
    _, laatste = inloggen_via_provider(live_server, opsteller_b.email)
    assert laatste.status_code == 403
    assert AuditEvent.objects.voor(uwv_met_sso).filter(actie="sso_geweigerd").exists()


def test_deactiveren_beeindigt_ook_een_sessie_via_de_provider(
    live_server, uwv_met_sso, opsteller_a, secretaris
):
    from organisaties import services

    s, laatste = inloggen_via_provider(live_server, opsteller_a.email)
    assert laatste.status_code == 200
    services.gebruiker_deactiveren(gebruiker=opsteller_a, actor=secretaris, toelichting="Weg")
    antwoord = s.get(f"{live_server.url}/", allow_redirects=False)
    assert antwoord.status_code == 302 and "/accounts/login/" in antwoord.headers["Location"]


def test_gedeactiveerd_of_onbevestigd_komt_er_niet_in(live_server, uwv_met_sso, opsteller_a):
    _, laatste = inloggen_via_provider(live_server, f"onbevestigd+{opsteller_a.email}")
    assert laatste.status_code == 403 and "bevestigd e-mailadres" in laatste.text
    Gebruiker.objects.filter(pk=opsteller_a.pk).update(is_active=False)
    _, laatste = inloggen_via_provider(live_server, opsteller_a.email)
    assert laatste.status_code == 403 and "gedeactiveerd" in laatste.text


def test_wachtwoord_werkt_niet_meer_voor_een_organisatie_met_sso(
    live_server, uwv_met_sso, opsteller_a
):
    s = requests.Session()
    s.get(f"{live_server.url}/accounts/login/")
    antwoord = s.post(
        f"{live_server.url}/accounts/login/",
        {
            "username": opsteller_a.username,
            "password": "geheim-wachtwoord-123",
            "csrfmiddlewaretoken": s.cookies["csrftoken"],
        },
    )
    assert antwoord.status_code == 200 and "logt in via UWV-account" in antwoord.text
    assert "/accounts/sso/uwv/" in antwoord.text.lower()
    token = requests.post(
        f"{live_server.url}/api/v1/auth/token",
        json={"username": opsteller_a.username, "password": "geheim-wachtwoord-123"},
    )
    assert token.status_code in (400, 401)
    # Other organisations keep their password (and second factor).
    andere = factories.opsteller(factories.OrganisatieFactory(afkorting="SVB"))
    s = requests.Session()
    s.get(f"{live_server.url}/accounts/login/")
    antwoord = s.post(
        f"{live_server.url}/accounts/login/",
        {
            "username": andere.username,
            "password": "geheim-wachtwoord-123",
            "csrfmiddlewaretoken": s.cookies["csrftoken"],
        },
        allow_redirects=False,
    )
    assert antwoord.status_code == 302


def test_vervalste_terugkeer_zonder_state_logt_niet_in(live_server, uwv_met_sso):
    s = requests.Session()
    antwoord = s.get(f"{live_server.url}/accounts/sso/terug/?code=verzonnen&state=verzonnen")
    assert antwoord.status_code in (400, 403)
    assert s.get(f"{live_server.url}/", allow_redirects=False).status_code == 302
    assert Uitnodiging.objects.count() == 0


def test_demo_laat_staatsbosbeheer_inloggen_via_de_testprovider(live_server, oidc_provider):
    from django.conf import settings

    from organisaties.netwerk import laad_netwerk

    laad_netwerk(settings.BASE_DIR / "data" / "netwerk.csv")
    laad_demo_accounts(sso_issuer=oidc_provider)
    beheerder = Gebruiker.objects.get(username="uwv-beheerder")
    assert beheerder.is_beheerder and beheerder.check_password("demo")
    assert Uitnodiging.objects.filter(status="open").count() == 2
    s, laatste = inloggen_via_provider(
        live_server, "sbb-opsteller@demo.tegenkracht.example.nl", afkorting="sbb"
    )
    assert laatste.status_code == 200
    assert "Opsteller (SBB)" in s.get(f"{live_server.url}/").text
    laad_demo_accounts(sso_issuer=oidc_provider)  # idempotent
    assert Uitnodiging.objects.count() == 2


def test_adres_met_meer_dan_een_account_komt_er_niet_in(
    live_server, uwv_met_sso, opsteller_a, org_b
):
    factories.GebruikerFactory(username="dubbel", email=opsteller_a.email, organisatie=org_b)
    _, laatste = inloggen_via_provider(live_server, opsteller_a.email)
    assert laatste.status_code == 403 and "meer dan één account" in laatste.text
    event = AuditEvent.objects.voor(uwv_met_sso).get(actie="sso_geweigerd")
    assert event.gegevens["reden"] == "meerdere_accounts"

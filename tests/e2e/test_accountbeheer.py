"""Account management (#18) in a real browser, in Dutch and English, at 1280 and 320 px,
with axe-core on every page: the beheerder's user list, the invitation form and list, the
invited person's page (set a password), a user's page, the login page with the
organisations that sign on at their own provider, and the refused sign-on."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core import mail

from organisaties.models import Gebruiker, Identiteitsprovider, Uitnodiging

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True),
    pytest.mark.filterwarnings("ignore::pytest.PytestUnhandledThreadExceptionWarning"),
]

AXE = Axe()
WACHTWOORD = "geheim-wachtwoord-123"


def _controleer(pagina, map_, naam):
    """axe, no sideways scrolling at 320 px, and screenshots at both widths to look at."""
    pagina.screenshot(path=map_ / f"accounts-{naam}.png", full_page=True)
    resultaat = AXE.run(pagina)
    assert resultaat.violations_count == 0, f"{naam}: {resultaat.generate_report()}"
    pagina.set_viewport_size({"width": 320, "height": 640})
    try:
        assert pagina.evaluate("document.documentElement.scrollWidth") <= 320, naam
        pagina.screenshot(path=map_ / f"accounts-{naam}-320.png", full_page=True)
    finally:
        pagina.set_viewport_size({"width": 1280, "height": 900})


def _tab(browser, live_server, taal):
    context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    context.add_cookies([{"name": "django_language", "value": taal, "url": live_server.url}])
    return context.new_page()


def _inloggen(pagina, live_server, username):
    pagina.goto(live_server.url + "/accounts/login/")
    pagina.fill("#id_username", username)
    pagina.fill("#id_password", WACHTWOORD)
    pagina.click("main button[type=submit]")
    pagina.wait_for_url(re.compile(r"^(?!.*login).*$"))


@pytest.mark.parametrize("taal", ["nl", "en"])
def test_beheerder_nodigt_uit_en_de_genodigde_maakt_zijn_account(
    browser, live_server, screenshot_map, beheerder_a, opsteller_a, org_b, taal
):
    Identiteitsprovider.objects.create(
        organisatie=org_b,
        naam="SVB-account",
        issuer="https://login.svb.example",
        authorization_endpoint="https://login.svb.example/auth",
        token_endpoint="https://login.svb.example/token",
        userinfo_endpoint="https://login.svb.example/me",
        jwks_uri="https://login.svb.example/jwks",
        client_id="tegenkracht",
        client_secret="geheim",
    )
    beheerder = _tab(browser, live_server, taal)
    beheerder.goto(live_server.url + "/accounts/login/")
    assert "SVB-account" in beheerder.content()
    _controleer(beheerder, screenshot_map, f"{taal}-inloggen")
    _inloggen(beheerder, live_server, beheerder_a.username)
    assert beheerder.url.endswith("/beheer/gebruikers/")
    _controleer(beheerder, screenshot_map, f"{taal}-gebruikers-beheerder")

    beheerder.goto(live_server.url + f"/beheer/gebruikers/{opsteller_a.pk}/")
    _controleer(beheerder, screenshot_map, f"{taal}-gebruiker")

    beheerder.goto(live_server.url + "/beheer/uitnodigingen/nieuw/")
    assert beheerder.locator("#id_rol option").count() == 3  # empty, opsteller, accordeerder
    beheerder.click("main button[type=submit]")  # empty: errors at the fields
    _controleer(beheerder, screenshot_map, f"{taal}-uitnodigen-fouten")
    beheerder.fill("#id_email", f"nina-{taal}@example.nl")
    beheerder.fill("#id_voornaam", "Nina")
    beheerder.select_option("#id_rol", "accordeerder")
    beheerder.click("main button[type=submit]")
    beheerder.wait_for_url(re.compile(r".*/beheer/uitnodigingen/$"))
    assert f"nina-{taal}@example.nl" in beheerder.content()
    _controleer(beheerder, screenshot_map, f"{taal}-uitnodigingen")

    link = re.search(r"/accounts/uitnodiging/[^\s\"]+/", mail.outbox[-1].body).group(0)
    genodigde = _tab(browser, live_server, taal)
    genodigde.goto(live_server.url + link)
    _controleer(genodigde, screenshot_map, f"{taal}-uitnodiging-accepteren")
    genodigde.fill("#id_username", f"nina-{taal}")
    genodigde.fill("#id_wachtwoord", "eigen-Kanaal-fiets-2026")
    genodigde.fill("#id_wachtwoord_herhaald", "eigen-Kanaal-fiets-2026")
    genodigde.click("main button[type=submit]")
    genodigde.wait_for_url(re.compile(r"^(?!.*uitnodiging).*$"))
    assert Gebruiker.objects.get(username=f"nina-{taal}").rol == "accordeerder"
    assert Uitnodiging.objects.get().status == "geaccepteerd"

    genodigde.goto(live_server.url + link)  # used: the link is dead
    _controleer(genodigde, screenshot_map, f"{taal}-uitnodiging-ongeldig")
    anoniem = _tab(browser, live_server, taal)
    anoniem.goto(live_server.url + "/accounts/sso/terug/?error=access_denied")
    _controleer(anoniem, screenshot_map, f"{taal}-sso-geweigerd")

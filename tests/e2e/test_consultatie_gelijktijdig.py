"""Two secretarissen edit the same consultation in the browser (issue 16): the later save
of a stale version is refused with a message, the page keeps what was typed, and saving
again on top of the latest version works. Screenshots at 1280 and 320 px, Dutch and
English; axe on the refused form."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse

from consultaties.models import Consultatie
from tests import factories

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True),
    pytest.mark.filterwarnings("ignore::pytest.PytestUnhandledThreadExceptionWarning"),
]

MELDING = {
    "nl-NL": "Iemand anders heeft deze consultatie intussen gewijzigd",
    "en-GB": "Someone else changed this consultation in the meantime",
}


def _inloggen(browser, live_server, user, taal):
    context = browser.new_context(locale=taal, viewport={"width": 1280, "height": 900})
    pagina = context.new_page()
    pagina.goto(live_server.url + reverse("login"))
    pagina.fill("#id_username", user.username)
    pagina.fill("#id_password", "geheim-wachtwoord-123")
    pagina.click("main button[type=submit]")
    pagina.wait_for_url(re.compile(r"^(?!.*login).*$"))
    if taal.startswith("en"):
        pagina.goto(live_server.url + reverse("consultaties:dashboard"))
        pagina.select_option("#taalkeuze", "en")
        pagina.click(".tk-taalkeuze button[type=submit]")
        pagina.wait_for_load_state()
    return pagina


@pytest.mark.parametrize("taal", ["nl-NL", "en-GB"])
def test_tweede_opslag_van_een_verouderde_versie_wordt_geweigerd_met_behoud_van_invoer(
    browser, live_server, screenshot_map, secretaris, ministerie, taal
):
    consultatie = factories.consultatie(secretaris_gebruiker=secretaris, ministerie=ministerie)
    collega = factories.secretaris(username="secretaris-2")
    adres = live_server.url + reverse("consultaties:bewerken", args=[consultatie.pk])
    eerste = _inloggen(browser, live_server, secretaris, taal)
    tweede = _inloggen(browser, live_server, collega, taal)
    eerste.goto(adres)
    tweede.goto(adres)

    eerste.fill("#id_titel", "Titel van de eerste")
    eerste.click("main form button[type=submit]")
    eerste.wait_for_url(re.compile(r"/consultaties/\d+/$"))

    tweede.fill("#id_titel", "Titel van de tweede")
    with tweede.expect_response(adres) as antwoord:
        tweede.click("main form button[type=submit]")
    assert antwoord.value.status == 409
    assert MELDING[taal] in tweede.inner_text("main")
    assert tweede.input_value("#id_titel") == "Titel van de tweede"
    naam = f"consultatie-verouderd-{taal[:2]}"
    tweede.screenshot(path=screenshot_map / f"{naam}-1280.png", full_page=True)
    resultaat = Axe().run(tweede)
    assert resultaat.violations_count == 0, resultaat.generate_report()
    tweede.set_viewport_size({"width": 320, "height": 640})
    assert tweede.evaluate("document.documentElement.scrollWidth") <= 320
    tweede.screenshot(path=screenshot_map / f"{naam}-320.png", full_page=True)
    assert Consultatie.objects.get(pk=consultatie.pk).titel == "Titel van de eerste"

    # The form now carries the latest version: saving again is a deliberate overwrite.
    tweede.click("main form button[type=submit]")
    tweede.wait_for_url(re.compile(r"/consultaties/\d+/$"))
    opgeslagen = Consultatie.objects.get(pk=consultatie.pk)
    assert (opgeslagen.titel, opgeslagen.versie) == ("Titel van de tweede", 3)

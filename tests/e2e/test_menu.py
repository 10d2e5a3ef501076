"""The main menu on a narrow screen folds behind a "Menu" button, so a page's own content
starts on the first screen; on a wide screen, and without JavaScript, it is simply there."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from notificaties.models import Notificatie
from tests.e2e.inloggen import ingelogde_pagina

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True),
    pytest.mark.filterwarnings("ignore::pytest.PytestUnhandledThreadExceptionWarning"),
]


@pytest.mark.parametrize("taal", ["nl", "en"])
def test_smal_scherm_menu_achter_knop(browser, live_server, screenshot_map, opsteller_a, taal):
    Notificatie.objects.create(
        ontvanger=opsteller_a, soort="test", onderwerp="Nieuwe consultatie", tekst="Open"
    )
    pagina = ingelogde_pagina(browser, live_server, opsteller_a, 320, taal)
    menu = pagina.locator("#hoofdmenu")
    knop = pagina.locator(".tk-menuknop")

    # Folded: the content's heading is on the first screen, the unread count on the button.
    assert knop.is_visible() and not menu.is_visible()
    assert knop.get_attribute("aria-expanded") == "false"
    assert "(1" in knop.inner_text()
    assert pagina.locator("main h1").bounding_box()["y"] < 700
    resultaat = Axe().run(pagina)
    assert resultaat.violations_count == 0, resultaat.generate_report()
    pagina.screenshot(path=screenshot_map / f"menu-dicht-{taal}-320.png")

    knop.click()
    assert knop.get_attribute("aria-expanded") == "true"
    assert menu.is_visible()
    assert pagina.evaluate("document.documentElement.scrollWidth") <= 320
    resultaat = Axe().run(pagina)
    assert resultaat.violations_count == 0, resultaat.generate_report()
    pagina.screenshot(path=screenshot_map / f"menu-open-{taal}-320.png")
    naam = "Consultaties" if taal == "nl" else "Consultations"
    menu.get_by_role("link", name=naam, exact=True).click()
    pagina.wait_for_url(re.compile(r"/consultaties/$"))

    knop.click()
    knop.click()
    assert knop.get_attribute("aria-expanded") == "false" and not menu.is_visible()


def test_breed_scherm_geen_knop(browser, live_server, opsteller_a):
    pagina = ingelogde_pagina(browser, live_server, opsteller_a, 1280)
    assert pagina.locator("#hoofdmenu").is_visible()
    assert not pagina.locator(".tk-menuknop").is_visible()


def test_zonder_javascript_blijft_het_menu_open(browser, live_server, opsteller_a):
    pagina = ingelogde_pagina(browser, live_server, opsteller_a, 320, javascript=False)
    assert pagina.locator("#hoofdmenu").is_visible()
    assert not pagina.locator(".tk-menuknop").is_visible()

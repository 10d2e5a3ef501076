"""The secretaris's page of a closed consultation where the organisations disagree: the
"Verschil van inzicht" warning reads as one block (text, then the list) and reflows at
320 px, in Dutch and English. Its paragraphs and list used to sit side by side in the
alert's flex row, a page 536 px wide on a 320 px screen."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from consultaties.models import Consultatie
from ontwikkeling.last import genereer
from ontwikkeling.last_historie import genereer_historie, zonder_historie
from rapporten import analyse
from rapporten.snapshot import verschillen_gegevens
from tests import factories
from tests.e2e.inloggen import ingelogde_pagina

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True),
    pytest.mark.filterwarnings("ignore::pytest.PytestUnhandledThreadExceptionWarning"),
]


def _gesloten_met_verschillen():
    """Generated history until a closed consultation shows differences of opinion."""
    secretaris = factories.secretaris()
    organisaties = [factories.OrganisatieFactory() for _ in range(6)]
    for organisatie in organisaties:
        factories.accordeerder(organisatie)
    factories.MinisterieFactory(afkorting="SZW")
    for seed in range(7, 30):
        genereer(10, organisaties_per_consultatie=6, seed=seed)
        genereer_historie(zonder_historie(), seed=seed, echte_snapshots=2)
        for consultatie in Consultatie.objects.filter(status="gesloten"):
            if analyse.verschillen(verschillen_gegevens(consultatie))["aanwezig"]:
                return consultatie, secretaris
    pytest.fail("geen gesloten consultatie met verschil van inzicht gegenereerd")


@pytest.mark.parametrize("taal", ["nl", "en"])
def test_verschil_van_inzicht_past_op_320_px(browser, live_server, screenshot_map, taal):
    consultatie, secretaris = _gesloten_met_verschillen()
    pagina = ingelogde_pagina(browser, live_server, secretaris, 1280, taal)
    pagina.goto(f"{live_server.url}/consultaties/{consultatie.pk}/")

    waarschuwing = pagina.locator("#verschillen-kop + .utrecht-alert")
    assert waarschuwing.is_visible()
    # One column: the explanation above the list, not beside it.
    uitleg = waarschuwing.locator("p").first.bounding_box()
    lijst = waarschuwing.locator("ul").first.bounding_box()
    assert lijst["y"] >= uitleg["y"] + uitleg["height"]
    pagina.screenshot(path=screenshot_map / f"verschil-van-inzicht-{taal}-1280.png")

    pagina.set_viewport_size({"width": 320, "height": 640})
    assert pagina.evaluate("document.documentElement.scrollWidth") <= 320
    resultaat = Axe().run(pagina)
    assert resultaat.violations_count == 0, resultaat.generate_report()
    waarschuwing.screenshot(path=screenshot_map / f"verschil-van-inzicht-{taal}-320.png")
    pagina.context.close()

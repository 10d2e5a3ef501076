"""The search page in a real browser: axe, reflow at 320 px, Dutch and English."""

import pytest
from django.urls import reverse

from tests import factories
from tests.e2e.test_reis import Reis
from tests.kennisbank.wereld import bouw_wereld

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True),
    pytest.mark.filterwarnings("ignore::pytest.PytestUnhandledThreadExceptionWarning"),
]


def test_zoekpagina_toegankelijk_en_smal(browser, live_server, screenshot_map):
    wereld = bouw_wereld(factories.secretaris())
    reis = Reis(browser, live_server, screenshot_map, "zoeken")
    pagina = reis.als(wereld["uwv"].username)
    reis.ga_naar(pagina, reverse("kennisbank:zoeken"), "zoeken-leeg")
    pagina.fill("#id_q", "huurtoeslag")
    pagina.click("form[role=search] button[type=submit]")
    pagina.wait_for_selector(".tk-treffer")
    reis.controleer(pagina, "zoeken-resultaten")
    assert pagina.locator(".tk-treffer").count() == 3
    assert "Zonnepanelen" not in pagina.content()
    # A facet narrows the hits and can be taken off again.
    pagina.get_by_role("link", name="Uitvoeringstoets", exact=True).click()
    pagina.wait_for_selector("a[aria-current=true]")
    reis.controleer(pagina, "zoeken-gefilterd")
    assert pagina.locator(".tk-treffer").count() == 1
    pagina.set_viewport_size({"width": 320, "height": 640})
    pagina.screenshot(path=screenshot_map / "zoeken-gefilterd-320.png", full_page=True)
    pagina.set_viewport_size({"width": 1280, "height": 900})
    # English.
    pagina.context.add_cookies([{"name": "django_language", "value": "en", "url": reis.url}])
    pagina.reload()
    reis.controleer(pagina, "zoeken-engels", "zoeken-engels")
    assert pagina.locator("html").get_attribute("lang") == "en"
    assert not reis.te_breed, "Breder dan 320 px:\n" + "\n".join(reis.te_breed)


def test_eerdere_standpunten_op_het_toetsformulier(browser, live_server, screenshot_map):
    from reacties import services as reactie_services

    wereld = bouw_wereld(factories.secretaris())
    nieuw = factories.consultatie(
        secretaris_gebruiker=wereld["secretaris"],
        ministerie=wereld["huur"].ministerie,
        organisaties=[wereld["org_uwv"]],
        open=True,
        titel="Wet huurtoeslag herzien",
        # The subject shares a word with UWV's earlier kernpunt: on PostgreSQL the panel
        # ranks by the subject's words and shows only kernpunten that match one of them.
        samenvatting="De terugvordering van huurtoeslag wordt eenvoudiger.",
    )
    reactie = nieuw.reacties.get()
    reactie_services.reactie_starten(reactie=reactie, actor=wereld["uwv"])
    reis = Reis(browser, live_server, screenshot_map, "zoeken")
    pagina = reis.als(wereld["uwv"].username)
    pagina.goto(reis.url + reverse("reacties:bewerken", args=[reactie.pk]))
    paneel = pagina.locator("#eerdere-standpunten")
    paneel.get_by_text("het ministerie nam het niet over").wait_for()
    reis.controleer(pagina, "toetsformulier-eerdere-standpunten")
    assert not reis.te_breed, "Breder dan 320 px:\n" + "\n".join(reis.te_breed)

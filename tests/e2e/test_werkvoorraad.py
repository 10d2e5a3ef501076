"""The secretaris's work queue in a real browser, on the large demo's data (36
organisations per consultation, every state): axe, reflow at 320 px, Dutch and English,
and a bulk accept through its confirmation."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse

from consultaties.models import Consultatie
from ontwikkeling.demo_groot import laad_groot
from organisaties.netwerk import DEMO_WACHTWOORD, laad_netwerk
from reacties.models import Reactie, Status

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True),
    pytest.mark.filterwarnings("ignore::pytest.PytestUnhandledThreadExceptionWarning"),
]


#: The elements sticking out to the right (outside a table's own scroll region).
TE_BREED = """breedte => [...document.querySelectorAll('body *')]
    .filter(e => e.getBoundingClientRect().right > breedte && !e.closest('.tk-tabel-container'))
    .slice(0, 5).map(e => `${e.tagName}.${e.className}`)"""


def _schoon(pagina, map_, naam, breedte, inhoud="main h1"):
    """WCAG 1.4.10 at 320 px: nothing scrolls sideways; then a screenshot of the window
    from ``inhoud`` on (the content, not the menu)."""
    pagina.set_viewport_size({"width": breedte, "height": 900})
    pagina.locator(inhoud).first.evaluate("e => e.scrollIntoView()")
    assert pagina.evaluate("document.documentElement.scrollWidth") <= breedte, (
        naam,
        pagina.evaluate(TE_BREED, breedte),
    )
    pagina.screenshot(path=map_ / f"werkvoorraad-{naam}-{breedte}.png")


def test_werkvoorraad_op_ware_grootte(browser, live_server, screenshot_map):
    laad_netwerk(None)
    laad_groot(aantal=3)  # the first three close within 5 working days or have passed
    consultatie = Consultatie.objects.get(kenmerk="GROOT-2026-01")
    context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    pagina = context.new_page()
    pagina.goto(live_server.url + reverse("login"))
    pagina.fill("#id_username", "secretaris")
    pagina.fill("#id_password", DEMO_WACHTWOORD)
    pagina.click("main button[type=submit]")
    pagina.wait_for_url(re.compile(r"^(?!.*login).*$"))

    pagina.goto(live_server.url + "/")
    assert pagina.locator(".tk-werkvoorraad__groep").count() == 3
    assert "punten in de werkvoorraad" in pagina.locator("nav").inner_text()
    detail = reverse("consultaties:detail", args=[consultatie.pk])
    for pad, naam, inhoud in (
        ("/", "dashboard", "#werkvoorraad-kop"),
        (detail + "?status=ingediend#organisaties", "consultatie", "#organisaties"),
    ):
        pagina.goto(live_server.url + pad)
        resultaat = Axe().run(pagina)
        assert resultaat.violations_count == 0, resultaat.generate_report()
        for breedte in (1280, 320):
            _schoon(pagina, screenshot_map, f"{naam}-nl", breedte, inhoud)

    # Bulk accept: choose all submitted responses shown, confirm, and they are accepted.
    ingediend = list(
        consultatie.reacties.filter(status=Status.INGEDIEND).values_list("pk", flat=True)
    )
    pagina.set_viewport_size({"width": 1280, "height": 900})
    for pk in ingediend:
        pagina.check(f"#kies-{pk}")
    pagina.get_by_role("button", name="Gekozen reacties accepteren…").click()
    pagina.wait_for_url(re.compile(r"/reacties/accepteren/$"))
    assert Axe().run(pagina).violations_count == 0
    for breedte in (1280, 320):
        _schoon(pagina, screenshot_map, "bevestigen-nl", breedte)
    pagina.set_viewport_size({"width": 1280, "height": 900})
    assert Reactie.objects.filter(pk__in=ingediend, status=Status.GEACCEPTEERD).count() == 0
    pagina.get_by_role(
        "button", name=re.compile(r"^Ja, \d+ reacties definitief accepteren$")
    ).click()
    pagina.wait_for_url(re.compile(r"status=ingediend"))
    assert f"{len(ingediend)} reacties geaccepteerd" in pagina.locator(".tk-meldingen").inner_text()
    assert Reactie.objects.filter(pk__in=ingediend, status=Status.GEACCEPTEERD).count() == len(
        ingediend
    )

    # Remind two organisations that have not submitted: e-mail, notification, message.
    pagina.goto(live_server.url + detail + "?status=lopend#organisaties")
    keuzes = pagina.locator("#organisaties tbody input[type=checkbox]")
    keuzes.nth(0).check()
    keuzes.nth(1).check()
    pagina.get_by_role("button", name="Gekozen organisaties nu herinneren").click()
    pagina.wait_for_url(re.compile(r"status=lopend"))
    assert "2 organisaties herinnerd" in pagina.locator(".tk-meldingen").inner_text()

    # The same pages in English.
    pagina.goto(live_server.url + "/")
    pagina.select_option("#taalkeuze", "en")
    pagina.locator(".tk-taalkeuze button").click()
    pagina.wait_for_load_state()
    assert "Work queue" in pagina.content()
    for breedte in (1280, 320):
        _schoon(pagina, screenshot_map, "dashboard-en", breedte, "#werkvoorraad-kop")
    pagina.goto(
        live_server.url + reverse("consultaties:detail", args=[consultatie.pk]) + "#organisaties"
    )
    assert Axe().run(pagina).violations_count == 0
    for breedte in (1280, 320):
        _schoon(pagina, screenshot_map, "consultatie-en", breedte, "#organisaties")
    context.close()

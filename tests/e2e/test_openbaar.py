"""Open publication in a real browser: the secretariat publishes the sent paper (with the
confirmation step), then an anonymous visitor reads the archive, the paper page and the
feed link — axe, reflow at 320 px, Dutch and English, under the production CSP."""

import pytest
from django.urls import reverse

from rapporten import services as rapport_services
from tests import factories
from tests.e2e.test_reis import Reis, _bevestig
from tests.rapporten.helpers import gesloten_consultatie, maak_rapport

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True),
    pytest.mark.filterwarnings("ignore::pytest.PytestUnhandledThreadExceptionWarning"),
]


def _verzonden_paper(snelle_pdf):
    secretaris = factories.secretaris()
    ministerie = factories.MinisterieFactory(
        afkorting="SZW", naam="Ministerie van Sociale Zaken en Werkgelegenheid"
    )
    organisaties = [
        factories.OrganisatieFactory(afkorting="UWV", naam="UWV"),
        factories.OrganisatieFactory(afkorting="SVB", naam="Sociale Verzekeringsbank"),
    ]
    consultatie = gesloten_consultatie(
        secretaris,
        ministerie,
        organisaties,
        titel="Wet vereenvoudiging toeslagen met een bijzonder lange titel om te zien hoe die "
        "op een smal scherm afbreekt",
    )
    rapport = maak_rapport(
        consultatie, secretaris, bestuurlijke_samenvatting="Het netwerk steunt het doel."
    )
    rapport = rapport_services.rapport_definitief_maken(rapport=rapport, actor=secretaris)
    return rapport_services.rapport_verzenden(rapport=rapport, actor=secretaris)


def test_secretariaat_publiceert_en_bezoeker_leest_het_archief(
    browser, live_server, screenshot_map, snelle_pdf
):
    rapport = _verzonden_paper(snelle_pdf)
    kenmerk = rapport.consultatie.kenmerk
    reis = Reis(browser, live_server, screenshot_map, "openbaar")

    # The secretariat: the paper page says it is not public; publishing asks to confirm.
    pagina = reis.als("secretaris")
    reis.ga_naar(pagina, reverse("rapporten:detail", args=[rapport.pk]), "paper-niet-openbaar")
    assert "Niet openbaar" in pagina.locator("#openbaarheid").inner_text()
    pagina.locator("#openbaarheid").get_by_role("button", name="Openbaar maken").click()
    _bevestig(reis, pagina, "publiceren-bevestigen")
    pagina.locator("#openbaarheid").get_by_text("Openbaar sinds").wait_for()
    reis.controleer(pagina, "paper-openbaar", "paper-openbaar")
    pagina.context.close()

    # An anonymous visitor.
    context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    bezoeker = context.new_page()
    bezoeker.on(
        "console",
        lambda bericht: (
            "Content Security Policy" in bericht.text
            and reis.csp_schendingen.append(f"{bezoeker.url}: {bericht.text}")
        ),
    )
    reis.ga_naar(bezoeker, reverse("login"), "inloggen-met-archieflink", "inloggen-archief")
    bezoeker.get_by_role("link", name="Openbaar archief van position papers").click()
    bezoeker.wait_for_url(f"**{reverse('openbaar:archief')}")
    reis.controleer(bezoeker, "archief", "openbaar-archief")
    bezoeker.fill("#id_q", "toeslagen")
    bezoeker.get_by_role("button", name="Zoeken").click()
    bezoeker.wait_for_url("**q=toeslagen**")
    assert bezoeker.locator(".tk-treffer").count() == 1
    reis.controleer(bezoeker, "archief-gezocht", "openbaar-archief-gezocht")
    bezoeker.locator(".tk-treffer a").click()
    bezoeker.wait_for_url(f"**/openbaar/{kenmerk}/")
    reis.controleer(bezoeker, "paper", "openbaar-paper")
    assert bezoeker.locator(".tk-kernpuntnummer").all_inner_texts() == ["K1", "K2"]
    with bezoeker.expect_download() as download:
        bezoeker.get_by_role("link", name="Download het paper").click()
    assert download.value.suggested_filename.endswith("-definitief.pdf")
    for breedte in (1280, 320):
        bezoeker.set_viewport_size({"width": breedte, "height": 900})
        pad = screenshot_map / f"openbaar-paper-nl-{breedte}.png"
        bezoeker.screenshot(path=pad, full_page=True)
    bezoeker.set_viewport_size({"width": 1280, "height": 900})

    # English.
    context.add_cookies([{"name": "django_language", "value": "en", "url": reis.url}])
    reis.ga_naar(bezoeker, reverse("openbaar:archief"), "archief-engels", "openbaar-archief-en")
    assert bezoeker.locator("html").get_attribute("lang") == "en"
    assert "Public archive of position papers" in bezoeker.content()
    reis.ga_naar(
        bezoeker, reverse("openbaar:paper", args=[kenmerk]), "paper-engels", "openbaar-paper-en"
    )
    # Nothing else: an unknown kenmerk is a 404 page, also for this visitor.
    antwoord = bezoeker.goto(reis.url + "/openbaar/BESTAAT-NIET/")
    assert antwoord.status == 404
    context.close()
    reis.klaar()

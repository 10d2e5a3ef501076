"""Merging a duplicate kernpunt in a real browser: from the link under the kernpunt on the
consultation page to the merge page, a choice forgotten (the page again, the error at the
choices and in the summary), then made; axe-core and 320 px reflow on the merge page in
both states, in Dutch and English."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse

from reacties.models import Kernpunt
from tests import factories
from tests.e2e.inloggen import ingelogde_pagina
from tests.rapporten.helpers import gesloten_consultatie

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True),
    pytest.mark.filterwarnings("ignore::pytest.PytestUnhandledThreadExceptionWarning"),
]


def _toegankelijk_en_smal(pagina, screenshot_map, naam):
    resultaat = Axe().run(pagina)
    assert resultaat.violations_count == 0, resultaat.generate_report()
    grootte = pagina.viewport_size
    pagina.set_viewport_size({"width": 320, "height": 640})
    try:
        assert pagina.evaluate("document.documentElement.scrollWidth") <= 320, naam
        pagina.screenshot(path=screenshot_map / f"{naam}-320.png")
    finally:
        pagina.set_viewport_size(grootte)


@pytest.mark.parametrize("taal", ["nl", "en"])
def test_dubbel_kernpunt_samenvoegen_via_de_eigen_pagina(
    browser, live_server, screenshot_map, taal
):
    secretaris = factories.secretaris()
    ministerie = factories.MinisterieFactory(afkorting="SZW")
    organisaties = [factories.OrganisatieFactory() for _ in range(3)]
    consultatie = gesloten_consultatie(secretaris, ministerie, organisaties)
    dubbel, blijft, _derde = Kernpunt.objects.filter(reactie__consultatie=consultatie)
    # A long text, shortened among the choices.
    Kernpunt.objects.filter(pk=blijft.pk).update(tekst="De gegevenslevering loopt vast. " * 20)

    pagina = ingelogde_pagina(browser, live_server, secretaris, 1280, taal)
    pagina.goto(live_server.url + reverse("consultaties:kernpunten", args=[consultatie.pk]))
    link = pagina.locator(f"#kernpunt-{dubbel.pk} a[href$='/samenvoegen/']")
    link.click()
    pagina.wait_for_url(re.compile(rf"/kernpunten/{dubbel.pk}/samenvoegen/$"))
    assert pagina.locator("h1").inner_text() == (
        "Kernpunt samenvoegen" if taal == "nl" else "Merge key point"
    )
    keuzes = pagina.locator("input[type=radio][name=in_kernpunt]")
    assert keuzes.count() == 2
    pagina.screenshot(path=screenshot_map / f"kernpunt-samenvoegen-{taal}-1280.png")
    # The long text shortened; its whole text unfolds below the choice.
    volledig = pagina.locator(f"li:has(input[value='{blijft.pk}']) details")
    assert not volledig.locator("p").is_visible()
    volledig.locator("summary").click()
    assert volledig.locator("p").is_visible()
    pagina.locator("fieldset").screenshot(
        path=screenshot_map / f"kernpunt-samenvoegen-keuzes-{taal}-1280.png"
    )
    _toegankelijk_en_smal(pagina, screenshot_map, f"kernpunt-samenvoegen-{taal}")

    # No choice: the same page, the error at the choices and in the summary.
    pagina.locator("main button[type=submit]").click()
    pagina.wait_for_load_state()
    fout = pagina.locator("#id_in_kernpunt_fout")
    assert fout.is_visible()
    assert pagina.locator("[role=alert] a[href='#id_in_kernpunt']").is_visible()
    _toegankelijk_en_smal(pagina, screenshot_map, f"kernpunt-samenvoegen-fout-{taal}")

    # The summary's link leads to the first choice; then the one that stays.
    pagina.locator("[role=alert] a[href='#id_in_kernpunt']").click()
    pagina.locator(f"input[value='{blijft.pk}']").check()
    pagina.locator("main button[type=submit]").click()
    pagina.wait_for_url(re.compile(rf"/kernpunten/#kernpunt-{blijft.pk}$"))
    dubbel.refresh_from_db()
    assert dubbel.samengevoegd_in_id == blijft.pk
    assert pagina.locator(f"#kernpunt-{dubbel.pk}").count() == 0
    pagina.context.close()

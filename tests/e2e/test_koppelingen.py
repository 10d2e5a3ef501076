"""The webhooks page in a real browser: create a subscription, see the secret once, receive
an event on a real receiver, read the delivery log; axe and 320 px reflow on each page, in
Dutch and English."""

import pytest
from django.urls import reverse

from koppelingen.models import Abonnement
from reacties import services as reactie_services
from tests.e2e.test_reis import WACHTWOORD, Reis
from tests.koppelingen.conftest import ontvanger  # noqa: F401 (fixture)

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True),
    pytest.mark.filterwarnings("ignore::pytest.PytestUnhandledThreadExceptionWarning"),
]


def test_abonnement_aanmaken_en_berichten_zien(
    browser,
    live_server,
    screenshot_map,
    settings,
    ontvanger,  # noqa: F811
    reactie_a,
    opsteller_a,
):
    settings.WEBHOOKS_INTERNE_ADRESSEN_TOESTAAN = True
    opsteller_a.set_password(WACHTWOORD)
    opsteller_a.save(update_fields=["password"])
    reis = Reis(browser, live_server, screenshot_map, "koppelingen")
    pagina = reis.als(opsteller_a.username)

    pagina.get_by_role("link", name="Koppelingen").click()
    pagina.wait_for_url("**/koppelingen/")
    reis.controleer(pagina, "koppelingen-leeg", "koppelingen")
    pagina.fill("#id_url", ontvanger.url("/zaaksysteem"))
    pagina.fill("#id_omschrijving", "Zaaksysteem UWV")
    pagina.get_by_label("Toets gestart").check()
    pagina.get_by_role("button", name="Abonnement aanmaken").click()
    pagina.wait_for_url("**/koppelingen/*/")
    abonnement = Abonnement.objects.get()
    assert pagina.input_value("#geheim") == abonnement.geheim
    reis.controleer(pagina, "koppeling-geheim", "koppeling")

    reactie_services.reactie_starten(reactie=reactie_a, actor=opsteller_a)
    assert ontvanger.soorten("/zaaksysteem") == ["reactie.gestart"]
    pagina.reload()
    assert pagina.locator("#geheim").count() == 0
    assert pagina.get_by_text("afgeleverd", exact=True).is_visible()
    reis.controleer(pagina, "koppeling-berichten", "koppeling-berichten")

    pagina.goto(live_server.url + reverse("koppelingen:lijst"))
    reis.controleer(pagina, "koppelingen-lijst", "koppelingen-lijst")

    engels = reis.als(opsteller_a.username)
    engels.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    engels.goto(live_server.url + reverse("koppelingen:detail", args=[abonnement.pk]))
    assert engels.get_by_role("heading", name="Recent messages").is_visible()
    reis.controleer(engels, "koppeling-en", "koppeling-en")
    engels.goto(live_server.url + reverse("koppelingen:lijst"))
    assert engels.get_by_role("heading", name="New subscription").is_visible()
    reis.controleer(engels, "koppelingen-en", "koppelingen-en")

    pagina.goto(live_server.url + reverse("koppelingen:detail", args=[abonnement.pk]))
    pagina.get_by_role("button", name="Abonnement verwijderen").click()
    pagina.wait_for_url("**/koppelingen/")
    assert not Abonnement.objects.exists()
    assert not reis.te_breed, "Breder dan 320 px:\n" + "\n".join(reis.te_breed)

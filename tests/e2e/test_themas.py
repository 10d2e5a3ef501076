"""Themes in a real browser: the secretaris tags a kernpunt on the consultation page,
merges a near-duplicate, reads the theme page and the bottleneck report; an organisation
reads the theme page. axe-core and 320 px reflow on every page type, in Dutch and English."""

import re

import pytest
from django.urls import reverse

from tests import factories
from tests.e2e.test_reis import WACHTWOORD, Reis
from tests.themas.conftest import bzk, bzk_gebruiker, netwerk  # noqa: F401 (fixtures)
from themas import services
from themas.models import Getagd, Thema

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True),
    pytest.mark.filterwarnings("ignore::pytest.PytestUnhandledThreadExceptionWarning"),
]


def _wachtwoord(gebruiker):
    gebruiker.set_password(WACHTWOORD)
    gebruiker.save(update_fields=["password"])
    return gebruiker


def test_themas_in_de_browser(browser, live_server, screenshot_map, netwerk, secretaris):  # noqa: F811
    _wachtwoord(secretaris)
    dubbel = services.thema_voor_naam("ict systemen")
    reis = Reis(browser, live_server, screenshot_map, "themas")
    sec = reis.als("secretaris")

    kernpunt = netwerk["k2_uwv"]
    # From the consultation page's summary to its kernpunten page.
    reis.ga_naar(sec, reverse("consultaties:detail", args=[netwerk["c2"].pk]), "themas-consultatie")
    sec.click("text=Alle kernpunten bekijken, bundelen en thema's geven")
    sec.wait_for_url(re.compile(r"/kernpunten/$"))
    reis.controleer(sec, "themas-kernpunten", "kernpunten-secretaris")
    sec.fill(f"#themas-{kernpunt.pk}", "ICT-systemen, Gegevenslevering")
    sec.click(f"#kernpunt-{kernpunt.pk} button:has-text('Thema')")
    sec.wait_for_url(re.compile(rf"#kernpunt-{kernpunt.pk}$"))
    assert "De thema's van het kernpunt zijn opgeslagen." in sec.content()
    assert sorted(
        Getagd.objects.filter(content_object=kernpunt).values_list("tag__name", flat=True)
    ) == ["Gegevenslevering", "ICT-systemen"]

    reis.ga_naar(sec, reverse("themas:lijst"), "themas-lijst")
    assert "Mogelijk dubbele thema" in sec.content()
    ict = Thema.objects.get(name="ICT-systemen")
    sec.click(f"form[action='{reverse('themas:samenvoegen', args=[dubbel.pk])}'] button")
    sec.wait_for_url(re.compile(rf"/themas/{ict.pk}/$"))
    assert not Thema.objects.filter(pk=dubbel.pk).exists()
    reis.controleer(sec, "themas-detail")
    reis.ga_naar(sec, reverse("themas:knelpunten"), "themas-knelpunten")
    assert "ICT-systemen" in sec.content()

    # The same pages in English.
    sec.context.add_cookies([{"name": "django_language", "value": "en", "url": reis.url}])
    reis.ga_naar(sec, reverse("themas:lijst"), "themas-lijst-en", "themas-lijst-en")
    assert "Themes" in sec.content()
    reis.ga_naar(
        sec, reverse("themas:detail", args=[ict.pk]), "themas-detail-en", "themas-detail-en"
    )
    reis.ga_naar(sec, reverse("themas:knelpunten"), "themas-knelpunten-en", "themas-knelpunten-en")
    reis.ga_naar(
        sec,
        reverse("consultaties:kernpunten", args=[netwerk["c2"].pk]),
        "themas-kernpunten-en",
        "kernpunten-secretaris-en",
    )
    assert "Key points" in sec.content()

    lbio = _wachtwoord(factories.opsteller(netwerk["lbio"], username="lbio-lezer"))
    org = reis.als(lbio.username)
    reis.ga_naar(org, reverse("themas:detail", args=[ict.pk]), "themas-detail-organisatie")
    assert "GEHEIM" not in org.content() and "Ministerie van BZK" not in org.content()

    assert not reis.te_breed, "Breder dan 320 px:\n" + "\n".join(reis.te_breed)

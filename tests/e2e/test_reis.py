"""The whole journey in a real browser, with axe-core on every page type.

Secretaris creates and opens a consultation (invite a whole network in one click); two
organisations draft, send for approval and submit (four-eyes: the opsteller sends, the
accordeerder submits); a third declines; the secretaris accepts both and closes; another
organisation endorses a kernpunt. Generating and sending the paper and the ministry's
download belong to the rapporten pages and are not part of this branch yet.
"""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse

from consultaties.models import Consultatie
from consultaties.models import Status as ConsultatieStatus
from organisaties.models import Netwerk
from reacties.models import Dimensie, Reactie, Status
from tests import factories

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True),
    # On SQLite the test database lives in memory and is shared with the live server's
    # request threads; Django's server then tries to close that shared connection after
    # a request and warns from the thread. Harmless (the close is ignored); on PostgreSQL
    # it does not occur.
    pytest.mark.filterwarnings("ignore::pytest.PytestUnhandledThreadExceptionWarning"),
]

WACHTWOORD = "geheim-wachtwoord-123"
AXE = Axe()


class Reis:
    """One browser tab per user; every step is screenshotted and checked with axe."""

    def __init__(self, browser, live_server, map_):
        self.browser = browser
        self.url = live_server.url
        self.map = map_
        self.stap = 0
        self.gecontroleerd = set()
        self.csp_schendingen = []

    def als(self, username):
        context = self.browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
        pagina = context.new_page()
        # Every page runs under the production CSP: anything it blocks is a defect.
        pagina.on(
            "console",
            lambda bericht: (
                "Content Security Policy" in bericht.text
                and self.csp_schendingen.append(f"{pagina.url}: {bericht.text}")
            ),
        )
        pagina.goto(self.url + reverse("login"))
        self.controleer(pagina, "inloggen")
        pagina.fill("#id_username", username)
        pagina.fill("#id_password", WACHTWOORD)
        pagina.click("main button[type=submit]")
        pagina.wait_for_url(re.compile(r"^(?!.*login).*$"))
        return pagina

    def controleer(self, pagina, naam, paginatype=None):
        """Screenshot the step and, once per page type, assert zero axe violations."""
        self.stap += 1
        assert not self.csp_schendingen, "\n".join(self.csp_schendingen)
        pagina.screenshot(path=self.map / f"{self.stap:02d}-{naam}.png", full_page=True)
        paginatype = paginatype or naam
        if paginatype in self.gecontroleerd:
            return
        self.gecontroleerd.add(paginatype)
        resultaat = AXE.run(pagina)
        assert resultaat.violations_count == 0, (
            f"axe-core op '{paginatype}' ({pagina.url}):\n{resultaat.generate_report()}"
        )

    def ga_naar(self, pagina, pad, naam, paginatype=None):
        response = pagina.goto(self.url + pad)
        assert response.status < 400, f"{pad}: HTTP {response.status}"
        self.controleer(pagina, naam, paginatype)


def _melding(pagina):
    return pagina.locator(".tk-meldingen").inner_text()


def _actie(pagina, label, toelichting=None):
    """Press an action button; actions with a comment sit in a <details> form."""
    if toelichting is None:
        pagina.get_by_role("button", name=label, exact=True).first.click()
        return
    pagina.locator("summary", has_text=label).click()
    formulier = pagina.locator("details[open] form")
    formulier.locator("textarea[name=toelichting]").fill(toelichting)
    formulier.get_by_role("button", name=label, exact=True).click()


def _stel_reactie_op(reis, pagina, reactie, kernpunt=None):
    reis.ga_naar(
        pagina, reverse("reacties:detail", args=[reactie.pk]), "reactie-uitgenodigd", "reactie"
    )
    _actie(pagina, "Beginnen met opstellen")
    pagina.wait_for_url(re.compile(r"/bewerken/$"))
    reis.controleer(pagina, "reactie-formulier-leeg", "reactie-formulier")
    pagina.select_option("#id_eindoordeel", "uitvoerbaar_onder_voorwaarden")
    pagina.fill(
        "#id_kernboodschap",
        f"{reactie.organisatie.afkorting}: uitvoerbaar mits de termijn 18 maanden is.",
    )
    pagina.fill("#id_voorwaarden", "Tijdige levering van gegevens door de keten.")
    for d in Dimensie:
        pagina.select_option(
            f"#id_gevolgen_{d.value}", "middelgroot" if d == Dimensie.ICT else "beperkt"
        )
        pagina.fill(f"#id_toelichting_{d.value}", f"Toelichting op {d.label.lower()}.")
    pagina.select_option("#id_risico_procesverstoringen", "gemiddeld")
    pagina.fill("#id_fte_incidenteel", "4,5")
    pagina.select_option("#id_kosten-0-categorie", "automatisering")
    pagina.select_option("#id_kosten-0-soort", "incidenteel")
    pagina.fill("#id_kosten-0-bedrag", "1250000")
    pagina.check("input[name=levensgebeurtenissen][value=verhuizen]")
    pagina.fill("#id_ondertekenaar_naam", "J. Jansen")
    pagina.click("#reactie-formulier button[type=submit]")
    pagina.locator("[data-opslagstatus], .tk-meldingen").first.wait_for()
    # A locator wait, not wait_for_function: our CSP rightly forbids eval in the page.
    pagina.get_by_text("pgeslagen om").first.wait_for()
    reis.controleer(pagina, "reactie-opgeslagen")
    if kernpunt:
        pagina.select_option("#id_dimensie", "ict")
        pagina.fill("#id_tekst", kernpunt)
        pagina.click("text=Kernpunt toevoegen >> xpath=ancestor-or-self::button")
        assert "kernpunt is toegevoegd" in _melding(pagina)
    reis.ga_naar(pagina, reverse("reacties:detail", args=[reactie.pk]), "reactie-klaar")
    _actie(pagina, "Ter accordering aanbieden", toelichting="Graag accorderen.")
    assert "ter accordering aangeboden" in _melding(pagina)
    reis.controleer(pagina, "reactie-ter-accordering")


def test_de_hele_reis_door_de_browser(browser, live_server, screenshot_map):
    reis = Reis(browser, live_server, screenshot_map)
    secretaris = factories.secretaris()
    secretaris.set_password(WACHTWOORD)
    secretaris.save()
    ministerie = factories.MinisterieFactory(afkorting="SZW", naam="Ministerie van SZW")
    factories.ministerie_medewerker(ministerie)
    uwv, svb, duo = (
        factories.OrganisatieFactory(afkorting=a, naam=n, netwerk=Netwerk.MANIFESTGROEP)
        for a, n in (("UWV", "UWV"), ("SVB", "Sociale Verzekeringsbank"), ("DUO", "DUO"))
    )
    factories.OrganisatieFactory(afkorting="LBIO", naam="LBIO", netwerk=Netwerk.KLEINLEF)
    for org in (uwv, svb, duo):
        factories.opsteller(org)
        factories.accordeerder(org)

    # --- keyboard: the first Tab stop is the skip link, and it becomes visible --------
    gast = browser.new_page(locale="nl-NL")
    gast.goto(live_server.url + reverse("login"))
    gast.keyboard.press("Tab")
    skiplink = gast.locator(":focus")
    assert skiplink.inner_text() == "Direct naar de inhoud"
    assert skiplink.is_visible()
    gast.keyboard.press("Enter")
    assert gast.url.endswith("#inhoud")
    gast.close()

    # --- secretaris: create, upload, invite a whole network, open -------------------
    sec = reis.als("secretaris")
    reis.controleer(sec, "secretaris-dashboard-leeg", "dashboard-secretaris")
    reis.ga_naar(
        sec, reverse("consultaties:aanmaken"), "consultatie-nieuw", "consultatie-formulier"
    )
    sec.click("form.tk-formulier button[type=submit]")
    reis.controleer(sec, "consultatie-formulier-fouten", "consultatie-formulier-fouten")
    assert sec.locator("#id_titel_fout").is_visible()
    sec.fill("#id_titel", "Wet eenvoudiger inkomensondersteuning")
    sec.fill("#id_samenvatting", "Eén regeling in plaats van vier toeslagen.")
    sec.select_option("#id_instrument", "wetsvoorstel")
    sec.select_option("#id_ministerie", str(ministerie.pk))
    sec.fill("#id_termijn", "2031-03-01T12:00")
    sec.fill("#id_vragen", "Welke invoeringstermijn is haalbaar?")
    sec.click("form.tk-formulier button[type=submit]")
    assert "is aangemaakt" in _melding(sec)
    consultatie = Consultatie.objects.get(titel="Wet eenvoudiger inkomensondersteuning")
    reis.controleer(sec, "consultatie-concept", "consultatie-detail")

    reis.ga_naar(
        sec, reverse("consultaties:document", args=[consultatie.pk]), "document", "document"
    )
    sec.set_input_files(
        "#id_bestand",
        files=[
            {"name": "concept.pdf", "mimeType": "application/pdf", "buffer": factories.PDF_BYTES}
        ],
    )
    sec.click("form.tk-formulier button[type=submit]")
    assert "is toegevoegd" in _melding(sec)

    reis.ga_naar(sec, reverse("consultaties:uitnodigen", args=[consultatie.pk]), "uitnodigen")
    sec.get_by_role("button", name="Heel Manifestgroep uitnodigen").click()
    assert "Uitgenodigd: DUO, SVB, UWV." in _melding(sec)
    reis.controleer(sec, "consultatie-uitgenodigd")
    _actie(sec, "Openstellen en uitnodigingen versturen")
    assert "is opengesteld" in _melding(sec)
    reis.controleer(sec, "consultatie-open")
    consultatie.refresh_from_db()
    assert consultatie.status == ConsultatieStatus.OPEN
    reis.ga_naar(
        sec, reverse("consultaties:termijn", args=[consultatie.pk]), "termijn-verlengen", "termijn"
    )
    reis.ga_naar(sec, reverse("consultaties:lijst") + "?status=open", "consultaties-lijst", "lijst")

    reactie = {
        org.afkorting: Reactie.objects.get(consultatie=consultatie, organisatie=org)
        for org in (uwv, svb, duo)
    }

    # --- two organisations draft, send for approval, approve and submit -------------
    for afkorting, kernpunt in (
        ("UWV", "Gegevenslevering door de Belastingdienst is te laat."),
        ("SVB", None),
    ):
        opsteller = reis.als(f"{afkorting.lower()}-opsteller")
        reis.controleer(opsteller, f"{afkorting}-inbox", "dashboard-organisatie")
        _stel_reactie_op(reis, opsteller, reactie[afkorting], kernpunt)
        # Four-eyes: the opsteller sees no submit button.
        assert opsteller.get_by_role("button", name="Accorderen en indienen").count() == 0
        opsteller.context.close()

        accordeerder = reis.als(f"{afkorting.lower()}-accordeerder")
        reis.ga_naar(
            accordeerder,
            reverse("reacties:detail", args=[reactie[afkorting].pk]),
            f"{afkorting}-accorderen",
            "reactie",
        )
        _actie(accordeerder, "Accorderen en indienen", toelichting="Akkoord, namens de directie.")
        assert "ingediend bij het secretariaat" in _melding(accordeerder)
        reis.controleer(accordeerder, f"{afkorting}-ingediend")
        accordeerder.context.close()

    # --- the third declines with a reason ------------------------------------------
    duo_acc = reis.als("duo-accordeerder")
    reis.ga_naar(
        duo_acc, reverse("reacties:detail", args=[reactie["DUO"].pk]), "DUO-reactie", "reactie"
    )
    _actie(duo_acc, "Afzien van een reactie", toelichting="Het voorstel raakt onze taken niet.")
    assert "ziet af van een reactie" in _melding(duo_acc)
    reis.controleer(duo_acc, "DUO-afgezien")
    duo_acc.context.close()

    # --- secretaris accepts both and closes ---------------------------------------
    reis.ga_naar(
        sec,
        reverse("consultaties:detail", args=[consultatie.pk]),
        "consultatie-ingediend",
        "consultatie-detail",
    )
    # A second tab with the same, soon stale, page: its button must fail clearly (409).
    oud_tabblad = sec.context.new_page()
    oud_tabblad.goto(sec.url)
    sec.get_by_role("button", name="Accepteren – UWV").click()
    assert "geaccepteerd" in _melding(sec)
    with oud_tabblad.expect_response(lambda r: r.request.method == "POST") as antwoord:
        oud_tabblad.get_by_role("button", name="Accepteren – UWV").click()
    assert antwoord.value.status == 409
    assert "niet mogelijk in de status" in _melding(oud_tabblad)
    reis.controleer(oud_tabblad, "verouderde-knop-409", "conflict")
    oud_tabblad.close()
    reis.ga_naar(
        sec, reverse("reacties:detail", args=[reactie["SVB"].pk]), "SVB-beoordelen", "reactie"
    )
    _actie(sec, "Accepteren", toelichting="Compleet.")
    assert "geaccepteerd" in _melding(sec)
    reis.ga_naar(
        sec, reverse("consultaties:detail", args=[consultatie.pk]), "consultatie-geaccepteerd"
    )
    _actie(sec, "Sluiten", toelichting="Termijn voorbij; twee reacties, één afgezien.")
    assert "is gesloten" in _melding(sec)
    reis.controleer(sec, "consultatie-gesloten")
    reis.ga_naar(
        sec, reverse("consultaties:dashboard"), "secretaris-dashboard", "dashboard-secretaris"
    )

    # --- another organisation endorses a kernpunt once closed ----------------------
    svb = reis.als("svb-opsteller")
    reis.ga_naar(
        svb,
        reverse("consultaties:detail", args=[consultatie.pk]),
        "SVB-kernpunten",
        "consultatie-detail-organisatie",
    )
    svb.locator(".tk-kernpunten button").first.click()
    assert "onderschrijft dit kernpunt" in _melding(svb)
    reis.controleer(svb, "SVB-onderschreven")
    reis.ga_naar(svb, reverse("password_change"), "wachtwoord-wijzigen")
    svb.context.close()

    # --- the ministry sees the consultation (papers come with the rapporten pages) --
    ministerie_pagina = reis.als("szw-ministerie")
    reis.controleer(ministerie_pagina, "ministerie-dashboard", "dashboard-ministerie")

    consultatie.refresh_from_db()
    assert consultatie.status == ConsultatieStatus.GESLOTEN
    statussen = {a: Reactie.objects.get(pk=r.pk).status for a, r in reactie.items()}
    assert statussen == {
        "UWV": Status.GEACCEPTEERD,
        "SVB": Status.GEACCEPTEERD,
        "DUO": Status.AFGEZIEN,
    }

"""The journey in a real browser, per role, with axe-core on every page type and the
320-px reflow check. Each test builds what came before its role through the services, so
each runs on its own.

- secretaris: creates and opens a consultation (invite a whole network in one click),
  sees workload and backlog, grants an organisation's extension request;
- organisations: one asks for an extension; two draft, send for approval and submit
  (four-eyes: the opsteller sends, the accordeerder submits); a third declines; once
  closed, another organisation endorses a kernpunt;
- secretaris: accepts (a stale second tab gets a clear 409) and closes; composes the joint
  paper, which is generated in the background (the test holds the job back, then plays the
  worker and watches htmx update the progress), makes it definitief and sends it; once the
  ministry has recorded its verwerking, completes the consultation; insights and a failed
  e-mail retried by hand;
- ministry: downloads the paper (the sha256 on the page is that of the file),
  acknowledges receipt, records the verwerking of every kernpunt and sets up a second
  factor.
"""

import hashlib
import re
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from django.utils import timezone

from consultaties import services as consultatie_services
from consultaties.models import Consultatie
from consultaties.models import Status as ConsultatieStatus
from notificaties.models import Email, EmailStatus
from organisaties.models import Netwerk
from rapporten import services as rapport_services
from rapporten.models import Rapport
from rapporten.models import Status as RapportStatus
from reacties import services as reactie_services
from reacties.models import Dimensie, Reactie, Status
from termijnen import services as termijn_services
from termijnen.models import Verlengingsverzoek, VerzoekStatus
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
#: Page types axe and the reflow check have seen in this run: each is checked once, by
#: whichever test reaches it first (every test alone still checks all of its own).
GECONTROLEERD: set[str] = set()


class Reis:
    """One browser tab per user; every step is screenshotted and checked with axe."""

    def __init__(self, browser, live_server, map_, rol):
        self.browser = browser
        self.rol = rol
        self.url = live_server.url
        self.map = map_
        self.stap = 0
        self.csp_schendingen = []
        self.te_breed = []

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
        pagina.screenshot(path=self.map / f"{self.rol}-{self.stap:02d}-{naam}.png", full_page=True)
        paginatype = paginatype or naam
        if paginatype in GECONTROLEERD:
            return
        GECONTROLEERD.add(paginatype)
        resultaat = AXE.run(pagina)
        assert resultaat.violations_count == 0, (
            f"axe-core op '{paginatype}' ({pagina.url}):\n{resultaat.generate_report()}"
        )
        self.controleer_reflow(pagina, naam)

    def controleer_reflow(self, pagina, naam):
        """WCAG 1.4.10: at 320 CSS px (a phone, or 400 % zoom) nothing scrolls sideways;
        a wide table may scroll inside its own region."""
        grootte = pagina.viewport_size
        pagina.set_viewport_size({"width": 320, "height": 640})
        try:
            breedte = pagina.evaluate("document.documentElement.scrollWidth")
            if breedte > 320:
                pagina.screenshot(
                    path=self.map / f"{self.rol}-{self.stap:02d}-{naam}-320.png", full_page=True
                )
                self.te_breed.append(f"{naam} ({pagina.url}): {breedte} px")
        finally:
            pagina.set_viewport_size(grootte)

    def klaar(self):
        """Every page type of this test reflows at 320 px; listed together so one run
        shows them all."""
        assert not self.te_breed, "Breder dan 320 px:\n" + "\n".join(self.te_breed)

    def ga_naar(self, pagina, pad, naam, paginatype=None):
        response = pagina.goto(self.url + pad)
        assert response.status < 400, f"{pad}: HTTP {response.status}"
        self.controleer(pagina, naam, paginatype)


def _totp(sleutel_base32):
    """The current code of an authenticator app for this key (RFC 6238, as django-otp)."""
    from base64 import b32decode

    from django_otp.oath import totp

    return f"{totp(b32decode(sleutel_base32)):06d}"


def _over_dagen(dagen: int) -> str:
    """A date-time field value this many days ahead (termijnen lie within three years)."""
    return (
        (timezone.localtime() + timedelta(days=dagen))
        .replace(hour=12, minute=0)
        .strftime("%Y-%m-%dT%H:%M")
    )


def _datum(dagen: int) -> str:
    return (timezone.localdate() + timedelta(days=dagen)).isoformat()


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


def _bevestig(reis, pagina, naam):
    """The confirmation step of an irreversible action: a page of its own (no JavaScript
    needed), checked like every page, then "Ja, …" carries the action out."""
    pagina.get_by_role("heading", name=re.compile("weet u het zeker")).wait_for()
    reis.controleer(pagina, naam, "bevestigen")
    pagina.get_by_role("button", name=re.compile("^Ja, ")).click()


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
    pagina.get_by_role("button", name="Concept opslaan").click()
    pagina.locator("[data-opslagstatus], .tk-meldingen").first.wait_for()
    # A locator wait, not wait_for_function: our CSP rightly forbids eval in the page.
    pagina.get_by_text("pgeslagen om").first.wait_for()
    reis.controleer(pagina, "reactie-opgeslagen")
    if kernpunt:
        # Typed but not saved: adding a kernpunt must keep it (issue 15).
        pagina.fill("#id_ondertekenaar_functie", "Directeur Uitvoering")
        # Autosave (external script, strict CSP) saves it under the version rule.
        pagina.get_by_text("Automatisch opgeslagen om").wait_for()
        reactie.refresh_from_db()
        assert reactie.ondertekenaar_functie == "Directeur Uitvoering"
        pagina.fill("#id_ondertekenaar_functie", "Directeur Uitvoering en Handhaving")
        pagina.select_option("#id_kernpunt-dimensie", "ict")
        pagina.fill("#id_kernpunt-tekst", kernpunt)
        pagina.get_by_role("button", name="Kernpunt toevoegen").click()
        pagina.get_by_text("kernpunt is toegevoegd").wait_for()
        assert "kernpunt is toegevoegd" in _melding(pagina)
        functie = "Directeur Uitvoering en Handhaving"
        assert pagina.input_value("#id_ondertekenaar_functie") == functie
        reactie.refresh_from_db()
        assert reactie.ondertekenaar_functie == functie
    reis.ga_naar(pagina, reverse("reacties:detail", args=[reactie.pk]), "reactie-klaar")
    _actie(pagina, "Ter accordering aanbieden", toelichting="Graag accorderen.")
    assert "ter accordering aangeboden" in _melding(pagina)
    reis.controleer(pagina, "reactie-ter-accordering")


# --- what came before a role, built through the services ----------------------------


class Cast:
    """The cast: the secretaris, SZW and its employee, UWV, SVB and DUO (Manifestgroep,
    each with an opsteller and an accordeerder) and LBIO (KleinLef)."""

    def __init__(self):
        self.secretaris = factories.secretaris()
        self.secretaris.set_password(WACHTWOORD)
        self.secretaris.save()
        self.ministerie = factories.MinisterieFactory(afkorting="SZW", naam="Ministerie van SZW")
        self.ministerie_gebruiker = factories.ministerie_medewerker(self.ministerie)
        self.org = {
            a: factories.OrganisatieFactory(afkorting=a, naam=n, netwerk=Netwerk.MANIFESTGROEP)
            for a, n in (("UWV", "UWV"), ("SVB", "Sociale Verzekeringsbank"), ("DUO", "DUO"))
        }
        factories.OrganisatieFactory(afkorting="LBIO", naam="LBIO", netwerk=Netwerk.KLEINLEF)
        self.opsteller = {a: factories.opsteller(o) for a, o in self.org.items()}
        self.accordeerder = {a: factories.accordeerder(o) for a, o in self.org.items()}

    def open_consultatie(self):
        consultatie = factories.consultatie(
            secretaris_gebruiker=self.secretaris,
            ministerie=self.ministerie,
            organisaties=list(self.org.values()),
            termijn=timezone.now() + timedelta(days=90),
            open=True,
            titel="Wet eenvoudiger inkomensondersteuning",
        )
        reacties = {
            a: Reactie.objects.get(consultatie=consultatie, organisatie=o)
            for a, o in self.org.items()
        }
        return consultatie, reacties

    def ingediend(self, reactie, afkorting, kernpunt):
        opsteller = self.opsteller[afkorting]
        reactie = reactie_services.reactie_starten(reactie=reactie, actor=opsteller)
        # What the organisations' test types in the form, so every insights table has data.
        inhoud = factories.volledige_inhoud(
            kosten=[{"categorie": "automatisering", "soort": "incidenteel", "bedrag": 1250000}]
        )
        inhoud["velden"] |= {
            "fte_incidenteel": Decimal("4.5"),
            "levensgebeurtenissen": ["verhuizen"],
        }
        reactie = reactie_services.reactie_bijwerken(
            reactie=reactie, actor=opsteller, versie=reactie.versie, **inhoud
        )
        reactie_services.kernpunt_toevoegen(
            reactie=reactie, actor=opsteller, dimensie="ict", tekst=kernpunt
        )
        reactie = Reactie.objects.get(pk=reactie.pk)
        reactie = reactie_services.reactie_ter_accordering(reactie=reactie, actor=opsteller)
        return reactie_services.reactie_indienen(
            reactie=reactie, actor=self.accordeerder[afkorting]
        )

    def consultatie_met_reacties(self):
        """UWV and SVB submitted (each with a kernpunt), DUO declined."""
        consultatie, reacties = self.open_consultatie()
        for afkorting in ("UWV", "SVB"):
            reacties[afkorting] = self.ingediend(
                reacties[afkorting], afkorting, f"Kernpunt van {afkorting}: de termijn is kort."
            )
        reactie_services.reactie_afzien(
            reactie=reacties["DUO"],
            actor=self.accordeerder["DUO"],
            toelichting="Het voorstel raakt onze taken niet.",
        )
        return consultatie, reacties

    def verzonden_paper(self):
        consultatie, reacties = self.consultatie_met_reacties()
        for afkorting in ("UWV", "SVB"):
            reactie_services.reactie_accepteren(reactie=reacties[afkorting], actor=self.secretaris)
        consultatie = consultatie_services.consultatie_sluiten(
            consultatie=consultatie, actor=self.secretaris
        )
        rapport = rapport_services.rapport_aanmaken(
            consultatie=consultatie,
            actor=self.secretaris,
            op_achtergrond=False,
            bestuurlijke_samenvatting="Het netwerk acht de wet uitvoerbaar.",
        )
        rapport = rapport_services.rapport_pdf_genereren(rapport_id=rapport.pk)
        rapport = rapport_services.rapport_definitief_maken(rapport=rapport, actor=self.secretaris)
        return consultatie, rapport_services.rapport_verzenden(
            rapport=rapport, actor=self.secretaris
        )


def test_toetsenbord_de_eerste_tabstop_is_de_skiplink(browser, live_server):
    gast = browser.new_page(locale="nl-NL")
    gast.goto(live_server.url + reverse("login"))
    gast.keyboard.press("Tab")
    skiplink = gast.locator(":focus")
    assert skiplink.inner_text() == "Direct naar de inhoud"
    assert skiplink.is_visible()
    gast.keyboard.press("Enter")
    gast.wait_for_url("**#inhoud")  # following the link is not instant on a busy machine
    gast.close()


def test_secretaris_stelt_open_en_kent_een_verlenging_toe(browser, live_server, screenshot_map):
    reis = Reis(browser, live_server, screenshot_map, "secretaris-openstellen")
    netwerk = Cast()
    ministerie = netwerk.ministerie

    # --- create, upload, invite a whole network, open -------------------------------
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
    sec.fill("#id_termijn", _over_dagen(90))
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
    _bevestig(reis, sec, "openstellen-bevestigen")
    assert "is opengesteld" in _melding(sec)
    reis.controleer(sec, "consultatie-open")
    consultatie.refresh_from_db()
    assert consultatie.status == ConsultatieStatus.OPEN
    reis.ga_naar(
        sec, reverse("consultaties:termijn", args=[consultatie.pk]), "termijn-verlengen", "termijn"
    )
    reis.ga_naar(sec, reverse("consultaties:lijst") + "?status=open", "consultaties-lijst", "lijst")

    # --- workload per organisation and who is behind --------------------------------
    reis.ga_naar(sec, reverse("notificaties:werklast"), "werklast-overzicht", "werklast-secretaris")
    reis.ga_naar(sec, reverse("notificaties:achterstand"), "achterstand")
    assert sec.get_by_role("link", name="UWV").count() == 1
    sec.select_option("#id_status", "uitgenodigd")
    sec.select_option("#id_sorteer", "organisatie")
    sec.get_by_role("button", name="Toepassen").click()
    assert "status=uitgenodigd" in sec.url
    reis.controleer(sec, "achterstand-gefilterd")

    # --- UWV asked for an extension (the organisations' test does that in the browser);
    # the secretaris grants it from the list of requests ------------------------------
    uwv = Reactie.objects.get(consultatie=consultatie, organisatie=netwerk.org["UWV"])
    termijn_services.verlenging_aanvragen(
        reactie=uwv,
        actor=netwerk.opsteller["UWV"],
        reden="De ICT-impactanalyse van onze leverancier duurt langer.",
        gewenste_termijn=timezone.now() + timedelta(days=120),
    )
    reis.ga_naar(sec, reverse("notificaties:verlengingen"), "verlengingen")
    sec.get_by_role("link", name=re.compile("^Bekijken")).click()
    reis.controleer(sec, "verlenging-beslissen", "verlenging-secretaris")
    sec.get_by_role("button", name="Verlenging toekennen").click()
    assert "verlenging is toegekend" in _melding(sec)
    reis.controleer(sec, "verlenging-toegekend")
    verzoek = Verlengingsverzoek.objects.get()
    assert verzoek.status == VerzoekStatus.TOEGEKEND
    uwv.refresh_from_db()
    assert uwv.termijn_verlengd_tot is not None
    reis.klaar()


def test_organisaties_vragen_verlenging_stellen_op_accorderen_en_onderschrijven(
    browser, live_server, screenshot_map
):
    reis = Reis(browser, live_server, screenshot_map, "organisaties")
    netwerk = Cast()
    consultatie, reactie = netwerk.open_consultatie()

    # --- UWV sees its workload and calendar link and asks for an extension ----------
    uwv_opsteller = reis.als("uwv-opsteller")
    reis.ga_naar(uwv_opsteller, reverse("notificaties:agenda"), "UWV-agenda", "agenda")
    feed = uwv_opsteller.request.get(uwv_opsteller.input_value("#feed-url"))
    assert feed.ok and "BEGIN:VCALENDAR" in feed.text()
    assert consultatie.titel in feed.text().replace("\r\n ", "")
    reis.ga_naar(uwv_opsteller, reverse("notificaties:werklast"), "UWV-werklast", "werklast")
    uwv_opsteller.get_by_role("link", name="Verlenging aanvragen").click()
    reis.controleer(uwv_opsteller, "UWV-verlenging-aanvragen", "verlenging-aanvragen")
    uwv_opsteller.get_by_role("button", name="Verzoek versturen").click()
    reis.controleer(uwv_opsteller, "UWV-verlenging-fouten", "verlenging-aanvragen-fouten")
    assert not Verlengingsverzoek.objects.exists()
    uwv_opsteller.fill("#id_reden", "De ICT-impactanalyse van onze leverancier duurt langer.")
    uwv_opsteller.fill("#id_gewenste_termijn", _over_dagen(120))
    uwv_opsteller.get_by_role("button", name="Verzoek versturen").click()
    assert "naar het secretariaat gestuurd" in _melding(uwv_opsteller)
    reis.controleer(uwv_opsteller, "UWV-verlenging-aangevraagd", "verlenging-organisatie")
    uwv_opsteller.context.close()
    verzoek = Verlengingsverzoek.objects.get()
    assert verzoek.reactie_id == reactie["UWV"].pk
    # The secretaris grants it (the secretaris's test does that in the browser).
    termijn_services.verlenging_toekennen(
        verzoek=verzoek, actor=netwerk.secretaris, termijn=verzoek.gewenste_termijn
    )

    # --- two organisations draft, send for approval, approve and submit -------------
    for afkorting, kernpunt in (
        ("UWV", "Gegevenslevering door de Belastingdienst is te laat."),
        ("SVB", "De overgangstermijn is te kort voor het herberekenen van lopende rechten."),
    ):
        opsteller = reis.als(f"{afkorting.lower()}-opsteller")
        reis.controleer(opsteller, f"{afkorting}-inbox", "dashboard-organisatie")
        if afkorting == "UWV":
            reis.ga_naar(
                opsteller, reverse("notificaties:lijst"), "UWV-notificaties", "notificaties"
            )
            assert "Verlenging" in opsteller.locator("main").inner_text()
            opsteller.get_by_role("link", name="Instellen wanneer u e-mail krijgt").click()
            reis.controleer(opsteller, "UWV-instellingen-email", "meldingsinstellingen")
            opsteller.get_by_label("Eén keer per dag een overzicht per e-mail").check()
            opsteller.get_by_role("button", name="Opslaan").click()
            assert "instelling is opgeslagen" in _melding(opsteller)
        _stel_reactie_op(reis, opsteller, reactie[afkorting], kernpunt)
        # Four-eyes: the opsteller sees no submit button.
        assert opsteller.get_by_role("button", name="Accorderen en indienen").count() == 0
        opsteller.context.close()

        accordeerder = reis.als(f"{afkorting.lower()}-accordeerder")
        # What waits for the board member's sign-off comes first on the dashboard.
        assert accordeerder.get_by_role("heading", name=re.compile("Wacht op uw akkoord")).count()
        reis.controleer(accordeerder, f"{afkorting}-wacht-op-akkoord", "dashboard-accordeerder")
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

    statussen = {a: Reactie.objects.get(pk=r.pk).status for a, r in reactie.items()}
    assert statussen == {"UWV": Status.INGEDIEND, "SVB": Status.INGEDIEND, "DUO": Status.AFGEZIEN}

    # --- the secretaris accepts both and closes; SVB endorses UWV's kernpunt ---------
    for afkorting in ("UWV", "SVB"):
        reactie_services.reactie_accepteren(
            reactie=Reactie.objects.get(pk=reactie[afkorting].pk), actor=netwerk.secretaris
        )
    consultatie_services.consultatie_sluiten(consultatie=consultatie, actor=netwerk.secretaris)
    svb = reis.als("svb-opsteller")
    reis.ga_naar(
        svb,
        reverse("consultaties:detail", args=[consultatie.pk]),
        "SVB-kernpunten",
        "consultatie-detail-organisatie",
    )
    # The consultation page counts the kernpunten; they are endorsed on their own page.
    assert re.search(r"\d+ kernpunten? van \d+ organisaties?\.", svb.content())
    svb.click("text=Alle kernpunten bekijken en onderschrijven")
    svb.wait_for_url(re.compile(r"/kernpunten/$"))
    reis.controleer(svb, "SVB-kernpuntenpagina", "kernpunten-organisatie")
    svb.locator(".tk-kernpunten button").first.click()
    svb.wait_for_url(re.compile(r"/kernpunten/#kernpunt-\d+$"))
    assert "onderschrijft dit kernpunt" in _melding(svb)
    reis.controleer(svb, "SVB-onderschreven")
    reis.ga_naar(svb, reverse("password_change"), "wachtwoord-wijzigen")
    svb.context.close()
    reis.klaar()


def test_secretaris_accepteert_sluit_verzendt_het_paper_en_rondt_af(
    browser, live_server, screenshot_map, settings
):
    reis = Reis(browser, live_server, screenshot_map, "secretaris-paper")
    netwerk = Cast()
    consultatie, reactie = netwerk.consultatie_met_reacties()

    # --- accepts both and closes ----------------------------------------------------
    sec = reis.als("secretaris")
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
    _bevestig(reis, sec, "accepteren-bevestigen")
    assert "geaccepteerd" in _melding(sec)
    with oud_tabblad.expect_response(lambda r: r.request.method == "POST") as antwoord:
        oud_tabblad.get_by_role("button", name="Accepteren – UWV").click()
    assert antwoord.value.status == 409
    assert "niet mogelijk in de status" in _melding(oud_tabblad)
    assert "Laatste wijziging: Geaccepteerd door het secretariaat" in _melding(oud_tabblad)
    reis.controleer(oud_tabblad, "verouderde-knop-409", "conflict")
    oud_tabblad.close()
    reis.ga_naar(
        sec, reverse("reacties:detail", args=[reactie["SVB"].pk]), "SVB-beoordelen", "reactie"
    )
    _actie(sec, "Accepteren", toelichting="Compleet.")
    _bevestig(reis, sec, "accepteren-bevestigen-svb")
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

    # --- composes the joint paper; it is made in the background ---------------------
    reis.ga_naar(sec, reverse("consultaties:detail", args=[consultatie.pk]), "paper-starten")
    sec.get_by_role("link", name="Position paper samenstellen").click()
    reis.controleer(sec, "paper-samenstellen")
    sec.fill(
        "#id_bestuurlijke_samenvatting",
        "Het netwerk acht de wet uitvoerbaar, mits de invoeringstermijn 18 maanden is.",
    )
    sec.fill("#id_aanbevelingen", "Neem een invoeringstermijn van 18 maanden op.")
    # Hold the background job back (as a busy worker would) to see the progress page.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    sec.get_by_role("button", name="Nieuwe versie maken").click()
    assert "Versie 1 wordt gemaakt." in _melding(sec)
    rapport = Rapport.objects.get(consultatie=consultatie)
    assert sec.url.endswith(reverse("rapporten:detail", args=[rapport.pk]))
    voortgang = sec.locator("#rapport-voortgang")
    assert "In de wachtrij" in voortgang.inner_text()
    # Without JavaScript a link reloads the page; with it, htmx polls the fragment.
    assert voortgang.get_by_role("link", name="Vernieuw deze pagina").is_visible()
    reis.controleer(sec, "paper-in-de-wachtrij", "rapport-voortgang")
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    rapport_services.rapport_pdf_genereren(rapport_id=rapport.pk)  # what the worker does
    # The next poll sees it is done and reloads the page, now with the allowed actions.
    sec.get_by_role("button", name="Definitief maken").wait_for()
    assert "Klaar" in voortgang.inner_text()
    assert voortgang.get_by_role("link", name=re.compile("^Downloaden")).count()
    assert voortgang.get_by_role("link", name=re.compile("^Bekijken in de browser")).count()
    assert voortgang.get_attribute("hx-get") is None  # polling stops once it is done
    reis.controleer(sec, "paper-concept", "rapport-secretaris")
    sec.get_by_role("button", name="Definitief maken").click()
    _bevestig(reis, sec, "definitief-bevestigen")
    assert "definitief" in _melding(sec)
    reis.controleer(sec, "paper-definitief")
    sec.get_by_role("button", name="Verzenden aan het ministerie").click()
    _bevestig(reis, sec, "verzenden-bevestigen")
    assert "verzonden aan het ministerie" in _melding(sec)
    reis.controleer(sec, "paper-verzonden")
    rapport.refresh_from_db()
    consultatie.refresh_from_db()
    assert rapport.status == RapportStatus.VERZONDEN
    assert consultatie.status == ConsultatieStatus.VERZONDEN
    # Not yet completable: the ministry has not recorded what it did with the kernpunten,
    # so the secretaris is not offered the button at all.
    reis.ga_naar(
        sec, reverse("consultaties:detail", args=[consultatie.pk]), "consultatie-verzonden"
    )
    assert sec.locator("summary", has_text="Afronden").count() == 0
    assert sec.locator("button", has_text="Afronden").count() == 0
    consultatie.refresh_from_db()
    assert consultatie.status == ConsultatieStatus.VERZONDEN

    # --- the ministry records its verwerking (its own test does that in the browser) --
    for kernpunt in rapport.snapshot["kernpunten"]:
        rapport_services.verwerking_vastleggen(
            rapport=rapport,
            actor=netwerk.ministerie_gebruiker,
            kernpunt=kernpunt["id"],
            uitkomst="overgenomen",
            toelichting="Verwerkt in de memorie van toelichting, § 4.",
        )

    # --- completes the consultation and looks back ----------------------------------
    reis.ga_naar(sec, reverse("consultaties:detail", args=[consultatie.pk]), "consultatie-verwerkt")
    _actie(sec, "Afronden", toelichting="Het ministerie heeft alle kernpunten verwerkt.")
    assert "is afgerond" in _melding(sec)
    reis.controleer(sec, "consultatie-afgerond")
    reis.ga_naar(
        sec, reverse("inzichten:overzicht") + f"?van={_datum(-365)}&tot={_datum(365)}", "inzichten"
    )
    assert "Geen gegevens in deze periode." not in sec.locator("main").inner_text()

    # --- a failed e-mail, retried by hand --------------------------------------------
    email = Email.objects.create(
        aan="postbus@svb.example.nl",
        onderwerp="Uitnodiging voor een uitvoeringstoets",
        tekst="U bent uitgenodigd.",
        html="<p>U bent uitgenodigd.</p>",
        status=EmailStatus.OPGEGEVEN,
        pogingen=6,
        laatste_fout="SMTPServerDisconnected: Connection unexpectedly closed",
    )
    reis.ga_naar(sec, reverse("notificaties:emails_mislukt"), "mislukte-emails")
    sec.get_by_role("button", name="Nu opnieuw proberen").click()
    assert "opnieuw in de wachtrij" in _melding(sec)
    reis.controleer(sec, "mislukte-email-opnieuw")
    email.refresh_from_db()
    assert email.status != EmailStatus.OPGEGEVEN
    reis.klaar()

    consultatie.refresh_from_db()
    assert consultatie.status == ConsultatieStatus.AFGEROND
    statussen = {a: Reactie.objects.get(pk=r.pk).status for a, r in reactie.items()}
    assert statussen == {
        "UWV": Status.GEACCEPTEERD,
        "SVB": Status.GEACCEPTEERD,
        "DUO": Status.AFGEZIEN,
    }


def test_ministerie_downloadt_bevestigt_en_verwerkt(browser, live_server, screenshot_map):
    reis = Reis(browser, live_server, screenshot_map, "ministerie")
    netwerk = Cast()
    consultatie, rapport = netwerk.verzonden_paper()

    # --- downloads the paper, acknowledges it, records the verwerking ----------------
    ministerie_pagina = reis.als("szw-ministerie")
    reis.controleer(ministerie_pagina, "ministerie-dashboard", "dashboard-ministerie")
    reis.ga_naar(ministerie_pagina, reverse("notificaties:lijst"), "ministerie-notificaties")
    assert "position paper" in ministerie_pagina.locator("main").inner_text().lower()
    reis.ga_naar(ministerie_pagina, reverse("consultaties:dashboard"), "ministerie-dashboard-paper")
    ministerie_pagina.get_by_role("link", name="Versie 1").click()
    reis.controleer(ministerie_pagina, "ministerie-paper", "rapport-ministerie")
    with ministerie_pagina.expect_download() as download:
        ministerie_pagina.get_by_role("link", name=re.compile("^Downloaden")).click()
    # The same PDF opens in the browser's own viewer (inline), under the same rules.
    bekijken = ministerie_pagina.get_by_role("link", name=re.compile("^Bekijken in de browser"))
    inline = ministerie_pagina.request.get(live_server.url + bekijken.get_attribute("href"))
    assert inline.headers["content-disposition"].startswith("inline")
    pdf = Path(download.value.path()).read_bytes()
    assert pdf.startswith(b"%PDF-")
    getoonde_hash = ministerie_pagina.locator("dt:text-is('sha256 van de PDF') + dd").inner_text()
    assert hashlib.sha256(pdf).hexdigest() == getoonde_hash.strip() == rapport.sha256
    ministerie_pagina.get_by_role("button", name="Ontvangst bevestigen").click()
    assert "ontvangst is bevestigd" in _melding(ministerie_pagina)
    reis.controleer(ministerie_pagina, "ministerie-ontvangst-bevestigd")
    kernpunten = rapport.snapshot["kernpunten"]
    assert len(kernpunten) == 2
    # A hasty submit records nothing: no choice is made beforehand, the text is kept.
    eerste = kernpunten[0]["id"]
    assert not ministerie_pagina.locator(f"#kernpunt-{eerste} input[type=radio]:checked").count()
    ministerie_pagina.fill(f"#toelichting-{eerste}", "Verwerkt in de memorie van toelichting, § 4.")
    ministerie_pagina.locator(f"#kernpunt-{eerste}").get_by_role(
        "button", name="Verwerking vastleggen"
    ).click()
    assert ministerie_pagina.get_by_text("Kies wat het ministerie met dit kernpunt").is_visible()
    assert ministerie_pagina.input_value(f"#toelichting-{eerste}").startswith("Verwerkt in")
    reis.controleer(ministerie_pagina, "ministerie-verwerking-zonder-keuze", "verwerking-fout")
    assert rapport.verwerkingen.count() == 0
    for kernpunt, uitkomst in zip(kernpunten, ("overgenomen", "deels_overgenomen"), strict=True):
        ministerie_pagina.check(f"#uitkomst-{kernpunt['id']}-{uitkomst}")
        ministerie_pagina.fill(
            f"#toelichting-{kernpunt['id']}", "Verwerkt in de memorie van toelichting, § 4."
        )
        ministerie_pagina.locator(f"#kernpunt-{kernpunt['id']}").get_by_role(
            "button", name="Verwerking vastleggen"
        ).click()
        assert "verwerking van het kernpunt is vastgelegd" in _melding(ministerie_pagina)
    reis.controleer(ministerie_pagina, "ministerie-verwerkt")
    assert rapport.verwerkingen.count() == 2
    assert ministerie_pagina.get_by_text("Nog niet verwerkt.").count() == 0

    # --- and sets up a second factor for its account --------------------------------
    reis.ga_naar(ministerie_pagina, reverse("tweede_factor:instellen"), "tweede-factor-instellen")
    sleutel = ministerie_pagina.locator("figcaption code").inner_text()
    ministerie_pagina.fill("#id_wachtwoord", WACHTWOORD)  # re-authentication
    ministerie_pagina.fill("#id_code", _totp(sleutel))
    ministerie_pagina.get_by_role("button", name="Tweede factor instellen").click()
    assert "tweede factor is ingesteld" in _melding(ministerie_pagina)
    ministerie_pagina.context.close()
    reis.klaar()

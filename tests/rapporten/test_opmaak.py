"""The paper as its reader gets it (issue 20): a concept says so on every page, the definitive
version says "Definitief" with its date, and each layout defect of the issue has a test.

One small paper is built once and rendered twice (concept, definitief) for the module."""

import io
import re
from datetime import date, datetime
from decimal import Decimal

import pytest
from django.utils import timezone
from pypdf import PdfReader
from pypdf.generic import ContentStream

from consultaties import services as consultatie_services
from rapporten import lettertype, pdf
from rapporten.models import Ondertekenaar
from rapporten.snapshot import build_snapshot, inhoud_hash
from reacties import services as reactie_services
from tests import factories

from .helpers import accepteer, inhoud

DEFINITIEF_OP = datetime(2026, 11, 30, 10, 0, tzinfo=timezone.get_fixed_timezone(60))


def _bouw():
    secretaris = factories.secretaris()
    ministerie = factories.MinisterieFactory(afkorting="SZW", naam="Ministerie van SZW")
    uwv = factories.OrganisatieFactory(
        afkorting="UWV",
        naam="Uitvoeringsinstituut Werknemersverzekeringen",
        netwerk="Manifestgroep",
    )
    cjib = factories.OrganisatieFactory(
        afkorting="CJIB", naam="Centraal Justitieel Incassobureau", netwerk="Manifestgroep"
    )
    # An organisation whose abbreviation is its name.
    cibg = factories.OrganisatieFactory(afkorting="CIBG", naam="CIBG", netwerk="KleinLef")
    lbio = factories.OrganisatieFactory(afkorting="LBIO", naam="LBIO", netwerk="KleinLef")
    Ondertekenaar.objects.create(
        rol="voorzitter", netwerk="Manifestgroep", naam="A. Voorzitter", functie="Voorzitter"
    )
    Ondertekenaar.objects.create(rol="voorzitter", netwerk="RBB Groep", naam="Niet Betrokken")
    Ondertekenaar.objects.create(
        rol="contactpersoon", naam="C. Contact", email="contact@example.nl", telefoon="070-1234567"
    )
    consultatie = factories.consultatie(
        secretaris_gebruiker=secretaris,
        ministerie=ministerie,
        organisaties=[uwv, cjib, cibg, lbio],
        open=True,
        titel="Wet opmaak",
        beoogde_inwerkingtreding=date(2028, 1, 1),
        vragen=["Is de termijn haalbaar?"],
    )
    consultatie_services.consultatie_bijwerken(
        consultatie=consultatie, actor=secretaris, kenmerk_ministerie="2026-0000999888"
    )
    vraag = consultatie.vragen.get()
    reacties = {r.organisatie.afkorting: r for r in consultatie.reacties.all()}
    for afkorting, risico, fte, ernst, levens in (
        ("UWV", "groot", Decimal(2), "belangrijk", ["werk_verliezen", "schulden"]),
        ("CJIB", "groot", Decimal("4.5"), "aandachtspunt", ["schulden"]),
        ("CIBG", "klein", Decimal("1.3"), "zwaarwegend", []),
    ):
        accepteer(
            reacties[afkorting],
            secretaris,
            kosten=[
                {"categorie": "automatisering", "soort": "incidenteel", "bedrag": 100, "jaar": 1},
                {"categorie": "automatisering", "soort": "structureel", "bedrag": 50},
            ],
            kernpunten=[
                {"dimensie": "ict", "tekst": f"Punt van {afkorting}. 👍 Meer.", "ernst": ernst}
            ],
            antwoorden={vraag.pk: "Eerste alinea.\n\nTweede alinea."},
            **inhoud(
                "uitvoerbaar_onder_voorwaarden",
                kernboodschap=f"Kernboodschap van {afkorting} 🚀 met 漢字.",
                risico_procesverstoringen=risico,
                fte_incidenteel=fte,
                invoering_mogelijk_per=date(2027, 6, 1),
                ondertekenaar_naam="mr. A. de Vries",
                aantal_burgers=120_000,
                prijspeil=2026,
                levensgebeurtenissen=levens,
                helpt_burger="deels",
                doenvermogen_conclusie=f"Conclusie van {afkorting}.",
            ),
        )
    reactie_services.reactie_afzien(
        reactie=reacties["LBIO"],
        actor=factories.accordeerder(lbio),
        toelichting="Eerste reden.\n\nTweede reden.",
    )
    consultatie = consultatie_services.consultatie_sluiten(
        consultatie=consultatie, actor=secretaris
    )
    return build_snapshot(consultatie)


def _render(snapshot, **kwargs):
    return pdf.render_pdf(
        snapshot,
        versie=2,
        inhoud_sha256=inhoud_hash(snapshot),
        status_label="Definitief" if kwargs else "Concept",
        **kwargs,
    )


_GEDEELD: dict = {}


@pytest.fixture
def papers(db):
    if not _GEDEELD:
        snapshot = _bouw()
        for naam, kwargs in (("concept", {}), ("definitief", {"definitief_op": DEFINITIEF_OP})):
            resultaat = _render(snapshot, **kwargs)
            lezer = PdfReader(io.BytesIO(resultaat.pdf))
            _GEDEELD[naam] = {
                "resultaat": resultaat,
                "lezer": lezer,
                "paginas": [p.extract_text() for p in lezer.pages],
            }
        _GEDEELD["snapshot"] = snapshot
    return _GEDEELD


def _plat(tekst: str) -> str:
    return " ".join(tekst.split())


def _alles(paper) -> str:
    return _plat(" ".join(paper["paginas"]))


# --- concept and definitief ------------------------------------------------------------


def test_concept_zegt_op_omslag_elke_pagina_en_colofon_dat_het_een_concept_is(papers):
    paginas = papers["concept"]["paginas"]
    assert "CONCEPT · niet verzenden" in paginas[0]
    for nummer, tekst in enumerate(paginas[1:], start=2):
        assert "versie 2 · CONCEPT" in _plat(tekst), f"pagina {nummer} zonder conceptmarkering"
    assert "CONCEPT (geen definitieve reactie van het netwerk)" in _plat(paginas[-1])
    assert "· Definitief" not in _alles(papers["concept"])
    assert papers["concept"]["lezer"].metadata.title.endswith("(concept)")
    # The diagonal marking is drawn behind every page from the application's own asset.
    assert "static:rapporten/pdf/concept.svg" in papers["concept"]["resultaat"].fetcher.opgevraagd


def test_definitieve_versie_zegt_definitief_met_datum_en_nergens_concept(papers):
    paginas = papers["definitief"]["paginas"]
    assert "Definitief · vastgesteld op 30 november 2026" in _plat(paginas[0])
    for tekst in paginas[1:]:
        assert "versie 2 · Definitief 30 november 2026" in _plat(tekst)
    assert "definitief sinds 30 november 2026" in _plat(paginas[-1])
    assert "concept" not in _alles(papers["definitief"]).lower()
    assert (
        "static:rapporten/pdf/concept.svg"
        not in papers["definitief"]["resultaat"].fetcher.opgevraagd
    )


# --- structure -----------------------------------------------------------------------------


def test_aanbiedingsbrief_met_kenmerk_ondertekenaars_en_contactpersoon(papers):
    brief = _plat(papers["definitief"]["paginas"][1])
    assert "Aanbiedingsbrief" in brief and "Ministerie van SZW" in brief
    assert "Uw kenmerk 2026-0000999888" in brief
    assert "Datum 30 november 2026" in brief
    assert "Betreft Gezamenlijke uitvoeringstoets wetsvoorstel Wet opmaak" in brief
    # The chair of a network that contributed signs; the chair of an absent network not.
    assert "A. Voorzitter" in brief and "Niet Betrokken" not in brief
    assert "Contactpersoon: C. Contact, contact@example.nl, 070-1234567." in brief


def test_in_het_kort_op_een_pagina_met_oordeel_kernpunten_netwerken_kosten_en_burger(papers):
    kort = _plat(papers["definitief"]["paginas"][2])
    assert "In het kort" in kort
    assert "Uitvoerbaar onder voorwaarden. 3 van de 3 organisaties stellen voorwaarden" in kort
    # The zwaarwegend point of the small organisation (one author) comes first.
    assert kort.index("Punt van CIBG") < kort.index("Punt van UWV") < kort.index("Punt van CJIB")
    assert "KleinLef 1 van 2" in kort and "Manifestgroep 2 van 2" in kort
    assert "€ 300 incidenteel, € 150 structureel per jaar (prijspeil 2026)" in kort
    assert "Vroegst haalbaar 1 juni 2027 (beoogd: 1 januari 2028, haalbaar)" in kort
    assert "Helpt dit de burger en ondernemer écht? Deels: 3 Geraakt" in kort
    assert "ten minste 120.000 burgers" in kort
    # The next page is the table of contents: In het kort is one page.
    assert "Inhoud" in papers["definitief"]["paginas"][3]


def test_inhoud_met_paginanummers_en_afkortingen(papers):
    paginas = papers["definitief"]["paginas"]
    inhoud_pagina = _plat(paginas[3])
    lezer = papers["definitief"]["lezer"]
    bladwijzers = {
        o.title: lezer.get_destination_page_number(o) + 1
        for o in lezer.outline
        if not isinstance(o, list)
    }
    for titel in ("Bestuurlijke samenvatting", "Kernpunten", "Colofon"):
        nummer = bladwijzers[titel]
        assert re.search(rf"{re.escape(titel)}[ .]*{nummer}\b", inhoud_pagina), titel
    assert "Afkortingen" in inhoud_pagina
    assert "SZW Ministerie van SZW" in inhoud_pagina
    assert "UWV Uitvoeringsinstituut Werknemersverzekeringen" in inhoud_pagina
    assert "CIBG CIBG" not in inhoud_pagina  # no abbreviation that explains nothing


def test_kernpunten_genummerd_in_het_paper(papers):
    tekst = _alles(papers["definitief"])
    nummers = {k["organisatie"]["afkorting"]: k["nummer"] for k in papers["snapshot"]["kernpunten"]}
    # Same dimension: severity first (zwaarwegend, belangrijk, aandachtspunt).
    assert nummers == {"CIBG": "K1", "UWV": "K2", "CJIB": "K3"}
    # In the overview table and, in full, in the annex of the organisation that raised it.
    assert "K1 Punt van CIBG. Zwaarwegend CIBG" in tekst
    assert "K1 · ICT en gegevensuitwisseling · Zwaarwegend" in tekst
    assert "K2 · ICT en gegevensuitwisseling · Belangrijk" in tekst


def test_kosten_als_jaarprofiel_met_prijspeil(papers):
    tekst = _alles(papers["definitief"])
    assert "Bedragen in euro, prijspeil 2026; T is het jaar van inwerkingtreding." in tekst
    assert "Categorie T T+1 T+2 T+3 T+4 Incidenteel totaal Structureel per jaar" in tekst
    assert "Automatisering € 0 € 300 € 0 € 0 € 0 € 300 € 150" in tekst


def test_antwoorden_per_vraag_naast_elkaar(papers):
    tekst = _alles(papers["definitief"])
    assert "Vraag 1: Is de termijn haalbaar? Organisatie Antwoord (eerste zin)" in tekst
    assert "Organisat ie" not in tekst  # the column header fits
    for afkorting in ("UWV", "CJIB", "CIBG"):
        assert f"{afkorting} Eerste alinea." in tekst


def test_alineas_in_een_tabelcel_blijven_gescheiden(papers):
    tekst = "\n".join(papers["definitief"]["paginas"])
    # Paragraph breaks in a table cell survive (two lines, not one run-on line).
    assert re.search(r"Eerste reden\.[ ]*\n\s*Tweede reden\.", tekst)


def test_burgervraag_als_telling_en_levensgebeurtenissenmatrix(papers):
    tekst = _alles(papers["definitief"])
    assert "Antwoorden op de burgervraag Antwoord Aantal organisaties Ja 0 Deels 3 Nee 0" in tekst
    assert "Geraakte levensgebeurtenissen per organisatie" in tekst
    assert "Organisatie Werk verliezen Schulden Burgers Bedrijven" in tekst
    assert "UWV ja ja 120.000" in tekst and "CJIB ja 120.000" in tekst
    assert "Aantal organisaties 1 2" in tekst
    # Not printed twice: each conclusion lives once, in the annex per organisation.
    assert tekst.count("Conclusie van UWV.") == 1


# --- layout defects ------------------------------------------------------------------------


def _regels_met_hoogte(pagina) -> list[tuple[str, float]]:
    regels = []

    def bezoek(tekst, cm, tm, font, size):
        if tekst.strip():
            regels.append((tekst.strip(), round(tm[5] + cm[5], 1)))

    pagina.extract_text(visitor_text=bezoek)
    return regels


def test_definitielijst_houdt_label_en_waarde_op_een_regel(papers):
    """A wrapped label ("Risico op procesverstoringen") no longer shifts the values below:
    each value is on the line of its own label."""
    lezer = papers["definitief"]["lezer"]
    gevonden = 0
    for pagina in lezer.pages:
        regels = _regels_met_hoogte(pagina)
        hoogte = dict(regels)
        for label, waarde in (
            ("Invoering mogelijk per", "1 juni 2027"),
            ("Ondertekend door", "mr. A. de Vries"),
        ):
            if label in hoogte and waarde in hoogte:
                assert abs(hoogte[label] - hoogte[waarde]) < 2, (label, waarde)
                gevonden += 1
    assert gevonden >= 2


def test_totaalrij_staat_eenmaal_onder_de_tabel_niet_op_elke_pagina():
    rijen = "".join(f"<tr><th>Org {i}</th><td>{i}</td></tr>" for i in range(150))
    html = (
        '<html lang="nl"><head><title>t</title><link rel="stylesheet" '
        'href="static:rapporten/pdf/rapport.css"></head><body><h1>T</h1><table class="compact">'
        "<caption>Lang</caption><thead><tr><th>Organisatie</th><th>Getal</th></tr></thead>"
        f'<tbody>{rijen}<tr class="totaal"><th>Totaal</th><td>9</td></tr></tbody></table>'
        "</body></html>"
    )
    lezer = PdfReader(io.BytesIO(pdf.html_naar_pdf(html).pdf))
    assert len(lezer.pages) >= 3
    teksten = [p.extract_text() for p in lezer.pages]
    assert sum(t.count("Totaal") for t in teksten) == 1
    assert "Totaal" in teksten[-1]
    # The header row does repeat, so every page says what its columns are.
    assert all("Organisatie Getal" in _plat(t) for t in teksten)


def test_paper_heeft_geen_tabelvoet_die_zich_herhaalt(papers):
    assert "<tfoot" not in papers["definitief"]["resultaat"].html


def test_geen_kop_of_bijschrift_als_laatste_regel_van_een_pagina(papers):
    html = papers["definitief"]["resultaat"].html
    koppen = {
        _plat(re.sub(r"<[^>]+>", "", k))
        for k in re.findall(r"<(?:h[1-4]|caption)[^>]*>(.*?)</(?:h[1-4]|caption)>", html, re.S)
    }
    for nummer, tekst in enumerate(papers["definitief"]["paginas"], start=1):
        regels = [r.strip() for r in tekst.splitlines() if r.strip()]
        inhoud = [
            r for r in regels if not r.startswith(("Pagina ", "Gezamenlijke uitvoeringstoets "))
        ]
        if inhoud:
            assert inhoud[-1] not in koppen, f"pagina {nummer} eindigt met kop '{inhoud[-1]}'"


def _tekst_in_artefacten(pagina, lezer) -> tuple[int, int]:
    """How many text-showing operators sit inside an /Artifact sequence, and how many sit
    outside any marked content at all."""
    stapel, in_artefact, los = [], 0, 0
    for operanden, operator in ContentStream(pagina.get_contents(), lezer).operations:
        if operator in (b"BMC", b"BDC"):
            stapel.append(operanden[0])
        elif operator == b"EMC" and stapel:
            stapel.pop()
        elif operator in (b"Tj", b"TJ", b"'", b'"'):
            if "/Artifact" in stapel:
                in_artefact += 1
            elif not stapel:
                los += 1
    return in_artefact, los


def test_lopende_kop_en_paginanummer_zijn_artefacten(papers):
    lezer = papers["definitief"]["lezer"]
    for nummer, pagina in enumerate(lezer.pages[1:], start=2):
        in_artefact, los = _tekst_in_artefacten(pagina, lezer)
        # Running header left and right, page number: at least three text runs.
        assert in_artefact >= 3, f"pagina {nummer}: kopregel niet als artefact"
        assert los == 0


def test_organisaties_met_komma_en_geen_dubbele_afkorting(papers):
    tekst = _alles(papers["definitief"])
    assert "Groot 2 CJIB, UWV" in tekst
    assert "CJIB UWV" not in tekst
    assert "CIBG (CIBG)" not in tekst and "CIBG" in tekst


def test_fte_altijd_met_een_decimaal(papers):
    tekst = _alles(papers["definitief"])
    assert "UWV € 100 € 50 2,0" in tekst
    assert "CJIB € 100 € 50 4,5" in tekst
    assert "CIBG € 100 € 50 1,3" in tekst


def test_nederlandse_titel_zonder_engels(papers):
    lezer = papers["definitief"]["lezer"]
    assert lezer.metadata.title.startswith("Gezamenlijke uitvoeringstoets ")
    assert "position paper" not in _alles(papers["definitief"]).lower()


def test_tekens_buiten_het_lettertype_worden_leesbaar_vervangen(papers):
    tekst = _alles(papers["definitief"])
    assert "👍" not in tekst and "🚀" not in tekst
    assert "Kernboodschap van UWV [symbool] met [symbool]." in tekst
    gedekt = lettertype.tekens()
    html = papers["definitief"]["resultaat"].html
    assert not [t for t in html if not t.isspace() and ord(t) not in gedekt]


def test_grafiek_zonder_rasterlijnen_en_in_de_volgorde_van_de_tabel():
    import base64

    uri = pdf._staafgrafiek("Test", [("Eerste", 3), ("Tweede", 2), ("Derde", 1)])
    svg = base64.b64decode(uri.split(",", 1)[1]).decode()
    assert "guide line" not in svg
    posities = {
        label: float(m.group(1))
        for label in ("Eerste", "Tweede", "Derde")
        for m in [re.search(rf'<text[^>]*y="([\d.]+)"[^>]*>{label}</text>', svg)]
        if m
    }
    assert posities["Eerste"] < posities["Tweede"] < posities["Derde"]  # top to bottom


def test_lege_grafiek_en_lege_tabellen_worden_weggelaten(papers, db):
    assert pdf._staafgrafiek("Leeg", [("A", 0), ("B", 0)]) == ""
    import copy

    snapshot = copy.deepcopy(papers["snapshot"])
    snapshot["kernpunten"] = []
    for b in snapshot["bijdragen"]:
        b["levensgebeurtenissen"] = []
        b["kosten"] = []
        for bo in b["beoordelingen"]:
            bo["gevolgen"] = "beperkt"
    html, _ = pdf.render_html(snapshot, versie=1, inhoud_sha256="0" * 64, status_label="Concept")
    assert not re.search(r"<tbody>\s*</tbody>", html)
    assert "<img" not in html  # no chart with only zeros
    assert "Er zijn geen kernpunten ingebracht." in html
    assert "Geen organisatie noemde een levensgebeurtenis" in html


def test_definitief_en_concept_komen_uit_dezelfde_snapshot(papers):
    # Same content hash printed in both; only the marking differs.
    hash_ = inhoud_hash(papers["snapshot"])
    for naam in ("concept", "definitief"):
        assert hash_ in _alles(papers[naam]).replace(" ", "")
    assert papers["concept"]["resultaat"].sha256 != papers["definitief"]["resultaat"].sha256

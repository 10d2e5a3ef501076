"""The paper read back from the PDF: content, order, escaping, tagging and metadata.

Rendering is slow, so one paper is built and rendered once for the whole module."""

import io
from datetime import date
from decimal import Decimal

import pytest
from pypdf import PdfReader

from consultaties import services as consultatie_services
from rapporten import pdf
from rapporten.snapshot import build_snapshot, inhoud_hash
from reacties import services as reactie_services
from reacties.models import Kernpunt
from tests import factories

from .helpers import HOSTIEL, accepteer, inhoud


def _bouw_paper():
    secretaris = factories.secretaris()
    ministerie = factories.MinisterieFactory(afkorting="SZW", naam="Ministerie van SZW")
    uwv = factories.OrganisatieFactory(
        afkorting="UWV", naam="Uitvoeringsinstituut Werknemersverzekeringen"
    )
    svb = factories.OrganisatieFactory(afkorting="SVB", naam="Sociale Verzekeringsbank")
    duo = factories.OrganisatieFactory(afkorting="DUO", naam="Dienst Uitvoering Onderwijs")
    cjib = factories.OrganisatieFactory(afkorting="CJIB", naam="Centraal Justitieel Incassobureau")
    consultatie = factories.consultatie(
        secretaris_gebruiker=secretaris,
        ministerie=ministerie,
        organisaties=[uwv, svb, duo, cjib],
        open=True,
        titel="Wet eenvoudiger toeslagen",
        beoogde_inwerkingtreding=date(2028, 1, 1),
    )
    reacties = {r.organisatie.afkorting: r for r in consultatie.reacties.all()}
    accepteer(
        reacties["UWV"],
        secretaris,
        kosten=[
            {"categorie": "automatisering", "soort": "incidenteel", "bedrag": Decimal(1_500_000)},
            {"categorie": "dienstverlening", "soort": "structureel", "bedrag": Decimal(400_000)},
        ],
        kernpunten=[
            {
                "dimensie": "ict",
                "tekst": "Leg de gegevenslevering wettelijk vast " + HOSTIEL[0],
                "voorgestelde_wijziging": HOSTIEL[2],
                "ernst": "zwaarwegend",
            }
        ],
        **inhoud(
            "uitvoerbaar",
            kernboodschap="Uitvoerbaar. " + " ".join(HOSTIEL),
            gevolgen={"privacy": "nvt"},
            invoering_mogelijk_per=date(2028, 1, 1),
            fte_incidenteel=Decimal("4.5"),
            fte_structureel=Decimal(2),
            levensgebeurtenissen=["werk_verliezen"],
            burgerperspectief=HOSTIEL[1],
        ),
    )
    accepteer(
        reacties["SVB"],
        secretaris,
        kosten=[
            {"categorie": "automatisering", "soort": "incidenteel", "bedrag": Decimal(2_250_000)},
        ],
        **inhoud(
            "niet_uitvoerbaar",
            kernboodschap="Niet uitvoerbaar binnen de termijn.",
            gevolgen={"privacy": "ingrijpend"},
            invoering_mogelijk_per=date(2029, 7, 1),
            fte_incidenteel=Decimal(3),
            fte_structureel=Decimal("1.5"),
        ),
    )
    reactie_services.reactie_afzien(
        reactie=reacties["DUO"],
        actor=factories.accordeerder(duo),
        toelichting="Raakt onze taken niet",
    )
    consultatie = consultatie_services.consultatie_sluiten(
        consultatie=consultatie, actor=secretaris
    )
    kernpunt = Kernpunt.objects.get(reactie__organisatie=uwv)
    reactie_services.kernpunt_onderschrijven(kernpunt=kernpunt, actor=factories.opsteller(svb))
    consultatie_services.consultatie_bijwerken(
        consultatie=consultatie,
        actor=secretaris,
        bestuurlijke_samenvatting="Het netwerk is verdeeld. " + HOSTIEL[3],
        aanbevelingen="Stel de invoering uit.",
    )
    snapshot = build_snapshot(consultatie)
    return snapshot, pdf.render_pdf(
        snapshot, versie=3, inhoud_sha256=inhoud_hash(snapshot), status_label="Concept"
    )


_GEDEELD: dict = {}


@pytest.fixture
def paper(db):
    """Built and rendered by the first test that asks; later tests read the same PDF."""
    if not _GEDEELD:
        snapshot, resultaat = _bouw_paper()
        lezer = PdfReader(io.BytesIO(resultaat.pdf))
        tekst = "\n".join(pagina.extract_text() for pagina in lezer.pages)
        _GEDEELD.update(snapshot=snapshot, resultaat=resultaat, lezer=lezer, tekst=tekst)
    return _GEDEELD


def _plat(tekst: str) -> str:
    return " ".join(tekst.split())


def test_paper_noemt_organisaties_en_cijfers(paper):
    tekst = _plat(paper["tekst"])
    assert "Uitvoeringsinstituut Werknemersverzekeringen" in tekst
    assert "Sociale Verzekeringsbank" in tekst
    assert "€ 3.750.000" in tekst  # incidenteel, UWV + SVB
    assert "€ 400.000" in tekst
    assert "7,5" in tekst  # fte incidenteel 4,5 + 3
    assert "Ministerie van SZW" in tekst
    assert "Wet eenvoudiger toeslagen" in tekst


def test_paper_concludeert_invoeringsdatum_in_gewone_taal(paper):
    tekst = _plat(paper["tekst"])
    assert "1 januari 2028 is niet haalbaar" in tekst
    assert "op zijn vroegst per 1 juli 2029" in tekst
    assert "SVB (1 juli 2029)" in tekst


def test_paper_signaleert_verschil_van_inzicht(paper):
    tekst = _plat(paper["tekst"])
    assert "Verschil van inzicht over de uitvoerbaarheid" in tekst
    # The reasoning of the organisation that says "niet uitvoerbaar" is shown.
    reden = "SVB: privacy (avg) ingrijpend; over privacy (avg): “Toelichting Privacy (AVG).”"
    assert reden in tekst
    # Not applicable for one, drastic for another: affected differently, not a disagreement.
    assert "Privacy (AVG): ingrijpend voor SVB; niet van toepassing voor UWV" in tekst
    assert "Tegenstrijdige beoordelingen" not in tekst


def test_paper_toont_onderschrijvingen_en_wat_er_van_elke_uitnodiging_werd(paper):
    tekst = _plat(paper["tekst"])
    assert "Onderschreven door SVB." in tekst
    assert "Reden: Raakt onze taken niet" in tekst
    assert "Afgezien" in tekst and "Verlopen" in tekst
    assert "Centraal Justitieel Incassobureau" in tekst


def test_impactmatrix_schrijft_niveaus_uit(paper):
    tekst = _plat(paper["tekst"])
    assert "Impactmatrix" in tekst
    assert "Ingrijpend" in tekst and "n.v.t." in tekst


def test_hoofdstukken_staan_in_de_afgesproken_volgorde(paper):
    titels = [o.title for o in paper["lezer"].outline if not isinstance(o, list)]
    assert titels == [
        "Gezamenlijke uitvoeringstoets",
        "Aanbiedingsbrief",
        "In het kort",
        "Inhoud",
        "Bestuurlijke samenvatting",
        "Oordelen van de organisaties",
        "Voorwaarden",
        "Gevolgen per dimensie",
        "Risico en invoeringstermijn",
        "Uitvoeringskosten en personeel",
        "Kernpunten",
        "Burger en ondernemer",
        "Ketenimpact",
        "Bijlage 1. De bijdragen per organisatie",
        "Bijlage 2. Uitgenodigde organisaties",
        "Colofon",
    ]


def test_vijandige_tekst_staat_er_als_tekst_en_er_wordt_niets_opgehaald(paper):
    tekst = _plat(paper["tekst"])
    for hostiel in HOSTIEL:
        assert _plat(hostiel) in tekst, hostiel
    fetcher = paper["resultaat"].fetcher
    assert fetcher.geweigerd == []
    assert all(url.startswith(("static:", "data:image/svg+xml")) for url in fetcher.opgevraagd)
    assert not any("evil" in url or "passwd" in url for url in fetcher.opgevraagd)


def test_pdf_is_getagd_met_taal_titel_en_bladwijzers(paper):
    lezer = paper["lezer"]
    root = lezer.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert bool(root["/MarkInfo"]["/Marked"])
    assert root["/Lang"] == "nl"
    assert (
        lezer.metadata.title
        == "Gezamenlijke uitvoeringstoets "
        + paper["snapshot"]["consultatie"]["kenmerk"]
        + ": Wet eenvoudiger toeslagen (concept)"
    )
    assert len(lezer.outline) >= 10
    assert b"pdfuaid" in root["/Metadata"].get_object().get_data()


def test_pdf_heeft_paginanummers_lopende_kop_en_a4(paper):
    lezer = paper["lezer"]
    tekst = paper["tekst"]
    assert f"Pagina 2 van {len(lezer.pages)}" in tekst
    assert "versie 3 · CONCEPT" in tekst
    breedte, hoogte = float(lezer.pages[0].mediabox.width), float(lezer.pages[0].mediabox.height)
    assert (round(breedte), round(hoogte)) == (595, 842)


def test_colofon_noemt_versie_en_inhoudshash(paper):
    tekst = _plat(paper["tekst"])
    assert inhoud_hash(paper["snapshot"])[:16] in tekst.replace(" ", "")
    assert "Inhoud vastgelegd op" in tekst


def _structuur(node, teller, alts):
    node = node.get_object()
    if "/S" in node:
        teller[node["/S"]] += 1
        if "/Alt" in node:
            alts.append(str(node["/Alt"]))
    kinderen = node.get("/K")
    if kinderen is None:
        return
    kinderen = kinderen.get_object()
    for kind in kinderen if isinstance(kinderen, list) else [kinderen]:
        kind = kind.get_object()
        if hasattr(kind, "get"):
            _structuur(kind, teller, alts)


def test_structuur_heeft_koppen_tabelkoppen_en_grafieken_met_alt_tekst(paper):
    from collections import Counter

    teller, alts = Counter(), []
    _structuur(paper["lezer"].trailer["/Root"]["/StructTreeRoot"], teller, alts)
    assert teller["/H1"] >= 16 and teller["/TH"] > 20 and teller["/Caption"] >= 8
    # One chart: the number of organisations rating a dimension ingrijpend (the verdicts
    # and life events are tables; a chart repeating a table is left out).
    assert teller["/Figure"] == 1
    assert any(
        alt.startswith("Staafdiagram van het aantal organisaties dat de gevolgen als ingrijpend")
        and "Privacy (AVG) 1" in alt
        for alt in alts
    )


def test_pdf_hangt_alleen_af_van_de_snapshot(paper, db):
    # The database rows behind the paper are gone (rolled back after the first test);
    # rendering the frozen snapshot again gives exactly the same bytes.
    snapshot = paper["snapshot"]
    opnieuw = pdf.render_pdf(
        snapshot, versie=3, inhoud_sha256=inhoud_hash(snapshot), status_label="Concept"
    )
    assert opnieuw.sha256 == paper["resultaat"].sha256


def test_lange_tekst_en_vreemde_unicode_worden_gewoon_gezet(paper, db):
    import copy

    snapshot = copy.deepcopy(paper["snapshot"])
    lang = "x" * 3000
    vreemd = "Zoë \u202elanoitan\u202c café ∑ \u200b"
    snapshot["bestuurlijke_samenvatting"] = f"{vreemd}\n\n{lang}"
    resultaat = pdf.render_pdf(snapshot, versie=3, inhoud_sha256="0" * 64, status_label="Concept")
    tekst = "".join(p.extract_text() for p in PdfReader(io.BytesIO(resultaat.pdf)).pages)
    assert "Zoë" in tekst and "café" in tekst
    assert tekst.count("x") >= 3000
    assert resultaat.fetcher.geweigerd == []

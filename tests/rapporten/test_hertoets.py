"""A re-toets's paper shows what changed since each organisation's earlier toets (issue 9):
frozen in the snapshot, written out in the PDF, read from the paper the ministry received
where there is one."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pypdf import PdfReader

from consultaties import services as consultatie_services
from rapporten import pdf, services
from rapporten.snapshot import build_snapshot, inhoud_hash
from rapporten.vergelijking import vergelijk_bijdragen
from reacties import services as reactie_services
from reacties.models import Reactie
from tests import factories

from .helpers import accepteer, inhoud

# Bound at import, before any test swaps in the fast stand-in (``snelle_pdf``).
echte_render_pdf = pdf.render_pdf

UWV_EERDER = {
    "kosten": [{"categorie": "automatisering", "soort": "incidenteel", "bedrag": 1_500_000}],
    **inhoud(
        "niet_uitvoerbaar",
        kernboodschap="Niet uitvoerbaar per 2028.",
        gevolgen={"ict": "ingrijpend"},
        risico_procesverstoringen="groot",
        fte_incidenteel=Decimal(4),
        invoering_mogelijk_per=date(2028, 1, 1),
    ),
}
UWV_NU = {
    "kosten": [
        {"categorie": "automatisering", "soort": "incidenteel", "bedrag": 2_000_000},
        {"categorie": "dienstverlening", "soort": "structureel", "bedrag": 100_000},
    ],
    **inhoud(
        "uitvoerbaar_onder_voorwaarden",
        kernboodschap="Uitvoerbaar met de nota van wijziging, onder voorwaarden.",
        gevolgen={"ict": "middelgroot"},
        risico_procesverstoringen="gemiddeld",
        fte_incidenteel=Decimal("4.5"),
        invoering_mogelijk_per=date(2028, 7, 1),
    ),
}
ONGEWIJZIGD = {
    "kosten": [{"categorie": "overig", "soort": "structureel", "bedrag": 50_000}],
    **inhoud("uitvoerbaar", fte_structureel=Decimal(1), invoering_mogelijk_per=date(2027, 1, 1)),
}


def bouw_hertoets(secretaris, ministerie, *, verzenden=False, extra=0):
    """An earlier toets by UWV, SVB, CJIB (and ``extra`` more), then a nota van wijziging
    where UWV changes its mind, SVB and the extra ones keep theirs, CJIB declines and DUO
    joins. Returns (earlier consultation, re-toets), both closed."""
    uwv = factories.OrganisatieFactory(
        afkorting="UWV", naam="Uitvoeringsinstituut Werknemersverzekeringen"
    )
    svb = factories.OrganisatieFactory(afkorting="SVB", naam="Sociale Verzekeringsbank")
    cjib = factories.OrganisatieFactory(afkorting="CJIB", naam="Centraal Justitieel Incassobureau")
    duo = factories.OrganisatieFactory(afkorting="DUO", naam="Dienst Uitvoering Onderwijs")
    overige = [factories.OrganisatieFactory() for _ in range(extra)]

    eerder = factories.consultatie(
        secretaris_gebruiker=secretaris,
        ministerie=ministerie,
        organisaties=[uwv, svb, cjib, *overige],
        open=True,
        titel="Wet betere dienstverlening",
    )
    for reactie in eerder.reacties.select_related("organisatie"):
        accepteer(
            reactie, secretaris, **(UWV_EERDER if reactie.organisatie == uwv else ONGEWIJZIGD)
        )
    eerder = consultatie_services.consultatie_sluiten(consultatie=eerder, actor=secretaris)
    if verzenden:
        rapport = services.rapport_aanmaken(
            consultatie=eerder, actor=secretaris, op_achtergrond=False
        )
        rapport = services.rapport_pdf_genereren(rapport_id=rapport.pk)
        rapport = services.rapport_definitief_maken(rapport=rapport, actor=secretaris)
        services.rapport_verzenden(rapport=rapport, actor=secretaris)

    hertoets = factories.consultatie(
        secretaris_gebruiker=secretaris,
        ministerie=ministerie,
        organisaties=[uwv, svb, cjib, duo, *overige],
        open=True,
        instrument="nota_van_wijziging",
        vorige_consultatie=eerder,
        titel="Nota van wijziging Wet betere dienstverlening",
    )
    for reactie in hertoets.reacties.select_related("organisatie"):
        if reactie.organisatie == cjib:
            reactie_services.reactie_afzien(
                reactie=reactie,
                actor=factories.accordeerder(cjib),
                toelichting="De nota van wijziging raakt ons niet meer.",
            )
        else:
            accepteer(
                reactie, secretaris, **(UWV_NU if reactie.organisatie == uwv else ONGEWIJZIGD)
            )
    hertoets = consultatie_services.consultatie_sluiten(consultatie=hertoets, actor=secretaris)
    return eerder, hertoets


def _plat(tekst: str) -> str:
    return " ".join(tekst.split())


UWV_ZIN = (
    "UWV: eindoordeel van niet uitvoerbaar naar uitvoerbaar onder voorwaarden; "
    "ICT en gegevensuitwisseling van ingrijpend naar middelgroot; "
    "risico op procesverstoringen van groot naar gemiddeld; "
    "incidentele kosten van € 1.500.000 naar € 2.000.000; "
    "structurele kosten per jaar van € 0 naar € 100.000; "
    "fte incidenteel van 4 naar 4,5; "
    "invoering mogelijk per van 1 januari 2028 naar 1 juli 2028."
)


# --- the snapshot ------------------------------------------------------------------------


@pytest.mark.django_db
def test_snapshot_legt_per_bijdrage_vast_wat_er_veranderde(secretaris, ministerie):
    eerder, hertoets = bouw_hertoets(secretaris, ministerie)
    gegevens = build_snapshot(hertoets)["hertoets"]

    assert gegevens["vorige_consultatie"]["kenmerk"] == eerder.kenmerk
    assert gegevens["bron"] == "reacties"
    per_org = {b["organisatie"]["afkorting"]: b["wijzigingen"] for b in gegevens["bijdragen"]}
    assert per_org["SVB"] == []
    assert [(w["onderdeel"], w.get("dimensie"), w["voor"], w["na"]) for w in per_org["UWV"]] == [
        ("eindoordeel", None, "niet_uitvoerbaar", "uitvoerbaar_onder_voorwaarden"),
        ("gevolgen", "ict", "ingrijpend", "middelgroot"),
        ("risico", None, "groot", "gemiddeld"),
        ("kosten_incidenteel", None, "1500000.00", "2000000.00"),
        ("kosten_structureel", None, "0", "100000.00"),
        ("fte_incidenteel", None, "4.0", "4.5"),
        ("invoering_mogelijk_per", None, "2028-01-01", "2028-07-01"),
    ]
    # Written out as the reader sees them, frozen with the codes.
    assert [(w["voor_tekst"], w["na_tekst"]) for w in per_org["UWV"][:2]] == [
        ("niet uitvoerbaar", "uitvoerbaar onder voorwaarden"),
        ("ingrijpend", "middelgroot"),
    ]
    assert [o["afkorting"] for o in gegevens["nieuw"]] == ["DUO"]
    assert [(n["organisatie"]["afkorting"], n["status"]) for n in gegevens["niet_meer"]] == [
        ("CJIB", "afgezien")
    ]


@pytest.mark.django_db
def test_eerste_toets_heeft_geen_wijzigingen_in_de_snapshot(secretaris, ministerie):
    eerder, _ = bouw_hertoets(secretaris, ministerie)
    assert build_snapshot(eerder)["hertoets"] is None


@pytest.mark.django_db
def test_vergelijking_leest_het_verzonden_paper_niet_de_latere_reactie(
    secretaris, ministerie, snelle_pdf
):
    eerder, hertoets = bouw_hertoets(secretaris, ministerie, verzenden=True)
    # The earlier response changes after the ministry received the paper: the ministry saw
    # "niet uitvoerbaar", so that is what the re-toets is compared with.
    Reactie.objects.filter(consultatie=eerder, organisatie__afkorting="UWV").update(
        eindoordeel="geen_oordeel"
    )
    gegevens = build_snapshot(hertoets)["hertoets"]
    assert gegevens["bron"] == "verzonden_rapport"
    assert gegevens["rapport_versie"] == 1
    uwv = next(b for b in gegevens["bijdragen"] if b["organisatie"]["afkorting"] == "UWV")
    assert uwv["wijzigingen"][0]["voor"] == "niet_uitvoerbaar"


@pytest.mark.django_db
def test_organisatie_die_niet_opnieuw_is_uitgenodigd_staat_bij_niet_meer(
    secretaris, ministerie, org_a, org_b
):
    eerder = factories.consultatie(
        secretaris_gebruiker=secretaris,
        ministerie=ministerie,
        organisaties=[org_a, org_b],
        open=True,
    )
    for reactie in eerder.reacties.all():
        accepteer(reactie, secretaris, **ONGEWIJZIGD)
    eerder = consultatie_services.consultatie_sluiten(consultatie=eerder, actor=secretaris)
    hertoets = factories.consultatie(
        secretaris_gebruiker=secretaris,
        ministerie=ministerie,
        organisaties=[org_a],
        open=True,
        instrument="amendement",
        vorige_consultatie=eerder,
    )
    accepteer(hertoets.reacties.get(), secretaris, **ONGEWIJZIGD)
    consultatie_services.consultatie_sluiten(consultatie=hertoets, actor=secretaris)
    gegevens = build_snapshot(hertoets)["hertoets"]
    assert gegevens["niet_meer"] == [
        {
            "organisatie": {
                "id": org_b.pk,
                "naam": "SVB",
                "afkorting": "SVB",
                "netwerk": org_b.netwerk,
            },
            "status": "",
            "status_label": "Niet uitgenodigd",
        }
    ]
    assert gegevens["nieuw"] == []


@pytest.mark.django_db
@pytest.mark.parametrize("verzenden", [False, True], ids=["uit-reacties", "uit-verzonden-paper"])
def test_snapshot_van_hertoets_aantal_queries_groeit_niet_met_organisaties(
    secretaris, ministerie, snelle_pdf, django_assert_max_num_queries, verzenden
):
    _, klein = bouw_hertoets(secretaris, ministerie, verzenden=verzenden)
    with CaptureQueriesContext(connection) as klein_q:
        build_snapshot(klein)
    # The same story with four more organisations that keep their earlier toets.
    _, groot = bouw_hertoets(
        secretaris, factories.MinisterieFactory(), verzenden=verzenden, extra=4
    )
    # +1 for the letter's signatories (a small, fixed table).
    with django_assert_max_num_queries(15), CaptureQueriesContext(connection) as groot_q:
        snapshot = build_snapshot(groot)
    assert len(groot_q) == len(klein_q)
    assert len(snapshot["hertoets"]["bijdragen"]) == 2 + 4


# --- the pure comparison --------------------------------------------------------------------


def test_vergelijking_ziet_gelijke_getallen_als_gelijk_en_leeg_als_niet_ingevuld():
    voor = {"fte_incidenteel": "2.0", "kosten": [], "eindoordeel": "", "beoordelingen": []}
    na = {
        "fte_incidenteel": "2",
        "kosten": [],
        "eindoordeel": "uitvoerbaar",
        "eindoordeel_label": "Uitvoerbaar",
        "beoordelingen": [
            {
                "dimensie": "privacy",
                "dimensie_label": "Privacy (AVG)",
                "gevolgen": "nvt",
                "gevolgen_label": "Niet van toepassing",
            }
        ],
    }
    wijzigingen = vergelijk_bijdragen(voor, na)
    assert [(w["label"], w["voor_tekst"], w["na_tekst"]) for w in wijzigingen] == [
        ("eindoordeel", "niet ingevuld", "uitvoerbaar"),
        ("Privacy (AVG)", "niet beoordeeld", "niet van toepassing"),
    ]
    assert vergelijk_bijdragen(na, na) == []


# --- the PDF ------------------------------------------------------------------------------

_GEDEELD: dict = {}


def _tekst(resultaat) -> tuple[str, PdfReader]:
    lezer = PdfReader(io.BytesIO(resultaat.pdf))
    return _plat("\n".join(p.extract_text() for p in lezer.pages)), lezer


@pytest.fixture
def papers(db):
    """Both papers rendered once for the module: the first toets and the re-toets."""
    if not _GEDEELD:
        secretaris = factories.secretaris()
        ministerie = factories.MinisterieFactory(afkorting="SZW", naam="Ministerie van SZW")
        eerder, hertoets = bouw_hertoets(secretaris, ministerie)
        for naam, consultatie in (("eerder", eerder), ("hertoets", hertoets)):
            snapshot = build_snapshot(consultatie)
            resultaat = echte_render_pdf(
                snapshot, versie=1, inhoud_sha256=inhoud_hash(snapshot), status_label="Concept"
            )
            tekst, lezer = _tekst(resultaat)
            _GEDEELD[naam] = {"tekst": tekst, "lezer": lezer, "snapshot": snapshot}
    return _GEDEELD


KOP = "Wat is er veranderd sinds de vorige toets"


def test_paper_van_hertoets_noemt_per_organisatie_wat_er_veranderde(papers):
    tekst = papers["hertoets"]["tekst"]
    assert KOP in tekst
    assert UWV_ZIN in tekst
    assert (
        "SVB: geen wijzigingen in eindoordeel, gevolgen, risico, kosten, fte of invoeringsdatum."
        in tekst
    )
    assert "Nieuw in deze hertoets: Dienst Uitvoering Onderwijs (DUO)." in tekst
    assert "Centraal Justitieel Incassobureau (CJIB) (afgezien)" in tekst
    assert "Het eindoordeel veranderde bij UWV." in tekst


def test_paper_van_hertoets_heeft_tabel_met_niveaus_uitgeschreven(papers):
    tekst = papers["hertoets"]["tekst"]
    assert "Wijzigingen ten opzichte van de vorige toets" in tekst
    assert "Organisatie Onderdeel Vorige toets Deze toets" in tekst
    assert "UWV ICT en gegevensuitwisseling ingrijpend middelgroot" in tekst
    assert "UWV Eindoordeel niet uitvoerbaar uitvoerbaar onder voorwaarden" in tekst


def test_hertoetssectie_staat_na_de_oordelen_in_de_bladwijzers(papers):
    titels = [o.title for o in papers["hertoets"]["lezer"].outline if not isinstance(o, list)]
    assert titels.index(KOP) == titels.index("Oordelen van de organisaties") + 1
    assert titels[titels.index(KOP) + 1] in ("Voorwaarden", "Gevolgen per dimensie")


def test_paper_van_eerste_toets_heeft_geen_hertoetssectie(papers):
    tekst = papers["eerder"]["tekst"]
    assert "Oordelen van de organisaties" in tekst
    assert KOP not in tekst
    assert "Nieuw in deze hertoets" not in tekst
    titels = [o.title for o in papers["eerder"]["lezer"].outline if not isinstance(o, list)]
    assert KOP not in titels

"""Internal deliberation stays internal: a response's timeline in the page, the API and the
paper. The own organisation and the secretariaat read every step and note; another
organisation (after closing) and the ministry (after sending) read only the public
milestones, without notes."""

import io

import pytest
from pypdf import PdfReader

from consultaties import services as consultatie_services
from rapporten import pdf
from rapporten.snapshot import build_snapshot, inhoud_hash
from reacties import services as reactie_services
from tests import factories, toestanden
from tests.apihulp import api_client

AFKEURING = "Intern-geheim: de cijfers van team X kloppen niet"
TERUGSTUREN = "Secretariaat-geheim: de toon richting het ministerie is te scherp"


def _doorloop_met_interne_stappen(reactie, opsteller, accordeerder, secretaris):
    """Draft → rejected internally → submitted → returned → submitted → accepted."""
    reactie = reactie_services.reactie_starten(reactie=reactie, actor=opsteller)
    reactie = factories.vul_reactie_in(reactie, opsteller)
    reactie = reactie_services.reactie_ter_accordering(reactie=reactie, actor=opsteller)
    reactie = reactie_services.reactie_afkeuren(
        reactie=reactie, actor=accordeerder, toelichting=AFKEURING
    )
    reactie = reactie_services.reactie_ter_accordering(reactie=reactie, actor=opsteller)
    reactie = reactie_services.reactie_indienen(reactie=reactie, actor=accordeerder)
    reactie = reactie_services.reactie_terugsturen(
        reactie=reactie, actor=secretaris, toelichting=TERUGSTUREN
    )
    reactie = reactie_services.reactie_ter_accordering(reactie=reactie, actor=opsteller)
    reactie = reactie_services.reactie_indienen(reactie=reactie, actor=accordeerder)
    return reactie_services.reactie_accepteren(reactie=reactie, actor=secretaris)


@pytest.fixture
def verzonden_met_geschiedenis(
    open_consultatie,
    reactie_a,
    reactie_b,
    opsteller_a,
    accordeerder_a,
    opsteller_b,
    accordeerder_b,
    secretaris,
):
    """A's response went through internal steps; B submitted plainly. Closed and sent, so
    B and the ministry may see A's response."""
    reactie = _doorloop_met_interne_stappen(reactie_a, opsteller_a, accordeerder_a, secretaris)
    toestanden.reactie_in(
        "geaccepteerd",
        reactie_b,
        opsteller=opsteller_b,
        accordeerder=accordeerder_b,
        secretaris=secretaris,
    )
    c = consultatie_services.consultatie_sluiten(consultatie=open_consultatie, actor=secretaris)
    toestanden.definitief_rapport(c)
    from rapporten.services import rapport_verzenden_voor_consultatie

    rapport_verzenden_voor_consultatie(consultatie=c, actor=secretaris)
    return reactie


INTERN = ("Intern afgekeurd", "Teruggestuurd door het secretariaat", "Concept opgeslagen")


@pytest.mark.django_db
@pytest.mark.parametrize("wie", ["opsteller_a", "accordeerder_a", "secretaris"])
def test_eigen_organisatie_en_secretariaat_lezen_de_hele_tijdlijn_op_de_pagina(
    client, request, verzonden_met_geschiedenis, wie
):
    client.force_login(request.getfixturevalue(wie))
    html = client.get(f"/reacties/{verzonden_met_geschiedenis.pk}/").content.decode()
    assert AFKEURING in html
    assert TERUGSTUREN in html
    for label in INTERN:
        assert label in html


@pytest.mark.django_db
@pytest.mark.parametrize("wie", ["opsteller_b", "accordeerder_b", "ministerie_gebruiker"])
def test_andere_organisatie_en_ministerie_zien_alleen_mijlpalen_op_de_pagina(
    client, request, verzonden_met_geschiedenis, wie
):
    client.force_login(request.getfixturevalue(wie))
    response = client.get(f"/reacties/{verzonden_met_geschiedenis.pk}/")
    assert response.status_code == 200  # they may see the response itself
    html = response.content.decode()
    assert AFKEURING not in html
    assert TERUGSTUREN not in html
    for label in INTERN:
        assert label not in html
    assert "Geaccordeerd en ingediend" in html
    assert "Geaccepteerd" in html


def _api_tijdlijn(user, reactie):
    response = api_client(user).get(f"/api/v1/reacties/{reactie.pk}/tijdlijn")
    assert response.status_code == 200, response.content
    return response.json()


@pytest.mark.django_db
@pytest.mark.parametrize("wie", ["opsteller_a", "accordeerder_a", "secretaris"])
def test_api_tijdlijn_volledig_voor_eigen_organisatie_en_secretariaat(
    request, verzonden_met_geschiedenis, wie
):
    tijdlijn = _api_tijdlijn(request.getfixturevalue(wie), verzonden_met_geschiedenis)
    acties = [g["actie"] for g in tijdlijn]
    assert {"opgeslagen", "ter_accordering", "afkeuren", "terugsturen"} <= set(acties)
    toelichtingen = {g["toelichting"] for g in tijdlijn}
    assert {AFKEURING, TERUGSTUREN} <= toelichtingen


@pytest.mark.django_db
@pytest.mark.parametrize("wie", ["opsteller_b", "accordeerder_b", "ministerie_gebruiker"])
def test_api_tijdlijn_alleen_mijlpalen_zonder_toelichting_voor_anderen(
    request, verzonden_met_geschiedenis, wie
):
    tijdlijn = _api_tijdlijn(request.getfixturevalue(wie), verzonden_met_geschiedenis)
    assert [g["actie"] for g in tijdlijn] == ["indienen", "indienen", "accepteren"]
    assert all(g["toelichting"] == "" and g["vanStatus"] == "" for g in tijdlijn)
    assert AFKEURING not in str(tijdlijn) and TERUGSTUREN not in str(tijdlijn)


@pytest.mark.django_db
def test_api_tijdlijn_is_404_voor_wie_de_reactie_niet_ziet(
    reactie_a, opsteller_a, opsteller_b, ministerie_gebruiker
):
    reactie_services.reactie_starten(reactie=reactie_a, actor=opsteller_a)
    for user in (opsteller_b, ministerie_gebruiker):
        assert api_client(user).get(f"/api/v1/reacties/{reactie_a.pk}/tijdlijn").status_code == 404


@pytest.mark.django_db
def test_paper_noemt_geen_interne_stap_van_een_na_sluiting_teruggestuurde_reactie(
    open_consultatie, reactie_a, reactie_b, opsteller_a, accordeerder_a, opsteller_b,
    accordeerder_b, secretaris,
):  # fmt: skip
    """The paper goes to the ministry: a response the secretariaat returned after closing is
    'niet ingediend' there, never 'in voorbereiding', and its notes are nowhere."""
    _doorloop_met_interne_stappen(reactie_a, opsteller_a, accordeerder_a, secretaris)
    toestanden.reactie_in(
        "ingediend",
        reactie_b,
        opsteller=opsteller_b,
        accordeerder=accordeerder_b,
        secretaris=secretaris,
    )
    c = consultatie_services.consultatie_sluiten(consultatie=open_consultatie, actor=secretaris)
    reactie_services.reactie_terugsturen(
        reactie=c.reacties.get(pk=reactie_b.pk), actor=secretaris, toelichting=TERUGSTUREN
    )
    snapshot = build_snapshot(c)
    regels = {u["organisatie"]["afkorting"]: u for u in snapshot["uitgenodigd"]}
    assert regels["SVB"]["status"] == "niet_ingediend"
    assert regels["SVB"]["status_label"] == "Niet ingediend"
    assert regels["UWV"]["status"] == "geaccepteerd"
    resultaat = pdf.render_pdf(
        snapshot, versie=1, inhoud_sha256=inhoud_hash(snapshot), status_label="Concept"
    )
    tekst = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(resultaat.pdf)).pages)
    tekst = " ".join(tekst.split())
    assert "Niet ingediend" in tekst
    assert "In voorbereiding" not in tekst
    for geheim in (AFKEURING, TERUGSTUREN):
        assert geheim.split(":")[0] not in tekst


@pytest.mark.django_db
def test_reden_van_verlenging_voor_een_organisatie_staat_niet_op_de_consultatie(
    client, open_consultatie, reactie_a, org_a, opsteller_a, opsteller_b, secretaris
):
    """Another invited organisation reads the consultation's timeline: it does not learn
    why one organisation got more time; that organisation and the secretariaat do."""
    from datetime import timedelta

    reden = "UWV-intern: reorganisatie van de afdeling Wetgeving"
    consultatie_services.consultatie_termijn_verlengen(
        consultatie=open_consultatie,
        actor=secretaris,
        termijn=open_consultatie.termijn + timedelta(days=7),
        organisatie=org_a,
        toelichting=reden,
    )
    client.force_login(opsteller_b)
    assert reden not in client.get(f"/consultaties/{open_consultatie.pk}/").content.decode()
    client.force_login(opsteller_a)
    assert reden in client.get(f"/reacties/{reactie_a.pk}/").content.decode()
    client.force_login(secretaris)
    assert reden in client.get(f"/reacties/{reactie_a.pk}/").content.decode()
    client.force_login(opsteller_b)
    assert client.get(f"/reacties/{reactie_a.pk}/").status_code == 404

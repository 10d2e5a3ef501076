"""The audit trail per object through the API (issue 16): ``GET …/{id}/tijdlijn`` on
consultations, responses and papers, one shape for all three, filtered exactly as the
object's page filters its timeline. Tested per role on one history with internal steps."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from consultaties import services as consultatie_services
from rapporten import services as rapport_services
from reacties import services as reactie_services
from tests import factories
from tests.apihulp import api_client, assert_probleem
from tests.rapporten.helpers import accepteer, inhoud, maak_rapport

pytestmark = pytest.mark.django_db

VERLENGING = "Verlengd voor iedereen wegens de zomervakantie."
VERLENGING_A = "Geheim van UWV: de accordeerder is ziek."
SAMENVATTING = "Intern: concept van de bestuurlijke samenvatting."
ONTVANGST = "Ontvangen, dank voor het paper."
VERWERKING = "Overgenomen in artikel 3 van de regeling."
VELDEN = {
    "tijdstip",
    "actie",
    "actieLabel",
    "vanStatus",
    "naarStatus",
    "door",
    "organisatie",
    "toelichting",
}


@pytest.fixture
def geschiedenis(secretaris, ministerie, ministerie_gebruiker, org_a, org_b, snelle_pdf):
    """A consultation with a concept phase, extensions, A accepted, B not (verlopen), a
    concept and a sent paper, the ministry's receipt and one verwerking."""
    consultatie = factories.consultatie(
        secretaris_gebruiker=secretaris, ministerie=ministerie, organisaties=[org_a, org_b]
    )
    consultatie = consultatie_services.consultatie_bijwerken(
        consultatie=consultatie, actor=secretaris, titel="Wet betere dienstverlening (herzien)"
    )
    consultatie = consultatie_services.consultatie_openstellen(
        consultatie=consultatie, actor=secretaris
    )
    later = consultatie.termijn + timedelta(days=7)
    consultatie_services.consultatie_termijn_verlengen(
        consultatie=consultatie, actor=secretaris, termijn=later, toelichting=VERLENGING
    )
    consultatie_services.consultatie_termijn_verlengen(
        consultatie=consultatie,
        actor=secretaris,
        termijn=later + timedelta(days=7),
        organisatie=org_a,
        toelichting=VERLENGING_A,
    )
    reactie_a = consultatie.reacties.get(organisatie=org_a)
    accepteer(
        reactie_a,
        secretaris,
        kernpunten=[{"dimensie": "ict", "tekst": "Koppeling met de BRP."}],
        **inhoud(),
    )
    consultatie = consultatie_services.consultatie_sluiten(
        consultatie=consultatie, actor=secretaris
    )
    consultatie_services.consultatie_bijwerken(
        consultatie=consultatie, actor=secretaris, bestuurlijke_samenvatting=SAMENVATTING
    )
    eerste = maak_rapport(consultatie, secretaris)
    tweede = maak_rapport(consultatie, secretaris)
    rapport_services.rapport_definitief_maken(rapport=tweede, actor=secretaris)
    rapport = rapport_services.rapport_verzenden(rapport=tweede, actor=secretaris)
    rapport = rapport_services.rapport_ontvangst_bevestigen(
        rapport=rapport, actor=ministerie_gebruiker, toelichting=ONTVANGST
    )
    rapport_services.verwerking_vastleggen(
        rapport=rapport,
        actor=ministerie_gebruiker,
        kernpunt=rapport.kernpunt_ids[0],
        uitkomst="overgenomen",
        toelichting=VERWERKING,
    )
    return {"consultatie": consultatie, "reactie_a": reactie_a, "concept": eerste, "paper": rapport}


def tijdlijn(user, pad, **headers):
    response = api_client(user).get(f"/api/v1{pad}/tijdlijn", **headers)
    assert response.status_code == 200, response.content[:300]
    return response.json()


def acties(gebeurtenissen):
    return [g["actie"] for g in gebeurtenissen]


# --- consultation -----------------------------------------------------------------------


def test_secretariaat_ziet_de_hele_tijdlijn_van_de_consultatie(geschiedenis, secretaris):
    gebeurtenissen = tijdlijn(secretaris, f"/consultaties/{geschiedenis['consultatie'].pk}")
    assert set(gebeurtenissen[0]) == VELDEN
    assert acties(gebeurtenissen)[:4] == [
        "aangemaakt",
        "uitgenodigd",
        "document_toegevoegd",
        "gewijzigd",
    ]
    assert {"openstellen", "termijn_verlengd", "sluiten", "rapport_aangemaakt", "verzenden"} <= set(
        acties(gebeurtenissen)
    )
    assert gebeurtenissen[0]["door"] == "secretaris"
    assert gebeurtenissen[0]["actieLabel"] == "Aangemaakt"
    assert VERLENGING in {g["toelichting"] for g in gebeurtenissen}


@pytest.mark.parametrize("wie", ["opsteller_a", "accordeerder_b", "ministerie_gebruiker"])
def test_anderen_zien_de_mijlpalen_vanaf_de_openstelling_met_toelichting(
    request, geschiedenis, wie
):
    gebeurtenissen = tijdlijn(
        request.getfixturevalue(wie), f"/consultaties/{geschiedenis['consultatie'].pk}"
    )
    assert acties(gebeurtenissen) == [
        "openstellen",
        "termijn_verlengd",
        "termijn_verlengd",
        "sluiten",
        "verzenden",
    ]
    # The extension for everyone keeps its note; one organisation's reason never was here.
    assert [g["toelichting"] for g in gebeurtenissen if g["toelichting"]] == [VERLENGING]
    tekst = str(gebeurtenissen)
    assert SAMENVATTING not in tekst and VERLENGING_A not in tekst
    assert gebeurtenissen[0]["vanStatus"] == "concept"  # the milestone keeps its states


def test_consultatiepagina_filtert_de_tijdlijn_net_zo(
    client, geschiedenis, secretaris, ministerie_gebruiker
):
    url = reverse("consultaties:detail", args=[geschiedenis["consultatie"].pk])
    client.force_login(secretaris)
    assert "Position paper gemaakt" in client.get(url).content.decode()
    client.force_login(ministerie_gebruiker)
    pagina = client.get(url).content.decode()
    assert "Position paper gemaakt" not in pagina
    assert "Gegevens gewijzigd" not in pagina
    assert VERLENGING in pagina


def test_concept_consultatie_is_404_voor_iedereen_behalve_het_secretariaat(
    secretaris, ministerie, org_a, opsteller_a, ministerie_gebruiker
):
    concept = factories.consultatie(
        secretaris_gebruiker=secretaris, ministerie=ministerie, organisaties=[org_a]
    )
    pad = f"/api/v1/consultaties/{concept.pk}/tijdlijn"
    for user in (opsteller_a, ministerie_gebruiker):
        assert_probleem(api_client(user).get(pad), 404)
    assert acties(tijdlijn(secretaris, f"/consultaties/{concept.pk}")) == [
        "aangemaakt",
        "uitgenodigd",
        "document_toegevoegd",
    ]


@pytest.mark.parametrize("wie", ["opsteller_c", "ander_ministerie_gebruiker"])
def test_niet_uitgenodigd_en_ander_ministerie_krijgen_404(request, geschiedenis, wie):
    user = request.getfixturevalue(wie)
    for pad in (
        f"/consultaties/{geschiedenis['consultatie'].pk}",
        f"/reacties/{geschiedenis['reactie_a'].pk}",
        f"/rapporten/{geschiedenis['paper'].pk}",
    ):
        assert_probleem(api_client(user).get(f"/api/v1{pad}/tijdlijn"), 404)


def test_zonder_inloggen_401(geschiedenis):
    assert_probleem(
        api_client().get(f"/api/v1/consultaties/{geschiedenis['consultatie'].pk}/tijdlijn"), 401
    )


def test_tijdlijn_is_alleen_lezen(geschiedenis, secretaris):
    pad = f"/api/v1/consultaties/{geschiedenis['consultatie'].pk}/tijdlijn"
    client = api_client(secretaris)
    for methode in ("post", "patch", "put", "delete"):
        assert_probleem(getattr(client, methode)(pad, {}, format="json"), 405)


# --- paper --------------------------------------------------------------------------------


def test_secretariaat_ziet_hoe_het_paper_werd_gemaakt(geschiedenis, secretaris):
    gebeurtenissen = tijdlijn(secretaris, f"/rapporten/{geschiedenis['paper'].pk}")
    assert acties(gebeurtenissen) == [
        "aangemaakt",
        "pdf_gemaakt",
        "definitief_maken",
        "verzenden",
        "ontvangst_bevestigd",
        "verwerking_vastgelegd",
    ]


@pytest.mark.parametrize("wie", ["ministerie_gebruiker", "opsteller_a"])
def test_ministerie_en_bijdragende_organisatie_zien_de_mijlpalen_van_het_paper(
    request, geschiedenis, wie
):
    gebeurtenissen = tijdlijn(
        request.getfixturevalue(wie), f"/rapporten/{geschiedenis['paper'].pk}"
    )
    assert acties(gebeurtenissen) == ["verzenden", "ontvangst_bevestigd", "verwerking_vastgelegd"]
    assert [g["toelichting"] for g in gebeurtenissen[1:]] == [ONTVANGST, VERWERKING]


def test_conceptversie_van_het_paper_is_404_buiten_het_secretariaat(
    geschiedenis, ministerie_gebruiker, opsteller_a, secretaris
):
    pad = f"/api/v1/rapporten/{geschiedenis['concept'].pk}/tijdlijn"
    for user in (ministerie_gebruiker, opsteller_a):
        assert_probleem(api_client(user).get(pad), 404)
    assert api_client(secretaris).get(pad).status_code == 200


def test_organisatie_zonder_bijdrage_ziet_het_paper_niet(geschiedenis, opsteller_b):
    assert_probleem(
        api_client(opsteller_b).get(f"/api/v1/rapporten/{geschiedenis['paper'].pk}/tijdlijn"),
        404,
    )


def test_paperpagina_filtert_de_tijdlijn_net_zo(client, geschiedenis, ministerie_gebruiker):
    client.force_login(ministerie_gebruiker)
    pagina = client.get(reverse("rapporten:detail", args=[geschiedenis["paper"].pk])).content
    assert "PDF gemaakt" not in pagina.decode()
    assert ONTVANGST in pagina.decode()


# --- response: the same shape --------------------------------------------------------------


def test_reactie_heeft_dezelfde_vorm(geschiedenis, opsteller_a, ministerie_gebruiker):
    pad = f"/reacties/{geschiedenis['reactie_a'].pk}"
    eigen = tijdlijn(opsteller_a, pad)
    assert set(eigen[0]) == VELDEN
    assert "opgeslagen" in acties(eigen)
    anders = tijdlijn(ministerie_gebruiker, pad)
    assert acties(anders) == ["indienen", "accepteren"]
    assert all(g["toelichting"] == "" and g["vanStatus"] == "" for g in anders)


def test_labels_in_de_taal_van_het_verzoek(geschiedenis, secretaris):
    gebeurtenissen = tijdlijn(
        secretaris, f"/rapporten/{geschiedenis['paper'].pk}", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert gebeurtenissen[-1]["actie"] == "verwerking_vastgelegd"
    assert gebeurtenissen[-1]["actieLabel"] == "Outcome recorded"


# --- cost: constant in the number of events -------------------------------------------------


def test_vast_aantal_queries(secretaris, ministerie, org_a, django_assert_num_queries):
    consultatie = factories.consultatie(
        secretaris_gebruiker=secretaris, ministerie=ministerie, organisaties=[org_a], open=True
    )
    client = api_client(secretaris)
    pad = f"/api/v1/consultaties/{consultatie.pk}/tijdlijn"

    def verleng(aantal):
        for _ in range(aantal):
            consultatie.refresh_from_db()
            consultatie_services.consultatie_termijn_verlengen(
                consultatie=consultatie,
                actor=factories.secretaris(username=f"sec-{timezone.now().timestamp()}"),
                termijn=consultatie.termijn + timedelta(days=1),
            )

    verleng(1)
    with django_assert_num_queries(3):  # token with its user, consultation, events
        weinig = len(client.get(pad).json())
    verleng(6)
    with django_assert_num_queries(3):
        assert len(client.get(pad).json()) == weinig + 6


def test_reactie_zonder_geschiedenis_geeft_alleen_de_uitnodiging(reactie_a, opsteller_a):
    reactie_services.reactie_starten(reactie=reactie_a, actor=opsteller_a)
    assert acties(tijdlijn(opsteller_a, f"/reacties/{reactie_a.pk}")) == ["starten"]

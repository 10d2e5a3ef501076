"""Optimistic locking on consultations, as on responses (issue 16): every change carries
the version it started from; a stale one is a 409 that says what to do, and nothing is
written. The web form does the same and keeps what the user typed."""

import pytest
from django.urls import reverse
from django.utils import timezone

from consultaties import services
from consultaties.models import Consultatie
from tests import factories
from tests.apihulp import api_client, assert_probleem

pytestmark = pytest.mark.django_db


@pytest.fixture
def concept(secretaris, ministerie):
    return factories.consultatie(secretaris_gebruiker=secretaris, ministerie=ministerie)


def url(consultatie):
    return f"/api/v1/consultaties/{consultatie.pk}"


def test_consultatie_toont_haar_versie(concept, secretaris):
    assert api_client(secretaris).get(url(concept)).json()["versie"] == 1


def test_wijzigen_met_de_actuele_versie_verhoogt_de_versie(concept, secretaris):
    client = api_client(secretaris)
    response = client.patch(url(concept), {"versie": 1, "titel": "Nieuwe titel"}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["versie"] == 2
    assert response.json()["titel"] == "Nieuwe titel"
    # Sending the same again changes nothing: no new version either.
    again = client.patch(url(concept), {"versie": 2, "titel": "Nieuwe titel"}, format="json")
    assert again.json()["versie"] == 2


def test_verouderde_versie_is_409_en_er_wordt_niets_opgeslagen(concept, secretaris):
    client = api_client(secretaris)
    client.patch(url(concept), {"versie": 1, "titel": "Eerste"}, format="json")
    data = assert_probleem(
        client.patch(url(concept), {"versie": 1, "titel": "Tweede"}, format="json"), 409
    )
    assert data["code"] == "verouderde_versie"
    assert "nu versie 2" in data["detail"]
    assert "breng ze opnieuw aan op de nieuwste versie" in data["detail"]
    concept.refresh_from_db()
    assert (concept.titel, concept.versie) == ("Eerste", 2)


def test_zonder_versie_is_400(concept, secretaris):
    data = assert_probleem(
        api_client(secretaris).patch(url(concept), {"titel": "X"}, format="json"), 400
    )
    assert [p["name"] for p in data["invalidParams"]] == ["versie"]
    concept.refresh_from_db()
    assert concept.versie == 1


@pytest.mark.parametrize("versie", [0, -1, "een", None])
def test_ongeldige_versie_is_400(concept, secretaris, versie):
    data = assert_probleem(
        api_client(secretaris).patch(url(concept), {"versie": versie, "titel": "X"}, format="json"),
        400,
    )
    assert [p["name"] for p in data["invalidParams"]] == ["versie"]


def test_versie_kan_niet_worden_geschreven_bij_aanmaken(secretaris, ministerie):
    data = assert_probleem(
        api_client(secretaris).post(
            "/api/v1/consultaties",
            {
                "versie": 7,
                "titel": "T",
                "instrument": "wetsvoorstel",
                "ministerie": ministerie.pk,
                "termijn": (timezone.now() + timezone.timedelta(days=30)).isoformat(),
            },
            format="json",
        ),
        400,
    )
    assert [p["name"] for p in data["invalidParams"]] == ["versie"]


def test_anderen_krijgen_eerst_404_of_403_dan_pas_de_versie(
    concept, open_consultatie, opsteller_a, ministerie_gebruiker
):
    # The concept is invisible to them; the open one is visible but not theirs to change.
    assert_probleem(api_client(opsteller_a).patch(url(concept), {"versie": 9}, format="json"), 404)
    for user in (opsteller_a, ministerie_gebruiker):
        assert_probleem(
            api_client(user).patch(url(open_consultatie), {"versie": 9}, format="json"), 403
        )


def test_paper_samenvatting_verhoogt_de_versie(concept, secretaris):
    # Every change of the details counts, also the one the paper makes for its summary.
    services.consultatie_bijwerken(
        consultatie=concept, actor=secretaris, bestuurlijke_samenvatting="Kort"
    )
    assert Consultatie.objects.get(pk=concept.pk).versie == 2


def _formulier(concept, **extra):
    return {
        "titel": concept.titel,
        "instrument": concept.instrument,
        "ministerie": concept.ministerie_id,
        "termijn": timezone.localtime(concept.termijn).strftime("%Y-%m-%dT%H:%M"),
        "versie": concept.versie,
        **extra,
    }


def test_webformulier_weigert_verouderde_versie_en_houdt_de_invoer(client, concept, secretaris):
    client.force_login(secretaris)
    adres = reverse("consultaties:bewerken", args=[concept.pk])
    formulier = _formulier(concept, titel="Mijn titel")
    services.consultatie_bijwerken(
        consultatie=concept, actor=secretaris, versie=1, titel="Van een collega"
    )
    response = client.post(adres, formulier)
    assert response.status_code == 409
    inhoud = response.content.decode()
    assert "Iemand anders heeft deze consultatie intussen gewijzigd" in inhoud
    assert 'value="Mijn titel"' in inhoud
    assert 'name="versie" value="2"' in inhoud
    assert Consultatie.objects.get(pk=concept.pk).titel == "Van een collega"
    # Saving again on top of the latest version works.
    response = client.post(adres, {**formulier, "versie": 2})
    assert response.status_code == 302
    assert Consultatie.objects.get(pk=concept.pk).titel == "Mijn titel"

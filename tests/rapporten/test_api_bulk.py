"""Bulk through the API (issue 16): the ministry records the verwerking of several
kernpunten in one call, each item through the same service as the single request with
its own result; the secretariaat invites a whole network in one call."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from consultaties import services as consultatie_services
from organisaties.models import Netwerk
from rapporten import services as rapport_services
from rapporten.models import Verwerking
from tegenkracht.api.bulk import MAX_ITEMS
from tests import factories
from tests.apihulp import api_client, assert_probleem
from tests.rapporten.helpers import gesloten_consultatie, maak_rapport

pytestmark = pytest.mark.django_db


def bulk(rapport):
    return f"/api/v1/rapporten/{rapport.pk}/verwerkingen/bulk"


def item(kernpunt, uitkomst="overgenomen", toelichting="Overgenomen in artikel 3."):
    return {"kernpunt": kernpunt, "uitkomst": uitkomst, "toelichting": toelichting}


@pytest.fixture
def paper(verzonden):
    return verzonden


def test_ministerie_legt_meerdere_verwerkingen_vast_met_een_resultaat_per_item(
    paper, ministerie_gebruiker
):
    eerste, tweede = paper.kernpunt_ids
    response = api_client(ministerie_gebruiker).post(
        bulk(paper),
        {
            "verwerkingen": [
                item(eerste),
                item(tweede, uitkomst="misschien"),  # not a choice
                item(999_999),  # not in the paper
                item(tweede, uitkomst="niet_overgenomen", toelichting=""),  # no explanation
                item(tweede, uitkomst="deels_overgenomen"),
                item(eerste, uitkomst="niet_overgenomen", toelichting="Toch niet."),  # change
            ]
        },
        format="json",
    )
    assert response.status_code == 200, response.content[:500]
    data = response.json()
    assert [r["status"] for r in data["resultaten"]] == [201, 400, 400, 400, 201, 200]
    assert [r["index"] for r in data["resultaten"]] == list(range(6))
    assert (data["aantalGelukt"], data["aantalMislukt"]) == (3, 3)
    goed = data["resultaten"][0]["resultaat"]
    assert goed["kernpunt"] == eerste and goed["nummer"].startswith("K")
    fouten = [r["probleem"] for r in data["resultaten"][1:4]]
    assert [f["invalidParams"][0]["name"] for f in fouten] == [
        "uitkomst",
        "kernpunt",
        "toelichting",
    ]
    assert all(f["type"].startswith("urn:tegenkracht:probleem:") for f in fouten)
    assert fouten[0]["instance"].endswith("/verwerkingen/bulk#/1")
    assert "resultaat" not in data["resultaten"][1] and "probleem" not in data["resultaten"][0]
    opgeslagen = dict(Verwerking.objects.values_list("kernpunt_id", "uitkomst"))
    assert opgeslagen == {eerste: "niet_overgenomen", tweede: "deels_overgenomen"}


def test_elk_item_loopt_door_dezelfde_service_met_audit(paper, ministerie_gebruiker, secretaris):
    eerste, tweede = paper.kernpunt_ids
    api_client(ministerie_gebruiker).post(
        bulk(paper), {"verwerkingen": [item(eerste), item(tweede)]}, format="json"
    )
    tijdlijn = api_client(secretaris).get(f"/api/v1/rapporten/{paper.pk}/tijdlijn").json()
    assert [g["actie"] for g in tijdlijn].count("verwerking_vastgelegd") == 2


def test_na_afronden_is_elk_item_409_en_verandert_er_niets(paper, ministerie_gebruiker, secretaris):
    client = api_client(ministerie_gebruiker)
    items = [item(k) for k in paper.kernpunt_ids]
    assert client.post(bulk(paper), {"verwerkingen": items}, format="json").status_code == 200
    consultatie_services.consultatie_afronden(consultatie=paper.consultatie, actor=secretaris)
    data = client.post(
        bulk(paper),
        {"verwerkingen": [item(k, uitkomst="niet_overgenomen") for k in paper.kernpunt_ids]},
        format="json",
    ).json()
    assert [r["status"] for r in data["resultaten"]] == [409, 409]
    assert data["resultaten"][0]["probleem"]["code"] == "transitie_niet_toegestaan"
    assert set(Verwerking.objects.values_list("uitkomst", flat=True)) == {"overgenomen"}


@pytest.mark.parametrize(
    ("body", "veld"),
    [
        ({"verwerkingen": []}, "verwerkingen"),
        ({"verwerkingen": "alles"}, "verwerkingen"),
        ({}, "verwerkingen"),
        ({"verwerkingen": [item(1)], "alles": True}, "alles"),
        ({"verwerkingen": [item(1)] * (MAX_ITEMS + 1)}, "verwerkingen"),
    ],
)
def test_ongeldige_lijst_weigert_het_hele_verzoek(paper, ministerie_gebruiker, body, veld):
    data = assert_probleem(
        api_client(ministerie_gebruiker).post(bulk(paper), body, format="json"), 400
    )
    assert [p["name"] for p in data["invalidParams"]] == [veld]
    assert not Verwerking.objects.exists()


def test_lijst_als_body_is_400(paper, ministerie_gebruiker):
    response = api_client(ministerie_gebruiker).post(bulk(paper), [item(1)], format="json")
    assert_probleem(response, 400)


def test_item_dat_geen_object_is_krijgt_zijn_eigen_400(paper, ministerie_gebruiker):
    eerste = paper.kernpunt_ids[0]
    data = (
        api_client(ministerie_gebruiker)
        .post(bulk(paper), {"verwerkingen": ["K1", item(eerste), None]}, format="json")
        .json()
    )
    assert [r["status"] for r in data["resultaten"]] == [400, 201, 400]


@pytest.mark.parametrize(
    ("wie", "status"),
    [
        ("secretaris", 403),
        ("opsteller_a", 403),  # contributed: sees the paper, may not record
        ("opsteller_b", 403),
        ("opsteller_c", 404),
        ("ander_ministerie_gebruiker", 404),
    ],
)
def test_wie_niet_mag_krijgt_403_of_404_voor_het_hele_verzoek(request, paper, wie, status):
    response = api_client(request.getfixturevalue(wie)).post(
        bulk(paper), {"verwerkingen": [item(k) for k in paper.kernpunt_ids]}, format="json"
    )
    assert_probleem(response, status)
    assert not Verwerking.objects.exists()


def test_zonder_inloggen_401(paper):
    assert_probleem(api_client().post(bulk(paper), {"verwerkingen": []}, format="json"), 401)


def test_conceptversie_is_404_voor_het_ministerie(concept, ministerie_gebruiker):
    response = api_client(ministerie_gebruiker).post(
        bulk(concept), {"verwerkingen": [item(concept.kernpunt_ids[0])]}, format="json"
    )
    assert_probleem(response, 404)


def _queries(client, url, body) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.post(url, body, format="json")
    assert response.status_code == 200, response.content[:300]
    return len(context.captured_queries)


def test_kosten_per_item_zijn_vast(secretaris, ministerie, ministerie_gebruiker, snelle_pdf):
    organisaties = [factories.OrganisatieFactory() for _ in range(6)]
    consultatie = gesloten_consultatie(secretaris, ministerie, organisaties)
    rapport = maak_rapport(consultatie, secretaris)
    rapport_services.rapport_definitief_maken(rapport=rapport, actor=secretaris)
    rapport = rapport_services.rapport_verzenden(rapport=rapport, actor=secretaris)
    ids = rapport.kernpunt_ids
    assert len(ids) == 6
    client = api_client(ministerie_gebruiker)
    een = _queries(client, bulk(rapport), {"verwerkingen": [item(ids[0])]})
    twee = _queries(client, bulk(rapport), {"verwerkingen": [item(k) for k in ids[1:3]]})
    drie = _queries(client, bulk(rapport), {"verwerkingen": [item(k) for k in ids[3:6]]})
    # A fixed base plus the same cost for every item, whatever was recorded before.
    assert twee - een == drie - twee
    assert twee - een <= 14, twee - een


# --- inviting a whole network ----------------------------------------------------------


@pytest.fixture
def netwerken(db):
    manifest = [
        factories.OrganisatieFactory(afkorting=a, netwerk=Netwerk.MANIFESTGROEP)
        for a in ("UWV2", "SVB2", "DUO2")
    ]
    kleinlef = [factories.OrganisatieFactory(afkorting="LBIO", netwerk=Netwerk.KLEINLEF)]
    factories.MinisterieFactory(afkorting="EZK", netwerk=Netwerk.MANIFESTGROEP)  # no member
    return {"manifest": manifest, "kleinlef": kleinlef}


def uitnodigen(consultatie):
    return f"/api/v1/consultaties/{consultatie.pk}/uitnodigingen"


@pytest.fixture
def concept_consultatie(secretaris, ministerie):
    return factories.consultatie(secretaris_gebruiker=secretaris, ministerie=ministerie)


def test_heel_netwerk_in_een_keer_uitnodigen(concept_consultatie, secretaris, netwerken):
    response = api_client(secretaris).post(
        uitnodigen(concept_consultatie), {"netwerk": "Manifestgroep"}, format="json"
    )
    assert response.status_code == 201, response.content[:300]
    assert sorted(r["organisatie"] for r in response.json()) == sorted(
        o.pk for o in netwerken["manifest"]
    )
    assert all(r["status"] == "uitgenodigd" for r in response.json())


def test_netwerk_en_losse_organisaties_samen_en_al_uitgenodigden_overgeslagen(
    concept_consultatie, secretaris, netwerken
):
    client = api_client(secretaris)
    eerste = netwerken["manifest"][0]
    client.post(uitnodigen(concept_consultatie), {"organisaties": [eerste.pk]}, format="json")
    response = client.post(
        uitnodigen(concept_consultatie),
        {"netwerk": "Manifestgroep", "organisaties": [netwerken["kleinlef"][0].pk]},
        format="json",
    )
    assert response.status_code == 201
    nieuw = {r["organisatie"] for r in response.json()}
    assert nieuw == {o.pk for o in netwerken["manifest"][1:] + netwerken["kleinlef"]}
    assert concept_consultatie.reacties.count() == 4
    tijdlijn = client.get(f"/api/v1/consultaties/{concept_consultatie.pk}/tijdlijn").json()
    assert tijdlijn[-1]["actie"] == "uitgenodigd"


@pytest.mark.parametrize("netwerk", ["overig", "Onbekend", ""])
def test_onbekend_netwerk_is_400(concept_consultatie, secretaris, netwerken, netwerk):
    data = assert_probleem(
        api_client(secretaris).post(
            uitnodigen(concept_consultatie), {"netwerk": netwerk}, format="json"
        ),
        400,
    )
    assert [p["name"] for p in data["invalidParams"]] == ["netwerk"]
    assert not concept_consultatie.reacties.exists()


def test_zonder_organisaties_en_netwerk_is_400(concept_consultatie, secretaris):
    data = assert_probleem(
        api_client(secretaris).post(
            uitnodigen(concept_consultatie), {"organisaties": []}, format="json"
        ),
        400,
    )
    assert "organisaties, of een netwerk" in data["detail"]


def test_alles_of_niets_met_een_ministerie_erbij(
    concept_consultatie, secretaris, netwerken, ministerie
):
    data = assert_probleem(
        api_client(secretaris).post(
            uitnodigen(concept_consultatie),
            {"netwerk": "Manifestgroep", "organisaties": [ministerie.pk]},
            format="json",
        ),
        400,
    )
    assert "SZW" in data["detail"]
    assert not concept_consultatie.reacties.exists()


@pytest.mark.parametrize(
    ("wie", "status"),
    [("opsteller_a", 403), ("ministerie_gebruiker", 403), ("opsteller_c", 404)],
)
def test_alleen_het_secretariaat_nodigt_een_netwerk_uit(
    request, open_consultatie, netwerken, wie, status
):
    response = api_client(request.getfixturevalue(wie)).post(
        uitnodigen(open_consultatie), {"netwerk": "KleinLef"}, format="json"
    )
    assert_probleem(response, status)
    assert open_consultatie.reacties.count() == 2


def test_open_consultatie_stuurt_het_netwerk_meteen_uitnodigingen(
    open_consultatie, secretaris, netwerken, mailoutbox, django_capture_on_commit_callbacks
):
    opsteller = factories.opsteller(netwerken["kleinlef"][0])
    with django_capture_on_commit_callbacks(execute=True):
        response = api_client(secretaris).post(
            uitnodigen(open_consultatie), {"netwerk": "KleinLef"}, format="json"
        )
    assert response.status_code == 201
    assert [opsteller.email] in [m.to for m in mailoutbox]

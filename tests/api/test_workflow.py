"""The whole workflow through the API only, as another system would run it."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from reacties.models import Dimensie
from tests import factories

from .conftest import api_client

pytestmark = pytest.mark.django_db


def token_voor(username: str) -> str:
    response = api_client().post(
        "/api/v1/auth/token",
        {"username": username, "password": "geheim-wachtwoord-123"},
        format="json",
    )
    assert response.status_code == 200, response.json()
    return response.json()["token"]


def client(username: str):
    c = api_client()
    c.credentials(HTTP_AUTHORIZATION=f"Token {token_voor(username)}")
    return c


def volledige_inhoud(versie: int, vraag_id: int) -> dict:
    return {
        "versie": versie,
        "eindoordeel": "uitvoerbaar_onder_voorwaarden",
        "kernboodschap": "Uitvoerbaar met achttien maanden invoeringstijd.",
        "voorwaarden": "Tijdige levering van inkomensgegevens.",
        "risicoProcesverstoringen": "gemiddeld",
        "fteIncidenteel": 12.5,
        "fteStructureel": 3,
        "levensgebeurtenissen": ["verhuizen", "werk_verliezen"],
        "beoordelingen": [
            {"dimensie": d.value, "gevolgen": "beperkt", "toelichting": "Beperkt."}
            for d in Dimensie
        ],
        "kosten": [
            {"categorie": "automatisering", "soort": "incidenteel", "bedrag": 1500000},
            {"categorie": "dienstverlening", "soort": "structureel", "bedrag": 250000.5},
        ],
        "antwoorden": [{"vraag": vraag_id, "tekst": "Per 1 januari 2028 is haalbaar."}],
    }


def test_volledige_workflow_via_de_api(
    secretaris,
    ministerie,
    ministerie_gebruiker,
    org_a,
    org_b,
    org_c,
    opsteller_a,
    accordeerder_a,
    opsteller_b,
    accordeerder_b,
):
    accordeerder_c = factories.accordeerder(org_c)
    sec = client(secretaris.username)

    # The secretaris creates the consultation, invites three organisations, uploads the
    # draft and opens it.
    termijn = (timezone.now() + timedelta(days=21)).isoformat()
    response = sec.post(
        "/api/v1/consultaties",
        {
            "titel": "Wet eenvoudiger toeslagen",
            "samenvatting": "Toeslagen worden vervangen door directe financiering.",
            "instrument": "wetsvoorstel",
            "ministerie": ministerie.pk,
            "termijn": termijn,
            "beoogdeInwerkingtreding": "2028-01-01",
            "vragen": ["Is 1 januari 2028 haalbaar?"],
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    consultatie = response.json()
    assert consultatie["status"] == "concept"
    assert set(consultatie["toegestaneActies"]) == {"intrekken"}  # nothing to open yet
    cid = consultatie["id"]
    vraag_id = consultatie["vragen"][0]["id"]

    response = sec.post(
        f"/api/v1/consultaties/{cid}/uitnodigingen",
        {"organisaties": [org_a.pk, org_b.pk, org_c.pk]},
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert {r["status"] for r in response.json()} == {"uitgenodigd"}

    response = sec.post(
        f"/api/v1/consultaties/{cid}/documenten",
        {
            "bestand": SimpleUploadedFile("concept.pdf", factories.PDF_BYTES),
            "titel": "Conceptwetsvoorstel",
        },
        format="multipart",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["versie"] == 1
    assert len(response.json()["sha256"]) == 64

    response = sec.get(f"/api/v1/consultaties/{cid}")
    assert "openstellen" in response.json()["toegestaneActies"]
    response = sec.post(f"/api/v1/consultaties/{cid}/openstellen", {}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "open"

    # Two organisations draft, send for approval and have it approved.
    reactie_ids = {}
    for opsteller, accordeerder in ((opsteller_a, accordeerder_a), (opsteller_b, accordeerder_b)):
        org_client = client(opsteller.username)
        response = org_client.get(f"/api/v1/reacties?consultatie={cid}")
        assert response.status_code == 200
        [reactie] = response.json()["resultaten"]  # only their own draft
        assert reactie["organisatie"] == opsteller.organisatie_id
        assert reactie["toegestaneActies"] == ["starten"]
        rid = reactie["id"]
        reactie_ids[opsteller.organisatie_id] = rid

        response = org_client.post(f"/api/v1/reacties/{rid}/starten", {}, format="json")
        assert response.status_code == 200, response.json()
        versie = response.json()["versie"]
        response = org_client.patch(
            f"/api/v1/reacties/{rid}", volledige_inhoud(versie, vraag_id), format="json"
        )
        assert response.status_code == 200, response.json()
        reactie = response.json()
        assert reactie["versie"] == versie + 1
        assert len(reactie["beoordelingen"]) == len(Dimensie)
        assert reactie["fteIncidenteel"] == 12.5
        assert reactie["antwoorden"] == [
            {"vraag": vraag_id, "tekst": "Per 1 januari 2028 is haalbaar."}
        ]

        response = org_client.post(
            f"/api/v1/reacties/{rid}/kernpunten",
            {"dimensie": "ict", "tekst": "Koppeling met de BRP is nodig.", "ernst": "zwaarwegend"},
            format="json",
        )
        assert response.status_code == 201, response.json()

        response = org_client.post(f"/api/v1/reacties/{rid}/ter-accordering", {}, format="json")
        assert response.status_code == 200, response.json()
        assert response.json()["status"] == "ter_accordering"

        response = client(accordeerder.username).post(
            f"/api/v1/reacties/{rid}/indienen", {"toelichting": "Akkoord."}, format="json"
        )
        assert response.status_code == 200, response.json()
        assert response.json()["status"] == "ingediend"

    # The third organisation declines.
    org_c_client = client(accordeerder_c.username)
    [reactie_c] = org_c_client.get(f"/api/v1/reacties?consultatie={cid}").json()["resultaten"]
    response = org_c_client.post(
        f"/api/v1/reacties/{reactie_c['id']}/afzien",
        {"toelichting": "Geen gevolgen voor onze uitvoering."},
        format="json",
    )
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "afgezien"

    # The secretaris accepts both submitted responses and closes the consultation.
    for rid in reactie_ids.values():
        response = sec.post(f"/api/v1/reacties/{rid}/accepteren", {}, format="json")
        assert response.status_code == 200, response.json()
        assert response.json()["status"] == "geaccepteerd"
    response = sec.post(f"/api/v1/consultaties/{cid}/sluiten", {}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "gesloten"

    # Now organisation B reads A's response and endorses its kernpunt.
    b_client = client(opsteller_b.username)
    rid_a = reactie_ids[org_a.pk]
    assert b_client.get(f"/api/v1/reacties/{rid_a}").status_code == 200
    [kernpunt] = b_client.get(f"/api/v1/reacties/{rid_a}/kernpunten").json()
    assert kernpunt["toegestaneActies"] == ["onderschrijven"]
    response = b_client.post(f"/api/v1/kernpunten/{kernpunt['id']}/onderschrijven")
    assert response.status_code == 201, response.json()
    assert response.json()["onderschrevenDoor"] == [org_b.pk]

    # The ministry does not see the responses before the paper is sent.
    min_client = client(ministerie_gebruiker.username)
    assert min_client.get(f"/api/v1/consultaties/{cid}").status_code == 200
    assert min_client.get(f"/api/v1/reacties/{rid_a}").status_code == 404


def test_vier_ogen_accordeerder_kan_eigen_aanbieding_niet_indienen(
    reactie_a, accordeerder_a, accordeerder_a2, api
):
    from reacties import services

    reactie = services.reactie_starten(reactie=reactie_a, actor=accordeerder_a)
    factories.vul_reactie_in(reactie, accordeerder_a)
    client_a = api(accordeerder_a)
    response = client_a.post(f"/api/v1/reacties/{reactie.pk}/ter-accordering", format="json")
    assert response.status_code == 200
    assert "indienen" not in response.json()["toegestaneActies"]
    response = client_a.post(f"/api/v1/reacties/{reactie.pk}/indienen", format="json")
    assert response.status_code == 403
    response = api(accordeerder_a2).post(f"/api/v1/reacties/{reactie.pk}/indienen", format="json")
    assert response.status_code == 200

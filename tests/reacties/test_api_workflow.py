"""The whole workflow through the API only, as another system would run it."""

import hashlib
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from reacties.models import Dimensie
from tests import factories
from tests.apihulp import api_client

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
    django_capture_on_commit_callbacks,
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

    # The secretaris composes the paper; it is rendered in the background (202), and the
    # client polls the version in Location until the PDF is ready.
    with django_capture_on_commit_callbacks(execute=True):
        response = sec.post(
            f"/api/v1/consultaties/{cid}/rapporten",
            {
                "bestuurlijkeSamenvatting": "Het netwerk steunt het doel, met voorwaarden.",
                "aanbevelingen": "Neem achttien maanden invoeringstijd.",
            },
            format="json",
        )
    assert response.status_code == 202, response.json()
    assert response.json()["generatieStatus"] == "wachtrij"
    status_url = response["Location"]
    rapport = sec.get(status_url).json()
    assert rapport["generatieStatus"] == "klaar", rapport["foutmelding"]
    assert rapport["toegestaneActies"] == ["definitief"]
    assert rapport["aantalPaginas"] > 1
    assert min_client.get(status_url).status_code == 404  # a concept is not the ministry's

    response = sec.post(f"{status_url}/definitief", {"toelichting": "Akkoord."}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["toegestaneActies"] == ["verzenden"]
    response = sec.post(f"{status_url}/verzenden", format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "verzonden"
    assert sec.get(f"/api/v1/consultaties/{cid}").json()["status"] == "verzonden"

    # The ministry finds the paper, downloads the PDF and acknowledges receipt.
    [verzonden] = min_client.get(f"/api/v1/rapporten?consultatie={cid}").json()["resultaten"]
    assert verzonden["_links"]["self"]["href"] == status_url
    assert verzonden["toegestaneActies"] == ["ontvangst", "verwerkingen"]
    response = min_client.get(verzonden["_links"]["pdf"]["href"])
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert hashlib.sha256(response.content).hexdigest() == verzonden["sha256"]
    response = min_client.post(f"{status_url}/ontvangst", {"toelichting": "Ontvangen."}, "json")
    assert response.status_code == 200, response.json()
    assert response.json()["toegestaneActies"] == ["verwerkingen"]

    # It records per kernpunt what it did with the network's feedback.
    detail = min_client.get(status_url).json()
    assert len(detail["kernpunten"]) == 2
    assert detail["alleKernpuntenVerwerkt"] is False
    in_lijst = {c["id"]: c for c in sec.get("/api/v1/consultaties").json()["resultaten"]}
    assert "afronden" not in in_lijst[cid]["toegestaneActies"]
    for kernpunt, uitkomst in zip(
        detail["kernpunten"], ("overgenomen", "deels_overgenomen"), strict=True
    ):
        response = min_client.post(
            f"{status_url}/verwerkingen",
            {"kernpunt": kernpunt["id"], "uitkomst": uitkomst, "toelichting": "Zie de MvT."},
            format="json",
        )
        assert response.status_code == 201, response.json()
    assert min_client.get(status_url).json()["alleKernpuntenVerwerkt"] is True

    # The secretaris closes the loop.
    consultatie = sec.get(f"/api/v1/consultaties/{cid}").json()
    assert "afronden" in consultatie["toegestaneActies"]
    in_lijst = {c["id"]: c for c in sec.get("/api/v1/consultaties").json()["resultaten"]}
    assert in_lijst[cid]["toegestaneActies"] == consultatie["toegestaneActies"]
    response = sec.post(f"/api/v1/consultaties/{cid}/afronden", {}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "afgerond"
    response = min_client.post(
        f"{status_url}/verwerkingen",
        {
            "kernpunt": detail["kernpunten"][0]["id"],
            "uitkomst": "niet_overgenomen",
            "toelichting": "Toch niet.",
        },
        format="json",
    )
    assert response.status_code == 409

    # And the insights count it: the ministry took over both kernpunten.
    vandaag = timezone.localdate()
    inzichten = sec.get(
        f"/api/v1/inzichten?van={vandaag}&tot={vandaag + timedelta(days=30)}"
    ).json()
    assert inzichten["consultaties"] == 1
    [szw] = inzichten["tabellen"]["ministeries"]
    assert (szw["kernpunten"], szw["overgenomen"], szw["adoptie"]) == (2, 2, 100.0)


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

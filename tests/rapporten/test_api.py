"""The position paper through the API: a new version answers 202 and shows its progress,
the PDF comes out byte for byte, and each step answers 403/404/409/400 as DESIGN.md says."""

import hashlib

import pytest

from consultaties import services as consultatie_services
from rapporten import pdf, services
from rapporten.models import Rapport
from tests import factories
from tests.apihulp import api_client, assert_probleem
from tests.rapporten.helpers import gesloten_consultatie, maak_rapport

pytestmark = pytest.mark.django_db


def url(rapport, actie=""):
    return f"/api/v1/rapporten/{rapport.pk}" + (f"/{actie}" if actie else "")


# --- a new version: 202, Location, progress -----------------------------------------------


def test_nieuwe_versie_antwoordt_202_met_location_en_toont_de_voortgang(
    gesloten, secretaris, snelle_pdf, django_capture_on_commit_callbacks
):
    client = api_client(secretaris)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(
            f"/api/v1/consultaties/{gesloten.pk}/rapporten",
            {"bestuurlijkeSamenvatting": "Het netwerk steunt het doel.", "aanbevelingen": "Wacht."},
            format="json",
        )
        assert response.status_code == 202, response.json()
        # Not rendered yet: the generation runs after commit, in the background.
        data = response.json()
        assert data["generatieStatus"] == "wachtrij"
        assert data["voortgang"]
        assert data["sha256"] == "" and data["aantalPaginas"] is None
        assert data["toegestaneActies"] == []
        assert "pdf" not in data["_links"]
    assert len(callbacks) == 1
    rapport = Rapport.objects.get()
    assert response["Location"] == f"http://testserver/api/v1/rapporten/{rapport.pk}"
    assert data["_links"]["self"]["href"] == response["Location"]
    assert data["versie"] == 1 and data["status"] == "concept"

    klaar = client.get(response["Location"]).json()
    assert klaar["generatieStatus"] == "klaar"
    assert klaar["voortgang"] == "Klaar: 1 pagina's"
    assert klaar["aantalPaginas"] == 1
    assert len(klaar["sha256"]) == 64 and len(klaar["inhoudSha256"]) == 64
    assert klaar["_links"]["pdf"]["href"].endswith(f"/api/v1/rapporten/{rapport.pk}/pdf")
    assert klaar["toegestaneActies"] == ["definitief"]
    assert {k["organisatie"]["afkorting"] for k in klaar["kernpunten"]} == {"UWV", "SVB"}
    gesloten.refresh_from_db()
    assert gesloten.bestuurlijke_samenvatting == "Het netwerk steunt het doel."


def test_elke_nieuwe_versie_krijgt_het_volgende_nummer(gesloten, secretaris):
    client = api_client(secretaris)
    versies = [
        client.post(f"/api/v1/consultaties/{gesloten.pk}/rapporten", format="json").json()["versie"]
        for _ in range(2)
    ]
    assert versies == [1, 2]


def test_mislukte_generatie_toont_de_fout_en_kan_opnieuw(
    gesloten, secretaris, snelle_pdf, monkeypatch, django_capture_on_commit_callbacks
):
    def kapot(*args, **kwargs):
        raise ValueError("lettertype ontbreekt")

    client = api_client(secretaris)
    with monkeypatch.context() as m:
        m.setattr(pdf, "render_pdf", kapot)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(f"/api/v1/consultaties/{gesloten.pk}/rapporten", format="json")
    data = client.get(response["Location"]).json()
    assert data["generatieStatus"] == "mislukt"
    assert "lettertype ontbreekt" in data["foutmelding"]
    assert data["toegestaneActies"] == ["opnieuw-genereren"]
    assert_probleem(client.get(response["Location"] + "/pdf"), 409)

    with django_capture_on_commit_callbacks(execute=True):
        opnieuw = client.post(response["Location"] + "/opnieuw-genereren", format="json")
    assert opnieuw.status_code == 202
    assert opnieuw["Location"] == response["Location"]
    assert opnieuw.json()["generatieStatus"] == "wachtrij"
    assert client.get(response["Location"]).json()["generatieStatus"] == "klaar"


def test_opnieuw_genereren_van_een_definitieve_versie_is_409(definitief, secretaris):
    response = api_client(secretaris).post(url(definitief, "opnieuw-genereren"), format="json")
    assert_probleem(response, 409)


def test_nieuwe_versie_van_een_open_consultatie_is_409(open_consultatie, secretaris):
    response = api_client(secretaris).post(
        f"/api/v1/consultaties/{open_consultatie.pk}/rapporten", format="json"
    )
    data = assert_probleem(response, 409)
    assert "gesloten" in data["detail"]
    assert not Rapport.objects.exists()


def test_nieuwe_versie_zonder_geaccepteerde_reactie_is_400(open_consultatie, secretaris):
    consultatie_services.consultatie_sluiten(consultatie=open_consultatie, actor=secretaris)
    response = api_client(secretaris).post(
        f"/api/v1/consultaties/{open_consultatie.pk}/rapporten", format="json"
    )
    data = assert_probleem(response, 400)
    assert data["invalidParams"][0]["name"] == "nonFieldErrors"
    assert not Rapport.objects.exists()


def test_nieuwe_versie_weigert_onbekende_velden(gesloten, secretaris):
    response = api_client(secretaris).post(
        f"/api/v1/consultaties/{gesloten.pk}/rapporten", {"status": "definitief"}, format="json"
    )
    assert assert_probleem(response, 400)["invalidParams"][0]["name"] == "status"
    assert not Rapport.objects.exists()


def test_alleen_het_secretariaat_maakt_een_versie(gesloten, ministerie_gebruiker):
    response = api_client(ministerie_gebruiker).post(
        f"/api/v1/consultaties/{gesloten.pk}/rapporten", format="json"
    )
    assert_probleem(response, 403)


# --- the PDF ---------------------------------------------------------------------------------


def test_pdf_komt_byte_voor_byte_met_zijn_sha256(definitief, secretaris):
    client = api_client(secretaris)
    eerste = client.get(url(definitief, "pdf"))
    tweede = client.get(url(definitief, "pdf"), HTTP_ACCEPT="application/pdf")
    assert eerste.status_code == tweede.status_code == 200
    assert eerste["Content-Type"] == "application/pdf"
    assert eerste["API-Version"] == "1.0.0"
    assert eerste.content.startswith(b"%PDF") and eerste.content == tweede.content
    assert hashlib.sha256(eerste.content).hexdigest() == definitief.sha256
    assert eerste["X-Content-SHA256"] == definitief.sha256
    assert eerste["Content-Disposition"].startswith('attachment; filename="uitvoeringstoets-')


def test_pdf_die_nog_niet_klaar_is_geeft_409(gesloten, secretaris):
    rapport = services.rapport_aanmaken(consultatie=gesloten, actor=secretaris)
    client = api_client(secretaris)
    data = assert_probleem(client.get(url(rapport, "pdf")), 409)
    assert "De PDF is nog niet klaar." in data["detail"]
    # Also when the client asks for a PDF: the error is still problem details.
    assert_probleem(client.get(url(rapport, "pdf"), HTTP_ACCEPT="application/pdf"), 409)
    assert_probleem(client.post(url(rapport, "definitief"), format="json"), 409)


def test_pdf_van_een_concept_is_onzichtbaar_voor_het_ministerie(concept, ministerie_gebruiker):
    client = api_client(ministerie_gebruiker)
    assert_probleem(client.get(url(concept, "pdf")), 404)
    assert_probleem(client.get(url(concept)), 404)


def test_gewijzigd_bestand_wordt_niet_uitgeleverd(definitief, secretaris):
    with definitief.pdf.storage.open(definitief.pdf.name, "wb") as f:
        f.write(b"%PDF-vervalst")
    client = api_client(secretaris)
    client.raise_request_exception = False
    response = client.get(url(definitief, "pdf"))
    assert_probleem(response, 500)
    assert b"vervalst" not in response.content


# --- definitief, verzenden ------------------------------------------------------------------


def test_definitief_maken_en_verzenden(concept, secretaris, ministerie_gebruiker):
    client = api_client(secretaris)
    response = client.post(url(concept, "definitief"), {"toelichting": "Akkoord."}, format="json")
    assert response.status_code == 200, response.json()
    data = response.json()
    assert data["status"] == "definitief" and data["definitiefOp"]
    assert data["toegestaneActies"] == ["verzenden"]
    assert_probleem(client.post(url(concept, "definitief"), format="json"), 409)

    response = client.post(url(concept, "verzenden"), format="json")
    assert response.status_code == 200, response.json()
    data = response.json()
    assert data["status"] == "verzonden" and data["verzondenOp"]
    # Sent: what is left for the secretariat is making it public (#17).
    assert data["toegestaneActies"] == ["publiceren"]
    assert client.get(f"/api/v1/consultaties/{concept.consultatie_id}").json()["status"] == (
        "verzonden"
    )
    assert_probleem(client.post(url(concept, "verzenden"), format="json"), 409)

    ministerie = api_client(ministerie_gebruiker).get(url(concept)).json()
    assert ministerie["toegestaneActies"] == ["ontvangst", "verwerkingen"]


def test_verzenden_van_een_concept_is_409(concept, secretaris):
    assert_probleem(api_client(secretaris).post(url(concept, "verzenden"), format="json"), 409)
    assert Rapport.objects.get(pk=concept.pk).status == "concept"


def test_consultatie_verzenden_stuurt_de_nieuwste_definitieve_versie(
    definitief, secretaris, ministerie_gebruiker
):
    response = api_client(secretaris).post(
        f"/api/v1/consultaties/{definitief.consultatie_id}/verzenden", format="json"
    )
    assert response.status_code == 200, response.json()
    [verzonden] = api_client(ministerie_gebruiker).get("/api/v1/rapporten").json()["resultaten"]
    assert verzonden["id"] == definitief.pk and verzonden["status"] == "verzonden"


def test_ministerie_mag_niet_definitief_maken_of_verzenden(verzonden, ministerie_gebruiker):
    client = api_client(ministerie_gebruiker)
    assert_probleem(client.post(url(verzonden, "definitief"), format="json"), 403)
    assert_probleem(client.post(url(verzonden, "verzenden"), format="json"), 403)


# --- receipt and verwerking by the ministry ---------------------------------------------------


def test_ontvangst_bevestigen_kan_eenmaal(verzonden, ministerie_gebruiker):
    client = api_client(ministerie_gebruiker)
    response = client.post(url(verzonden, "ontvangst"), {"toelichting": "Dank."}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["ontvangenOp"] and response.json()["ontvangstToelichting"] == "Dank."
    assert response.json()["toegestaneActies"] == ["verwerkingen"]
    data = assert_probleem(client.post(url(verzonden, "ontvangst"), format="json"), 409)
    assert "De ontvangst is al bevestigd." in data["detail"]


def test_ontvangst_van_een_ander_ministerie_is_404(verzonden, ander_ministerie_gebruiker):
    client = api_client(ander_ministerie_gebruiker)
    assert_probleem(client.post(url(verzonden, "ontvangst"), format="json"), 404)


def test_secretariaat_bevestigt_geen_ontvangst_ook_niet_met_onzin(verzonden, secretaris):
    # The role is refused before the input is even read.
    response = api_client(secretaris).post(url(verzonden, "ontvangst"), {"onzin": 1}, format="json")
    assert_probleem(response, 403)


def test_verwerking_vastleggen_en_wijzigen(verzonden, ministerie_gebruiker):
    client = api_client(ministerie_gebruiker)
    eerste, tweede = verzonden.kernpunt_ids
    response = client.post(
        url(verzonden, "verwerkingen"),
        {"kernpunt": eerste, "uitkomst": "deels_overgenomen", "toelichting": "Deels in art. 3."},
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["kernpunt"] == eerste
    assert response.json()["uitkomst"] == "deels_overgenomen"
    detail = client.get(url(verzonden)).json()
    assert detail["alleKernpuntenVerwerkt"] is False

    response = client.post(
        url(verzonden, "verwerkingen"),
        {"kernpunt": eerste, "uitkomst": "overgenomen", "toelichting": "Geheel in art. 3."},
        format="json",
    )
    assert response.status_code == 200, response.json()
    client.post(
        url(verzonden, "verwerkingen"),
        {"kernpunt": tweede, "uitkomst": "niet_overgenomen", "toelichting": "Past niet."},
        format="json",
    )
    detail = client.get(url(verzonden)).json()
    assert [(v["kernpunt"], v["uitkomst"]) for v in detail["verwerkingen"]] == [
        (eerste, "overgenomen"),
        (tweede, "niet_overgenomen"),
    ]
    assert detail["alleKernpuntenVerwerkt"] is True


@pytest.mark.parametrize(
    ("invoer", "veld"),
    [
        ({"kernpunt": 999999, "uitkomst": "overgenomen", "toelichting": "x"}, "kernpunt"),
        ({"kernpunt": 1, "uitkomst": "misschien", "toelichting": "x"}, "uitkomst"),
        ({"kernpunt": 1, "uitkomst": "overgenomen", "toelichting": " "}, "toelichting"),
        ({"kernpunt": 1, "uitkomst": "overgenomen"}, "toelichting"),
        ({"kernpunt": 0, "uitkomst": "overgenomen", "toelichting": "x"}, "kernpunt"),
    ],
)
def test_ongeldige_verwerking_is_400(verzonden, ministerie_gebruiker, invoer, veld):
    if invoer["kernpunt"] == 1:
        invoer = {**invoer, "kernpunt": verzonden.kernpunt_ids[0]}
    response = api_client(ministerie_gebruiker).post(
        url(verzonden, "verwerkingen"), invoer, format="json"
    )
    data = assert_probleem(response, 400)
    assert [p["name"] for p in data["invalidParams"]] == [veld]
    assert not verzonden.verwerkingen.exists()


def test_kernpunt_van_een_andere_consultatie_is_400(
    verzonden, ministerie_gebruiker, secretaris, ministerie
):
    andere = gesloten_consultatie(secretaris, ministerie, [factories.OrganisatieFactory()])
    [elders] = maak_rapport(andere, secretaris).kernpunt_ids
    response = api_client(ministerie_gebruiker).post(
        url(verzonden, "verwerkingen"),
        {"kernpunt": elders, "uitkomst": "overgenomen", "toelichting": "x"},
        format="json",
    )
    assert assert_probleem(response, 400)["invalidParams"][0]["name"] == "kernpunt"


def test_verwerking_na_afronden_is_409(verzonden, ministerie_gebruiker, secretaris):
    from rapporten.services import verwerking_vastleggen

    for kernpunt_id in verzonden.kernpunt_ids:  # afronden needs every kernpunt verwerkt
        verwerking_vastleggen(
            rapport=verzonden,
            actor=ministerie_gebruiker,
            kernpunt=kernpunt_id,
            uitkomst="niet_overgenomen",
            toelichting="Niet in dit wetsvoorstel.",
        )
    consultatie_services.consultatie_afronden(consultatie=verzonden.consultatie, actor=secretaris)
    client = api_client(ministerie_gebruiker)
    assert client.get(url(verzonden)).json()["toegestaneActies"] == ["ontvangst"]
    response = client.post(
        url(verzonden, "verwerkingen"),
        {"kernpunt": verzonden.kernpunt_ids[0], "uitkomst": "overgenomen", "toelichting": "x"},
        format="json",
    )
    assert assert_probleem(response, 409)["code"] == "transitie_niet_toegestaan"


def test_secretariaat_legt_geen_verwerking_vast(verzonden, secretaris):
    response = api_client(secretaris).post(
        url(verzonden, "verwerkingen"),
        {"kernpunt": verzonden.kernpunt_ids[0], "uitkomst": "overgenomen", "toelichting": "x"},
        format="json",
    )
    assert_probleem(response, 403)


# --- the list: visibility, filter, query count -----------------------------------------------


def test_lijst_toont_alleen_wat_u_mag_zien(
    verzonden, secretaris, ministerie_gebruiker, ander_ministerie_gebruiker, org_a
):
    nieuwer = maak_rapport(
        gesloten_consultatie(
            secretaris, verzonden.consultatie.ministerie, [factories.OrganisatieFactory()]
        ),
        secretaris,
    )
    alle = api_client(secretaris).get("/api/v1/rapporten").json()
    assert {r["id"] for r in alle["resultaten"]} == {verzonden.pk, nieuwer.pk}
    ministerie = api_client(ministerie_gebruiker).get("/api/v1/rapporten").json()
    assert [r["id"] for r in ministerie["resultaten"]] == [verzonden.pk]
    assert api_client(ander_ministerie_gebruiker).get("/api/v1/rapporten").json()["aantal"] == 0
    # A contributing organisation reads the paper sent on its behalf, not the others.
    organisatie = api_client(factories.opsteller(org_a, username="uwv-2")).get("/api/v1/rapporten")
    assert [r["id"] for r in organisatie.json()["resultaten"]] == [verzonden.pk]
    buitenstaander = api_client(factories.opsteller(factories.OrganisatieFactory()))
    assert buitenstaander.get("/api/v1/rapporten").json()["aantal"] == 0


def test_lijst_filtert_op_consultatie_en_status(concept, secretaris, ministerie):
    tweede = maak_rapport(concept.consultatie, secretaris)
    services.rapport_definitief_maken(rapport=tweede, actor=secretaris)
    client = api_client(secretaris)
    data = client.get(f"/api/v1/rapporten?consultatie={concept.consultatie_id}").json()
    assert [r["versie"] for r in data["resultaten"]] == [2, 1]
    data = client.get("/api/v1/rapporten?status=definitief").json()
    assert [r["id"] for r in data["resultaten"]] == [tweede.pk]
    assert client.get("/api/v1/rapporten?consultatie=999999").json()["aantal"] == 0
    data = client.get(f"/api/v1/rapporten?consultatie={concept.consultatie_id}&sorteer=versie")
    assert [r["versie"] for r in data.json()["resultaten"]] == [1, 2]
    assert_probleem(client.get("/api/v1/rapporten?consultatie=abc"), 400)
    assert_probleem(client.get("/api/v1/rapporten?status=weg"), 400)


def test_rapportenlijst_heeft_een_vast_aantal_queries(
    gesloten, secretaris, snelle_pdf, django_assert_max_num_queries
):
    client = api_client(secretaris)

    def queries() -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as context:
            assert client.get("/api/v1/rapporten").status_code == 200
        return len(context.captured_queries)

    for _ in range(2):
        maak_rapport(gesloten, secretaris)
    weinig = queries()
    for _ in range(5):
        rapport = maak_rapport(gesloten, secretaris)
    services.rapport_definitief_maken(rapport=rapport, actor=secretaris)
    # The first list after a change counts its total and remembers it (kern.tellingen):
    # as many queries as with two versions. Then the total comes from the cache.
    assert queries() == weinig
    with django_assert_max_num_queries(4):
        assert client.get("/api/v1/rapporten").json()["aantal"] == 7


def test_versie_bevroren_voor_een_nieuw_veld_blijft_leesbaar(gesloten, secretaris):
    # Papers are kept for good; an older snapshot lacks fields added later.
    oud = {
        "id": 1,
        "organisatie": {"id": 1, "naam": "UWV", "afkorting": "UWV"},
        "dimensie": "ict",
        "tekst": "Koppeling met de BRP.",
        "ernst": "belangrijk",
    }
    rapport = Rapport.objects.create(consultatie=gesloten, versie=9, snapshot={"kernpunten": [oud]})
    response = api_client(secretaris).get(url(rapport))
    assert response.status_code == 200, response.content[:500]
    [kernpunt] = response.json()["kernpunten"]
    assert (kernpunt["artikel"], kernpunt["voorgesteldeWijziging"]) == ("", "")
    assert kernpunt["onderschrijvers"] == []

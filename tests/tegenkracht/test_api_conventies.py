"""The NL API Design Rules as this API applies them: problem details for every error,
camelCase, no trailing slashes, the API-Version header, read-only status, optimistic
locking, and list endpoints whose query count does not grow with the rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from consultaties import services as consultatie_services
from reacties import services as reactie_services
from tests import factories
from tests.apihulp import api_client, assert_probleem

pytestmark = pytest.mark.django_db

# --- problem details for every error code ---------------------------------------------


def test_400_noemt_de_velden_in_invalid_params(secretaris, ministerie):
    response = api_client(secretaris).post(
        "/api/v1/consultaties",
        {"titel": "", "ministerie": ministerie.pk, "termijn": "gisteren"},
        format="json",
    )
    data = assert_probleem(response, 400)
    assert data["title"] == "Ongeldige invoer"
    namen = {p["name"] for p in data["invalidParams"]}
    assert {"titel", "instrument", "termijn"} <= namen
    for param in data["invalidParams"]:
        assert set(param) == {"name", "code", "reason"}


def test_400_van_de_service_komt_in_invalid_params(secretaris, open_consultatie):
    response = api_client(secretaris).post(
        f"/api/v1/consultaties/{open_consultatie.pk}/intrekken", {}, format="json"
    )
    data = assert_probleem(response, 400)
    assert data["invalidParams"] == [
        {"name": "toelichting", "code": "invalid", "reason": "Geef een reden voor het intrekken."}
    ]


def test_400_geneste_velden_in_camel_case(reactie_a, opsteller_a):
    reactie = reactie_services.reactie_starten(reactie=reactie_a, actor=opsteller_a)
    response = api_client(opsteller_a).patch(
        f"/api/v1/reacties/{reactie.pk}",
        {
            "versie": reactie.versie,
            "risicoProcesverstoringen": "enorm",
            "kosten": [{"categorie": "automatisering", "soort": "af en toe", "bedrag": 10}],
        },
        format="json",
    )
    data = assert_probleem(response, 400)
    assert {p["name"] for p in data["invalidParams"]} == {
        "risicoProcesverstoringen",
        "kosten.0.soort",
    }


def test_401_zonder_token_met_www_authenticate():
    response = api_client().get("/api/v1/consultaties")
    data = assert_probleem(response, 401)
    assert data["title"] == "Niet geauthenticeerd"
    assert response["WWW-Authenticate"] == "Token"


def test_401_met_ongeldig_token():
    client = api_client()
    client.credentials(HTTP_AUTHORIZATION="Token onzin")
    assert_probleem(client.get("/api/v1/reacties"), 401)


def test_403_met_de_melding_van_de_service(reactie_a, secretaris):
    response = api_client(secretaris).post(f"/api/v1/reacties/{reactie_a.pk}/starten")
    data = assert_probleem(response, 403)
    assert data["title"] == "Geen toestemming"
    assert data["detail"] == "U mag deze actie niet uitvoeren."


def test_404_voor_wat_niet_bestaat_en_wat_onzichtbaar_is(opsteller_b, reactie_a):
    client = api_client(opsteller_b)
    onzichtbaar = assert_probleem(client.get(f"/api/v1/reacties/{reactie_a.pk}"), 404)
    onbekend = assert_probleem(client.get("/api/v1/reacties/999999"), 404)
    # Nothing tells the two apart.
    assert onzichtbaar["detail"] == onbekend["detail"]
    assert onzichtbaar["title"] == "Niet gevonden"


def test_404_voor_onbekend_pad(secretaris):
    assert_probleem(api_client(secretaris).get("/api/v1/bestaat-niet"), 404)


def test_405_voor_een_methode_die_niet_mag(secretaris, open_consultatie):
    response = api_client(secretaris).delete(f"/api/v1/consultaties/{open_consultatie.pk}")
    data = assert_probleem(response, 405)
    assert data["title"] == "Methode niet toegestaan"


def test_409_voor_een_transitie_in_de_verkeerde_status(secretaris, open_consultatie):
    response = api_client(secretaris).post(
        f"/api/v1/consultaties/{open_consultatie.pk}/afronden", {}, format="json"
    )
    data = assert_probleem(response, 409)
    assert data["code"] == "transitie_niet_toegestaan"
    assert "open" in data["detail"]


def test_409_voor_een_verouderde_versie_en_niets_wordt_opgeslagen(reactie_a, opsteller_a):
    reactie = reactie_services.reactie_starten(reactie=reactie_a, actor=opsteller_a)
    oud = reactie.versie
    client = api_client(opsteller_a)
    eerste = client.patch(
        f"/api/v1/reacties/{reactie.pk}",
        {"versie": oud, "kernboodschap": "Eerste"},
        format="json",
    )
    assert eerste.status_code == 200
    tweede = client.patch(
        f"/api/v1/reacties/{reactie.pk}",
        {"versie": oud, "kernboodschap": "Tweede"},
        format="json",
    )
    data = assert_probleem(tweede, 409)
    assert data["code"] == "verouderde_versie"
    assert client.get(f"/api/v1/reacties/{reactie.pk}").json()["kernboodschap"] == "Eerste"


def test_415_voor_een_verkeerd_mediatype(secretaris, open_consultatie):
    response = api_client(secretaris).post(
        f"/api/v1/consultaties/{open_consultatie.pk}/sluiten",
        "toelichting=x",
        content_type="text/plain",
    )
    assert_probleem(response, 415)


def test_415_voor_een_document_zonder_multipart(secretaris, open_consultatie):
    response = api_client(secretaris).post(
        f"/api/v1/consultaties/{open_consultatie.pk}/documenten", {"titel": "x"}, format="json"
    )
    assert_probleem(response, 415)


def test_429_na_te_veel_tokenaanvragen():
    client = api_client()
    for _ in range(20):
        response = client.post(
            "/api/v1/auth/token", {"username": "niemand", "password": "fout"}, format="json"
        )
        assert response.status_code == 400
    response = client.post(
        "/api/v1/auth/token", {"username": "niemand", "password": "fout"}, format="json"
    )
    assert_probleem(response, 429)
    assert int(response["Retry-After"]) > 0


def test_500_als_probleem_zonder_details(secretaris, open_consultatie, monkeypatch):
    def kapot(**kwargs):
        raise RuntimeError("geheim detail")

    monkeypatch.setattr(consultatie_services, "consultatie_sluiten", kapot)
    client = api_client(secretaris)
    client.raise_request_exception = False
    response = client.post(f"/api/v1/consultaties/{open_consultatie.pk}/sluiten", format="json")
    data = assert_probleem(response, 500)
    assert "geheim" not in response.content.decode()
    assert data["title"] == "Interne serverfout"


# --- conventions ------------------------------------------------------------------------


def test_trailing_slash_geeft_404_probleem(secretaris, open_consultatie):
    client = api_client(secretaris)
    assert client.get(f"/api/v1/consultaties/{open_consultatie.pk}").status_code == 200
    assert_probleem(client.get(f"/api/v1/consultaties/{open_consultatie.pk}/"), 404)
    assert_probleem(client.get("/api/v1/consultaties/"), 404)


def test_api_version_header_op_elk_antwoord(secretaris):
    client = api_client(secretaris)
    for url in ("/api/v1/consultaties", "/api/v1/openapi.json", "/api/v1/organisaties"):
        response = client.get(url)
        assert response.status_code == 200
        assert response["API-Version"] == "1.0.0"


def test_json_is_camel_case(secretaris, open_consultatie):
    data = api_client(secretaris).get(f"/api/v1/consultaties/{open_consultatie.pk}").json()
    assert {"toegestaneActies", "beoogdeInwerkingtreding", "uitgenodigdeOrganisaties"} <= set(data)
    assert not [sleutel for sleutel in data if "_" in sleutel]
    assert "contentType" in data["documenten"][0]


def test_status_schrijven_wordt_geweigerd(secretaris, open_consultatie):
    response = api_client(secretaris).patch(
        f"/api/v1/consultaties/{open_consultatie.pk}", {"status": "afgerond"}, format="json"
    )
    data = assert_probleem(response, 400)
    assert data["invalidParams"][0]["name"] == "status"
    open_consultatie.refresh_from_db()
    assert open_consultatie.status == "open"


def test_status_van_reactie_schrijven_wordt_geweigerd(reactie_a, opsteller_a):
    reactie = reactie_services.reactie_starten(reactie=reactie_a, actor=opsteller_a)
    response = api_client(opsteller_a).patch(
        f"/api/v1/reacties/{reactie.pk}",
        {"versie": reactie.versie, "status": "geaccepteerd"},
        format="json",
    )
    assert_probleem(response, 400)
    reactie.refresh_from_db()
    assert reactie.status == "in_voorbereiding"


def test_wie_ter_accordering_aanbood_ziet_geen_acties(reactie_a_ter_accordering, api):
    reactie = reactie_a_ter_accordering
    door = reactie.ter_accordering_door
    assert api(door).get(f"/api/v1/reacties/{reactie.pk}").json()["toegestaneActies"] == []


def test_paginering_met_links(secretaris, ministerie):
    for _ in range(3):
        factories.consultatie(secretaris_gebruiker=secretaris, ministerie=ministerie)
    data = api_client(secretaris).get("/api/v1/consultaties?pageSize=2&sorteer=kenmerk").json()
    assert data["aantal"] == 3
    assert len(data["resultaten"]) == 2
    assert data["_links"]["next"]["href"].endswith("page=2&pageSize=2&sorteer=kenmerk")
    assert "prev" not in data["_links"]
    kenmerken = [c["kenmerk"] for c in data["resultaten"]]
    assert kenmerken == sorted(kenmerken)


def test_filteren_op_status(secretaris, ministerie, open_consultatie):
    factories.consultatie(secretaris_gebruiker=secretaris, ministerie=ministerie)
    data = api_client(secretaris).get("/api/v1/consultaties?status=open").json()
    assert [c["id"] for c in data["resultaten"]] == [open_consultatie.pk]


# --- query counts: constant in the number of rows --------------------------------------


def _netwerk(secretaris, ministerie, aantal):
    """``aantal`` consultations in several states, each with two invited organisations
    whose responses are in progress."""
    for index in range(aantal):
        a = factories.OrganisatieFactory()
        b = factories.OrganisatieFactory()
        opsteller = factories.opsteller(a)
        c = factories.consultatie(
            secretaris_gebruiker=secretaris,
            ministerie=ministerie,
            organisaties=[a, b],
            open=index % 3 != 0,
            vragen=["Haalbaar?"],
        )
        if index % 3 == 1:
            reactie = c.reacties.get(organisatie=a)
            reactie = reactie_services.reactie_starten(reactie=reactie, actor=opsteller)
            factories.vul_reactie_in(reactie, opsteller)
            reactie_services.kernpunt_toevoegen(
                reactie=reactie, actor=opsteller, dimensie="ict", tekst="Punt"
            )
        if index % 3 == 2:
            consultatie_services.consultatie_sluiten(consultatie=c, actor=secretaris)


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize(
    ("url", "maximum", "daarna"),
    [
        # + the paper's verwerkingsstand of the page's rows, one query after them.
        ("/api/v1/consultaties", 8, 8),
        # + herbeoordelingen (hertoets), one prefetch. The total is remembered
        # (kern.tellingen): after a change the first request counts it and writes it to
        # the cache (here 6 statements more: the cache read, its culling count, a
        # savepoint, the select and insert), the next ones read it in one cache query.
        ("/api/v1/reacties", 14, 8),
        ("/api/v1/organisaties", 3, 3),
    ],
)
def test_lijsten_hebben_een_vast_aantal_queries(
    url, maximum, daarna, secretaris, ministerie, django_assert_max_num_queries
):
    client = api_client(secretaris)
    _netwerk(secretaris, ministerie, 2)
    weinig = _queries(client, url)
    _netwerk(secretaris, ministerie, 7)
    with django_assert_max_num_queries(maximum):
        response = client.get(url)
    assert response.json()["aantal"] > 7
    assert _queries(client, url) == weinig - maximum + daarna, weinig


def test_documentatie_zonder_cdn_en_zonder_inline_code():
    client = api_client()
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert "drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html
    assert "<style" not in html
    assert "<script>" not in html
    for cdn in ("cdn.", "jsdelivr", "unpkg"):
        assert cdn not in html
    script = client.get("/api/v1/docs?script=")
    assert script.status_code == 200
    assert "/api/v1/openapi.json" in script.content.decode()


def test_sorteren_met_camel_case_veldnamen(secretaris, reactie_a, reactie_b, opsteller_b):
    reactie_services.reactie_starten(reactie=reactie_b, actor=opsteller_b)  # changed last
    client = api_client(secretaris)
    oplopend = client.get("/api/v1/reacties?sorteer=gewijzigdOp").json()["resultaten"]
    aflopend = client.get("/api/v1/reacties?sorteer=-gewijzigdOp").json()["resultaten"]
    assert [r["id"] for r in oplopend] == [reactie_a.pk, reactie_b.pk]
    assert [r["id"] for r in aflopend] == [reactie_b.pk, reactie_a.pk]


def test_kernpuntenlijst_heeft_een_vast_aantal_queries(
    reactie_a, opsteller_a, django_assert_max_num_queries
):
    reactie = reactie_services.reactie_starten(reactie=reactie_a, actor=opsteller_a)
    client = api_client(opsteller_a)
    url = f"/api/v1/reacties/{reactie.pk}/kernpunten"

    def voeg_toe(aantal):
        for index in range(aantal):
            reactie_services.kernpunt_toevoegen(
                reactie=reactie, actor=opsteller_a, dimensie="ict", tekst=f"Punt {index}"
            )

    voeg_toe(2)
    weinig = _queries(client, url)
    voeg_toe(6)
    with django_assert_max_num_queries(4):
        assert len(client.get(url).json()) == 8
    assert _queries(client, url) == weinig

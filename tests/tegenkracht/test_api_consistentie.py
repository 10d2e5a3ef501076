"""One behaviour for every list and every body, fixed once in the shared API machinery
(``tegenkracht/api``): pages that do not exist, page sizes out of range, unknown sort
fields and parameters, and bodies that are no valid JSON (issue 16)."""

import pytest

from tests import factories
from tests.apihulp import api_client, assert_probleem

pytestmark = pytest.mark.django_db

LIJSTEN = ["/api/v1/consultaties", "/api/v1/reacties", "/api/v1/rapporten", "/api/v1/organisaties"]


@pytest.fixture
def drie_consultaties(secretaris, ministerie):
    return [
        factories.consultatie(secretaris_gebruiker=secretaris, ministerie=ministerie)
        for _ in range(3)
    ]


@pytest.mark.parametrize("url", LIJSTEN)
def test_pagina_voorbij_de_laatste_zegt_dat_de_pagina_niet_bestaat(url, secretaris):
    data = assert_probleem(api_client(secretaris).get(f"{url}?page=999"), 404)
    assert data["code"] == "pagina_bestaat_niet"
    assert data["detail"].startswith("Pagina 999 bestaat niet")
    assert data["aantalPaginas"] == 1


def test_laatste_pagina_bestaat_en_de_volgende_niet(drie_consultaties, secretaris):
    client = api_client(secretaris)
    laatste = client.get("/api/v1/consultaties?pageSize=2&page=2")
    assert laatste.status_code == 200
    assert len(laatste.json()["resultaten"]) == 1
    data = assert_probleem(client.get("/api/v1/consultaties?pageSize=2&page=3"), 404)
    assert data["detail"] == "Pagina 3 bestaat niet: er zijn 2 pagina's."
    assert data["aantalPaginas"] == 2


def test_lege_lijst_heeft_een_eerste_pagina(opsteller_c):
    response = api_client(opsteller_c).get("/api/v1/consultaties?page=1")
    assert response.status_code == 200
    assert response.json()["resultaten"] == []


def test_pagina_van_een_onzichtbare_lijst_is_geen_verboden_bron(drie_consultaties, opsteller_c):
    # Another organisation sees none of them: the list is empty, not forbidden.
    data = assert_probleem(api_client(opsteller_c).get("/api/v1/consultaties?page=2"), 404)
    assert data["code"] == "pagina_bestaat_niet"


@pytest.mark.parametrize("waarde", ["0", "-1", "abc", "1.5", "", "١"])
def test_ongeldig_paginanummer_is_400(waarde, secretaris):
    data = assert_probleem(api_client(secretaris).get(f"/api/v1/consultaties?page={waarde}"), 400)
    assert [p["name"] for p in data["invalidParams"]] == ["page"]


@pytest.mark.parametrize("waarde", ["0", "101", "500", "-5", "x", "", "99999999999999999999999"])
@pytest.mark.parametrize("url", LIJSTEN)
def test_paginagrootte_buiten_bereik_is_400(url, waarde, secretaris):
    data = assert_probleem(api_client(secretaris).get(f"{url}?pageSize={waarde}"), 400)
    assert data["invalidParams"][0]["name"] == "pageSize"
    assert "1 tot en met 100" in data["detail"]


@pytest.mark.parametrize("waarde", ["1", "100"])
def test_paginagrootte_binnen_bereik(waarde, drie_consultaties, secretaris):
    data = api_client(secretaris).get(f"/api/v1/consultaties?pageSize={waarde}").json()
    assert data["paginaGrootte"] == int(waarde)
    assert len(data["resultaten"]) == min(3, int(waarde))


@pytest.mark.parametrize(
    ("url", "veld"),
    [
        ("/api/v1/consultaties", "bestaatNiet"),
        ("/api/v1/consultaties", "-samenvatting"),  # a field, but not one to sort on
        ("/api/v1/reacties", "kernboodschap"),
        ("/api/v1/rapporten", "sha256"),
        ("/api/v1/organisaties", "email"),
    ],
)
def test_onbekend_sorteerveld_is_400_met_de_toegestane_velden(url, veld, secretaris):
    data = assert_probleem(api_client(secretaris).get(f"{url}?sorteer=kenmerk,{veld}"), 400)
    [fout] = data["invalidParams"]
    assert fout["name"] == "sorteer"
    assert f"'{veld}'" in fout["reason"]
    assert "Sorteer op:" in fout["reason"]
    assert "'kenmerk'" not in fout["reason"] or url != "/api/v1/consultaties"


def test_bekende_sorteervelden_in_camel_case(drie_consultaties, secretaris):
    client = api_client(secretaris)
    kenmerken = [
        c["kenmerk"]
        for c in client.get("/api/v1/consultaties?sorteer=-kenmerk").json()["resultaten"]
    ]
    assert kenmerken == sorted(kenmerken, reverse=True)
    assert client.get("/api/v1/reacties?sorteer=-gewijzigdOp,status").status_code == 200


def test_onbekende_parameter_is_400_en_noemt_de_bekende(secretaris, open_consultatie):
    data = assert_probleem(api_client(secretaris).get("/api/v1/consultaties?statsu=open"), 400)
    [fout] = data["invalidParams"]
    assert fout["name"] == "statsu"
    assert "status" in fout["reason"] and "pageSize" in fout["reason"]


def test_gedocumenteerde_parameters_van_elke_lijst_worden_aanvaard(secretaris):
    client = api_client(secretaris)
    schema = client.get("/api/v1/openapi.json").json()
    for pad in ("/consultaties", "/reacties", "/rapporten", "/organisaties"):
        namen = [p["name"] for p in schema["paths"][f"/api/v1{pad}"]["get"]["parameters"]]
        assert {"page", "pageSize", "sorteer"} <= set(namen), pad
        voorbeeld = {"page": "1", "pageSize": "5", "sorteer": "id"}
        for naam in namen:
            response = client.get(f"/api/v1{pad}", {naam: voorbeeld.get(naam, "1")})
            # A documented parameter may be refused for its value, never for its name.
            if response.status_code == 400:
                assert "geen bekende parameter" not in response.content.decode(), (pad, naam)


@pytest.mark.parametrize(
    ("body", "verwacht"),
    [
        ('{"titel": ', "er wordt een waarde verwacht (regel 1, kolom 11)"),
        ('{"titel": "x",}', "veldnaam tussen dubbele aanhalingstekens"),
        ("{'titel': 'x'}", "veldnaam tussen dubbele aanhalingstekens"),
        ('{"titel": "x"} extra', "na het einde van de JSON volgt nog tekst"),
        ('{\n  "titel": "x"\n  "samenvatting": "y"\n}', "komma verwacht (regel 3, kolom 3)"),
        ('{"bedrag": NaN}', "NaN is geen JSON-getal"),
        ('{"bedrag": Infinity}', "Infinity is geen JSON-getal"),
        ("[" * 100_000, "te diep genest"),
    ],
)
def test_ongeldige_json_zegt_wat_en_waar(body, verwacht, secretaris):
    response = api_client(secretaris).post(
        "/api/v1/consultaties", data=body, content_type="application/json"
    )
    data = assert_probleem(response, 400)
    assert data["code"] == "ongeldige_json"
    assert verwacht in data["detail"]


def test_ongeldige_utf8_is_400(reactie_a, opsteller_a):
    response = api_client(opsteller_a).patch(
        f"/api/v1/reacties/{reactie_a.pk}",
        data=b'{"kernboodschap": "\xff\xfe"}',
        content_type="application/json",
    )
    data = assert_probleem(response, 400)
    assert "UTF-8" in data["detail"]


def test_ongeldige_json_in_het_engels(secretaris):
    response = api_client(secretaris).post(
        "/api/v1/consultaties",
        data='{"titel": ',
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    data = assert_probleem(response, 400)
    assert (
        data["detail"]
        == "The JSON in the request is invalid: a value is expected (line 1, column 11)."
    )


def test_een_reactie_in_de_lijst_is_dezelfde_als_haar_eigen_bron(
    drie_ingediend, secretaris, org_a, org_b, org_c
):
    """The list reads its page's assessments as values (``beoordelingen_als_weergave``), the
    detail through the serializer: the same response must come out of both, including each
    assessment's involved organisations in their order (by name, not by key)."""
    from reacties.models import Beoordeling

    beoordelingen = list(Beoordeling.objects.order_by("pk")[:3])
    assert beoordelingen
    # org_c was made last (highest key) but its name sorts first ("DUO" < "SVB"...).
    beoordelingen[0].betrokken_organisaties.set([org_b, org_c, org_a])
    beoordelingen[2].betrokken_organisaties.set([org_a])
    client = api_client(secretaris)
    lijst = client.get("/api/v1/reacties?pageSize=100").json()["resultaten"]
    assert len(lijst) == 3
    for item in lijst:
        assert item == client.get(f"/api/v1/reacties/{item['id']}").json()
    betrokken = [b["betrokkenOrganisaties"] for r in lijst for b in r["beoordelingen"]]
    namen = {o.pk: o.naam for o in (org_a, org_b, org_c)}
    volgorde = next(ids for ids in betrokken if len(ids) == 3)
    assert [namen[pk] for pk in volgorde] == sorted(namen.values())
    assert sum(len(ids) for ids in betrokken) == 4

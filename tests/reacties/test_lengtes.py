"""Documented maximum lengths of the free-text fields (issue 20), the cost lines' years, the
price level and the estimated number of citizens and businesses: enforced by the service,
with the same Dutch message in the form and the API."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from reacties import services
from reacties.models import MAXIMALE_LENGTE, Reactie
from tests.apihulp import api_client, assert_probleem
from tests.reacties.helpers import reactie_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def concept(reactie_a, opsteller_a):
    return services.reactie_starten(reactie=reactie_a, actor=opsteller_a)


def _bijwerken(reactie, actor, **kwargs):
    reactie = Reactie.objects.get(pk=reactie.pk)
    return services.reactie_bijwerken(reactie=reactie, actor=actor, versie=reactie.versie, **kwargs)


def test_tekst_op_de_maximale_lengte_mag(concept, opsteller_a):
    tekst = "x" * MAXIMALE_LENGTE["kernboodschap"]
    reactie = _bijwerken(concept, opsteller_a, velden={"kernboodschap": tekst})
    assert reactie.kernboodschap == tekst


@pytest.mark.parametrize(
    "velden, sleutel",
    [
        ({"kernboodschap": "x" * 1201}, "kernboodschap"),
        ({"voorwaarden": "x" * 1501}, "voorwaarden"),
        ({"beslag_op_portfolio": "x" * 1001}, "beslag_op_portfolio"),
        ({"burgerperspectief": "x" * 1501}, "burgerperspectief"),
        ({"doenvermogen_conclusie": "x" * 801}, "doenvermogen_conclusie"),
    ],
)
def test_te_lange_tekst_wordt_geweigerd_met_duidelijke_melding(
    concept, opsteller_a, velden, sleutel
):
    with pytest.raises(ValidationError) as fout:
        _bijwerken(concept, opsteller_a, velden=velden)
    [bericht] = fout.value.message_dict[sleutel]
    maximum = MAXIMALE_LENGTE[sleutel]
    assert bericht == (
        f"Maximaal {maximum} tekens; deze tekst telt er {maximum + 1}. Kort hem in tot de kern."
    )
    assert Reactie.objects.get(pk=concept.pk).versie == concept.versie  # nothing written


def test_te_lange_toelichting_en_antwoord(concept, opsteller_a, open_consultatie):
    vraag = open_consultatie.vragen.create(volgorde=1, tekst="Haalbaar?")
    with pytest.raises(ValidationError) as fout:
        _bijwerken(
            concept,
            opsteller_a,
            beoordelingen={"ict": {"gevolgen": "beperkt", "toelichting": "x" * 1501}},
            antwoorden={vraag.pk: "y" * 2001},
        )
    assert set(fout.value.message_dict) == {
        "beoordelingen.ict.toelichting",
        f"antwoorden.{vraag.pk}",
    }


def test_te_lang_kernpunt(concept, opsteller_a):
    with pytest.raises(ValidationError) as fout:
        services.kernpunt_toevoegen(
            reactie=concept,
            actor=opsteller_a,
            dimensie="ict",
            tekst="k" * 801,
            voorgestelde_wijziging="w" * 801,
        )
    assert set(fout.value.message_dict) == {"tekst", "voorgestelde_wijziging"}
    assert not concept.kernpunten.exists()


def test_api_meldt_te_lange_kernboodschap_in_invalid_params(concept, opsteller_a):
    response = api_client(opsteller_a).patch(
        f"/api/v1/reacties/{concept.pk}",
        {"versie": concept.versie, "kernboodschap": "x" * 1300},
        format="json",
    )
    data = assert_probleem(response, 400)
    [param] = [p for p in data["invalidParams"] if p["name"] == "kernboodschap"]
    assert param["reason"].startswith("Maximaal 1200 tekens; deze tekst telt er 1300.")


def test_formulier_meldt_te_lange_kernboodschap_en_noemt_het_maximum(client, concept, opsteller_a):
    client.force_login(opsteller_a)
    url = reverse("reacties:bewerken", args=[concept.pk])
    inhoud = client.get(url).content.decode()
    assert "Maximaal 1200 tekens." in inhoud
    response = client.post(url, reactie_post(concept, kernboodschap="x" * 1300))
    assert response.status_code == 400
    assert "Maximaal 1200 tekens; deze tekst telt er 1300." in response.content.decode()
    assert Reactie.objects.get(pk=concept.pk).kernboodschap == ""


def test_kostenjaar_prijspeil_en_geraakten_via_de_api(concept, opsteller_a):
    response = api_client(opsteller_a).patch(
        f"/api/v1/reacties/{concept.pk}",
        {
            "versie": concept.versie,
            "prijspeil": 2026,
            "aantalBurgers": 250000,
            "aantalBedrijven": 1200,
            "kosten": [
                {"categorie": "automatisering", "soort": "incidenteel", "bedrag": 10, "jaar": 2},
                # A year on a structural line means nothing: it is dropped.
                {"categorie": "overig", "soort": "structureel", "bedrag": 5, "jaar": 3},
            ],
        },
        format="json",
    )
    assert response.status_code == 200, response.json()
    data = response.json()
    assert (data["prijspeil"], data["aantalBurgers"], data["aantalBedrijven"]) == (
        2026,
        250000,
        1200,
    )
    assert sorted((k["soort"], k["jaar"]) for k in data["kosten"]) == [
        ("incidenteel", 2),
        ("structureel", None),
    ]


@pytest.mark.parametrize(
    "invoer, veld",
    [
        (
            {"kosten": [{"categorie": "overig", "soort": "incidenteel", "bedrag": 1, "jaar": 7}]},
            "kosten.0.jaar",
        ),
        ({"prijspeil": 1850}, "prijspeil"),
    ],
)
def test_ongeldig_jaar_of_prijspeil_is_400(concept, opsteller_a, invoer, veld):
    response = api_client(opsteller_a).patch(
        f"/api/v1/reacties/{concept.pk}", {"versie": concept.versie, **invoer}, format="json"
    )
    data = assert_probleem(response, 400)
    assert veld in {p["name"] for p in data["invalidParams"]}


def test_kostenpost_zonder_jaar_blijft_leesbaar(concept, opsteller_a):
    reactie = _bijwerken(
        concept,
        opsteller_a,
        kosten=[{"categorie": "overig", "soort": "incidenteel", "bedrag": 3}],
    )
    assert reactie.kosten.get().jaar is None

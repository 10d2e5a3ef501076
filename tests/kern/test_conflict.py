"""A conflict (409) says who changed what, when, and what to do — the same text on the
web and in the API's problem details, built from the audit trail."""

import pytest
from django.urls import reverse

from reacties import services as reactie_services
from tests.apihulp import api_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def ingediend(reactie_a_ter_accordering, accordeerder_a2):
    return reactie_services.reactie_indienen(
        reactie=reactie_a_ter_accordering, actor=accordeerder_a2
    )


@pytest.fixture
def al_geaccepteerd(ingediend, secretaris):
    secretaris.first_name, secretaris.last_name = "Sanne", "de Vries"
    secretaris.save(update_fields=["first_name", "last_name"])
    return reactie_services.reactie_accepteren(reactie=ingediend, actor=secretaris)


def test_tweede_accepteren_op_het_web_zegt_wie_wat_wanneer_en_wat_nu(
    client, al_geaccepteerd, secretaris
):
    client.force_login(secretaris)
    url = reverse("reacties:transitie", args=[al_geaccepteerd.pk, "accepteren"])
    antwoord = client.post(url, {"bevestigd": "1"})
    assert antwoord.status_code == 409
    melding = str(list(antwoord.context["messages"])[0])
    assert melding.startswith("Uw actie is niet uitgevoerd: ")
    assert "Laatste wijziging: Geaccepteerd door het secretariaat door Sanne de Vries" in melding
    assert "De status is nu: Geaccepteerd." in melding
    assert "Wat nu: bekijk de actuele stand en kies zo nodig opnieuw." in melding


def test_de_api_geeft_dezelfde_tekst_en_de_wijziging_als_gegevens(
    client, al_geaccepteerd, secretaris
):
    client.force_login(secretaris)
    web = client.post(
        reverse("reacties:transitie", args=[al_geaccepteerd.pk, "accepteren"]), {"bevestigd": "1"}
    )
    api = api_client(secretaris).post(
        f"/api/v1/reacties/{al_geaccepteerd.pk}/accepteren", {}, format="json"
    )
    assert api.status_code == 409
    data = api.json()
    assert data["detail"] == str(list(web.context["messages"])[0])
    assert data["laatsteWijziging"]["door"].startswith("Sanne de Vries")
    assert data["laatsteWijziging"]["actie"] == "Geaccepteerd door het secretariaat"
    assert data["laatsteWijziging"]["op"]


def test_verouderde_versie_noemt_wie_het_laatst_opsloeg(reactie_a, opsteller_a, accordeerder_a):
    from kern.conflict import conflicttekst
    from kern.workflow import VerouderdeVersie

    reactie = reactie_services.reactie_starten(reactie=reactie_a, actor=opsteller_a)
    versie = reactie.versie
    reactie_services.reactie_bijwerken(
        reactie=reactie, actor=accordeerder_a, versie=versie, velden={"kernboodschap": "A"}
    )
    with pytest.raises(VerouderdeVersie) as fout:
        reactie_services.reactie_bijwerken(
            reactie=reactie, actor=opsteller_a, versie=versie, velden={"kernboodschap": "B"}
        )
    tekst = conflicttekst(fout.value)
    assert "Iemand anders heeft deze reactie intussen opgeslagen" in tekst
    assert accordeerder_a.get_username() in tekst or accordeerder_a.get_full_name() in tekst

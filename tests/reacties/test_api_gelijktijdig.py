"""Concurrent requests on the same draft through the API: exactly one wins, the other
gets 409 — never a silent overwrite. Needs real row locks, so PostgreSQL only."""

import pytest
from django.db import connection

from reacties import services as reactie_services
from reacties.models import Reactie
from tests.apihulp import api_client
from tests.gelijktijdig import tegelijk, zonder_fouten

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _alleen_postgres():
    if connection.vendor != "postgresql":
        pytest.skip("gelijktijdigheid vraagt om PostgreSQL (echte rijvergrendeling)")


def _tegelijk(*verzoeken):
    """The responses of requests that start together."""
    return zonder_fouten(tegelijk(*verzoeken))


def test_gelijktijdige_opslag_van_dezelfde_versie_een_wint_een_409(
    reactie_a, opsteller_a, accordeerder_a
):
    reactie = reactie_services.reactie_starten(reactie=reactie_a, actor=opsteller_a)
    url = f"/api/v1/reacties/{reactie.pk}"
    clients = [api_client(opsteller_a), api_client(accordeerder_a)]
    antwoorden = _tegelijk(
        *[
            (
                lambda c=c, tekst=tekst: c.patch(
                    url, {"versie": reactie.versie, "kernboodschap": tekst}, format="json"
                )
            )
            for c, tekst in zip(clients, ["Van de opsteller", "Van de accordeerder"], strict=True)
        ]
    )
    assert sorted(a.status_code for a in antwoorden) == [200, 409]
    winnaar = next(a for a in antwoorden if a.status_code == 200).json()
    opgeslagen = Reactie.objects.get(pk=reactie.pk)
    assert opgeslagen.kernboodschap == winnaar["kernboodschap"]
    assert opgeslagen.versie == reactie.versie + 1


def test_gelijktijdige_transities_een_wint_een_409(reactie_a_ter_accordering, accordeerder_a):
    # indienen (accordeerder) and afkeuren (accordeerder) race on the same response.
    url = f"/api/v1/reacties/{reactie_a_ter_accordering.pk}"
    client = api_client(accordeerder_a)
    antwoorden = _tegelijk(
        lambda: client.post(f"{url}/indienen", format="json"),
        lambda: api_client(accordeerder_a).post(
            f"{url}/afkeuren", {"toelichting": "Nog niet."}, format="json"
        ),
    )
    assert sorted(a.status_code for a in antwoorden) == [200, 409]


def test_gelijktijdige_wijziging_van_een_consultatie_een_wint_een_409(concept_consultatie):
    # Two secretarissen change the same version of a consultation at the same moment.
    from consultaties.models import Consultatie
    from tests import factories

    tweede = factories.secretaris(username="secretaris-2")
    url = f"/api/v1/consultaties/{concept_consultatie.pk}"
    antwoorden = _tegelijk(
        *[
            (
                lambda c=c, titel=titel: c.patch(
                    url, {"versie": concept_consultatie.versie, "titel": titel}, format="json"
                )
            )
            for c, titel in zip(
                [api_client(concept_consultatie.aangemaakt_door), api_client(tweede)],
                ["Titel van de eerste", "Titel van de tweede"],
                strict=True,
            )
        ]
    )
    assert sorted(a.status_code for a in antwoorden) == [200, 409]
    winnaar = next(a for a in antwoorden if a.status_code == 200).json()
    opgeslagen = Consultatie.objects.get(pk=concept_consultatie.pk)
    assert opgeslagen.titel == winnaar["titel"]
    assert opgeslagen.versie == concept_consultatie.versie + 1


@pytest.fixture
def concept_consultatie(secretaris, ministerie):
    from tests import factories

    return factories.consultatie(secretaris_gebruiker=secretaris, ministerie=ministerie)

"""Merging duplicate kernpunten through the API (issue 9): the secretariaat's work, the
endorsements are kept, and every wrong request gets its own answer."""

import pytest

from reacties.models import Kernpunt
from tests import factories
from tests.apihulp import api_client, assert_probleem
from tests.rapporten.helpers import gesloten_consultatie

pytestmark = pytest.mark.django_db


@pytest.fixture
def kernpunten(gesloten, org_a, org_b):
    """UWV's and SVB's kernpunt on the same closed consultation."""
    return {
        org.afkorting: Kernpunt.objects.get(reactie__consultatie=gesloten, reactie__organisatie=org)
        for org in (org_a, org_b)
    }


def samenvoegen(user, kernpunt, body):
    return api_client(user).post(f"/api/v1/kernpunten/{kernpunt.pk}/samenvoegen", body, "json")


def test_secretariaat_voegt_samen_en_de_onderschrijvingen_blijven(kernpunten, secretaris, org_b):
    uwv, svb = kernpunten["UWV"], kernpunten["SVB"]
    client = api_client(secretaris)
    [voor] = client.get(f"/api/v1/reacties/{svb.reactie_id}/kernpunten").json()
    assert voor["toegestaneActies"] == ["samenvoegen"]

    response = samenvoegen(secretaris, svb, {"inKernpunt": uwv.pk, "toelichting": "Dubbel."})
    assert response.status_code == 200, response.json()
    doel = response.json()
    assert doel["id"] == uwv.pk
    # SVB raised the duplicate: it now endorses the kernpunt it went into.
    assert doel["onderschrevenDoor"] == [org_b.pk]

    [na] = client.get(f"/api/v1/reacties/{svb.reactie_id}/kernpunten").json()
    assert na["samengevoegdIn"] == uwv.pk
    assert na["toegestaneActies"] == []


def test_nogmaals_samenvoegen_is_409(kernpunten, secretaris):
    uwv, svb = kernpunten["UWV"], kernpunten["SVB"]
    assert samenvoegen(secretaris, svb, {"inKernpunt": uwv.pk}).status_code == 200
    assert_probleem(samenvoegen(secretaris, svb, {"inKernpunt": uwv.pk}), 409)
    assert_probleem(samenvoegen(secretaris, uwv, {"inKernpunt": svb.pk}), 409)


def test_samenvoegen_na_verzenden_is_409(verzonden, secretaris):
    eerste, tweede = verzonden.kernpunt_ids
    response = api_client(secretaris).post(
        f"/api/v1/kernpunten/{eerste}/samenvoegen", {"inKernpunt": tweede}, format="json"
    )
    data = assert_probleem(response, 409)
    assert "open of gesloten" in data["detail"]
    assert Kernpunt.objects.get(pk=eerste).samengevoegd_in_id is None


def test_ongeldig_doel_is_400(kernpunten, secretaris, ministerie):
    andere = gesloten_consultatie(secretaris, ministerie, [factories.OrganisatieFactory()])
    elders = Kernpunt.objects.get(reactie__consultatie=andere)
    svb = kernpunten["SVB"]
    meldingen = set()
    for body in ({"inKernpunt": svb.pk}, {"inKernpunt": elders.pk}, {"inKernpunt": 999999}):
        data = assert_probleem(samenvoegen(secretaris, svb, body), 400)
        assert [p["name"] for p in data["invalidParams"]] == ["inKernpunt"]
        meldingen.add(data["detail"])
    # Unknown and of another consultation look the same.
    assert meldingen == {"Kies een ander kernpunt van dezelfde consultatie."}
    data = assert_probleem(samenvoegen(secretaris, svb, {}), 400)
    assert data["invalidParams"][0]["name"] == "inKernpunt"
    assert not Kernpunt.objects.filter(samengevoegd_in__isnull=False).exists()


def test_organisatie_mag_niet_samenvoegen_ook_niet_met_onzin(kernpunten, org_b):
    opsteller = factories.opsteller(org_b, username="svb-opsteller-2")
    uwv = kernpunten["UWV"]
    # SVB sees UWV's kernpunt (the consultation closed) but may not merge it: 403 before 400.
    assert_probleem(samenvoegen(opsteller, uwv, {"inKernpunt": kernpunten["SVB"].pk}), 403)
    assert_probleem(samenvoegen(opsteller, uwv, {"onzin": True}), 403)


def test_onzichtbaar_kernpunt_is_404(kernpunten, ministerie_gebruiker):
    response = samenvoegen(ministerie_gebruiker, kernpunten["UWV"], {"inKernpunt": 1})
    assert_probleem(response, 404)

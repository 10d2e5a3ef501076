"""Four-eyes on content: whoever changed the content of the version being approved (every
save since the last approval) may not approve and submit it — in services, web and API."""

import pytest
from django.core.exceptions import PermissionDenied

from reacties import services
from reacties.models import Reactie
from tests import factories
from tests.apihulp import api_client


def _bewerk(reactie, actor, tekst="Aangescherpt door de bestuurder."):
    reactie = Reactie.objects.get(pk=reactie.pk)
    return services.reactie_bijwerken(
        reactie=reactie, actor=actor, versie=reactie.versie, velden={"kernboodschap": tekst}
    )


@pytest.fixture
def door_accordeerder_herschreven(reactie_a, opsteller_a, accordeerder_a):
    """The accordeerder rewrites the text; the opsteller offers it for approval."""
    reactie = services.reactie_starten(reactie=reactie_a, actor=opsteller_a)
    factories.vul_reactie_in(reactie, opsteller_a)
    _bewerk(reactie, accordeerder_a)
    return services.reactie_ter_accordering(reactie=reactie, actor=opsteller_a)


@pytest.mark.django_db
def test_accordeerder_kan_eigen_woorden_niet_accorderen(
    door_accordeerder_herschreven, accordeerder_a
):
    reactie = door_accordeerder_herschreven
    assert "indienen" not in services.toegestane_acties(accordeerder_a, reactie)
    with pytest.raises(PermissionDenied, match="zelf aan deze versie"):
        services.reactie_indienen(reactie=reactie, actor=accordeerder_a)
    assert Reactie.objects.get(pk=reactie.pk).status == "ter_accordering"


@pytest.mark.django_db
def test_andere_accordeerder_die_niet_schreef_kan_indienen(
    door_accordeerder_herschreven, accordeerder_a2
):
    reactie = door_accordeerder_herschreven
    assert "indienen" in services.toegestane_acties(accordeerder_a2, reactie)
    assert services.reactie_indienen(reactie=reactie, actor=accordeerder_a2).status == "ingediend"


@pytest.mark.django_db
def test_api_en_web_weigeren_eigen_woorden_met_403_en_duidelijke_melding(
    client, door_accordeerder_herschreven, accordeerder_a
):
    reactie = door_accordeerder_herschreven
    api = api_client(accordeerder_a)
    assert "indienen" not in api.get(f"/api/v1/reacties/{reactie.pk}").json()["toegestaneActies"]
    response = api.post(f"/api/v1/reacties/{reactie.pk}/indienen", {}, format="json")
    assert response.status_code == 403
    assert "vier-ogenprincipe" in response.json()["detail"]
    client.force_login(accordeerder_a)
    response = client.post(f"/reacties/{reactie.pk}/acties/indienen/")
    assert response.status_code == 403
    assert "vier-ogenprincipe" in response.content.decode()
    assert Reactie.objects.get(pk=reactie.pk).status == "ter_accordering"


@pytest.mark.django_db
def test_kernpunt_toevoegen_telt_als_inhoud(reactie_a, opsteller_a, accordeerder_a):
    reactie = services.reactie_starten(reactie=reactie_a, actor=opsteller_a)
    factories.vul_reactie_in(reactie, opsteller_a)
    services.kernpunt_toevoegen(
        reactie=reactie, actor=accordeerder_a, dimensie="ict", tekst="Koppeling ontbreekt."
    )
    reactie = services.reactie_ter_accordering(reactie=reactie, actor=opsteller_a)
    with pytest.raises(PermissionDenied):
        services.reactie_indienen(reactie=reactie, actor=accordeerder_a)


@pytest.mark.django_db
def test_afkeuren_wist_de_eerdere_wijziging_niet(
    door_accordeerder_herschreven, opsteller_a, accordeerder_a, accordeerder_a2
):
    """A rejected round is not an approval: the accordeerder's words are still in it."""
    reactie = services.reactie_afkeuren(
        reactie=door_accordeerder_herschreven, actor=accordeerder_a2, toelichting="Nog niet."
    )
    _bewerk(reactie, opsteller_a, "Door de opsteller bijgewerkt.")
    reactie = services.reactie_ter_accordering(reactie=reactie, actor=opsteller_a)
    with pytest.raises(PermissionDenied):
        services.reactie_indienen(reactie=reactie, actor=accordeerder_a)


@pytest.mark.django_db
def test_wat_een_ander_al_accordeerde_telt_niet_opnieuw(
    door_accordeerder_herschreven, opsteller_a, accordeerder_a, accordeerder_a2
):
    """After an approval by someone else, only saves since then count."""
    reactie = services.reactie_indienen(
        reactie=door_accordeerder_herschreven, actor=accordeerder_a2
    )
    reactie = services.reactie_intrekken(reactie=reactie, actor=opsteller_a)
    _bewerk(reactie, opsteller_a, "Kleine correctie.")
    reactie = services.reactie_ter_accordering(reactie=reactie, actor=opsteller_a)
    assert services.reactie_indienen(reactie=reactie, actor=accordeerder_a).status == "ingediend"

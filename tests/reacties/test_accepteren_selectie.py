"""Accepting a selection of submitted responses: each through the single action's
service, one result per item, a refusal named with its reason while the rest go through."""

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from reacties import services
from reacties.models import Reactie, Status
from tests import factories
from tests.apihulp import api_client
from tests.werkhulp import per_afkorting

pytestmark = pytest.mark.django_db


@pytest.fixture
def org_c(db):
    return factories.OrganisatieFactory(afkorting="DUO", naam="Dienst Uitvoering Onderwijs")


def test_service_accepteert_ingediende_en_noemt_de_rest(drie_ingediend, secretaris, org_c):
    r = per_afkorting(drie_ingediend)
    ids = [r["UWV"].pk, r["DUO"].pk, r["SVB"].pk, 999_999]
    resultaten = services.reacties_accepteren(ids=ids, actor=secretaris)
    assert [x.id for x in resultaten] == ids
    assert [x.status for x in resultaten] == [200, 409, 200, 404]
    assert "in voorbereiding" in resultaten[1].melding
    assert resultaten[1].naam == org_c.naam
    statussen = dict(Reactie.objects.filter(pk__in=ids).values_list("pk", "status"))
    assert statussen[r["UWV"].pk] == statussen[r["SVB"].pk] == Status.GEACCEPTEERD
    assert statussen[r["DUO"].pk] == Status.IN_VOORBEREIDING
    # The same audit as the single action: one event per accepted response.
    assert AuditEvent.objects.filter(actie="accepteren").count() == 2


def test_service_dubbele_ids_eenmaal(drie_ingediend, secretaris):
    pk = per_afkorting(drie_ingediend)["UWV"].pk
    assert [x.status for x in services.reacties_accepteren(ids=[pk, pk], actor=secretaris)] == [200]


def test_organisatie_mag_niet_accepteren_en_ziet_anderen_niet(drie_ingediend, org_a):
    from tests.werkhulp import medewerker

    r = per_afkorting(drie_ingediend)
    eigen, ander = r[org_a.afkorting], r["SVB" if org_a.afkorting != "SVB" else "UWV"]
    accordeerder = medewerker(org_a, "accordeerder")
    resultaten = services.reacties_accepteren(ids=[eigen.pk, ander.pk], actor=accordeerder)
    assert [x.status for x in resultaten] == [403, 404]
    assert Reactie.objects.get(pk=eigen.pk).status == Status.INGEDIEND


def test_web_vraagt_eerst_bevestiging(client, drie_ingediend, secretaris):
    r = per_afkorting(drie_ingediend)
    client.force_login(secretaris)
    terug = reverse("consultaties:detail", args=[drie_ingediend.pk]) + "?status=ingediend"
    response = client.post(
        reverse("reacties:accepteren_selectie"),
        {"reacties": [r["UWV"].pk, r["DUO"].pk], "terug": terug},
    )
    assert response.status_code == 200
    inhoud = response.content.decode()
    assert "kan niet ongedaan worden gemaakt" in inhoud
    assert "Overgeslagen: niet ingediend" in inhoud
    assert Reactie.objects.get(pk=r["UWV"].pk).status == Status.INGEDIEND  # nothing yet


def test_web_bevestigd_meldt_wie_niet_lukte(client, drie_ingediend, secretaris, org_c):
    r = per_afkorting(drie_ingediend)
    client.force_login(secretaris)
    terug = reverse("consultaties:detail", args=[drie_ingediend.pk])
    response = client.post(
        reverse("reacties:accepteren_selectie"),
        {"reacties": [r["UWV"].pk, r["SVB"].pk, r["DUO"].pk], "terug": terug, "bevestigd": "ja"},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == terug
    meldingen = [str(m) for m in response.context["messages"]]
    assert any(m.startswith("2 reacties geaccepteerd") for m in meldingen)
    assert any(org_c.naam in m and "niet mogelijk" in m for m in meldingen)


def test_web_terug_naar_een_andere_site_wordt_het_overzicht(client, drie_ingediend, secretaris):
    client.force_login(secretaris)
    pk = per_afkorting(drie_ingediend)["UWV"].pk
    response = client.post(
        reverse("reacties:accepteren_selectie"),
        {"reacties": [pk], "terug": "https://kwaad.example/", "bevestigd": "ja"},
    )
    assert response.url == reverse("consultaties:dashboard")


def test_web_alleen_voor_het_secretariaat(client, drie_ingediend, org_a):
    from tests.werkhulp import medewerker

    client.force_login(medewerker(org_a, "accordeerder"))
    pk = per_afkorting(drie_ingediend)[org_a.afkorting].pk
    response = client.post(
        reverse("reacties:accepteren_selectie"), {"reacties": [pk], "bevestigd": "ja"}
    )
    assert response.status_code == 403
    assert Reactie.objects.get(pk=pk).status == Status.INGEDIEND


def test_web_zonder_keuze(client, drie_ingediend, secretaris):
    client.force_login(secretaris)
    response = client.post(
        reverse("reacties:accepteren_selectie"), {"bevestigd": "ja"}, follow=True
    )
    assert "Kies eerst" in str(list(response.context["messages"])[0])


# --- API ----------------------------------------------------------------------------------

URL = "/api/v1/reacties/accepteren"


def test_api_resultaat_per_item(drie_ingediend, secretaris):
    r = per_afkorting(drie_ingediend)
    response = api_client(secretaris).post(
        URL, {"reacties": [r["UWV"].pk, r["DUO"].pk, 424242]}, format="json"
    )
    assert response.status_code == 200
    data = response.json()
    assert data["aantalGelukt"] == 1 and data["aantalMislukt"] == 2
    eerste, tweede, derde = data["resultaten"]
    assert eerste == {
        "id": r["UWV"].pk,
        "gelukt": True,
        "status": 200,
        "reactieStatus": "geaccepteerd",
        "probleem": None,
    }
    assert tweede["status"] == 409 and tweede["probleem"]["status"] == 409
    assert tweede["probleem"]["title"] == "Conflict met de huidige toestand"
    assert derde["status"] == 404 and derde["reactieStatus"] is None


def test_api_organisatie_krijgt_403_en_404_per_item(drie_ingediend, org_a):
    from tests.werkhulp import medewerker

    r = per_afkorting(drie_ingediend)
    ander = next(x for k, x in r.items() if k != org_a.afkorting)
    response = api_client(medewerker(org_a, "accordeerder")).post(
        URL, {"reacties": [r[org_a.afkorting].pk, ander.pk]}, format="json"
    )
    assert [x["status"] for x in response.json()["resultaten"]] == [403, 404]


@pytest.mark.parametrize(
    "invoer",
    [
        {},
        {"reacties": []},
        {"reacties": ["een"]},
        {"reacties": [0]},
        {"reacties": list(range(1, 502))},
        {"reacties": [1], "status": "geaccepteerd"},
    ],
)
def test_api_ongeldige_selectie_is_400(secretaris, invoer):
    response = api_client(secretaris).post(URL, invoer, format="json")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/problem+json")
    assert response.json()["invalidParams"]


def test_api_zonder_inloggen_401():
    assert api_client().post(URL, {"reacties": [1]}, format="json").status_code == 401


def test_api_queries_constant_in_aantal_items(
    drie_ingediend, secretaris, django_assert_max_num_queries
):
    """Per item the single action's own queries; the selection itself is one query."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    r = per_afkorting(drie_ingediend)
    client = api_client(secretaris)
    with CaptureQueriesContext(connection) as een:
        client.post(URL, {"reacties": [r["UWV"].pk]}, format="json")
    with CaptureQueriesContext(connection) as twee:
        client.post(URL, {"reacties": [r["SVB"].pk, r["UWV"].pk]}, format="json")
    per_item = len(twee) - len(een)
    assert 0 < per_item < 12


def test_lege_selectie_is_ongeldig(secretaris):
    from django.core.exceptions import ValidationError

    from reacties import services

    with pytest.raises(ValidationError) as fout:
        services.reacties_accepteren(ids=[], actor=secretaris)
    assert "reacties" in fout.value.message_dict

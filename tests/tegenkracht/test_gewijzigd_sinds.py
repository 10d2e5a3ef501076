"""``?gewijzigdSinds=`` on every API list, for clients that poll: only what changed at or
after the moment, including state changes (a transition saves only its fields, and still
counts as a change); invalid input is a 400 problem."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from consultaties import services as consultatie_services
from koppelingen import services as koppeling_services
from reacties import services as reactie_services
from tests.apihulp import api_client

pytestmark = pytest.mark.django_db

LIJSTEN = [
    "/api/v1/consultaties",
    "/api/v1/reacties",
    "/api/v1/rapporten",
    "/api/v1/organisaties",
    "/api/v1/abonnementen",
]


@pytest.mark.parametrize("pad", LIJSTEN)
@pytest.mark.parametrize("waarde", ["gisteren", "2026-13-01T00:00:00Z", "2026-11-30", ""])
def test_ongeldig_tijdstip_is_400(secretaris, pad, waarde):
    antwoord = api_client(secretaris).get(pad, {"gewijzigdSinds": waarde})
    assert antwoord.status_code == 400
    assert antwoord["Content-Type"] == "application/problem+json"
    assert [p["name"] for p in antwoord.json()["invalidParams"]] == ["gewijzigdSinds"]


def _ids(api, pad, sinds):
    antwoord = api.get(pad, {"gewijzigdSinds": sinds.isoformat()})
    assert antwoord.status_code == 200, antwoord.content
    return {r["id"] for r in antwoord.json()["resultaten"]}


def test_transitie_telt_als_wijziging(
    secretaris, open_consultatie, reactie_a, reactie_b, opsteller_a
):
    api = api_client(secretaris)
    later = timezone.now() + timedelta(hours=1)
    assert _ids(api, "/api/v1/reacties", later) == set()
    with time_machine.travel(later + timedelta(minutes=1)):
        reactie_services.reactie_starten(reactie=reactie_a, actor=opsteller_a)
    assert _ids(api, "/api/v1/reacties", later) == {reactie_a.pk}
    assert _ids(api, "/api/v1/reacties", later - timedelta(hours=2)) == {reactie_a.pk, reactie_b.pk}
    assert _ids(api, "/api/v1/consultaties", later) == set()

    with time_machine.travel(later + timedelta(minutes=2)):
        consultatie_services.consultatie_sluiten(consultatie=open_consultatie, actor=secretaris)
    assert _ids(api, "/api/v1/consultaties", later) == {open_consultatie.pk}


def test_grens_is_inclusief_en_tijdzone_telt(secretaris, open_consultatie):
    api = api_client(secretaris)
    open_consultatie.refresh_from_db()
    moment = open_consultatie.gewijzigd_op
    assert _ids(api, "/api/v1/consultaties", moment) == {open_consultatie.pk}
    assert _ids(api, "/api/v1/consultaties", moment + timedelta(microseconds=1)) == set()
    # Without an offset: Dutch time (UTC+1 in winter, +2 in summer).
    nederlands = timezone.localtime(moment).replace(tzinfo=None)
    antwoord = api.get("/api/v1/consultaties", {"gewijzigdSinds": nederlands.isoformat()})
    assert {r["id"] for r in antwoord.json()["resultaten"]} == {open_consultatie.pk}


def test_termijn_verlengen_telt_als_wijziging(secretaris, open_consultatie):
    api = api_client(secretaris)
    later = timezone.now() + timedelta(hours=1)
    with time_machine.travel(later + timedelta(minutes=1)):
        consultatie_services.consultatie_termijn_verlengen(
            consultatie=open_consultatie,
            actor=secretaris,
            termijn=open_consultatie.termijn + timedelta(days=7),
        )
    assert _ids(api, "/api/v1/consultaties", later) == {open_consultatie.pk}


def test_organisaties_en_abonnementen(secretaris, org_a, org_b, opsteller_a):
    api = api_client(secretaris)
    later = timezone.now() + timedelta(hours=1)
    with time_machine.travel(later + timedelta(minutes=1)):
        org_a.email = "info@uwv.example.nl"
        org_a.save(update_fields=["email"])
        abonnement = koppeling_services.abonnement_aanmaken(
            actor=opsteller_a, url="https://haak.example.nl/in"
        )
    assert _ids(api, "/api/v1/organisaties", later) == {org_a.pk}
    assert _ids(api_client(opsteller_a), "/api/v1/abonnementen", later) == {abonnement.pk}


def test_rapporten(secretaris, ministerie, org_a, org_b):
    from rapporten import services as rapport_services
    from tests import toestanden

    consultatie = toestanden.consultatie_in(
        "gesloten", secretaris=secretaris, ministerie=ministerie, organisaties=[org_a, org_b]
    )
    rapport = consultatie.rapporten.get()
    api = api_client(secretaris)
    later = timezone.now() + timedelta(hours=1)
    assert _ids(api, "/api/v1/rapporten", later) == set()
    with time_machine.travel(later + timedelta(minutes=1)):
        rapport_services.rapport_verzenden(rapport=rapport, actor=secretaris)
    assert _ids(api, "/api/v1/rapporten", later) == {rapport.pk}


def test_detail_negeert_de_parameter(secretaris, open_consultatie):
    later = (timezone.now() + timedelta(hours=1)).isoformat()
    antwoord = api_client(secretaris).get(
        f"/api/v1/consultaties/{open_consultatie.pk}", {"gewijzigdSinds": later}
    )
    assert antwoord.status_code == 200

"""The insights are counted once per period and language and then read from the shared
cache for ``INZICHTEN_GELDIG_SECONDEN`` (issue 19): a year's figures are far beyond what a
page may cost, and the page, its charts, the exports and the API ask the same period in a
row. The page and the API say when the figures were counted."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone, translation

from inzichten import services
from tests.inzichten.hulp import middag, nog_een_gesloten, periode

pytestmark = pytest.mark.django_db


@pytest.fixture
def onthouden(settings):
    settings.INZICHTEN_GELDIG_SECONDEN = 600


def test_zelfde_periode_uit_de_cache_tot_de_tijd_om_is(
    netwerk, onthouden, secretaris, ministerie, django_assert_num_queries
):
    nu = middag()
    with time_machine.travel(nu, tick=False):
        eerste = services.inzichten(*periode())
    assert eerste.consultaties == 1 and eerste.berekend_op == nu
    nog_een_gesloten(secretaris, ministerie, netwerk["uwv"])

    with time_machine.travel(nu + timedelta(minutes=9), tick=False):
        with django_assert_num_queries(1):  # the cache only
            tweede = services.inzichten(*periode())
        assert (tweede.consultaties, tweede.berekend_op) == (1, nu)

    with time_machine.travel(nu + timedelta(minutes=11), tick=False):
        derde = services.inzichten(*periode())
        assert derde.consultaties == 2
        assert derde.berekend_op == nu + timedelta(minutes=11)


def test_een_andere_periode_of_taal_wordt_apart_geteld(netwerk, onthouden):
    van, tot = periode()
    nederlands = services.inzichten(van, tot)
    with translation.override("en"):
        engels = services.inzichten(van, tot)
    assert nederlands.tabellen["netwerken"].titel == "Netwerken"
    assert engels.tabellen["netwerken"].titel == "Networks"
    eerder = services.inzichten(van - timedelta(days=400), van - timedelta(days=300))
    assert (nederlands.consultaties, eerder.consultaties) == (1, 0)


def test_zonder_geldigheid_telt_elk_verzoek_opnieuw(netwerk, settings, secretaris, ministerie):
    settings.INZICHTEN_GELDIG_SECONDEN = 0
    assert services.inzichten(*periode()).consultaties == 1
    nog_een_gesloten(secretaris, ministerie, netwerk["uwv"])
    assert services.inzichten(*periode()).consultaties == 2


def test_pagina_en_api_zeggen_wanneer_geteld(client, netwerk, onthouden, secretaris):
    van, tot = periode()
    moment = timezone.now().replace(microsecond=0)
    client.force_login(secretaris)
    with time_machine.travel(moment, tick=False):
        pagina = client.get(f"/inzichten/?van={van}&tot={tot}").content.decode()
        api = client.get(f"/api/v1/inzichten?van={van}&tot={tot}").json()
    lokaal = timezone.localtime(moment)
    assert f'<time datetime="{lokaal.isoformat()}">' in pagina
    assert "hooguit eens per 10 minuten opnieuw geteld" in pagina
    assert api["berekendOp"] == lokaal.isoformat()

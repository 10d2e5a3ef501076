"""The total of ``/api/v1/rapporten`` is remembered (``kern.tellingen``), as that of the
responses list: exact after a paper is made or sent, never another ministry's, and not
counted again while nothing changed."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from rapporten.models import Rapport
from tests import factories
from tests.apihulp import api_client
from tests.toestanden import consultatie_in

TELLING = 'COUNT(*) AS "__count" FROM "rapporten_rapport"'


def _lijst(client, pad="/api/v1/rapporten"):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(pad)
    assert response.status_code == 200, response.content[:300]
    return response.json()["aantal"], [q["sql"] for q in queries if TELLING in q["sql"]]


@pytest.mark.django_db
def test_totaal_onthouden_en_exact_na_een_nieuw_en_een_verzonden_paper(
    secretaris, ministerie, org_a
):
    medewerker = factories.ministerie_medewerker(ministerie)
    for _ in range(2):
        consultatie_in(
            "verzonden", secretaris=secretaris, ministerie=ministerie, organisaties=[org_a]
        )
    ministerie_api, secretariaat = api_client(medewerker), api_client(secretaris)

    assert _lijst(ministerie_api)[0] == 2
    aantal, geteld = _lijst(ministerie_api)
    assert (aantal, geteld) == (2, [])  # from the cache
    assert _lijst(secretariaat)[0] == Rapport.objects.count() == 2

    # A new version (a closed consultation's definitive paper): the secretariaat sees it
    # at once, the ministry only once it is sent.
    gesloten = consultatie_in(
        "gesloten", secretaris=secretaris, ministerie=ministerie, organisaties=[org_a]
    )
    assert _lijst(secretariaat)[0] == 3
    assert _lijst(ministerie_api)[0] == 2
    from rapporten.services import rapport_verzenden_voor_consultatie

    rapport_verzenden_voor_consultatie(consultatie=gesloten, actor=secretaris)
    aantal, geteld = _lijst(ministerie_api)
    assert aantal == 3
    assert geteld  # counted again after the change


@pytest.mark.django_db
def test_een_ministerie_krijgt_nooit_het_totaal_van_een_ander(secretaris, ministerie, org_a):
    ander = factories.MinisterieFactory(afkorting="BZK")
    consultatie_in("verzonden", secretaris=secretaris, ministerie=ministerie, organisaties=[org_a])
    assert _lijst(api_client(factories.ministerie_medewerker(ministerie)))[0] == 1
    assert _lijst(api_client(factories.ministerie_medewerker(ander)))[0] == 0


@pytest.mark.django_db
def test_de_versies_van_een_consultatie_worden_gewoon_geteld(secretaris, ministerie, org_a):
    """``?consultatie=`` has as many variants as consultations: not remembered."""
    c = consultatie_in(
        "gesloten", secretaris=secretaris, ministerie=ministerie, organisaties=[org_a]
    )
    client = api_client(secretaris)
    for _ in range(2):
        aantal, geteld = _lijst(client, f"/api/v1/rapporten?consultatie={c.pk}")
        assert aantal == 1
        assert geteld

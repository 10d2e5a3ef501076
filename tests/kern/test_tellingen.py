"""The remembered totals of the API list of responses (``kern.tellingen``): exact after
every kind of change, never another organisation's, one cache query while nothing
changed, and a new version only once a change commits."""

from urllib.parse import urlencode

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from consultaties import services as consultatie_services
from kern import tellingen
from reacties import services as reactie_services
from reacties.models import Reactie
from tests import factories
from tests.apihulp import api_client
from tests.werkhulp import drie_ingediend, medewerker


@pytest.fixture
def org_c(db):
    return factories.OrganisatieFactory(afkorting="DUO", naam="DUO")


@pytest.fixture
def open_met_drie(secretaris, ministerie, org_a, org_b, org_c):
    """Open: UWV and SVB submitted, DUO drafting."""
    return drie_ingediend(secretaris, ministerie, org_a, org_b, org_c)


def _lijst(client, pad="/api/v1/reacties"):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(pad)
    assert response.status_code == 200, response.content[:300]
    tellingen_ = [q["sql"] for q in queries if 'COUNT(*) AS "__count" FROM "reacties' in q["sql"]]
    return response, tellingen_


def _exact(client, user, **filters):
    """The list's total, its header and its last link agree with counting what ``user``
    may see."""
    pad = "/api/v1/reacties" + (f"?{urlencode(filters)}" if filters else "")
    response, _ = _lijst(client, pad)
    data = response.json()
    verwacht = Reactie.objects.zichtbaar_voor(user).filter(**filters).count()
    assert data["aantal"] == verwacht
    assert response["X-Total-Count"] == str(verwacht)
    assert data["_links"]["last"]["href"].endswith(pad.removeprefix("/api/v1/reacties"))
    return verwacht


@pytest.mark.django_db
def test_totaal_komt_uit_de_cache_zolang_niets_veranderde(secretaris, open_met_drie):
    client = api_client(secretaris)
    eerst, geteld = _lijst(client)
    assert geteld  # counted, and remembered
    with CaptureQueriesContext(connection) as queries:
        daarna, geteld = _lijst(client)
    assert not geteld
    cachevragen = [q for q in queries if "tegenkracht_cache" in q["sql"]]
    assert len(cachevragen) == 1  # version and total read together
    assert daarna.json()["aantal"] == eerst.json()["aantal"] == 3


@pytest.mark.django_db
def test_totaal_exact_na_uitnodiging_transitie_sluiten_en_verwijderen(
    secretaris, ministerie, org_a, org_b, org_c, open_met_drie
):
    opsteller_a = medewerker(org_a, "opsteller")
    sec, uwv = api_client(secretaris), api_client(opsteller_a)
    for client, user in ((sec, secretaris), (uwv, opsteller_a)):
        _exact(client, user)
        _exact(client, user, status="ingediend")

    # Created by an invitation (bulk_create): a new consultation with UWV and DUO.
    nieuw = factories.consultatie(
        secretaris_gebruiker=secretaris, ministerie=ministerie, organisaties=[org_a, org_c]
    )
    assert _exact(sec, secretaris) == 5
    consultatie_services.consultatie_openstellen(consultatie=nieuw, actor=secretaris)
    assert _exact(uwv, opsteller_a) == 2  # its own two, now both opened

    # A transition: DUO submits; the status filter follows.
    reactie = open_met_drie.reacties.get(organisatie=org_c)
    opsteller_c = medewerker(org_c, "opsteller")
    reactie = factories.vul_reactie_in(reactie, opsteller_c)
    reactie = reactie_services.reactie_ter_accordering(reactie=reactie, actor=opsteller_c)
    reactie_services.reactie_indienen(reactie=reactie, actor=medewerker(org_c, "accordeerder"))
    assert _exact(sec, secretaris, status="ingediend") == 3
    # Closing the consultation shows UWV the others' submitted responses.
    assert _exact(uwv, opsteller_a, status="ingediend") == 1
    consultatie_services.consultatie_sluiten(consultatie=open_met_drie, actor=secretaris)
    assert _exact(uwv, opsteller_a, status="ingediend") == 3
    assert _exact(uwv, opsteller_a) == 4

    # Deleted (not a use case of the application; the admin or a script could).
    nieuw.reacties.get(organisatie=org_c).delete()
    assert _exact(sec, secretaris) == 4
    Reactie.objects.filter(consultatie=nieuw).delete()
    assert _exact(sec, secretaris) == 3
    assert _exact(uwv, opsteller_a) == 3


@pytest.mark.django_db
def test_een_organisatie_krijgt_nooit_het_totaal_van_een_ander(
    secretaris, ministerie, org_a, org_b, org_c, open_met_drie
):
    consultatie_services.consultatie_sluiten(consultatie=open_met_drie, actor=secretaris)
    factories.consultatie(
        secretaris_gebruiker=secretaris, ministerie=ministerie, organisaties=[org_a], open=True
    )
    uwv, svb = medewerker(org_a, "opsteller"), medewerker(org_b, "opsteller")
    szw = factories.ministerie_medewerker(ministerie)
    totalen = {}
    for user in (uwv, svb, szw, secretaris):
        client = api_client(user)
        totalen[user.username] = _exact(client, user)
        _exact(client, user)  # from the cache
    # UWV: its own two and SVB's submitted one; SVB: its own and UWV's; SZW: no paper sent.
    assert (totalen[uwv.username], totalen[svb.username], totalen[szw.username]) == (3, 2, 0)
    assert totalen[secretaris.username] == 4
    # Another user of the same organisation shares its total, and it is the same.
    tweede = factories.opsteller(org_a, username="uwv-opsteller-2")
    assert _exact(api_client(tweede), tweede) == totalen[uwv.username]


@pytest.mark.django_db
def test_alleen_totalen_met_weinig_varianten_worden_onthouden(secretaris, open_met_drie):
    client = api_client(secretaris)
    for pad in (
        f"/api/v1/reacties?consultatie={open_met_drie.pk}",
        "/api/v1/reacties?gewijzigdSinds=2020-01-01T00:00:00Z",
    ):
        _lijst(client, pad)
        _, geteld = _lijst(client, pad)
        assert geteld  # counted every time: not in the cache
    _lijst(client, "/api/v1/reacties?status=ingediend&sorteer=-ingediendOp&pageSize=2")
    _, geteld = _lijst(client, "/api/v1/reacties?status=ingediend&pageSize=1&page=2")
    assert not geteld


@pytest.mark.django_db
def test_een_bewerking_van_de_inhoud_laat_het_totaal_geldig(secretaris, org_c, open_met_drie):
    client = api_client(secretaris)
    _lijst(client)
    versie = cache.get(tellingen.VERSIE)
    reactie = open_met_drie.reacties.get(organisatie=org_c)
    factories.vul_reactie_in(reactie, medewerker(org_c, "opsteller"))
    Reactie.objects.filter(pk=reactie.pk).update(kernboodschap="Anders.")
    assert cache.get(tellingen.VERSIE) == versie
    _, geteld = _lijst(client)
    assert not geteld
    Reactie.objects.filter(pk=reactie.pk).update(status="afgezien")
    assert cache.get(tellingen.VERSIE) != versie


@pytest.mark.django_db(transaction=True)
def test_nieuwe_versie_pas_na_de_commit(settings, secretaris, ministerie, org_a, org_c):
    settings.TELLINGEN_NA_COMMIT = True
    consultatie = factories.consultatie(
        secretaris_gebruiker=secretaris, ministerie=ministerie, organisaties=[org_a], open=True
    )
    client = api_client(secretaris)
    assert _exact(client, secretaris) == 1
    versie = cache.get(tellingen.VERSIE)
    with transaction.atomic():
        consultatie_services.consultatie_uitnodigen(
            consultatie=consultatie, actor=secretaris, organisaties=[org_c]
        )
        assert cache.get(tellingen.VERSIE) == versie  # nothing written in the transaction
    assert cache.get(tellingen.VERSIE) != versie
    assert _exact(client, secretaris) == 2
    versie = cache.get(tellingen.VERSIE)
    with pytest.raises(RuntimeError), transaction.atomic():
        consultatie.reacties.filter(organisatie=org_c).update(status="afgezien")
        raise RuntimeError("teruggedraaid")
    assert cache.get(tellingen.VERSIE) == versie  # a rolled-back change makes none

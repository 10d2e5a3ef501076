"""Query counts of every list page, dashboard and API list: the same for a small and a
larger database (no N+1, no cost that grows with the data). Pages show a bounded number
of rows (pagination), so 'constant in the rows shown' is the same statement."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ontwikkeling.last import genereer as genereer_consultaties
from ontwikkeling.last_historie import genereer_historie, zonder_historie
from tests import factories


def genereer(aantal, **opties):
    """Consultations with their history: papers in every state, audit, notifications."""
    genereer_consultaties(aantal, **opties)
    genereer_historie(zonder_historie(), seed=opties.get("seed", 1), echte_snapshots=2)


PADEN = {
    "secretaris": [
        "/",
        "/consultaties/",
        "/notificaties/",
        "/notificaties/achterstand/",
        "/notificaties/verlengingen/",
        "/notificaties/emails/mislukt/",
        "/inzichten/",
        "/api/v1/consultaties",
        "/api/v1/reacties",
        "/api/v1/organisaties",
        "/api/v1/rapporten",
        "/api/v1/consultaties?gewijzigdSinds=2020-01-01T00:00:00Z",
        "/api/v1/reacties?gewijzigdSinds=2020-01-01T00:00:00Z",
        "/api/v1/rapporten?gewijzigdSinds=2020-01-01T00:00:00Z",
        "/api/v1/abonnementen",
        "/koppelingen/",
    ],
    "opsteller": [
        "/",
        "/consultaties/",
        "/notificaties/",
        "/inzichten/",
        "/api/v1/consultaties",
        "/api/v1/reacties",
        "/api/v1/reacties?gewijzigdSinds=2020-01-01T00:00:00Z",
        "/koppelingen/",
    ],
    "ministerie": [
        "/",
        "/consultaties/",
        "/notificaties/",
        "/api/v1/consultaties",
        "/api/v1/reacties",
        "/api/v1/rapporten",
    ],
}


@pytest.fixture
def netwerk(db):
    secretaris = factories.secretaris()
    ministerie = factories.MinisterieFactory(afkorting="SZW")
    organisaties = [factories.OrganisatieFactory() for _ in range(6)]
    for organisatie in organisaties:
        factories.accordeerder(organisatie)
    return {
        "secretaris": secretaris,
        "opsteller": factories.opsteller(organisaties[0]),
        "ministerie": factories.ministerie_medewerker(ministerie),
    }


def _tel(client, gebruiker, paden) -> dict[str, int]:
    client.force_login(gebruiker)
    tellingen = {}
    for pad in paden:
        ContentType.objects.clear_cache()  # measure every page from the same cold cache
        with CaptureQueriesContext(connection) as queries:
            response = client.get(pad)
        assert response.status_code == 200, pad
        tellingen[pad] = len(queries)
    return tellingen


@pytest.mark.django_db
@pytest.mark.parametrize("rol", list(PADEN))
def test_queries_groeien_niet_met_de_database(client, netwerk, rol):
    genereer(6, organisaties_per_consultatie=6, seed=1)
    klein = _tel(client, netwerk[rol], PADEN[rol])
    assert klein  # every page of the role answered 200 and was counted
    genereer(30, organisaties_per_consultatie=6, seed=2)
    groot = _tel(client, netwerk[rol], PADEN[rol])
    assert groot == klein


@pytest.mark.django_db
def test_werklast_van_een_organisatie_groeit_niet_met_de_database(client, netwerk):
    gebruiker = netwerk["opsteller"]
    pad = f"/notificaties/werklast/{gebruiker.organisatie_id}/"
    client.force_login(gebruiker)
    tellingen = []
    for aantal, seed in ((6, 1), (30, 2)):
        genereer(aantal, organisaties_per_consultatie=6, seed=seed)
        ContentType.objects.clear_cache()
        with CaptureQueriesContext(connection) as queries:
            assert client.get(pad).status_code == 200
        tellingen.append(len(queries))
    assert tellingen[0] == tellingen[1]


@pytest.mark.django_db
@pytest.mark.parametrize("rol", ["secretaris", "opsteller"])
def test_consultatiepagina_groeit_niet_met_organisaties_en_kernpunten(client, netwerk, rol):
    """A closed consultation with kernpunten and endorsements: 3 against 6 organisations,
    its page and its kernpunten page."""
    from consultaties.models import Consultatie

    tellingen = []
    for aantal, seed in ((3, 1), (6, 2)):
        genereer(30, organisaties_per_consultatie=aantal, seed=seed)
        consultatie = (
            Consultatie.objects.filter(
                status__in=["gesloten", "verzonden", "afgerond"],
                reacties__kernpunten__isnull=False,
            )
            .filter(reacties__organisatie=netwerk["opsteller"].organisatie)
            .order_by("-pk")
            .distinct()
            .first()
        )
        assert consultatie is not None
        assert consultatie.reacties.count() == aantal
        client.force_login(netwerk[rol])
        ContentType.objects.clear_cache()
        per_pagina = []
        for pad in (
            f"/consultaties/{consultatie.pk}/",
            f"/consultaties/{consultatie.pk}/kernpunten/",
        ):
            with CaptureQueriesContext(connection) as queries:
                assert client.get(pad).status_code == 200
            per_pagina.append(len(queries))
        tellingen.append(per_pagina)
    assert tellingen[0] == tellingen[1]

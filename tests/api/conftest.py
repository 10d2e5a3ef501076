import pytest
from django.core.cache import cache
from knox.models import AuthToken
from rest_framework.test import APIClient

# Shared fixtures: the insights' network; the paper's closed consultation with accepted
# responses and its versions, with snelle_pdf rendering a one-page paper for speed
# (tests/rapporten/test_pdf.py covers the layout).
from tests import factories
from tests.inzichten.test_inzichten import netwerk  # noqa: F401
from tests.rapporten.conftest import (  # noqa: F401
    concept,
    definitief,
    gesloten,
    snelle_pdf,
    verzonden,
)


@pytest.fixture(autouse=True)
def _leeg_cache(request):
    """Throttling counts in the (database) cache; every test starts with a clean slate.
    Tests without database access have no cache to clear."""
    met_database = request.node.get_closest_marker("django_db") or {
        "db",
        "transactional_db",
    } & set(request.fixturenames)
    if met_database:
        cache.clear()
    yield
    if met_database:
        cache.clear()


def api_client(user=None) -> APIClient:
    """A client that authenticates as ``user`` with a real token, as other systems do."""
    client = APIClient()
    if user is not None:
        _, sleutel = AuthToken.objects.create(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {sleutel}")
    return client


@pytest.fixture
def api():
    return api_client


@pytest.fixture
def org_c(db):
    """An organisation that is not invited."""
    return factories.OrganisatieFactory(afkorting="DUO", naam="DUO")


@pytest.fixture
def opsteller_c(org_c):
    return factories.opsteller(org_c)


@pytest.fixture
def ander_ministerie(db):
    return factories.MinisterieFactory(afkorting="OCW", naam="Ministerie van OCW")


@pytest.fixture
def ander_ministerie_gebruiker(ander_ministerie):
    return factories.ministerie_medewerker(ander_ministerie)

import pytest
from django.core.cache import cache

from rapporten import pdf
from rapporten import services as rapport_services
from reacties import services as reactie_services
from tests import factories
from tests.apihulp import api_client
from tests.omgeving import snelle_instellingen
from tests.rapporten.helpers import gesloten_consultatie, kleine_pdf, maak_rapport

# The frozen clock and the consultation opened at a chosen moment, for the deadline tests
# and every other test that needs them.
from tests.termijnhulp import draai, klok, maak_consultatie, na_commit  # noqa: F401
from tests.werkhulp import drie_ingediend as _drie_ingediend


@pytest.fixture(autouse=True)
def _snelle_omgeving(settings, tmp_path):
    """Tasks run immediately, files go to a temporary folder, hashing is fast."""
    for naam, waarde in snelle_instellingen(tmp_path / "bestanden").items():
        setattr(settings, naam, waarde)


@pytest.fixture(autouse=True)
def _nederlands():
    """Every test starts in Dutch: a page visited in English must not leak its language
    into the next test (it did, depending on the order)."""
    from django.utils import translation

    translation.activate("nl")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _leeg_cache(request):
    """Throttling counts in the (database) cache; every test starts with a clean slate.
    Tests without database access have no cache to clear."""
    met_database = request.node.get_closest_marker("django_db") or {
        "db",
        "transactional_db",
    } & set(request.fixturenames)
    if met_database:
        # Set up the test's database access first (autouse fixtures run before the ones
        # a test asks for); pytest-django still picks transactional or not by the test.
        request.getfixturevalue("db")
        cache.clear()
    yield
    if met_database:
        cache.clear()


@pytest.fixture
def api():
    return api_client


@pytest.fixture
def ministerie(db):
    return factories.MinisterieFactory(afkorting="SZW", naam="Ministerie van SZW")


@pytest.fixture
def org_a(db):
    return factories.OrganisatieFactory(afkorting="UWV", naam="UWV")


@pytest.fixture
def org_b(db):
    return factories.OrganisatieFactory(afkorting="SVB", naam="SVB")


@pytest.fixture
def secretaris(db):
    return factories.secretaris()


@pytest.fixture
def opsteller_a(org_a):
    return factories.opsteller(org_a)


@pytest.fixture
def accordeerder_a(org_a):
    return factories.accordeerder(org_a)


@pytest.fixture
def accordeerder_a2(org_a):
    return factories.accordeerder(org_a, username="uwv-accordeerder-2")


@pytest.fixture
def opsteller_b(org_b):
    return factories.opsteller(org_b)


@pytest.fixture
def accordeerder_b(org_b):
    return factories.accordeerder(org_b)


@pytest.fixture
def ministerie_gebruiker(ministerie):
    return factories.ministerie_medewerker(ministerie)


@pytest.fixture
def open_consultatie(secretaris, ministerie, org_a, org_b):
    return factories.consultatie(
        secretaris_gebruiker=secretaris,
        ministerie=ministerie,
        organisaties=[org_a, org_b],
        open=True,
    )


@pytest.fixture
def reactie_a(open_consultatie, org_a):
    return open_consultatie.reacties.get(organisatie=org_a)


@pytest.fixture
def reactie_b(open_consultatie, org_b):
    return open_consultatie.reacties.get(organisatie=org_b)


@pytest.fixture
def reactie_a_ter_accordering(reactie_a, opsteller_a):
    reactie = reactie_services.reactie_starten(reactie=reactie_a, actor=opsteller_a)
    reactie = factories.vul_reactie_in(reactie, opsteller_a)
    return reactie_services.reactie_ter_accordering(reactie=reactie, actor=opsteller_a)


@pytest.fixture
def org_c(db):
    """An organisation that is not invited."""
    return factories.OrganisatieFactory(afkorting="DUO", naam="DUO")


@pytest.fixture
def opsteller_c(org_c):
    return factories.opsteller(org_c)


@pytest.fixture
def drie_ingediend(secretaris, ministerie, org_a, org_b, org_c):
    """An open consultation: A and B submitted, C still drafting (``tests/werkhulp.py``)."""
    return _drie_ingediend(secretaris, ministerie, org_a, org_b, org_c)


@pytest.fixture
def ander_ministerie(db):
    return factories.MinisterieFactory(afkorting="OCW", naam="Ministerie van OCW")


@pytest.fixture
def ander_ministerie_gebruiker(ander_ministerie):
    return factories.ministerie_medewerker(ander_ministerie)


# --- the paper: a closed consultation with accepted responses and its versions ----------


@pytest.fixture
def snelle_pdf(monkeypatch):
    """Service and view tests are about the workflow, not the layout (test_pdf.py covers
    that): render a one-page PDF instead of the whole paper to keep the suite fast."""
    monkeypatch.setattr(pdf, "render_pdf", kleine_pdf)


@pytest.fixture
def gesloten(secretaris, ministerie, org_a, org_b):
    return gesloten_consultatie(secretaris, ministerie, [org_a, org_b])


@pytest.fixture
def concept(gesloten, secretaris, snelle_pdf):
    return maak_rapport(gesloten, secretaris)


@pytest.fixture
def definitief(concept, secretaris):
    return rapport_services.rapport_definitief_maken(rapport=concept, actor=secretaris)


@pytest.fixture
def verzonden(definitief, secretaris):
    return rapport_services.rapport_verzenden(rapport=definitief, actor=secretaris)


@pytest.fixture
def beheerder_a(org_a):
    return factories.beheerder(org_a)


@pytest.fixture(scope="session")
def _http_zonder_tls():
    """The live server speaks plain HTTP: switch off the production TLS settings before
    its middleware is built (SecurityMiddleware reads them once), and restore them."""
    from django.conf import settings

    namen = ("SECURE_SSL_REDIRECT", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE")
    oud = {naam: getattr(settings, naam) for naam in namen}
    for naam in namen:
        setattr(settings, naam, False)
    yield
    for naam, waarde in oud.items():
        setattr(settings, naam, waarde)


@pytest.fixture(scope="session")
def live_server(_http_zonder_tls, live_server):
    return live_server

import pytest

from reacties import services as reactie_services
from tests import factories


@pytest.fixture(autouse=True)
def _snelle_omgeving(settings, tmp_path):
    """Tasks run immediately, files go to a temporary folder, hashing is fast."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "bestanden", "base_url": None},
        },
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.SECURE_SSL_REDIRECT = False
    # Throttling and the second factor have their own tests; elsewhere they'd only get in the way.
    settings.AXES_ENABLED = False
    settings.TWEEDE_FACTOR_SECRETARIS = False


@pytest.fixture(autouse=True)
def _nederlands():
    """Every test starts in Dutch: a page visited in English must not leak its language
    into the next test (it did, depending on the order)."""
    from django.utils import translation

    translation.activate("nl")
    yield
    translation.deactivate()


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

import pytest

from tests import factories


@pytest.fixture
def ander_ministerie(db):
    return factories.MinisterieFactory(afkorting="BZK", naam="Ministerie van BZK")


@pytest.fixture
def andere_ministerie_gebruiker(ander_ministerie):
    return factories.ministerie_medewerker(ander_ministerie)

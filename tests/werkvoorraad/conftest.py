import pytest

from reacties import services as reactie_services
from tests import factories


@pytest.fixture
def org_c(db):
    return factories.OrganisatieFactory(afkorting="DUO", naam="Dienst Uitvoering Onderwijs")


@pytest.fixture
def drie_ingediend(secretaris, ministerie, org_a, org_b, org_c):
    """An open consultation: A and B submitted, C still drafting."""
    consultatie = factories.consultatie(
        secretaris_gebruiker=secretaris,
        ministerie=ministerie,
        organisaties=[org_a, org_b, org_c],
        open=True,
    )
    for organisatie in (org_a, org_b):
        dien_in(consultatie.reacties.get(organisatie=organisatie))
    c = consultatie.reacties.get(organisatie=org_c)
    reactie_services.reactie_starten(reactie=c, actor=medewerker(org_c, "opsteller"))
    return consultatie


def medewerker(organisatie, rol):
    from organisaties.models import Gebruiker

    bestaand = Gebruiker.objects.filter(organisatie=organisatie, rol=rol).first()
    return bestaand or getattr(factories, rol)(organisatie)


def dien_in(reactie):
    opsteller = medewerker(reactie.organisatie, "opsteller")
    accordeerder = medewerker(reactie.organisatie, "accordeerder")
    reactie = reactie_services.reactie_starten(reactie=reactie, actor=opsteller)
    reactie = factories.vul_reactie_in(reactie, opsteller)
    reactie = reactie_services.reactie_ter_accordering(reactie=reactie, actor=opsteller)
    return reactie_services.reactie_indienen(reactie=reactie, actor=accordeerder)

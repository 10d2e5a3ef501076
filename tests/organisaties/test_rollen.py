"""Roles: a role fits one kind of organisation, and an inactive user holds no role."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError

from consultaties import services as consultatie_services
from organisaties.models import Rol
from reacties import services as reactie_services
from tests import factories


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("rol", "soort", "past"),
    [
        (Rol.SECRETARIS, "secretariaat", True),
        (Rol.SECRETARIS, "uitvoeringsorganisatie", False),
        (Rol.OPSTELLER, "uitvoeringsorganisatie", True),
        (Rol.OPSTELLER, "ministerie", False),
        (Rol.ACCORDEERDER, "uitvoeringsorganisatie", True),
        (Rol.ACCORDEERDER, "secretariaat", False),
        (Rol.MINISTERIE, "ministerie", True),
        (Rol.MINISTERIE, "uitvoeringsorganisatie", False),
        (Rol.BEHEERDER, "uitvoeringsorganisatie", True),
        (Rol.BEHEERDER, "ministerie", False),
        (Rol.BEHEERDER, "secretariaat", False),
    ],
)
def test_rol_past_bij_de_soort_organisatie(rol, soort, past):
    organisatie = factories.OrganisatieFactory(soort=soort)
    gebruiker = factories.GebruikerFactory.build(organisatie=organisatie, rol=rol)
    if past:
        gebruiker.full_clean(exclude=["password"])
    else:
        with pytest.raises(ValidationError) as fout:
            gebruiker.full_clean(exclude=["password"])
        assert "rol" in fout.value.message_dict


@pytest.mark.django_db
def test_rol_zonder_organisatie_is_ongeldig():
    gebruiker = factories.GebruikerFactory.build(organisatie=None, rol=Rol.OPSTELLER)
    with pytest.raises(ValidationError) as fout:
        gebruiker.full_clean(exclude=["password"])
    assert "organisatie" in fout.value.message_dict


@pytest.mark.django_db
def test_rolkenmerken(secretaris, opsteller_a, accordeerder_a, ministerie_gebruiker, beheerder_a):
    kenmerken = {
        g.username: (
            g.is_secretaris,
            g.is_organisatie_medewerker,
            g.is_accordeerder,
            g.is_ministerie,
            g.is_beheerder,
        )
        for g in (secretaris, opsteller_a, accordeerder_a, ministerie_gebruiker, beheerder_a)
    }
    assert kenmerken == {
        "secretaris": (True, False, False, False, False),
        "uwv-opsteller": (False, True, False, False, False),
        "uwv-accordeerder": (False, True, True, False, False),
        "szw-ministerie": (False, False, False, True, False),
        "uwv-beheerder": (False, False, False, False, True),
    }


@pytest.mark.django_db
def test_inactieve_gebruiker_heeft_geen_rol(
    secretaris, accordeerder_a, ministerie_gebruiker, beheerder_a
):
    for gebruiker in (secretaris, accordeerder_a, ministerie_gebruiker, beheerder_a):
        gebruiker.is_active = False
    assert not beheerder_a.is_beheerder
    assert not secretaris.is_secretaris
    assert not accordeerder_a.is_organisatie_medewerker
    assert not accordeerder_a.is_accordeerder
    assert not ministerie_gebruiker.is_ministerie


@pytest.mark.django_db
def test_inactieve_secretaris_kan_niet_sluiten(open_consultatie, secretaris):
    secretaris.is_active = False
    secretaris.save()
    with pytest.raises(PermissionDenied):
        consultatie_services.consultatie_sluiten(consultatie=open_consultatie, actor=secretaris)
    open_consultatie.refresh_from_db()
    assert open_consultatie.status == "open"


@pytest.mark.django_db
def test_anonieme_gebruiker_mag_niets(open_consultatie, reactie_a_ter_accordering):
    anoniem = AnonymousUser()
    assert consultatie_services.toegestane_acties(anoniem, open_consultatie) == []
    assert reactie_services.toegestane_acties(anoniem, reactie_a_ter_accordering) == []
    with pytest.raises(PermissionDenied):
        consultatie_services.consultatie_sluiten(consultatie=open_consultatie, actor=anoniem)
    with pytest.raises(PermissionDenied):
        reactie_services.reactie_indienen(reactie=reactie_a_ter_accordering, actor=anoniem)
    with pytest.raises(PermissionDenied):
        reactie_services.reactie_bijwerken(
            reactie=reactie_a_ter_accordering, actor=anoniem, versie=1, velden={}
        )

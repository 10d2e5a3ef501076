"""Permission predicates read ``(user, obj)`` everywhere, and the role checks exist once."""

import importlib
import inspect

import pytest

MODULES = [
    "organisaties.permissions",
    "consultaties.permissions",
    "reacties.permissions",
    "rapporten.permissions",
    "termijnen.permissions",
    "notificaties.permissions",
]


@pytest.mark.parametrize("naam", MODULES)
def test_elk_predicaat_neemt_eerst_de_gebruiker(naam):
    module = importlib.import_module(naam)
    for functie_naam, functie in inspect.getmembers(module, inspect.isfunction):
        parameters = list(inspect.signature(functie).parameters)
        assert parameters and parameters[0] == "user", f"{naam}.{functie_naam}{parameters}"


@pytest.mark.parametrize("naam", MODULES[1:])
def test_is_secretaris_bestaat_eenmaal(naam):
    from organisaties import permissions as basis

    assert importlib.import_module(naam).is_secretaris is basis.is_secretaris

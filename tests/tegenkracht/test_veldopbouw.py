"""The API's ``ModelSerializer`` (``tegenkracht.api.serializers``) derives each model
field's serializer field once per process: the same fields as DRF derives on every request,
and still fields of each serializer's own."""

from pathlib import Path

import pytest
from rest_framework import serializers

from tegenkracht.api import serializers as api_serializers
from tegenkracht.api.serializers import ModelSerializer

pytestmark = pytest.mark.django_db  # a related field's repr shows its queryset


def _alle(klasse):
    for sub in klasse.__subclasses__():
        yield sub
        yield from _alle(sub)


def _laad_de_api():
    """The API's modules import every serializer the URLconf can reach."""
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018


def _project_serializers():
    _laad_de_api()
    return sorted(set(_alle(ModelSerializer)), key=lambda k: k.__qualname__)


def test_elke_modelserializer_van_het_project_gebruikt_de_opbouw():
    """No serializer of the project builds its fields on every request."""
    from django.apps import apps
    from django.conf import settings

    _laad_de_api()
    eigen_apps = {
        app.name.split(".")[0]
        for app in apps.get_app_configs()
        if Path(app.path).is_relative_to(settings.BASE_DIR) and ".venv" not in Path(app.path).parts
    }
    assert {"consultaties", "reacties", "rapporten"} <= eigen_apps
    eigen = [
        k for k in _alle(serializers.ModelSerializer) if k.__module__.split(".")[0] in eigen_apps
    ]
    assert len(eigen) >= 20
    assert [k for k in eigen if not issubclass(k, ModelSerializer)] == []


@pytest.mark.parametrize("klasse", _project_serializers(), ids=lambda k: k.__name__)
def test_zelfde_velden_als_drf_bouwt(klasse):
    api_serializers._VELDOPBOUW.clear()
    door_drf = repr(klasse())  # the first build: DRF's own, which fills the cache
    assert any(sleutel[0] is klasse for sleutel in api_serializers._VELDOPBOUW)
    uit_cache = repr(klasse())
    assert uit_cache == door_drf


@pytest.mark.parametrize("klasse", _project_serializers(), ids=lambda k: k.__name__)
def test_elke_serializer_eigen_velden(klasse):
    een, twee = klasse().fields, klasse().fields
    for naam, veld in een.items():
        assert veld is not twee[naam]
        assert veld.parent is not twee[naam].parent
        kind = getattr(veld, "child", None)
        if kind is not None:
            assert kind is not twee[naam].child
            assert kind.parent is veld

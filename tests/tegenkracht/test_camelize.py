"""The API's camelCase conversion (``tegenkracht.api.renderers``) gives what
``djangorestframework_camel_case`` gives, key for key, at a fraction of its cost."""

import datetime
from decimal import Decimal

from django.conf import settings
from django.utils.translation import gettext_lazy
from djangorestframework_camel_case.util import camelize as bibliotheek

from tegenkracht.api.renderers import camelize

OPTIES = settings.JSON_CAMEL_CASE["JSON_UNDERSCOREIZE"]


def test_zelfde_uitvoer_als_de_bibliotheek():
    data = {
        "_links": {"self": {"href": "/x"}, "eerste_pagina": {"href": "/y"}},
        "aantal": 3,
        "resultaten": [
            {
                "toegestane_acties": ["ter-accordering", "afzien"],
                "beoordelingen": [{"betrokken_organisaties": [1, 2], "dimensie": "ict"}],
                "fte_incidenteel": Decimal("1.50"),
                "ingediend_op": datetime.datetime(2026, 11, 30, 9, 0, tzinfo=datetime.UTC),
                "invoering_per": datetime.date(2027, 1, 1),
                "levensgebeurtenissen": ("werk_zoeken", "verhuizen"),
                "vorige_reactie": None,
                "is_k1_punt": True,
                "kosten_t_plus_1": 2.5,
                gettext_lazy("lui_label"): gettext_lazy("Een label"),
                7: "sleutel als getal",
                "antwoord_2b": {"sub_veld_x": [{"diep_in_veld": []}]},
            }
        ],
    }
    assert camelize(data, **OPTIES) == bibliotheek(data, **OPTIES)
    assert list(camelize(data, **OPTIES)["resultaten"][0]) == list(
        bibliotheek(data, **OPTIES)["resultaten"][0]
    )


def test_links_houden_hun_naam():
    uit = camelize({"_links": {"a_b": 1}, "c_d": 2}, **OPTIES)
    assert uit == {"_links": {"aB": 1}, "cD": 2}


def test_genegeerde_velden_houden_hun_inhoud():
    """``ignore_fields``: the field itself is renamed, what is in it is not converted."""
    data = {"ruwe_json": {"blijft_zo": [{"ook_dit": 1}]}, "ander_veld": {"wel_dit": 2}}
    opties = {**OPTIES, "ignore_fields": ("ruwe_json",)}
    assert camelize(data, **opties) == bibliotheek(data, **opties)
    assert camelize(data, **opties) == {
        "ruweJson": {"blijft_zo": [{"ook_dit": 1}]},
        "anderVeld": {"welDit": 2},
    }

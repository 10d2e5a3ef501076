"""``get_FOO_display`` read from a label table per field and language gives Django's own
answers: every choice of every field of the models that use it, in Dutch and English,
and a value outside the choices."""

import pytest
from django.db.models import Model
from django.utils import translation

from consultaties.models import Consultatie
from kern.keuzelabels import Keuzelabels, keuzelabel
from organisaties.models import Gebruiker
from rapporten.models import Verwerking
from reacties.models import Beoordeling, Kernpunt, Reactie

MODELLEN = [Consultatie, Reactie, Beoordeling, Kernpunt, Gebruiker, Verwerking]


@pytest.mark.parametrize("taal", ["nl", "en"])
@pytest.mark.parametrize("model", MODELLEN, ids=lambda m: m.__name__)
def test_zelfde_labels_als_django(model, taal):
    assert issubclass(model, Keuzelabels)
    velden = [f for f in model._meta.concrete_fields if f.choices]
    assert velden
    with translation.override(taal):
        for veld in velden:
            for waarde, _label in veld.flatchoices:
                obj = model(**{veld.attname: waarde})
                eigen = getattr(obj, f"get_{veld.name}_display")()
                assert eigen == Model._get_FIELD_display(obj, veld), (veld, waarde)
            onbekend = model(**{veld.attname: "bestaat-niet"})
            assert getattr(onbekend, f"get_{veld.name}_display")() == "bestaat-niet"


def test_volgt_de_taal():
    kernpunt = Kernpunt(dimensie="ict")
    with translation.override("nl"):
        nl = kernpunt.get_dimensie_display()
    with translation.override("en"):
        en = kernpunt.get_dimensie_display()
    assert nl != en


@pytest.mark.parametrize("taal", ["nl", "en"])
def test_keuzelabel_zoals_het_label_van_de_enum(taal):
    from reacties.models import Dimensie, Eindoordeel, Ernst, Gevolgen, Levensgebeurtenis

    with translation.override(taal):
        for keuzes in (Dimensie, Eindoordeel, Ernst, Gevolgen, Levensgebeurtenis):
            for lid in keuzes:
                assert keuzelabel(keuzes, lid.value, "?") == str(lid.label), (keuzes, lid)
        assert keuzelabel(Dimensie, "bestaat-niet", "anders") == "anders"
        assert keuzelabel(Ernst, "", "") == ""


def test_keuzelabel_volgt_de_taal():
    from reacties.models import Gevolgen

    with translation.override("nl"):
        nl = keuzelabel(Gevolgen, Gevolgen.INGRIJPEND, "?")
    with translation.override("en"):
        en = keuzelabel(Gevolgen, Gevolgen.INGRIJPEND, "?")
    assert (nl, en) == ("Ingrijpend", "Major")

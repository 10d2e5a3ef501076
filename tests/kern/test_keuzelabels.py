"""``get_FOO_display`` read from a label table per field and language gives Django's own
answers: every choice of every field of the models that use it, in Dutch and English,
and a value outside the choices."""

import pytest
from django.db.models import Model
from django.utils import translation

from consultaties.models import Consultatie
from kern.keuzelabels import Keuzelabels
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

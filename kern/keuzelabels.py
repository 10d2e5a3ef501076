"""``get_FOO_display`` without evaluating every label of the field on every call.

Django's ``Model._get_FIELD_display`` builds a dict of all of a field's choices on each
call, and hashing each lazily translated label translates it: 130 µs a call for the ten
dimensions of a kernpunt. A page of a closed consultation asks it 160 times (dimension
and severity of each kernpunt, state of each response), a fifth of the page. The labels
of a field in a language never change while the process runs, so they are looked up
once.
"""

from functools import cache

from django.utils.encoding import force_str
from django.utils.hashable import make_hashable
from django.utils.translation import get_language


@cache
def _labels(field, taal: str | None) -> dict:
    return {make_hashable(waarde): force_str(label) for waarde, label in field.flatchoices}


def labels(model, veld: str) -> dict:
    """Value → label of ``model``'s field ``veld`` in the active language: the same table
    ``get_FOO_display`` reads, for code that labels a list of plain values."""
    return _labels(model._meta.get_field(veld), get_language())


@cache
def _keuzelabels(keuzes, taal: str | None) -> dict:
    return {waarde: force_str(label) for waarde, label in keuzes.choices}


def keuzelabel(keuzes, waarde, anders):
    """``str(keuzes(waarde).label)`` for a ``TextChoices`` class ``keuzes``, in the active
    language, from a table per class and language (building the enum member and
    translating its label cost a paper's snapshot a call chain per kernpunt); ``anders``
    where ``waarde`` is none of its values."""
    return _keuzelabels(keuzes, get_language()).get(waarde, anders)


class Keuzelabels:
    """Mix into a model (before ``models.Model``): its ``get_FOO_display`` methods read a
    table of labels per field and language. The same answers as Django's."""

    def _get_FIELD_display(self, field):
        waarde = getattr(self, field.attname)
        try:
            labels = _labels(field, get_language())
            return force_str(labels.get(make_hashable(waarde), waarde), strings_only=True)
        except TypeError:  # a value or choice that cannot be hashed: Django's own way
            return super()._get_FIELD_display(field)

"""One rule for free text, used by the services of every app: no control characters.

Django's and DRF's text fields already refuse NUL; other control characters (and lone
surrogates, which no database can store as UTF-8) went through, were stored, and printed
as empty boxes in the official paper. Tab and newline are text; a carriage return only as
part of CRLF, as browsers send a textarea.
"""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext

STUURTEKENS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]|\r(?!\n)")


def stuurteken_bericht(waarde: str) -> str | None:
    """The message (active language) for a control character in ``waarde``, else None."""
    gevonden = STUURTEKENS.search(waarde)
    if gevonden is None:
        return None
    teken = gevonden.group()
    code = f"U+{ord(teken):04X}" if len(teken) == 1 else "U+000D"
    return gettext(
        "Deze tekst bevat een onzichtbaar stuurteken (%(code)s, op positie %(positie)s), "
        "bijvoorbeeld uit een kopie uit een ander programma. Verwijder het en probeer het "
        "opnieuw."
    ) % {"code": code, "positie": gevonden.start() + 1}


def weiger_stuurtekens(waarde) -> None:
    """A Django validator (forms, serializers, models)."""
    if isinstance(waarde, str) and (bericht := stuurteken_bericht(waarde)):
        raise ValidationError(bericht, code="stuurteken")


def stuurteken_fouten(velden: dict) -> dict[str, str]:
    """Field errors for the text values (or lists of texts) in ``velden``."""
    fouten = {}
    for naam, waarde in velden.items():
        waarden = waarde if isinstance(waarde, list | tuple) else [waarde]
        for tekst in waarden:
            if isinstance(tekst, str) and (bericht := stuurteken_bericht(tekst)):
                fouten[naam] = bericht
                break
    return fouten


def controleer_teksten(**velden) -> None:
    """Raise a ValidationError naming each field whose text holds a control character."""
    fouten = stuurteken_fouten(velden)
    if fouten:
        raise ValidationError(fouten)


class ZonderStuurtekens:
    """Model mixin: ``full_clean`` also refuses control characters in every text field,
    so services that validate a model instance need no list of its fields."""

    def clean_fields(self, exclude=None):
        fouten = {}
        try:
            super().clean_fields(exclude=exclude)
        except ValidationError as fout:
            fouten = fout.error_dict
        for veld in self._meta.concrete_fields:
            if not isinstance(veld, models.CharField | models.TextField):
                continue
            if exclude and veld.name in exclude:
                continue
            waarde = getattr(self, veld.attname)
            if isinstance(waarde, str) and (bericht := stuurteken_bericht(waarde)):
                fouten.setdefault(veld.name, []).append(ValidationError(bericht, code="stuurteken"))
        if fouten:
            raise ValidationError(fouten)

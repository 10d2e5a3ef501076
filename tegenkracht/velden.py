"""Form fields that choose an object by id, shared by the apps' ``forms.py``.

Django's model choice fields hand any integer to the database; on SQLite one beyond 64 bits
raises ``OverflowError`` (a 500) instead of "not a valid choice". These check the range
first, as the API's ``IdVeld`` and ``IdFilter`` do, so a huge id is a 400 everywhere.
"""

import django_filters
from django import forms
from django.core.exceptions import ValidationError

from tegenkracht.api.filters import GROOTSTE_ID


def _binnen_bereik(waarde) -> bool:
    try:
        getal = int(str(waarde).strip())
    except (TypeError, ValueError):
        return False
    return 1 <= getal <= GROOTSTE_ID


class IdKeuzeVeld(forms.ModelChoiceField):
    def to_python(self, value):
        if value not in self.empty_values and not _binnen_bereik(value):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class IdMeerkeuzeVeld(forms.ModelMultipleChoiceField):
    def _check_values(self, value):
        for waarde in value:
            if not _binnen_bereik(waarde):
                raise ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": str(waarde)[:40]},
                )
        return super()._check_values(value)


class IdKeuzeFilter(django_filters.ModelChoiceFilter):
    field_class = IdKeuzeVeld

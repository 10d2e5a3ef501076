"""Filter machinery shared by the apps' ``api.py``."""

import django_filters
from django import forms

#: The largest id a database integer column holds; larger input is a 400, not a crash.
GROOTSTE_ID = 2**63 - 1


class IdFilter(django_filters.NumberFilter):
    """Filter on a foreign key by its id, without revealing whether the object exists."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", GROOTSTE_ID)
        super().__init__(*args, **kwargs)

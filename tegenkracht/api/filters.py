"""Filter machinery shared by the apps' ``api.py``."""

import re

import django_filters
from django import forms
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework.filters import OrderingFilter

from .problemen import veldnaam

#: The largest id a database integer column holds; larger input is a 400, not a crash.
GROOTSTE_ID = 2**63 - 1


@extend_schema_field(OpenApiTypes.INT)
class IdFilter(django_filters.NumberFilter):
    """Filter on a foreign key by its id, without revealing whether the object exists."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", GROOTSTE_ID)
        super().__init__(*args, **kwargs)


class Sortering(OrderingFilter):
    """``?sorteer=-termijn,kenmerk`` with the API's camelCase field names."""

    ordering_description = "Sorteer op een of meer velden (komma-gescheiden); '-' voor aflopend."

    def get_ordering(self, request, queryset, view):
        waarde = request.query_params.get(self.ordering_param)
        if waarde:
            velden = [underscoreize_term(term.strip()) for term in waarde.split(",")]
            ordering = self.remove_invalid_fields(queryset, velden, view, request)
            if ordering:
                return ordering
        return self.get_default_ordering(view)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        namen = [veldnaam(veld) for veld in getattr(view, "ordering_fields", None) or []]
        for parameter in parameters:
            parameter["description"] = f"{self.ordering_description} Velden: {', '.join(namen)}."
        return parameters


def underscoreize_term(term: str) -> str:
    teken = "-" if term.startswith("-") else ""
    return teken + re.sub(
        r"(?<=[a-z0-9])([A-Z])", lambda m: "_" + m.group(1).lower(), term.lstrip("-")
    )

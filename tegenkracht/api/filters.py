"""Filter machinery shared by the apps' ``api.py``."""

import re

import django_filters
from django import forms
from django.utils.translation import gettext
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.filters import BaseFilterBackend, OrderingFilter

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
    """``?sorteer=-termijn,kenmerk`` with the API's camelCase field names. An unknown field
    is a 400 that lists the fields one may sort on, like an invalid filter value."""

    ordering_description = "Sorteer op een of meer velden (komma-gescheiden); '-' voor aflopend."

    def get_ordering(self, request, queryset, view):
        waarde = request.query_params.get(self.ordering_param)
        if not waarde:
            return self.get_default_ordering(view)
        termen = [term.strip() for term in waarde.split(",") if term.strip()]
        geldig = {
            veld for veld, _label in self.get_valid_fields(queryset, view, {"request": request})
        }
        onbekend = [t for t in termen if underscoreize_term(t).lstrip("-") not in geldig]
        if onbekend or not termen:
            raise serializers.ValidationError(
                {
                    self.ordering_param: gettext(
                        "Onbekend sorteerveld %(velden)s. Sorteer op: %(toegestaan)s "
                        "(met '-' ervoor voor aflopend)."
                    )
                    % {
                        "velden": ", ".join(f"'{t}'" for t in onbekend) or "''",
                        "toegestaan": ", ".join(sorted(veldnaam(v) for v in geldig)),
                    }
                }
            )
        return [underscoreize_term(t) for t in termen]

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


def _parameters(backend, view, queryset) -> set[str]:
    if isinstance(backend, DjangoFilterBackend):
        filterset = backend.get_filterset_class(view, queryset)
        return set(filterset.base_filters) if filterset else set()
    return {p["name"] for p in backend.get_schema_operation_parameters(view)}


class BekendeParameters(BaseFilterBackend):
    """A list answers only the query parameters it documents (its filters, ``sorteer``,
    ``page``, ``pageSize``): anything else is a 400, so a mistyped filter (``?statsu=open``)
    is not silently ignored with every result returned."""

    def filter_queryset(self, request, queryset, view):
        if getattr(view, "action", None) != "list":
            return queryset
        bekend = set()
        for backend in view.filter_backends:
            if backend is not type(self):
                bekend |= _parameters(backend(), view, queryset)
        if view.paginator is not None:
            bekend |= {p["name"] for p in view.paginator.get_schema_operation_parameters(view)}
        onbekend = sorted(set(request.query_params) - bekend)
        if onbekend:
            raise serializers.ValidationError(
                {
                    naam: gettext("'%(naam)s' is geen bekende parameter. Bekend: %(bekend)s.")
                    % {"naam": naam, "bekend": ", ".join(sorted(bekend))}
                    for naam in onbekend
                }
            )
        return queryset

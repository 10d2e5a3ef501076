"""Filter machinery shared by the apps' ``api.py``."""

import re

import django_filters
from django import forms
from django.utils import timezone
from django.utils.dateparse import parse_datetime
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


#: Per list view class: whether its model keeps ``gewijzigd_op`` (see ``GewijzigdSinds``).
_GEWIJZIGD_OP_BIJGEHOUDEN: dict[type, bool] = {}


class GewijzigdSinds(BaseFilterBackend):
    """``?gewijzigdSinds=<ISO 8601>`` on every list whose model keeps ``gewijzigd_op``: for
    clients that poll instead of subscribing to webhooks. Inclusive (``>=``), so a client
    that passes the time of its previous request misses nothing; a time without offset is
    Dutch time. Invalid input is a 400, never silently ignored."""

    param = "gewijzigdSinds"
    veld = "gewijzigd_op"
    beschrijving = (
        "Alleen wat op of na dit tijdstip is gewijzigd (ISO 8601, bijvoorbeeld "
        "2026-11-30T08:00:00Z of 2026-11-30T09:00:00%2B01:00; zonder tijdzone: Nederlandse tijd)."
    )

    def _van_toepassing(self, view) -> bool:
        if getattr(view, "action", None) != "list":
            return False
        # The answer depends on the view class alone: remember it, so a request does not
        # build the view's whole queryset (visibility, prefetches) just to learn its model.
        soort = type(view)
        if (bekend := _GEWIJZIGD_OP_BIJGEHOUDEN.get(soort)) is not None:
            return bekend
        model = getattr(getattr(view, "queryset", None), "model", None) or getattr(
            view, "gewijzigd_model", None
        )
        if model is None:
            try:
                model = view.get_queryset().model
            except Exception:  # schema generation without a request
                return False
        bekend = _GEWIJZIGD_OP_BIJGEHOUDEN[soort] = any(
            f.name == self.veld for f in model._meta.get_fields()
        )
        return bekend

    def filter_queryset(self, request, queryset, view):
        waarde = request.query_params.get(self.param)
        if waarde is None or not self._van_toepassing(view):
            return queryset
        return queryset.filter(**{f"{self.veld}__gte": lees_tijdstip(self.param, waarde)})

    def get_schema_operation_parameters(self, view):
        if not self._van_toepassing(view):
            return []
        return [
            {
                "name": self.param,
                "required": False,
                "in": "query",
                "description": self.beschrijving,
                "schema": {"type": "string", "format": "date-time"},
            }
        ]


def lees_tijdstip(param: str, waarde: str):
    """An aware datetime from ISO 8601 query input, or a 400 naming ``param``."""
    waarde = waarde.strip()
    try:
        # A date and a time (``T`` or a space): a bare date is not a moment.
        tijdstip = parse_datetime(waarde) if len(waarde) > 10 else None
    except ValueError:
        tijdstip = None
    if tijdstip is None:
        raise serializers.ValidationError(
            {
                param: [
                    "Geef een tijdstip in ISO 8601, bijvoorbeeld 2026-11-30T08:00:00Z "
                    "(schrijf een + in de URL als %2B)."
                ]
            }
        )
    if timezone.is_naive(tijdstip):
        tijdstip = timezone.make_aware(tijdstip)
    return tijdstip


def _parameters(backend, view, queryset) -> set[str]:
    if isinstance(backend, DjangoFilterBackend):
        filterset = backend.get_filterset_class(view, queryset)
        return set(filterset.base_filters) if filterset else set()
    return {p["name"] for p in backend.get_schema_operation_parameters(view)}


class BekendeParameters(BaseFilterBackend):
    """A list answers only the query parameters it documents (its filters, ``sorteer``,
    ``page``, ``pageSize``): anything else is a 400, so a mistyped filter (``?statsu=open``)
    is not silently ignored with every result returned."""

    #: Per list view class, the parameters it documents: they depend on the class alone
    #: (its filter set, sort fields, model and pagination), not on the request.
    _bekend: dict[type, frozenset[str]] = {}

    def filter_queryset(self, request, queryset, view):
        if getattr(view, "action", None) != "list":
            return queryset
        bekend = self._bekend.get(type(view))
        if bekend is None:
            bekend = set()
            for backend in view.filter_backends:
                if backend is not type(self):
                    bekend |= _parameters(backend(), view, queryset)
            if view.paginator is not None:
                bekend |= {p["name"] for p in view.paginator.get_schema_operation_parameters(view)}
            bekend = self._bekend[type(view)] = frozenset(bekend)
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

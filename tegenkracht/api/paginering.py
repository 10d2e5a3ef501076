"""Pagination in the style of the NL API Strategie: ``page`` and ``pageSize`` query
parameters, HAL-style ``_links`` (self, first, prev, next, last) and the total count.

Out-of-range input is an error the client can act on, never a silent default: a
``pageSize`` outside 1..100 or a ``page`` that is no positive number is a 400 naming the
parameter; a page beyond the last is a 404 that says the page does not exist (not that
the resource is unknown or forbidden)."""

from django.core.paginator import Paginator
from django.utils.translation import gettext
from rest_framework import serializers
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

from .uitzonderingen import PaginaBestaatNiet

#: The list parameters with a handful of values each. A view's total (``aantal_resultaten``)
#: is remembered (``kern.tellingen``) only for a request with no others, so that the cache
#: holds a bounded number of totals per user.
ONTHOUDEN_BIJ = frozenset({"status", "page", "pageSize", "sorteer"})


def totaal_te_onthouden(request) -> bool:
    """Whether the total of this list request may be remembered (see ``ONTHOUDEN_BIJ``)."""
    return set(request.query_params) <= ONTHOUDEN_BIJ


def _positief_getal(waarde: str) -> int | None:
    waarde = waarde.strip()
    if not waarde.isascii() or not waarde.isdigit() or len(waarde) > 18:
        return None
    getal = int(waarde)
    return getal if getal >= 1 else None


class Paginering(PageNumberPagination):
    page_query_param = "page"
    page_size_query_param = "pageSize"
    page_size = 20
    max_page_size = 100
    page_query_description = "Het paginanummer (vanaf 1). Voorbij de laatste pagina: 404."
    page_size_query_description = (
        "Het aantal resultaten per pagina: 1 tot en met 100 (standaard 20). Daarbuiten: 400."
    )

    def get_page_size(self, request):
        waarde = request.query_params.get(self.page_size_query_param)
        if waarde is None:
            return self.page_size
        grootte = _positief_getal(waarde)
        if grootte is None or grootte > self.max_page_size:
            raise serializers.ValidationError(
                {
                    self.page_size_query_param: gettext(
                        "Geef een paginagrootte van 1 tot en met %(maximum)s."
                    )
                    % {"maximum": self.max_page_size}
                }
            )
        return grootte

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        paginator = Paginator(queryset, self.get_page_size(request))
        # A view may count its list more cheaply than one COUNT(*) over its queryset.
        if (aantal := getattr(view, "aantal_resultaten", None)) and (n := aantal()) is not None:
            paginator.count = n
        waarde = request.query_params.get(self.page_query_param, "1")
        nummer = _positief_getal(waarde)
        if nummer is None:
            raise serializers.ValidationError(
                {self.page_query_param: gettext("Geef een paginanummer vanaf 1.")}
            )
        if nummer > paginator.num_pages:
            raise PaginaBestaatNiet(nummer, paginator.num_pages)
        self.page = paginator.page(nummer)
        return list(self.page)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"]["minimum"] = 1
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"]["maximum"] = self.max_page_size
        return parameters

    def _link(self, nummer):
        url = self.request.build_absolute_uri()
        if nummer == 1:
            return {"href": remove_query_param(url, self.page_query_param)}
        return {"href": replace_query_param(url, self.page_query_param, nummer)}

    def get_paginated_response(self, data):
        pagina = self.page
        links = {
            "self": {"href": self.request.build_absolute_uri()},
            "first": self._link(1),
            "last": self._link(pagina.paginator.num_pages),
        }
        if pagina.has_previous():
            links["prev"] = self._link(pagina.previous_page_number())
        if pagina.has_next():
            links["next"] = self._link(pagina.next_page_number())
        return Response(
            {
                "_links": links,
                "aantal": pagina.paginator.count,
                "pagina": pagina.number,
                "paginaGrootte": pagina.paginator.per_page,
                "resultaten": data,
            },
            headers={"X-Total-Count": str(pagina.paginator.count)},
        )

    def get_paginated_response_schema(self, schema):
        link = {
            "type": "object",
            "properties": {"href": {"type": "string", "format": "uri"}},
            "required": ["href"],
        }
        return {
            "type": "object",
            "required": ["_links", "aantal", "pagina", "paginaGrootte", "resultaten"],
            "properties": {
                "_links": {
                    "type": "object",
                    "required": ["self", "first", "last"],
                    "properties": {
                        "self": link,
                        "first": link,
                        "prev": link,
                        "next": link,
                        "last": link,
                    },
                },
                "aantal": {"type": "integer", "description": "Totaal aantal resultaten."},
                "pagina": {"type": "integer"},
                "paginaGrootte": {"type": "integer"},
                "resultaten": schema,
            },
        }

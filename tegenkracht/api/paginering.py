"""Pagination in the style of the NL API Strategie: ``page`` and ``pageSize`` query
parameters, HAL-style ``_links`` (self, first, prev, next, last) and the total count."""

from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param


class Paginering(PageNumberPagination):
    page_query_param = "page"
    page_size_query_param = "pageSize"
    page_size = 20
    max_page_size = 100
    invalid_page_message = "Deze pagina bestaat niet."
    page_query_description = "Het paginanummer (vanaf 1)."
    page_size_query_description = "Het aantal resultaten per pagina (maximaal 100)."

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

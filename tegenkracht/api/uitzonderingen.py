"""API errors of our own, raised by the shared machinery and shaped by ``problemen``.
(Kept apart from ``problemen``, which imports DRF's views: the parser and paginator
classes named in the settings import these without a cycle.)"""

from django.utils.translation import ngettext
from rest_framework import exceptions


class PaginaBestaatNiet(exceptions.NotFound):
    """A page number beyond the last page: the list exists, this page of it does not."""

    default_code = "pagina_bestaat_niet"

    def __init__(self, nummer: int, aantal_paginas: int):
        self.aantal_paginas = aantal_paginas
        super().__init__(
            ngettext(
                "Pagina %(nummer)s bestaat niet: er is %(aantal)s pagina.",
                "Pagina %(nummer)s bestaat niet: er zijn %(aantal)s pagina's.",
                aantal_paginas,
            )
            % {"nummer": nummer, "aantal": aantal_paginas}
        )


class OngeldigeJson(exceptions.ParseError):
    """A body that is no valid JSON; the detail says what and where."""

    default_code = "ongeldige_json"

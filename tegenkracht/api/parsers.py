"""Request parsers: JSON with camelCase keys, and errors that say what is wrong where."""

import json

from django.conf import settings
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from djangorestframework_camel_case.parser import CamelCaseJSONParser
from djangorestframework_camel_case.util import underscoreize

from .uitzonderingen import OngeldigeJson

#: The json module's messages (English, fixed texts) in the request's language.
_JSON_MELDINGEN = {
    "Expecting value": _("er wordt een waarde verwacht"),
    "Expecting property name enclosed in double quotes": _(
        "er wordt een veldnaam tussen dubbele aanhalingstekens verwacht"
    ),
    "Expecting ',' delimiter": _("er wordt een komma verwacht"),
    "Expecting ':' delimiter": _("er wordt een dubbele punt verwacht"),
    "Extra data": _("na het einde van de JSON volgt nog tekst"),
    "Unterminated string starting at": _("een tekst wordt niet afgesloten"),
    "Invalid control character at": _("een tekst bevat een ongeldig stuurteken"),
    "Invalid \\escape": _("een tekst bevat een ongeldige escape"),
    "Invalid \\uXXXX escape": _("een tekst bevat een ongeldige \\u-escape"),
    "Illegal trailing comma before end of object": _("een komma vóór het einde van een object"),
    "Illegal trailing comma before end of array": _("een komma vóór het einde van een lijst"),
}


def _weiger_constante(naam):
    # NaN and Infinity are no JSON (RFC 8259), though Python's json accepts them.
    raise ValueError(naam)


class JsonParser(CamelCaseJSONParser):
    """camelCase JSON; invalid JSON is a 400 whose detail names the error and its place."""

    def parse(self, stream, media_type=None, parser_context=None):
        parser_context = parser_context or {}
        codering = parser_context.get("encoding", settings.DEFAULT_CHARSET)
        ruw = stream.read()
        try:
            tekst = ruw.decode(codering)
        except UnicodeDecodeError as fout:
            raise OngeldigeJson(
                gettext("Het verzoek is geen geldige %(codering)s-tekst (byte %(positie)s).")
                % {"codering": codering.upper(), "positie": fout.start + 1}
            ) from None
        try:
            return underscoreize(
                json.loads(tekst, parse_constant=_weiger_constante), **self.json_underscoreize
            )
        except json.JSONDecodeError as fout:
            melding = _JSON_MELDINGEN.get(fout.msg, fout.msg)
            raise OngeldigeJson(
                gettext(
                    "De JSON in het verzoek is ongeldig: %(melding)s (regel %(regel)s, "
                    "kolom %(kolom)s)."
                )
                % {"melding": melding, "regel": fout.lineno, "kolom": fout.colno}
            ) from None
        except ValueError as fout:
            raise OngeldigeJson(
                gettext("De JSON in het verzoek is ongeldig: %(waarde)s is geen JSON-getal.")
                % {"waarde": fout.args[0] if fout.args else "?"}
            ) from None
        except RecursionError:
            raise OngeldigeJson(gettext("De JSON in het verzoek is te diep genest.")) from None

"""Renderers: the API's JSON (camelCase) and endpoints that answer with a file."""

from django.utils.encoding import force_str
from django.utils.functional import Promise
from djangorestframework_camel_case.render import CamelCaseJSONRenderer
from djangorestframework_camel_case.util import camelize_re, underscore_to_camel
from rest_framework.renderers import BaseRenderer

_SCALAIR = (str, int, float, type(None))
#: The exact types of nearly every value a serializer writes: tested with one set lookup
#: per value, in the loop over its dict, instead of a call per value.
_SCALAIRE_TYPEN = frozenset({str, int, float, bool, type(None)})


#: Each key as camelCase, converted once per process (bounded: a key can come from data).
_CAMEL: dict[str, str] = {}


def _camel(sleutel: str) -> str:
    try:
        return _CAMEL[sleutel]
    except KeyError:
        nieuw = camelize_re.sub(underscore_to_camel, sleutel) if "_" in sleutel else sleutel
        if len(_CAMEL) < 4096:
            _CAMEL[sleutel] = nieuw
        return nieuw


def camelize(data, ignore_fields=None, ignore_keys=None, **_opties):
    """``djangorestframework_camel_case.util.camelize``, with the same output, at a
    fraction of its cost: it ran a regular expression over every key of every row
    (a page of responses has some 2,000), here each distinct key is converted once per
    process, and scalars (nearly every value) are passed on where they are met instead of
    through a call each and probed with ``iter()``."""
    return _camelize(data, frozenset(ignore_fields or ()), frozenset(ignore_keys or ()))


def _camelize(data, velden: frozenset, sleutels: frozenset):
    if type(data) in _SCALAIRE_TYPEN or isinstance(data, _SCALAIR):
        return data
    if isinstance(data, Promise):
        return force_str(data)
    if isinstance(data, dict):
        nieuw = {}
        for sleutel, waarde in data.items():
            if type(sleutel) is str:
                try:
                    nieuwe_sleutel = _CAMEL[sleutel]
                except KeyError:
                    nieuwe_sleutel = _camel(sleutel)
            else:
                if isinstance(sleutel, Promise):
                    sleutel = force_str(sleutel)
                nieuwe_sleutel = _camel(sleutel) if isinstance(sleutel, str) else sleutel
            if type(waarde) not in _SCALAIRE_TYPEN and not (
                sleutel in velden or nieuwe_sleutel in velden
            ):
                waarde = _camelize(waarde, velden, sleutels)
            if sleutel in sleutels or nieuwe_sleutel in sleutels:
                nieuw[sleutel] = waarde
            else:
                nieuw[nieuwe_sleutel] = waarde
        return nieuw
    if isinstance(data, list | tuple):
        return [
            item if type(item) in _SCALAIRE_TYPEN else _camelize(item, velden, sleutels)
            for item in data
        ]
    try:
        items = iter(data)
    except TypeError:
        return data
    return [_camelize(item, velden, sleutels) for item in items]


class JsonRenderer(CamelCaseJSONRenderer):
    """The API's JSON: property names in camelCase (``JSON_CAMEL_CASE`` settings)."""

    def render(self, data, *args, **kwargs):
        # Skip CamelCaseJSONRenderer.render (its slower camelize) for DRF's JSONRenderer.
        return super(CamelCaseJSONRenderer, self).render(
            camelize(data, **self.json_underscoreize), *args, **kwargs
        )


class BinairRenderer(BaseRenderer):
    """Passes a file's bytes through; errors still go out as problem details (JSON) with
    their own content type. Subclasses name the media type a client may ask for."""

    charset = None
    render_style = "binary"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if isinstance(data, bytes):
            return data
        return JsonRenderer().render(data, "application/json", renderer_context)


class BestandRenderer(BinairRenderer):
    """An uploaded file in its own type: a client may ask ``Accept: application/pdf`` (or
    any type, or none)."""

    media_type = "*/*"
    format = "bestand"

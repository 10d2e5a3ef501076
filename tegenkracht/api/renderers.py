"""Renderers: the API's JSON (camelCase) and endpoints that answer with a file."""

from functools import lru_cache

from django.utils.encoding import force_str
from django.utils.functional import Promise
from djangorestframework_camel_case.render import CamelCaseJSONRenderer
from djangorestframework_camel_case.util import camelize_re, underscore_to_camel
from rest_framework.renderers import BaseRenderer

_SCALAIR = (str, int, float, type(None))


@lru_cache(maxsize=4096)
def _camel(sleutel: str) -> str:
    return camelize_re.sub(underscore_to_camel, sleutel)


def camelize(data, ignore_fields=None, ignore_keys=None, **_opties):
    """``djangorestframework_camel_case.util.camelize``, with the same output, at a
    fraction of its cost: it ran a regular expression over every key of every row
    (a page of responses has some 2,000), here each distinct key is converted once per
    process, and scalars return at once instead of being probed with ``iter()``."""
    if isinstance(data, _SCALAIR):
        return data
    if isinstance(data, Promise):
        return force_str(data)
    ignore_fields = ignore_fields or ()
    ignore_keys = ignore_keys or ()
    if isinstance(data, dict):
        nieuw = {}
        for sleutel, waarde in data.items():
            if isinstance(sleutel, Promise):
                sleutel = force_str(sleutel)
            nieuwe_sleutel = (
                _camel(sleutel) if isinstance(sleutel, str) and "_" in sleutel else sleutel
            )
            if sleutel not in ignore_fields and nieuwe_sleutel not in ignore_fields:
                waarde = camelize(waarde, ignore_fields, ignore_keys)
            if sleutel in ignore_keys or nieuwe_sleutel in ignore_keys:
                nieuw[sleutel] = waarde
            else:
                nieuw[nieuwe_sleutel] = waarde
        return nieuw
    if isinstance(data, list | tuple):
        return [camelize(item, ignore_fields, ignore_keys) for item in data]
    try:
        items = iter(data)
    except TypeError:
        return data
    return [camelize(item, ignore_fields, ignore_keys) for item in items]


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

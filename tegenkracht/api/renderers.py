"""Renderers for endpoints that answer with a file."""

from djangorestframework_camel_case.render import CamelCaseJSONRenderer
from rest_framework.renderers import BaseRenderer


class BinairRenderer(BaseRenderer):
    """Passes a file's bytes through; errors still go out as problem details (JSON) with
    their own content type. Subclasses name the media type a client may ask for."""

    charset = None
    render_style = "binary"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if isinstance(data, bytes):
            return data
        return CamelCaseJSONRenderer().render(data, "application/json", renderer_context)


class BestandRenderer(BinairRenderer):
    """An uploaded file in its own type: a client may ask ``Accept: application/pdf`` (or
    any type, or none)."""

    media_type = "*/*"
    format = "bestand"

"""``{% translate %}`` (and ``{% trans %}``) with a fixed text translated once per language:
``{% load i18n vertalen %}`` (``TEMPLATES`` ``libraries``), Django's ``i18n`` library with
these two tags replaced by loading this one after it. Every template does so (a test).

Django translates a fixed text on every render: a lazy string, gettext through every
catalogue it holds (eight for Dutch, the interface's own language, whose texts are the
message ids and so are looked up in all of them in vain), escaping. A page has one to four
hundred of them: some 40 function calls each. A fixed text in a language never changes
while the process runs, so its node keeps what it rendered, per language and autoescape
setting. Everything else (a variable, a filter, a context, ``as``) renders as Django's."""

from django import template
from django.templatetags import i18n as django_i18n
from django.templatetags.i18n import TranslateNode
from django.utils.translation import get_language

register = template.Library()


class VasteTekstNode(TranslateNode):
    """A ``TranslateNode`` of a fixed text (see the module): its rendering remembered."""

    def __init__(self, node: TranslateNode):
        super().__init__(node.filter_expression, node.noop, node.asvar, node.message_context)
        self.vertaald: dict = {}

    def render(self, context):
        sleutel = (get_language(), context.autoescape)
        try:
            return self.vertaald[sleutel]
        except KeyError:
            waarde = self.vertaald[sleutel] = super().render(context)
            return waarde


@register.tag("translate")
@register.tag("trans")
def do_translate(parser, token):
    node = django_i18n.do_translate(parser, token)
    expressie = node.filter_expression
    vast = (
        not expressie.filters
        and isinstance(getattr(expressie.var, "literal", None), str)
        and node.message_context is None
        and node.asvar is None
    )
    return VasteTekstNode(node) if vast else node

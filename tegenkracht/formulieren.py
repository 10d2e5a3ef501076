"""The form renderer: Django's, with ``<select>``, ``<input>`` and ``<textarea>`` written
in Python.

Django renders a widget through templates: a select one per option (and one for its
attributes each), an input three (its type's, ``input.html``, ``attrs.html``). The
consultation page's filter (three selects, 25 options) cost 3 ms a request that way, the
toets form (seventy fields) 7 ms. The HTML is the same as Django's templates give, but
for whitespace between a select's options (tests/tegenkracht/test_formulieren.py)."""

from functools import lru_cache
from html import escape

from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext, gettext_lazy

SELECT = "django/forms/widgets/select.html"
OPTION = "django/forms/widgets/select_option.html"
TEXTAREA = "django/forms/widgets/textarea.html"
#: The widget templates that are nothing but ``{% include "…/input.html" %}``.
INPUTS = {
    f"django/forms/widgets/{naam}.html"
    for naam in (
        "input", "text", "number", "email", "url", "password", "hidden", "date", "datetime",
        "time", "search", "tel", "color", "checkbox", "file",
    )
}  # fmt: skip


def escape_html(waarde) -> str:
    """Django's ``conditional_escape`` without its wrapper for lazy arguments (a third of
    a select's cost): safe text as it is, anything else escaped as ``escape`` does."""
    if hasattr(waarde, "__html__"):
        return waarde.__html__()
    if type(waarde) is _VERTAALBAAR:
        return vaste_teksten(get_language(), *waarde._args)[0]
    return escape(str(waarde))


#: The type of ``gettext_lazy``'s texts (``lazy`` makes one per function): the labels of
#: choices and fields, which a form translates on every request, a select of the toets form
#: dozens of them, each through every catalogue gettext holds.
_VERTAALBAAR = type(gettext_lazy(""))


@lru_cache(maxsize=4096)
def vaste_teksten(_taal, *teksten, escapen=True) -> tuple[str, ...]:
    """Fixed texts (a tag's, marked with ``gettext_noop``; a ``gettext_lazy`` label's)
    translated into the active language ``_taal`` once per process instead of once per row
    or request. Escaped, or with ``escapen=False`` written as ``{% translate %}`` writes a
    template's own text (the catalogue is ours): where a tag replaced such a template, an
    apostrophe stays an apostrophe ("Thema's")."""
    tekst = escape_html if escapen else str
    return tuple(tekst(gettext(t)) for t in teksten)


def _attrs(attrs: dict) -> str:
    """``django/forms/widgets/attrs.html``: ``True`` as a bare name, ``False`` left out."""
    return "".join(
        f" {escape_html(naam)}"
        if waarde is True
        else f' {escape_html(naam)}="{escape_html(waarde)}"'
        for naam, waarde in attrs.items()
        if waarde is not False
    )


def _select(widget: dict) -> str:
    delen = [f'<select name="{escape_html(widget["name"])}"{_attrs(widget["attrs"])}>']
    for groep, opties, _index in widget["optgroups"]:
        if groep:
            delen.append(f'\n  <optgroup label="{escape_html(groep)}">')
        delen.extend(
            f'\n  <option value="{escape_html(optie["value"])}"{_attrs(optie["attrs"])}>'
            f"{escape_html(optie['label'])}</option>"
            for optie in opties
        )
        if groep:
            delen.append("\n  </optgroup>")
    delen.append("\n</select>")
    return mark_safe("".join(delen))  # noqa: S308 (every part is escaped by escape_html)


def _input(widget: dict) -> str:
    """``django/forms/widgets/input.html``."""
    waarde = widget["value"]
    waarde = f' value="{escape_html(waarde)}"' if waarde is not None else ""
    return mark_safe(  # noqa: S308 (every part is escaped by escape_html)
        f'<input type="{escape_html(widget["type"])}" name="{escape_html(widget["name"])}"{waarde}'
        f"{_attrs(widget['attrs'])}>"
    )


def _textarea(widget: dict) -> str:
    """``django/forms/widgets/textarea.html``."""
    return mark_safe(  # noqa: S308 (every part is escaped by escape_html)
        f'<textarea name="{escape_html(widget["name"])}"{_attrs(widget["attrs"])}>\n'
        f"{escape_html(widget['value'] or '')}</textarea>"
    )


class Renderer(DjangoTemplates):
    def render(self, template_name, context, request=None):
        widget = context.get("widget")
        if (
            template_name == SELECT
            and widget
            and all(
                o["template_name"] == OPTION
                for _g, opties, _i in widget["optgroups"]
                for o in opties
            )
        ):
            return _select(widget)
        if widget and template_name in INPUTS:
            return _input(widget)
        if widget and template_name == TEXTAREA:
            return _textarea(widget)
        return super().render(template_name, context, request)

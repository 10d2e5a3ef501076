"""The form renderer: Django's, with ``<select>``, ``<input>`` and ``<textarea>`` written
in Python.

Django renders a widget through templates: a select one per option (and one for its
attributes each), an input three (its type's, ``input.html``, ``attrs.html``). The
consultation page's filter (three selects, 25 options) cost 3 ms a request that way, the
toets form (seventy fields) 7 ms. The HTML is the same as Django's templates give, but
for whitespace between a select's options (tests/tegenkracht/test_formulieren.py)."""

from django.forms.renderers import DjangoTemplates
from django.utils.html import format_html
from django.utils.safestring import mark_safe

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


def _attrs(attrs: dict) -> str:
    """``django/forms/widgets/attrs.html``: ``True`` as a bare name, ``False`` left out."""
    return mark_safe(  # noqa: S308 (every part is format_html output)
        "".join(
            format_html(" {}", naam) if waarde is True else format_html(' {}="{}"', naam, waarde)
            for naam, waarde in attrs.items()
            if waarde is not False
        )
    )


def _select(widget: dict) -> str:
    delen = [format_html('<select name="{}"{}>', widget["name"], _attrs(widget["attrs"]))]
    for groep, opties, _index in widget["optgroups"]:
        if groep:
            delen.append(format_html('\n  <optgroup label="{}">', groep))
        delen.extend(
            format_html(
                '\n  <option value="{}"{}>{}</option>',
                optie["value"],
                _attrs(optie["attrs"]),
                optie["label"],
            )
            for optie in opties
        )
        if groep:
            delen.append("\n  </optgroup>")
    delen.append("\n</select>")
    return mark_safe("".join(delen))  # noqa: S308 (every part is format_html output)


def _input(widget: dict) -> str:
    """``django/forms/widgets/input.html``."""
    waarde = widget["value"]
    return format_html(
        '<input type="{}" name="{}"{}{}>',
        widget["type"],
        widget["name"],
        format_html(' value="{}"', f"{waarde}") if waarde is not None else "",
        _attrs(widget["attrs"]),
    )


def _textarea(widget: dict) -> str:
    """``django/forms/widgets/textarea.html``."""
    return format_html(
        '<textarea name="{}"{}>\n{}</textarea>',
        widget["name"],
        _attrs(widget["attrs"]),
        widget["value"] or "",
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

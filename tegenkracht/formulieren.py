"""The form renderer: Django's, with ``<select>`` written in Python.

Django renders a select through a template per option (and one for its attributes each);
the consultation page's filter (three selects, 25 options) cost 3 ms a request that way.
The HTML is the same as Django's templates give, but for whitespace between the options."""

from django.forms.renderers import DjangoTemplates
from django.utils.html import format_html
from django.utils.safestring import mark_safe

SELECT = "django/forms/widgets/select.html"
OPTION = "django/forms/widgets/select_option.html"


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
        return super().render(template_name, context, request)

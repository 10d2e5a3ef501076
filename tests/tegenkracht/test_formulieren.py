"""The form renderer writes selects, inputs and textareas in Python (cost per request,
issue 19); what it writes must be what Django's own widget templates give."""

import re
from datetime import date

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from tegenkracht.formulieren import Renderer


class Alles(forms.Form):
    tekst = forms.CharField(widget=forms.TextInput(attrs={"class": "a", "required": True}))
    leeg = forms.CharField(required=False)
    getal = forms.IntegerField(widget=forms.NumberInput(attrs={"disabled": False, "min": 0}))
    datum = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    mail = forms.EmailField()
    url = forms.URLField(assume_scheme="https")
    geheim = forms.CharField(widget=forms.PasswordInput(render_value=True))
    verborgen = forms.CharField(widget=forms.HiddenInput)
    vink = forms.BooleanField(required=False)
    uit = forms.BooleanField(required=False)
    lang = forms.CharField(widget=forms.Textarea(attrs={"rows": 3, "aria-invalid": "true"}))
    lang_leeg = forms.CharField(widget=forms.Textarea, required=False)
    bestand = forms.FileField(widget=forms.FileInput)
    keuze = forms.ChoiceField(
        choices=[
            ("a", "<A & B>"),
            ("b", 'B "b"'),
            ("c", mark_safe("<i>veilig</i>")),
            ("d", gettext_lazy("verplicht")),
        ]
    )
    # Text marked safe stays as it is, in an input's value and in a textarea, as in Django's.
    veilig = forms.CharField()
    veilig_lang = forms.CharField(widget=forms.Textarea)


GEGEVENS = {
    "tekst": "<script>alert(\"x\")</script> & 'quote'",
    "getal": 0,
    "datum": date(2026, 11, 30),
    "mail": "a@b.nl",
    "url": "https://example.org/?a=1&b=2",
    "geheim": 'p"w<',
    "verborgen": "&amp;",
    "vink": True,
    "uit": False,
    "lang": 'regel 1\n<b>regel 2</b> & "3"',
    "lang_leeg": "",
    "keuze": "b",
    "veilig": mark_safe("<b>&amp;</b>"),
    "veilig_lang": mark_safe("<b>&amp;</b>"),
}


def _form(gebonden: bool, **kwargs) -> Alles:
    return Alles(GEGEVENS, **kwargs) if gebonden else Alles(initial=GEGEVENS, **kwargs)


@pytest.mark.parametrize("veld", list(Alles.base_fields))
@pytest.mark.parametrize("gebonden", [True, False])
def test_zelfde_html_als_djangos_sjablonen(veld, gebonden):
    ons = _form(gebonden)[veld].as_widget()
    django = _form(gebonden, renderer=DjangoTemplates())[veld].as_widget()
    if veld == "keuze":  # the options differ only in the whitespace between them
        ons, django = (re.sub(r">\s+<", "><", h) for h in (ons, django))
    assert ons == django


def test_ons_renderer_is_in_gebruik():
    assert isinstance(Alles().renderer, Renderer)


def test_vertaalbare_labels_in_de_actieve_taal_en_geescaped():
    """``escape_html`` translates a ``gettext_lazy`` label once per language (cached):
    each language still gets its own text, and a hostile one stays escaped."""
    from django.utils import translation

    from tegenkracht.formulieren import escape_html

    label = gettext_lazy("Opslaan")
    with translation.override("en"):
        assert escape_html(label) == "Save"
    assert escape_html(label) == "Opslaan"
    with translation.override("en"):
        assert escape_html(gettext_lazy("Opslaan")) == "Save"  # another object, same text
    assert escape_html(gettext_lazy('<b>"x"</b>')) == "&lt;b&gt;&quot;x&quot;&lt;/b&gt;"
    assert escape_html(mark_safe("<b>veilig</b>")) == "<b>veilig</b>"

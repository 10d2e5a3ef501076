"""``{% formulierveld %}``: one form field with its label, description and error message
tied to the input (WCAG 1.3.1, 3.3.1), escaped, in both languages."""

import re

import pytest
from django import forms
from django.template import engines
from django.utils import translation

SJABLOON = engines["django"].from_string("{% load tegenkracht %}{% formulierveld veld %}")


class Formulier(forms.Form):
    naam = forms.CharField(label="Naam <b>", help_text="Zie <i>de uitleg</i> & meer")
    keuze = forms.ChoiceField(choices=[("x", "X"), ("y", "Y <z>")], required=False)
    toelichting = forms.CharField(widget=forms.Textarea, required=False)


Formulier.base_fields["toelichting"].nodig_voor_accordering = True


def _veld(formulier, naam) -> str:
    return SJABLOON.render({"veld": formulier[naam]})


def _invoer(html) -> str:
    """The field's one ``<input>``."""
    (invoer,) = re.findall(r"<input[^>]*>", html)
    return invoer


def test_label_uitleg_en_verplicht_horen_bij_het_invoerveld():
    html = _veld(Formulier(), "naam")
    assert '<label class="utrecht-form-label" for="id_naam">Naam &lt;b&gt; ' in html
    assert '<span class="tk-meta">(verplicht)</span>' in html
    assert (
        '<div class="utrecht-form-field-description" id="id_naam_helptext">'
        "Zie &lt;i&gt;de uitleg&lt;/i&gt; &amp; meer</div>"
    ) in html
    invoer = _invoer(html)
    assert 'id="id_naam"' in invoer
    assert 'aria-describedby="id_naam_helptext"' in invoer
    assert "aria-invalid" not in invoer
    assert "tk-veld--fout" not in html


def test_niet_verplicht_en_nodig_voor_accordering():
    html = _veld(Formulier(), "keuze")
    assert "verplicht" not in html
    assert "tk-nodig" not in html
    assert "Y &lt;z&gt;" in html
    html = _veld(Formulier(), "toelichting")
    assert '<span class="tk-nodig">nodig voor accordering</span>' in html


def test_fouten_staan_bij_het_veld_en_het_invoerveld_verwijst_ernaar():
    formulier = Formulier({"naam": "", "keuze": "q"})
    assert not formulier.is_valid()
    formulier.add_error("naam", "Nog een <fout>.")
    html = _veld(formulier, "naam")
    assert 'class="utrecht-form-field tk-veld utrecht-form-field--invalid tk-veld--fout"' in html
    assert (
        '<span class="utrecht-form-field-error-message tk-fout" id="id_naam_fout">'
        "Dit veld is vereist. Nog een &lt;fout&gt;.</span>"
    ) in html
    invoer = _invoer(html)
    assert 'aria-invalid="true"' in invoer
    assert 'aria-describedby="id_naam_helptext id_naam_fout"' in invoer
    assert "utrecht-textbox--invalid" in invoer
    # A select's error message is tied to the select.
    html = _veld(formulier, "keuze")
    assert 'id="id_keuze_fout"' in html
    assert re.search(r'<select[^>]*aria-describedby="id_keuze_fout"', html)


@pytest.mark.parametrize(
    ("taal", "verplicht", "nodig"),
    [("nl", "verplicht", "nodig voor accordering"), ("en", "required", "needed for approval")],
)
def test_in_beide_talen(taal, verplicht, nodig):
    with translation.override(taal):
        assert f"({verplicht})" in _veld(Formulier(), "naam")
        assert nodig in _veld(Formulier(), "toelichting")

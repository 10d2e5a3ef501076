from django import forms
from django.utils.translation import gettext_lazy as _

from . import catalogus


class AbonnementForm(forms.Form):
    url = forms.CharField(
        label=_("Adres (URL)"),
        max_length=500,
        help_text=_("Het https-adres van uw systeem dat de berichten ontvangt."),
        widget=forms.URLInput(attrs={"autocomplete": "url", "spellcheck": "false"}),
    )
    omschrijving = forms.CharField(
        label=_("Omschrijving"),
        max_length=200,
        required=False,
        help_text=_("Voor uzelf, bijvoorbeeld het systeem dat de berichten ontvangt."),
    )
    soorten = forms.MultipleChoiceField(
        label=_("Gebeurtenissen"),
        choices=catalogus.keuzes,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Kiest u niets, dan ontvangt u alle gebeurtenissen die u mag zien."),
    )

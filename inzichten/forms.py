from datetime import date

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from .services import standaard_periode

# Far-off dates mean nothing here and would overflow the datetime arithmetic of the period.
VROEGSTE = date(1900, 1, 1)
LAATSTE = date(2999, 12, 31)
BEREIK = [
    MinValueValidator(VROEGSTE, _("Kies een datum vanaf 1 januari 1900.")),
    MaxValueValidator(LAATSTE, _("Kies een datum tot en met 31 december 2999.")),
]


class PeriodeForm(forms.Form):
    van = forms.DateField(
        label=_("Van"), widget=forms.DateInput(attrs={"type": "date"}), validators=BEREIK
    )
    tot = forms.DateField(
        label=_("Tot en met"), widget=forms.DateInput(attrs={"type": "date"}), validators=BEREIK
    )

    def __init__(self, data=None, **kwargs):
        van, tot = standaard_periode()
        gegevens = {"van": van.isoformat(), "tot": tot.isoformat()}
        gegevens.update((data or {}).items())
        super().__init__(gegevens, **kwargs)

    def clean(self):
        gegevens = super().clean()
        van, tot = gegevens.get("van"), gegevens.get("tot")
        if van and tot and van > tot:
            self.add_error("tot", _("De einddatum ligt vóór de begindatum."))
        return gegevens

    def periode(self):
        if self.is_valid():
            return self.cleaned_data["van"], self.cleaned_data["tot"]
        return standaard_periode()

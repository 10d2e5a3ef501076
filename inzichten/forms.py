from django import forms

from .services import standaard_periode


class PeriodeForm(forms.Form):
    van = forms.DateField(label="Van", widget=forms.DateInput(attrs={"type": "date"}))
    tot = forms.DateField(label="Tot en met", widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, data=None, **kwargs):
        van, tot = standaard_periode()
        gegevens = {"van": van.isoformat(), "tot": tot.isoformat()}
        gegevens.update((data or {}).items())
        super().__init__(gegevens, **kwargs)

    def clean(self):
        gegevens = super().clean()
        van, tot = gegevens.get("van"), gegevens.get("tot")
        if van and tot and van > tot:
            self.add_error("tot", "De einddatum ligt vóór de begindatum.")
        return gegevens

    def periode(self):
        if self.is_valid():
            return self.cleaned_data["van"], self.cleaned_data["tot"]
        return standaard_periode()

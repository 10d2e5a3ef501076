from django import forms

DATUMTIJD = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATUMTIJD_FORMATEN = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]


class VerlengingAanvragenForm(forms.Form):
    reden = forms.CharField(
        label="Reden", widget=forms.Textarea(attrs={"rows": 4}), max_length=5000
    )
    gewenste_termijn = forms.DateTimeField(
        label="Gewenste nieuwe termijn (Nederlandse tijd, optioneel)",
        required=False,
        widget=DATUMTIJD,
        input_formats=DATUMTIJD_FORMATEN,
    )


class VerlengingToekennenForm(forms.Form):
    termijn = forms.DateTimeField(
        label="Nieuwe termijn voor deze organisatie (Nederlandse tijd)",
        widget=DATUMTIJD,
        input_formats=DATUMTIJD_FORMATEN,
    )
    toelichting = forms.CharField(
        label="Toelichting (optioneel)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
    )


class VerlengingAfwijzenForm(forms.Form):
    toelichting = forms.CharField(
        label="Reden van afwijzen", widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )

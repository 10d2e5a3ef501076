from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from reacties.models import Kernpunt

from .models import Uitkomst


class SamenstellenForm(forms.Form):
    bestuurlijke_samenvatting = forms.CharField(
        label=_("Bestuurlijke samenvatting"),
        widget=forms.Textarea(attrs={"rows": 12}),
        required=False,
        help_text=_("Opent het paper. Lege regels maken alinea's; opmaak wordt niet overgenomen."),
    )
    aanbevelingen = forms.CharField(
        label=_("Aanbevelingen"),
        widget=forms.Textarea(attrs={"rows": 8}),
        required=False,
    )


class ToelichtingForm(forms.Form):
    toelichting = forms.CharField(
        label=_("Toelichting (optioneel)"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class VerwerkingForm(forms.Form):
    kernpunt = forms.IntegerField(widget=forms.HiddenInput)
    uitkomst = forms.ChoiceField(label=_("Wat is ermee gedaan?"), choices=Uitkomst.choices)
    toelichting = forms.CharField(label=_("Toelichting"), widget=forms.Textarea(attrs={"rows": 3}))

    def clean_kernpunt(self):
        pk = self.cleaned_data["kernpunt"]
        if not Kernpunt.objects.filter(pk=pk).exists():
            raise forms.ValidationError(gettext("Onbekend kernpunt."))
        return pk

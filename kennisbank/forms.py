from django import forms
from django.utils.translation import gettext_lazy as _

from organisaties.models import Netwerk
from reacties.models import Dimensie, Eindoordeel
from tegenkracht.validatie import weiger_stuurtekens

from .zoeken import BRONNEN, Filters


class ZoekForm(forms.Form):
    """The question and the chosen facets, from the page's or the API's query string."""

    q = forms.CharField(label=_("Zoek in wat het netwerk weet"), max_length=200, required=False)
    soort = forms.ChoiceField(
        label=_("Soort"), required=False, choices=[("", "")] + [(b.soort, b.label) for b in BRONNEN]
    )
    ministerie = forms.IntegerField(label=_("Ministerie"), required=False, min_value=1)
    jaar = forms.IntegerField(label=_("Jaar"), required=False, min_value=1900, max_value=2100)
    organisatie = forms.IntegerField(label=_("Organisatie"), required=False, min_value=1)
    netwerk = forms.ChoiceField(
        label=_("Netwerk"), required=False, choices=[("", "")] + Netwerk.choices
    )
    dimensie = forms.ChoiceField(
        label=_("Dimensie"), required=False, choices=[("", "")] + Dimensie.choices
    )
    eindoordeel = forms.ChoiceField(
        label=_("Eindoordeel"), required=False, choices=[("", "")] + Eindoordeel.choices
    )

    def filters(self) -> Filters:
        d = self.cleaned_data
        return Filters(
            soort=d.get("soort") or "",
            ministerie=d.get("ministerie"),
            jaar=d.get("jaar"),
            organisatie=d.get("organisatie"),
            netwerk=d.get("netwerk") or "",
            dimensie=d.get("dimensie") or "",
            eindoordeel=d.get("eindoordeel") or "",
        )


class ArchiefZoekForm(forms.Form):
    """The public archive's one search box."""

    q = forms.CharField(
        label=_("Zoek op titel, ministerie of woorden"),
        max_length=200,
        required=False,
        validators=[weiger_stuurtekens],
    )

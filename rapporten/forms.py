from datetime import datetime, time

from django import forms
from django.utils import timezone
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
    """What the ministry did with one kernpunt. Nothing is chosen beforehand: a hasty
    submit must not record "overgenomen"."""

    kernpunt = forms.IntegerField(widget=forms.HiddenInput)
    uitkomst = forms.ChoiceField(
        label=_("Wat is ermee gedaan?"),
        choices=Uitkomst.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies wat het ministerie met dit kernpunt heeft gedaan."),
            "invalid_choice": _("Kies wat het ministerie met dit kernpunt heeft gedaan."),
        },
    )
    toelichting = forms.CharField(
        label=_("Toelichting"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Licht toe wat er met dit kernpunt is gedaan.")},
    )

    def clean_kernpunt(self):
        pk = self.cleaned_data["kernpunt"]
        if not Kernpunt.objects.filter(pk=pk).exists():
            raise forms.ValidationError(gettext("Onbekend kernpunt."))
        return pk


class PublicerenForm(forms.Form):
    """When the sent paper becomes public: a day (from its start, Dutch time), or at once."""

    openbaar_vanaf = forms.DateField(
        label=_("Openbaar vanaf"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_(
            "Laat leeg of kies vandaag om het paper meteen openbaar te maken; kies een latere "
            "dag, bijvoorbeeld de dag waarop het ministerie het wetsvoorstel openbaar maakt."
        ),
    )

    def moment(self):
        """The start of the chosen day in the current (Dutch) time zone, or None: at once."""
        datum = self.cleaned_data.get("openbaar_vanaf")
        if datum is None:
            return None
        try:
            return timezone.make_aware(datetime.combine(datum, time.min))
        except (OverflowError, ValueError):
            raise forms.ValidationError(
                {"openbaar_vanaf": gettext("Controleer het jaartal.")}
            ) from None

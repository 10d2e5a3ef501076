from django import forms
from django.utils.translation import gettext_lazy as _

from tegenkracht.velden import IdKeuzeVeld

from .models import Thema


class KernpuntThemasForm(forms.Form):
    themas = forms.CharField(
        label=_("Thema's"),
        required=False,
        max_length=2000,
        help_text=_("Gescheiden door komma's, bijvoorbeeld: ICT-systemen, Handhaving"),
    )


class SamenvoegenForm(forms.Form):
    in_thema = IdKeuzeVeld(
        Thema.objects.all(),
        label=_("Samenvoegen met (dit thema blijft bestaan)"),
        error_messages={"required": _("Kies het thema dat blijft bestaan.")},
    )

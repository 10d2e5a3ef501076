"""Forms of the notification pages: the list's filters and the e-mail setting."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kern.lijsten import Lijstkeuze

from .models import Bezorging


class NotificatieKeuze(Lijstkeuze):
    SORTERINGEN = {
        "nieuwste": (_("Nieuwste eerst"), ("-aangemaakt_op", "-pk")),
        "oudste": (_("Oudste eerst"), ("aangemaakt_op", "pk")),
    }

    gelezen = forms.ChoiceField(
        label=_("Gelezen of ongelezen"),
        required=False,
        choices=[("", _("Alle")), ("nee", _("Ongelezen")), ("ja", _("Gelezen"))],
    )
    zoek = forms.CharField(label=_("Onderwerp bevat"), required=False, max_length=100)

    def filter(self, notificaties):
        if gelezen := self.waarde("gelezen"):
            notificaties = notificaties.filter(gelezen_op__isnull=gelezen == "nee")
        if zoek := self.waarde("zoek"):
            notificaties = notificaties.filter(onderwerp__icontains=zoek)
        return notificaties.order_by(*self.volgorde)


class MeldingsvoorkeurForm(forms.Form):
    bezorging = forms.ChoiceField(
        label=_("Hoe wilt u berichten over uw werk ontvangen?"),
        choices=Bezorging.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "Herinneringen aan een termijn, de escalatie twee werkdagen ervoor, een verstreken "
            "termijn en berichten over de beveiliging van uw account krijgt u altijd meteen "
            "per e-mail."
        ),
    )

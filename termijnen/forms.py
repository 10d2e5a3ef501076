from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from consultaties.models import Consultatie
from consultaties.models import Status as ConsultatieStatus
from kern.lijsten import Lijstkeuze
from organisaties.models import Netwerk
from reacties.models import LOPENDE_STATUSSEN
from reacties.models import Status as ReactieStatus

from . import overzichten
from .models import VerzoekStatus
from .overzichten import Urgentie

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


# --- filters and sort order of the long lists (kern.lijsten) ------------------------------


def _alle(keuzes):
    return [("", _("Alle")), *keuzes]


class AchterstandKeuze(Lijstkeuze):
    SORTERINGEN = {
        "termijn": (_("Termijn, meest dringend eerst"), ("termijn_effectief", "pk")),
        "organisatie": (_("Organisatie"), ("organisatie__naam", "termijn_effectief", "pk")),
        "consultatie": (_("Consultatie"), ("consultatie__kenmerk", "termijn_effectief", "pk")),
        "status": (_("Status"), ("status", "termijn_effectief", "pk")),
    }

    zoek = forms.CharField(label=_("Organisatie"), required=False, max_length=100)
    consultatie = forms.ModelChoiceField(
        label=_("Consultatie"), queryset=Consultatie.objects.none(), required=False
    )
    netwerk = forms.ChoiceField(label=_("Netwerk"), required=False)
    urgentie = forms.ChoiceField(label=_("Urgentie"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)

    def __init__(self, data=None, *, consultatie=None, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["netwerk"].choices = _alle(Netwerk.choices)
        self.fields["urgentie"].choices = _alle(Urgentie.LABELS.items())
        self.fields["status"].choices = _alle(
            (s.value, s.label) for s in (*LOPENDE_STATUSSEN, ReactieStatus.VERLOPEN)
        )
        if consultatie is not None:
            del self.fields["consultatie"]  # the page is about one consultation already
        else:
            veld = self.fields["consultatie"]
            # Only what an option shows: a consultation's texts stay unread.
            veld.queryset = (
                Consultatie.objects.filter(status=ConsultatieStatus.OPEN)
                .only("pk", "kenmerk", "titel")
                .order_by("kenmerk")
            )
            veld.empty_label = _("Alle open consultaties")
            veld.label_from_instance = lambda c: f"{c.kenmerk} – {c.titel[:60]}"

    def filter(self, reacties, nu):
        if zoek := self.waarde("zoek"):
            reacties = reacties.filter(
                Q(organisatie__naam__icontains=zoek) | Q(organisatie__afkorting__iexact=zoek)
            )
        if consultatie := self.waarde("consultatie"):
            reacties = reacties.filter(consultatie=consultatie)
        if netwerk := self.waarde("netwerk"):
            reacties = reacties.filter(organisatie__netwerk=netwerk)
        if status := self.waarde("status"):
            reacties = reacties.filter(status=status)
        if urgentie := self.waarde("urgentie"):
            reacties = overzichten.met_urgentie(reacties, urgentie, nu)
        return reacties.order_by(*self.volgorde)


class WerklastOverzichtKeuze(Lijstkeuze):
    SORTERINGEN = {
        "lopend": (_("Meeste nog in te dienen"), ("-lopend", "naam")),
        "eerste_termijn": (_("Eerste termijn"), ("eerste_termijn", "naam")),
        "naam": (_("Naam"), ("naam",)),
    }

    zoek = forms.CharField(label=_("Organisatie"), required=False, max_length=100)
    netwerk = forms.ChoiceField(label=_("Netwerk"), required=False)

    def __init__(self, data=None, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["netwerk"].choices = _alle(Netwerk.choices)

    def filter(self, organisaties):
        if zoek := self.waarde("zoek"):
            organisaties = organisaties.filter(Q(naam__icontains=zoek) | Q(afkorting__iexact=zoek))
        if netwerk := self.waarde("netwerk"):
            organisaties = organisaties.filter(netwerk=netwerk)
        return organisaties.order_by(*self.volgorde)


class WerklastKeuze(Lijstkeuze):
    SORTERINGEN = {
        "termijn": (_("Termijn, eerste eerst"), ("termijn_effectief", "pk")),
        "consultatie": (_("Consultatie"), ("consultatie__kenmerk", "pk")),
        "status": (_("Status"), ("status", "termijn_effectief", "pk")),
    }

    zoek = forms.CharField(label=_("Consultatie"), required=False, max_length=100)
    stand = forms.ChoiceField(
        label=_("Welke"),
        required=False,
        choices=[("", _("Alle")), ("lopend", _("Nog in te dienen")), ("klaar", _("Afgerond"))],
    )
    urgentie = forms.ChoiceField(label=_("Urgentie"), required=False)

    def __init__(self, data=None, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["urgentie"].choices = _alle(Urgentie.LABELS.items())

    def filter(self, reacties, nu):
        if zoek := self.waarde("zoek"):
            reacties = reacties.filter(
                Q(consultatie__titel__icontains=zoek) | Q(consultatie__kenmerk__icontains=zoek)
            )
        if stand := self.waarde("stand"):
            lopend = Q(status__in=LOPENDE_STATUSSEN)
            reacties = reacties.filter(lopend) if stand == "lopend" else reacties.exclude(lopend)
        if urgentie := self.waarde("urgentie"):
            reacties = overzichten.met_urgentie(
                reacties.filter(status__in=[*LOPENDE_STATUSSEN, ReactieStatus.VERLOPEN]),
                urgentie,
                nu,
            )
        return reacties.order_by(*self.volgorde)


class VerlengingenKeuze(Lijstkeuze):
    SORTERINGEN = {
        "open": (_("Openstaande eerst, nieuwste eerst"), ("status", "-aangevraagd_op", "-pk")),
        "nieuwste": (_("Nieuwste eerst"), ("-aangevraagd_op", "-pk")),
        "oudste": (_("Oudste eerst"), ("aangevraagd_op", "pk")),
        "organisatie": (_("Organisatie"), ("reactie__organisatie__naam", "-aangevraagd_op", "-pk")),
    }

    zoek = forms.CharField(label=_("Organisatie of kenmerk"), required=False, max_length=100)
    status = forms.ChoiceField(label=_("Status"), required=False)

    def __init__(self, data=None, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["status"].choices = _alle(VerzoekStatus.choices)

    def filter(self, verzoeken):
        if zoek := self.waarde("zoek"):
            verzoeken = verzoeken.filter(
                Q(reactie__organisatie__naam__icontains=zoek)
                | Q(reactie__organisatie__afkorting__iexact=zoek)
                | Q(reactie__consultatie__kenmerk__icontains=zoek)
            )
        if status := self.waarde("status"):
            verzoeken = verzoeken.filter(status=status)
        return verzoeken.order_by(*self.volgorde)

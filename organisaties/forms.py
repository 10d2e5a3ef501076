from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_otp import match_token


class TotpCodeForm(forms.Form):
    """A TOTP code, checked against one (new) device, or any confirmed device of ``user``."""

    code = forms.CharField(
        label=_("Code uit de app"),
        min_length=6,
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
        help_text=_("De zescijferige code die de authenticator-app nu toont."),
    )

    def __init__(self, *args, user=None, device=None, **kwargs):
        self.user = user
        self.device = device
        super().__init__(*args, **kwargs)

    def clean_code(self):
        code = self.cleaned_data["code"].strip().replace(" ", "")
        if self.device is not None:
            geldig = self.device.verify_token(code)
        else:
            self.device = match_token(self.user, code)
            geldig = self.device is not None
        if not geldig:
            raise forms.ValidationError(
                gettext(
                    "Deze code klopt niet. Controleer de tijd op uw telefoon en probeer de "
                    "nieuwste code."
                )
            )
        return code


class WachtwoordBevestigenForm(forms.Form):
    """Re-authentication before a sensitive change of the account."""

    wachtwoord = forms.CharField(
        label=_("Uw huidige wachtwoord"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("Ter bevestiging dat u het zelf bent."),
    )


class FactorInstellenForm(WachtwoordBevestigenForm, TotpCodeForm):
    field_order = ["wachtwoord", "code"]


class ToelichtingForm(forms.Form):
    toelichting = forms.CharField(
        label=_("Reden"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_("Wordt vastgelegd in de audittrail."),
    )


class GebruikerForm(forms.Form):
    """A new account: who, for which organisation, in which role."""

    username = forms.RegexField(
        label=_("Gebruikersnaam"),
        max_length=150,
        regex=r"^[\w.@+-]+\Z",
        error_messages={"invalid": _("Alleen letters, cijfers en @ . + - _")},
    )
    first_name = forms.CharField(label=_("Voornaam"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Achternaam"), max_length=150, required=False)
    email = forms.EmailField(
        label=_("E-mailadres"), help_text=_("Hierheen gaat de link om een wachtwoord te kiezen.")
    )
    functie = forms.CharField(label=_("Functie"), max_length=200, required=False)
    organisatie = forms.ModelChoiceField(label=_("Organisatie"), queryset=None)
    rol = forms.ChoiceField(label=_("Rol"))

    def __init__(self, *args, **kwargs):
        from .models import Organisatie, Rol

        super().__init__(*args, **kwargs)
        self.fields["organisatie"].queryset = Organisatie.objects.all()
        self.fields["rol"].choices = [("", "---------"), *Rol.choices]


def _keuzes_voor(form, actor, leeg: bool) -> None:
    """Validate against every organisation and role, so the service decides and answers
    403 for what ``actor`` may not hand out; but offer a beheerder only his own
    organisation and the roles he may give."""
    from .models import ROLLEN_VOOR_BEHEERDER, Organisatie, Rol

    alle_rollen = [("", "---------"), *Rol.choices] if leeg else list(Rol.choices)
    form.fields["organisatie"].queryset = Organisatie.objects.all()
    form.fields["rol"].choices = alle_rollen
    if actor is not None and actor.is_beheerder:
        eigen = Organisatie.objects.filter(pk=actor.organisatie_id)
        form.fields["organisatie"].widget.choices = [(o.pk, str(o)) for o in eigen]
        rollen = [(r.value, r.label) for r in ROLLEN_VOOR_BEHEERDER]
        form.fields["rol"].widget.choices = [("", "---------"), *rollen] if leeg else rollen


class RolForm(forms.Form):
    organisatie = forms.ModelChoiceField(label=_("Organisatie"), queryset=None)
    rol = forms.ChoiceField(label=_("Rol"))

    def __init__(self, *args, actor=None, **kwargs):
        super().__init__(*args, **kwargs)
        _keuzes_voor(self, actor, leeg=False)


class UitnodigingForm(forms.Form):
    """Invite a person: the address, and the organisation and role of the new account."""

    email = forms.EmailField(
        label=_("E-mailadres"), help_text=_("Hierheen gaat de uitnodiging met de link.")
    )
    voornaam = forms.CharField(label=_("Voornaam"), max_length=150, required=False)
    achternaam = forms.CharField(label=_("Achternaam"), max_length=150, required=False)
    functie = forms.CharField(label=_("Functie"), max_length=200, required=False)
    organisatie = forms.ModelChoiceField(label=_("Organisatie"), queryset=None)
    rol = forms.ChoiceField(label=_("Rol"))

    def __init__(self, *args, actor=None, **kwargs):
        super().__init__(*args, **kwargs)
        _keuzes_voor(self, actor, leeg=True)
        if actor is not None and actor.is_beheerder:
            self.fields["organisatie"].initial = actor.organisatie_id


class AccepterenForm(forms.Form):
    """The invited person chooses a username and a password."""

    username = forms.RegexField(
        label=_("Gebruikersnaam"),
        max_length=150,
        regex=r"^[\w.@+-]+\Z",
        error_messages={"invalid": _("Alleen letters, cijfers en @ . + - _")},
        widget=forms.TextInput(attrs={"autocomplete": "username"}),
    )
    wachtwoord = forms.CharField(
        label=_("Wachtwoord"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Ten minste 12 tekens; geen veelgebruikt wachtwoord."),
    )
    wachtwoord_herhaald = forms.CharField(
        label=_("Wachtwoord herhalen"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self):
        data = super().clean()
        if data.get("wachtwoord") and data.get("wachtwoord") != data.get("wachtwoord_herhaald"):
            self.add_error("wachtwoord_herhaald", gettext("De twee wachtwoorden verschillen."))
        return data

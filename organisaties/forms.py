from django import forms
from django_otp import match_token


class TotpCodeForm(forms.Form):
    """A TOTP code, checked against one (new) device, or any confirmed device of ``user``."""

    code = forms.CharField(
        label="Code uit de app",
        min_length=6,
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
        help_text="De zescijferige code die de authenticator-app nu toont.",
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
                "Deze code klopt niet. Controleer de tijd op uw telefoon en probeer de "
                "nieuwste code."
            )
        return code

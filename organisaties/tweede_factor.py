"""Second factor (TOTP) on top of the password login, with django-otp.

A user with a confirmed TOTP device must enter a code after the password before any page
opens. When ``TWEEDE_FACTOR_SECRETARIS`` is on, a secretaris without a device is sent to
set one up first: that role can change everything on every consultation.
"""

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

#: Paths that stay reachable before the second factor is given.
VRIJE_PADEN = ("/accounts/tweede-factor/", "/accounts/logout/", "/static/", "/i18n/", "/api/")


def tweede_factor_vereist(user) -> bool:
    return bool(settings.TWEEDE_FACTOR_SECRETARIS and user.is_secretaris)


class TweedeFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and not request.path.startswith(VRIJE_PADEN):
            if user_has_device(user):
                if not user.is_verified():
                    return redirect(f"{reverse('tweede_factor:controleren')}?next={request.path}")
            elif tweede_factor_vereist(user):
                return redirect("tweede_factor:instellen")
        return self.get_response(request)


def nieuw_apparaat(user) -> TOTPDevice:
    """An unconfirmed TOTP device; replaces an earlier unconfirmed one."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name="Authenticator-app", confirmed=False)


def qr_svg(device: TOTPDevice) -> str:
    """The provisioning URI as an SVG QR code (no external service, no inline style)."""
    import qrcode
    import qrcode.image.svg

    afbeelding = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage)
    return afbeelding.to_string(encoding="unicode")


def geheim_base32(device: TOTPDevice) -> str:
    from base64 import b32encode

    return b32encode(device.bin_key).decode("ascii")


def controleer_code(user, code: str) -> str | None:
    """For logins without the web form (API tokens): ``None`` if the second factor is
    satisfied, else the Dutch reason."""
    from django_otp import match_token

    if user_has_device(user):
        if not code or match_token(user, code.strip().replace(" ", "")) is None:
            return "Geef de geldige code uit uw authenticator-app mee."
        return None
    if tweede_factor_vereist(user):
        return "Stel eerst een tweede factor in via de webapplicatie."
    return None

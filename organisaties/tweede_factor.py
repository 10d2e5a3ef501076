"""Second factor (TOTP) on top of the password login, with django-otp.

A user with a confirmed TOTP device must enter a code after the password before any page
opens. A secretaris (when ``TWEEDE_FACTOR_SECRETARIS`` is on) and every superuser without
a device are sent to set one up first: they can change everything.

Wrong codes count as failed logins in django-axes, per username and address, so an
attacker who knows the password locks out only his own address (settings: AXES_*).
Changing the factor itself goes through ``organisaties.services``.
"""

from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.shortcuts import redirect
from django.urls import reverse
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

#: Paths that stay reachable before the second factor is given. The set-up pages check
#: the session themselves (a user who has a factor must pass it before changing it).
VRIJE_PADEN = ("/accounts/tweede-factor/", "/accounts/logout/", "/static/", "/i18n/", "/api/")


def tweede_factor_vereist(user) -> bool:
    """Superusers always; the secretaris and an organisation's beheerder (both manage
    accounts) when TWEEDE_FACTOR_SECRETARIS is on."""
    return bool(
        user.is_superuser
        or (settings.TWEEDE_FACTOR_SECRETARIS and (user.is_secretaris or user.is_beheerder))
    )


def heeft_factor(user) -> bool:
    return user_has_device(user, confirmed=True)


def sessie_voldoet(user, sessie=None) -> bool:
    """Whether this (OTP-middleware wrapped) session user has passed the second factor
    wherever one is set up or required. A login through the organisation's identity
    provider counts: that provider authenticates (organisaties.sso, SECURITY.md)."""
    from .sso import is_sso_sessie

    if is_sso_sessie(sessie, user):
        return True
    if heeft_factor(user):
        # A user object that django-otp has not wrapped (just logged in) is not verified.
        return bool(getattr(user, "is_verified", lambda: False)())
    return not tweede_factor_vereist(user)


class TweedeFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and not request.path.startswith(VRIJE_PADEN):
            from .sso import is_sso_sessie

            if is_sso_sessie(request.session, user):
                pass  # the organisation's identity provider did the authentication
            elif heeft_factor(user):
                if not user.is_verified():
                    return redirect(f"{reverse('tweede_factor:controleren')}?next={request.path}")
            elif tweede_factor_vereist(user):
                return redirect("tweede_factor:instellen")
            # Read by organisaties.inlogplafond.BekendApparaatMiddleware (no second query).
            request.tk_volledig_ingelogd = True
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


def code_mislukt(request, user) -> None:
    """Count a wrong code like a wrong password: django-axes locks this username from this
    address after AXES_FAILURE_LIMIT failures, for AXES_COOLOFF_TIME."""
    user_login_failed.send(
        sender=__name__, credentials={"username": user.get_username()}, request=request
    )


def code_toegestaan(request, user) -> bool:
    """False while this username is locked out from this address."""
    from axes.handlers.proxy import AxesProxyHandler

    from . import inlogplafond

    if not settings.AXES_ENABLED:
        return True
    if inlogplafond.geblokkeerd(request, user.get_username()):
        return False
    return AxesProxyHandler.is_allowed(request, {"username": user.get_username()})


def controleer_code(user, code: str, request=None) -> str | None:
    """For logins without the web form (API tokens): ``None`` if the second factor is
    satisfied, else the Dutch reason. A wrong code counts as a failed login."""
    from django_otp import match_token

    if heeft_factor(user):
        if not code or match_token(user, code.strip().replace(" ", "")) is None:
            if request is not None:
                code_mislukt(request, user)
            return "Geef de geldige code uit uw authenticator-app mee."
        return None
    if tweede_factor_vereist(user):
        return "Stel eerst een tweede factor in via de webapplicatie."
    return None

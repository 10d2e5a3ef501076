"""A ceiling on failed logins per account from all addresses together (OWASP ASVS 2.2.1:
at most 100 failures per hour on one account), for attackers who spread their guesses
over many addresses and so stay under django-axes' per-address lockout.

When the ceiling is reached, password and code attempts for that account are refused for
the rest of the hour — except from a browser that completed a login for it before (a
signed "known device" cookie, as OWASP's device-cookie pattern): the owner's own browser
keeps working, and a new device waits an hour at most. Counted in the shared cache.
"""

import hashlib
import time

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.core import signing
from django.core.cache import cache
from django.core.exceptions import PermissionDenied

COOKIE = "tk_bekend_apparaat"
COOKIE_DAGEN = 90
_ZOUT = "organisaties.inlogplafond"


def _sleutel(username: str) -> str:
    naam = hashlib.sha256(username.strip().lower().encode()).hexdigest()[:32]
    return f"tk:inlogplafond:{naam}:{int(time.time() // 3600)}"


def registreer_mislukking(sender, credentials, request=None, **kwargs) -> None:
    """Receiver of ``user_login_failed`` (wrong passwords and wrong codes alike)."""
    username = (credentials or {}).get("username")
    if not username:
        return
    sleutel = _sleutel(username)
    if not cache.add(sleutel, 1, timeout=3700):
        try:
            cache.incr(sleutel)
        except ValueError:  # expired in between
            cache.set(sleutel, 1, timeout=3700)


def _bekende_namen(request) -> list[str]:
    waarde = getattr(request, "COOKIES", {}).get(COOKIE)
    if not waarde:
        return []
    try:
        namen = signing.loads(waarde, salt=_ZOUT, max_age=COOKIE_DAGEN * 24 * 3600)
    except signing.BadSignature:
        return []
    return [n for n in namen if isinstance(n, str)] if isinstance(namen, list) else []


def bekend_apparaat(request, username: str) -> bool:
    return username.strip().lower() in _bekende_namen(request)


def geblokkeerd(request, username: str) -> bool:
    if not settings.AXES_ENABLED or not username:
        return False
    if cache.get(_sleutel(username), 0) < settings.INLOG_PLAFOND_PER_UUR:
        return False
    return not bekend_apparaat(request, username)


class InlogPlafondBackend:
    """Refuses the password check while the account's ceiling is reached (after axes,
    before the ModelBackend); never authenticates anyone itself. No ``get_user``: it
    never owns a session (Client.force_login picks the first backend that has one)."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is not None and username and geblokkeerd(request, username):
            raise PermissionDenied
        return None


class BekendApparaatMiddleware:
    """Marks the browser of a completed login (password and, where set up, the code)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # A page opened after a complete login (TweedeFactorMiddleware says so), in a
        # browser session: an API token (DRF sets request.user too) marks no browser.
        if not getattr(request, "tk_volledig_ingelogd", False):
            return response
        if SESSION_KEY not in request.session:
            return response
        naam = request.user.get_username().lower()
        if bekend_apparaat(request, naam):
            return response
        # A shared computer may know a few accounts; the newest five.
        namen = [*[n for n in _bekende_namen(request) if n != naam][-4:], naam]
        response.set_cookie(
            COOKIE,
            signing.dumps(namen, salt=_ZOUT),
            max_age=COOKIE_DAGEN * 24 * 3600,
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
            samesite="Lax",
        )
        return response

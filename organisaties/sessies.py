"""Server-side session timeouts: idle (``SESSIE_INACTIEF_MINUTEN``) and absolute
(``SESSION_COOKIE_AGE``, counted from login — saving the session would otherwise push
Django's own expiry forward on every write)."""

import time

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login

INGELOGD_OP = "tk_ingelogd_op"
LAATST_ACTIEF = "tk_laatst_actief"
#: Write the activity stamp at most this often, not on every request.
BIJWERKEN_NA_SECONDEN = 60


def markeer_inlog(request, **kwargs) -> None:
    """Start both clocks; connected to ``user_logged_in`` (organisaties.apps)."""
    nu = int(time.time())
    request.session[INGELOGD_OP] = nu
    request.session[LAATST_ACTIEF] = nu


class SessieTijdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated and hasattr(request, "session"):
            nu = int(time.time())
            sessie = request.session
            ingelogd_op = sessie.get(INGELOGD_OP)
            laatst_actief = sessie.get(LAATST_ACTIEF)
            if ingelogd_op is None or laatst_actief is None:
                markeer_inlog(request)  # a session from before this middleware
            elif (
                nu - laatst_actief > settings.SESSIE_INACTIEF_MINUTEN * 60
                or nu - ingelogd_op > settings.SESSION_COOKIE_AGE
            ):
                logout(request)  # flushes the session server-side
                if request.path.startswith("/api/"):
                    return self.get_response(request)  # anonymous now: the API answers 401
                return redirect_to_login(request.get_full_path())
            elif nu - laatst_actief >= BIJWERKEN_NA_SECONDEN:
                sessie[LAATST_ACTIEF] = nu
        return self.get_response(request)

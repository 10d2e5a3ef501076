"""How the API knows who calls: a knox token, or a browser session that has passed the
same second factor as the web pages."""

from django.utils import timezone
from drf_spectacular.authentication import SessionScheme
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from knox.auth import TokenAuthentication
from rest_framework import exceptions
from rest_framework.authentication import SessionAuthentication

from . import tweede_factor


class TokenAuthenticatie(TokenAuthentication):
    """django-rest-knox: hashed, expiring, revocable tokens (``Authorization: Token …``).
    A token is only handed out after the second factor (organisaties.api.TokenView)."""

    def _cleanup_token(self, auth_token) -> bool:
        # knox also scans all other tokens of the user on every request; expired tokens
        # of a user are removed when he asks for a new one (organisaties.api.TokenView).
        if auth_token.expiry is not None and auth_token.expiry < timezone.now():
            auth_token.delete()
            return True
        return False

    def validate_user(self, auth_token):
        if not auth_token.user.is_active:
            raise exceptions.AuthenticationFailed("Dit account is gedeactiveerd.")
        return (auth_token.user, auth_token)


class SessieAuthenticatie(SessionAuthentication):
    """A session counts only once it has passed the second factor where the web pages ask
    for it; otherwise the password alone would open the API."""

    def authenticate(self, request):
        resultaat = super().authenticate(request)
        if resultaat is None:
            return None
        user = resultaat[0]
        if not tweede_factor.sessie_voldoet(user, getattr(request, "session", None)):
            raise exceptions.AuthenticationFailed(
                "Deze sessie heeft de tweede factor nog niet doorlopen. Log in via de "
                "webapplicatie met de code uit uw authenticator-app.",
                code="tweede_factor_vereist",
            )
        return resultaat


class TokenSchema(OpenApiAuthenticationExtension):
    target_class = "organisaties.api_authenticatie.TokenAuthenticatie"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "Token van POST /api/v1/auth/token, als 'Token <token>'.",
        }


class SessieSchema(SessionScheme):
    target_class = "organisaties.api_authenticatie.SessieAuthenticatie"

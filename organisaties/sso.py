"""Single sign-on with OpenID Connect, per organisation (#18), on mozilla-django-oidc.

An organisation with an active ``Identiteitsprovider`` logs in there: authorization-code
flow with PKCE (S256), nonce and state, ID token signature checked against the provider's
JWKS. The account is found here by the e-mail claim, within that organisation only:

- an active account of the organisation with that address: logged in;
- else an open invitation of the organisation for that address: the account is created
  from the invitation (its role, never anything from the token) and logged in;
- else refused, with a Dutch message, and audited (``sso_geweigerd``): no
  self-registration, and the role stays managed here.

The identity provider does the authentication, second factor included: a session that
came through it is not asked for our TOTP code (``is_sso_sessie``; SECURITY.md). Their
password login is closed (``WachtwoordBackend``), so the provider's policy cannot be
bypassed with an old password.
"""

import requests
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.utils import import_from_settings
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from audit.acties import actie as audit_actie
from audit.services import registreer
from kern.actor import SYSTEEM

from .models import Identiteitsprovider, Uitnodiging

audit_actie("sso_geweigerd", _("Inloggen via de eigen organisatie geweigerd"))

#: Why a sign-on was refused, as the secretariat and the beheerder read it.
REDENEN = {
    "onbekend": _("geen account of openstaande uitnodiging"),
    "gedeactiveerd": _("account gedeactiveerd"),
    "geen_geverifieerd_email": _("geen bevestigd e-mailadres"),
    "meerdere_accounts": _("meer dan één account met dit e-mailadres"),
}

#: The organisation whose provider the browser was sent to (set at the start).
SESSIE_ORGANISATIE = "tk_sso_organisatie"
#: Set after a login through the provider: the organisation whose provider vouched.
SSO_SESSIE = "tk_sso"


def actieve_provider(organisatie_id) -> Identiteitsprovider | None:
    if not organisatie_id:
        return None
    return (
        Identiteitsprovider.objects.select_related("organisatie")
        .filter(organisatie_id=organisatie_id, actief=True)
        .first()
    )


def is_sso_sessie(sessie, user) -> bool:
    """Whether this session of ``user`` came through his organisation's provider."""
    return bool(
        sessie is not None and user.organisatie_id and sessie.get(SSO_SESSIE) == user.organisatie_id
    )


def geweigerde_aanmeldingen(actor, aantal: int = 20) -> list[dict]:
    """The latest refused sign-ons, for the invitations page: the secretariat sees all,
    a beheerder his organisation's (who tried, so he can invite them)."""
    from django.contrib.contenttypes.models import ContentType

    from audit.models import AuditEvent

    from . import permissions
    from .models import Organisatie

    events = AuditEvent.objects.filter(
        content_type=ContentType.objects.get_for_model(Organisatie), actie="sso_geweigerd"
    )
    if permissions.is_beheerder(actor):
        events = events.filter(object_id=actor.organisatie_id)
    elif not permissions.is_secretaris(actor):
        return []
    events = list(events.order_by("-tijdstip")[:aantal])
    organisaties = Organisatie.objects.in_bulk({e.object_id for e in events})
    return [
        {
            "tijdstip": e.tijdstip,
            "organisatie": organisaties.get(e.object_id),
            "email": e.gegevens.get("email", ""),
            "reden": REDENEN.get(e.gegevens.get("reden"), e.gegevens.get("reden", "")),
        }
        for e in events
    ]


class _ProviderInstellingen:
    """mozilla-django-oidc reads its configuration with ``get_settings``; ours comes from
    the organisation's row, the rest from settings.py."""

    provider: Identiteitsprovider | None = None

    def get_settings(self, attr, *args):
        p = self.provider
        if p is not None:
            waarden = {
                "OIDC_OP_AUTHORIZATION_ENDPOINT": p.authorization_endpoint,
                "OIDC_OP_TOKEN_ENDPOINT": p.token_endpoint,
                "OIDC_OP_USER_ENDPOINT": p.userinfo_endpoint,
                "OIDC_OP_JWKS_ENDPOINT": p.jwks_uri,
                "OIDC_RP_CLIENT_ID": p.client_id,
                "OIDC_RP_CLIENT_SECRET": p.client_secret,
                "OIDC_RP_SCOPES": p.scopes,
            }
            if attr in waarden:
                return waarden[attr]
        return import_from_settings(attr, *args)


class SsoBackend(_ProviderInstellingen, OIDCAuthenticationBackend):
    def __init__(self, *args, **kwargs):
        # The parent reads a single provider from settings here; ours is per request.
        self.UserModel = get_user_model()

    def authenticate(self, request, **kwargs):
        # Only the callback view passes a nonce; password logins pass through untouched.
        if request is None or "nonce" not in kwargs:
            return None
        self.provider = actieve_provider(request.session.get(SESSIE_ORGANISATIE))
        if self.provider is None:
            return None
        for attr in (
            "OIDC_OP_TOKEN_ENDPOINT",
            "OIDC_OP_USER_ENDPOINT",
            "OIDC_OP_JWKS_ENDPOINT",
            "OIDC_RP_CLIENT_ID",
            "OIDC_RP_CLIENT_SECRET",
            "OIDC_RP_SIGN_ALGO",
        ):
            setattr(self, attr, self.get_settings(attr))
        self.OIDC_RP_IDP_SIGN_KEY = None
        return super().authenticate(request, **kwargs)

    def get_user(self, user_id):
        return sessiegebruiker(self, user_id)

    def _weigeren(self, email: str, reden: str, melding: str):
        self.request.tk_sso_weigering = melding
        registreer(
            self.provider.organisatie,
            actor=SYSTEEM,
            actie="sso_geweigerd",
            gegevens={"email": email[:254], "reden": reden},
        )
        return None

    def get_or_create_user(self, access_token, id_token, payload):
        from .uitnodigingen import uitnodiging_accepteren

        claims = self.get_userinfo(access_token, id_token, payload)
        email = (claims.get("email") or "").strip()
        organisatie = self.provider.organisatie
        if not email or claims.get("email_verified") is False:
            return self._weigeren(
                email,
                "geen_geverifieerd_email",
                gettext(
                    "Uw organisatie gaf geen bevestigd e-mailadres door. Vraag de beheerder "
                    "van uw organisatie om dat in te stellen."
                ),
            )
        accounts = list(self.UserModel.objects.filter(email__iexact=email))
        eigen = [a for a in accounts if a.organisatie_id == organisatie.pk]
        if len(eigen) == 1 and len(accounts) == 1:
            if not eigen[0].is_active:
                return self._weigeren(
                    email,
                    "gedeactiveerd",
                    gettext("Uw account in Tegenkracht is gedeactiveerd."),
                )
            return eigen[0]
        if eigen:  # the address is also used elsewhere, or twice here
            return self._weigeren(
                email,
                "meerdere_accounts",
                gettext(
                    "Er is meer dan één account met dit e-mailadres. Vraag het secretariaat "
                    "om dat op te lossen."
                ),
            )
        if not accounts:
            uitnodiging = (
                Uitnodiging.objects.open()
                .filter(email__iexact=email, organisatie=organisatie)
                .first()
            )
            if uitnodiging is not None:
                return uitnodiging_accepteren(
                    uitnodiging=uitnodiging, username=None, wachtwoord=None
                )
        return self._weigeren(
            email,
            "onbekend",
            gettext(
                "Er is in Tegenkracht geen account of openstaande uitnodiging voor "
                "%(email)s bij %(organisatie)s. Vraag de beheerder van uw organisatie of "
                "het secretariaat om een uitnodiging."
            )
            % {"email": email, "organisatie": organisatie.naam},
        )


def sessiegebruiker(backend, user_id):
    """``ModelBackend.get_user`` with the user's organisation in the same query: the menu
    on every page shows it (one query fewer per page)."""
    gebruikers = get_user_model()._default_manager
    try:
        user = gebruikers.select_related("organisatie").get(pk=user_id)
    except gebruikers.model.DoesNotExist:
        return None
    return user if ModelBackend.user_can_authenticate(backend, user) else None


class WachtwoordBackend(ModelBackend):
    """Django's password login, closed for organisations that log in at their own
    identity provider. Only checked at login: a query per request would cost every page."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is not None and actieve_provider(user.organisatie_id) is not None:
            if request is not None:
                request.tk_sso_verplicht = user.organisatie.identiteitsprovider
            return None
        return user

    def get_user(self, user_id):
        return sessiegebruiker(self, user_id)


class SsoStart(_ProviderInstellingen, OIDCAuthenticationRequestView):
    """``/accounts/sso/<afkorting>/``: off to the organisation's provider."""

    def __init__(self, *args, **kwargs):
        super(OIDCAuthenticationRequestView, self).__init__(*args, **kwargs)

    def get(self, request, afkorting):
        self.provider = get_object_or_404(
            Identiteitsprovider.objects.select_related("organisatie"),
            organisatie__afkorting__iexact=afkorting,
            actief=True,
        )
        self.OIDC_OP_AUTH_ENDPOINT = self.provider.authorization_endpoint
        self.OIDC_RP_CLIENT_ID = self.provider.client_id
        request.session[SESSIE_ORGANISATIE] = self.provider.organisatie_id
        return super().get(request)


class SsoTerugkeer(OIDCAuthenticationCallbackView):
    """``/accounts/sso/terug/``: the provider sends the browser back here."""

    def login_success(self):
        antwoord = super().login_success()
        self.request.session[SSO_SESSIE] = self.user.organisatie_id
        return antwoord

    def login_failure(self):
        melding = getattr(self.request, "tk_sso_weigering", None) or gettext(
            "Inloggen via uw organisatie is niet gelukt. Probeer het opnieuw, of neem "
            "contact op met de beheerder van uw organisatie."
        )
        return render(
            self.request, "registration/sso_geweigerd.html", {"melding": melding}, status=403
        )


def sso_configureren(organisatie, *, issuer, client_id, client_secret, naam, scopes):
    """Read the provider's discovery document and store its endpoints (an operator's
    action, like the admin: the secretariat sees the result on the login page)."""
    issuer = issuer.rstrip("/")
    antwoord = requests.get(f"{issuer}/.well-known/openid-configuration", timeout=10)
    antwoord.raise_for_status()
    document = antwoord.json()
    if document.get("issuer", "").rstrip("/") != issuer:
        raise ValueError(f"De provider noemt zich {document.get('issuer')}, niet {issuer}.")
    provider, _ = Identiteitsprovider.objects.update_or_create(
        organisatie=organisatie,
        defaults={
            "naam": naam,
            "issuer": document["issuer"],
            "authorization_endpoint": document["authorization_endpoint"],
            "token_endpoint": document["token_endpoint"],
            "userinfo_endpoint": document["userinfo_endpoint"],
            "jwks_uri": document["jwks_uri"],
            "client_id": client_id,
            "client_secret": client_secret,
            "scopes": scopes,
            "actief": True,
        },
    )
    return provider

"""Invitations (#18): the secretariat, or an organisation's own beheerder, invites a person
by e-mail in a role; the person accepts through a single-use link that expires, choosing
a username and password (or logging in at the organisation's identity provider, see
``organisaties.sso``). Resending draws a new link (the old one dies); revoking closes it.

The link carries ``signing.dumps([pk, sleutel])``: forging one needs SECRET_KEY, and the
row's ``sleutel`` and status make it single-use — like Django's password-reset tokens,
no secret is stored that a database reader could use.
"""

import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from audit.acties import actie as audit_actie
from audit.services import registreer
from kern.workflow import TransitieNietToegestaan

from . import gebeurtenissen, permissions
from .models import Gebruiker, Organisatie, Uitnodiging, UitnodigingStatus

audit_actie("uitnodiging_verstuurd", _("Uitnodiging verstuurd"))
audit_actie("uitnodiging_opnieuw_verstuurd", _("Uitnodiging opnieuw verstuurd"))
audit_actie("uitnodiging_ingetrokken", _("Uitnodiging ingetrokken"))
audit_actie("uitnodiging_geaccepteerd", _("Uitnodiging geaccepteerd"))

_ZOUT = "organisaties.uitnodiging"


def token_voor(uitnodiging: Uitnodiging) -> str:
    return signing.dumps([uitnodiging.pk, uitnodiging.sleutel], salt=_ZOUT)


def uitnodiging_voor_token(token: str) -> Uitnodiging | None:
    """The invitation this link opens, or None: forged, replaced by a resend, already
    used, revoked or expired all look the same to the visitor."""
    try:
        pk, sleutel = signing.loads(token, salt=_ZOUT)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    uitnodiging = Uitnodiging.objects.select_related("organisatie").filter(pk=pk).first()
    if uitnodiging is None or not constant_time_compare(uitnodiging.sleutel, str(sleutel)):
        return None
    return uitnodiging if uitnodiging.is_open else None


def zichtbare_uitnodigingen(actor: Gebruiker):
    """The secretariat sees every invitation, a beheerder his organisation's."""
    qs = Uitnodiging.objects.select_related("organisatie", "uitgenodigd_door", "gebruiker")
    if permissions.is_secretaris(actor):
        return qs
    if permissions.is_beheerder(actor):
        return qs.filter(organisatie_id=actor.organisatie_id)
    return qs.none()


def _nieuwe_link(uitnodiging: Uitnodiging) -> None:
    nu = timezone.now()
    uitnodiging.sleutel = secrets.token_hex(16)
    uitnodiging.verstuurd_op = nu
    uitnodiging.verloopt_op = nu + timedelta(days=settings.UITNODIGING_GELDIG_DAGEN)


def _email_vrij(email: str, behalve: Uitnodiging | None = None) -> None:
    if Gebruiker.objects.filter(email__iexact=email).exists():
        raise ValidationError({"email": gettext("Er is al een account met dit e-mailadres.")})
    openstaand = Uitnodiging.objects.open().filter(email__iexact=email)
    if behalve is not None:
        openstaand = openstaand.exclude(pk=behalve.pk)
    if openstaand.exists():
        raise ValidationError(
            {
                "email": gettext(
                    "Voor dit e-mailadres staat al een uitnodiging open; verstuur die opnieuw."
                )
            }
        )


@transaction.atomic
def uitnodiging_versturen(
    *,
    actor: Gebruiker,
    organisatie: Organisatie,
    rol: str,
    email: str,
    voornaam: str = "",
    achternaam: str = "",
    functie: str = "",
) -> Uitnodiging:
    """Invite ``email`` to ``organisatie`` as ``rol``. Preconditions: the actor may hand
    out that role there (``mag_rol_toekennen``), the role fits the organisation, and no
    account or open invitation has the address. Audited; e-mails the link after commit."""
    from .services import valideer_rol

    if not permissions.mag_rol_toekennen(actor, organisatie, rol):
        raise PermissionDenied(
            gettext("U mag voor deze organisatie niemand in deze rol uitnodigen.")
        )
    valideer_rol(organisatie, rol)
    email = (email or "").strip()
    if not email:
        raise ValidationError({"email": gettext("Geef een e-mailadres.")})
    _email_vrij(email)
    uitnodiging = Uitnodiging(
        email=email,
        voornaam=voornaam,
        achternaam=achternaam,
        functie=functie,
        organisatie=organisatie,
        rol=rol,
        uitgenodigd_door=actor,
    )
    _nieuwe_link(uitnodiging)
    uitnodiging.full_clean()
    uitnodiging.save()
    registreer(
        uitnodiging,
        actor=actor,
        actie="uitnodiging_verstuurd",
        gegevens={"email": email, "organisatie": organisatie.afkorting, "rol": rol},
    )
    gebeurtenissen.uitnodiging_na_commit(uitnodiging)
    return uitnodiging


def _te_beheren(uitnodiging: Uitnodiging, actor: Gebruiker, actie: str) -> Uitnodiging:
    uitnodiging = Uitnodiging.objects.select_for_update().get(pk=uitnodiging.pk)
    if not permissions.kan_uitnodiging_beheren(actor, uitnodiging):
        raise PermissionDenied(gettext("U mag deze uitnodiging niet beheren."))
    if uitnodiging.status != UitnodigingStatus.OPEN:  # accepted or revoked: 409
        raise TransitieNietToegestaan(
            uitnodiging,
            actie,
            gettext("Deze uitnodiging is %(status)s.")
            % {"status": uitnodiging.get_status_display().lower()},
        )
    return uitnodiging


@transaction.atomic
def uitnodiging_opnieuw_versturen(*, uitnodiging: Uitnodiging, actor: Gebruiker) -> Uitnodiging:
    """A new link with a new expiry for an open (or expired) invitation; the old link
    stops working. Audited; e-mails the new link."""
    uitnodiging = _te_beheren(uitnodiging, actor, "opnieuw_versturen")
    _email_vrij(uitnodiging.email, behalve=uitnodiging)
    _nieuwe_link(uitnodiging)
    uitnodiging.save(update_fields=["sleutel", "verstuurd_op", "verloopt_op"])
    registreer(uitnodiging, actor=actor, actie="uitnodiging_opnieuw_verstuurd")
    gebeurtenissen.uitnodiging_na_commit(uitnodiging)
    return uitnodiging


@transaction.atomic
def uitnodiging_intrekken(*, uitnodiging: Uitnodiging, actor: Gebruiker) -> Uitnodiging:
    """Close an open invitation: its link no longer works. Audited."""
    uitnodiging = _te_beheren(uitnodiging, actor, "intrekken")
    uitnodiging.status = UitnodigingStatus.INGETROKKEN
    uitnodiging.sleutel = secrets.token_hex(16)
    uitnodiging.save(update_fields=["status", "sleutel"])
    registreer(uitnodiging, actor=actor, actie="uitnodiging_ingetrokken")
    return uitnodiging


def _vrije_gebruikersnaam(email: str) -> str:
    basis = email.split("@")[0].lower()[:140] or "gebruiker"
    naam, n = basis, 1
    while Gebruiker.objects.filter(username__iexact=naam).exists():
        n += 1
        naam = f"{basis}{n}"
    return naam


@transaction.atomic
def uitnodiging_accepteren(
    *, uitnodiging: Uitnodiging, username: str | None, wachtwoord: str | None
) -> Gebruiker:
    """The invited person takes up the invitation: an account in the invited organisation
    and role, with the chosen password — or, through single sign-on, without one
    (``wachtwoord=None``; the username then follows the e-mail address). The link is used
    up. Audited on the invitation and the new account."""
    from .services import rechten_voor_rol

    uitnodiging = (
        Uitnodiging.objects.select_for_update().select_related("organisatie").get(pk=uitnodiging.pk)
    )
    if not uitnodiging.is_open:
        raise ValidationError(gettext("Deze uitnodiging is niet meer geldig."))
    _email_vrij(uitnodiging.email, behalve=uitnodiging)
    username = (username or "").strip() or _vrije_gebruikersnaam(uitnodiging.email)
    if Gebruiker.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": gettext("Deze gebruikersnaam is al in gebruik.")})
    gebruiker = Gebruiker(
        username=username,
        email=uitnodiging.email,
        first_name=uitnodiging.voornaam,
        last_name=uitnodiging.achternaam,
        functie=uitnodiging.functie,
        organisatie=uitnodiging.organisatie,
        rol=uitnodiging.rol,
    )
    if wachtwoord is None:
        gebruiker.set_unusable_password()
    else:
        try:
            validate_password(wachtwoord, gebruiker)
        except ValidationError as fout:
            raise ValidationError({"wachtwoord": fout.messages}) from fout
        gebruiker.set_password(wachtwoord)
    gebruiker.full_clean(exclude=["password"])
    gebruiker.save()
    rechten_voor_rol(gebruiker)
    uitnodiging.status = UitnodigingStatus.GEACCEPTEERD
    uitnodiging.gebruiker = gebruiker
    uitnodiging.save(update_fields=["status", "gebruiker"])
    registreer(uitnodiging, actor=gebruiker, actie="uitnodiging_geaccepteerd")
    registreer(
        gebruiker,
        actor=uitnodiging.uitgenodigd_door,
        actie="gebruiker_aangemaakt",
        gegevens={
            "organisatie": uitnodiging.organisatie.afkorting,
            "rol": uitnodiging.rol,
            "uitnodiging": uitnodiging.pk,
            "sso": wachtwoord is None,
        },
    )
    return gebruiker

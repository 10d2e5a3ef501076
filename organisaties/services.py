"""Use cases of accounts: the second factor, password changes, and the secretariat's
user management. Every change is audited, revokes what it must (API tokens, sessions)
and publishes a named event (organisaties.gebeurtenissen) that e-mails the user.

Views, the API and the admin call these; none repeats their rules.
"""

import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice
from knox.models import AuthToken

from audit.acties import actie as audit_actie
from audit.services import registreer

from . import gebeurtenissen, permissions, tweede_factor
from .models import ROL_BIJ_SOORT, Gebruiker, Organisatie, Rol

audit_actie("tweede_factor_ingesteld", _("Tweede factor ingesteld"))
audit_actie("tweede_factor_vervangen", _("Tweede factor vervangen"))
audit_actie("tweede_factor_verwijderd", _("Tweede factor verwijderd"))
audit_actie("tweede_factor_hersteld", _("Tweede factor hersteld door het secretariaat"))
audit_actie("wachtwoord_gewijzigd", _("Wachtwoord gewijzigd"))
audit_actie("gebruiker_aangemaakt", _("Gebruiker aangemaakt"))
audit_actie("rol_gewijzigd", _("Rol gewijzigd"))
audit_actie("gedeactiveerd", _("Gedeactiveerd"))
audit_actie("overal_uitgelogd", _("Overal uitgelogd"))

#: Fields the secretariat fills in for a new account.
NIEUWE_GEBRUIKER_VELDEN = ("username", "first_name", "last_name", "email", "functie")


# --- revocation -------------------------------------------------------------------------


def tokens_intrekken(gebruiker: Gebruiker) -> int:
    """Delete every API token of ``gebruiker``; returns how many."""
    aantal, _ = AuthToken.objects.filter(user=gebruiker).delete()
    return aantal


def sessies_beeindigen(gebruiker: Gebruiker) -> None:
    """End every session of ``gebruiker`` at once: the session hash no longer matches.
    A view that keeps the current session calls ``update_session_auth_hash`` after."""
    gebruiker.sessie_sleutel = secrets.token_hex(16)
    gebruiker.save(update_fields=["sessie_sleutel"])


def _vereis_herauthenticatie(actor: Gebruiker, wachtwoord: str, sessie_geverifieerd: bool):
    # ASVS 2.5 / 3.7.1: changing an authenticator needs the current ones, not just a
    # session that someone may have left open (or obtained with the password alone).
    if tweede_factor.heeft_factor(actor) and not sessie_geverifieerd:
        raise PermissionDenied(gettext("Geef eerst de code van uw huidige tweede factor."))
    if not actor.check_password(wachtwoord or ""):
        raise ValidationError({"wachtwoord": gettext("Uw wachtwoord klopt niet.")})


# --- the second factor ------------------------------------------------------------------


@transaction.atomic
def tweede_factor_instellen(
    *, actor: Gebruiker, apparaat: TOTPDevice, wachtwoord: str, sessie_geverifieerd: bool
) -> TOTPDevice:
    """Confirm ``apparaat`` (its code already checked) as the actor's only factor.

    Preconditions: the current password, and a session that passed the existing factor
    if there is one. Replaces earlier devices; revokes all API tokens and ends the other
    sessions (the view keeps the current one); audited; e-mails the user.
    """
    if apparaat.user_id != actor.pk or apparaat.confirmed:
        raise PermissionDenied
    _vereis_herauthenticatie(actor, wachtwoord, sessie_geverifieerd)
    vervangen = TOTPDevice.objects.filter(user=actor, confirmed=True).exclude(pk=apparaat.pk)
    had_factor = vervangen.exists()
    vervangen.delete()
    apparaat.confirmed = True
    apparaat.save(update_fields=["confirmed"])
    tokens_intrekken(actor)
    sessies_beeindigen(actor)
    gebeurtenis = "tweede_factor_vervangen" if had_factor else "tweede_factor_ingesteld"
    registreer(actor, actor=actor, actie=gebeurtenis)
    gebeurtenissen.na_commit(gebeurtenis, actor)
    return apparaat


@transaction.atomic
def tweede_factor_verwijderen(
    *, actor: Gebruiker, wachtwoord: str, sessie_geverifieerd: bool
) -> None:
    """Remove the actor's own factor (not where it is required). Same preconditions and
    side effects as :func:`tweede_factor_instellen`."""
    if not tweede_factor.heeft_factor(actor):
        raise ValidationError(gettext("U heeft geen tweede factor ingesteld."))
    if tweede_factor.tweede_factor_vereist(actor):
        raise PermissionDenied(
            gettext(
                "Voor uw rol is een tweede factor verplicht: "
                "u kunt hem vervangen, niet verwijderen."
            )
        )
    _vereis_herauthenticatie(actor, wachtwoord, sessie_geverifieerd)
    TOTPDevice.objects.filter(user=actor).delete()
    tokens_intrekken(actor)
    sessies_beeindigen(actor)
    registreer(actor, actor=actor, actie="tweede_factor_verwijderd")
    gebeurtenissen.na_commit("tweede_factor_verwijderd", actor)


@transaction.atomic
def tweede_factor_herstellen(*, gebruiker: Gebruiker, actor: Gebruiker, toelichting: str):
    """Recovery by the secretariat for a user who lost the device: removes the factor,
    ends all the user's sessions and tokens, so the next login sets up a new one.
    Needs a reason (how the user's identity was checked); audited; e-mails the user."""
    if not permissions.kan_gebruiker_beheren(actor, gebruiker):
        raise PermissionDenied(gettext("U mag de tweede factor van dit account niet herstellen."))
    if not (toelichting or "").strip():
        raise ValidationError(
            {
                "toelichting": gettext(
                    "Leg vast waarom, en hoe u de identiteit van de gebruiker controleerde."
                )
            }
        )
    aantal, _ = TOTPDevice.objects.filter(user=gebruiker).delete()
    if not aantal:
        raise ValidationError(gettext("Dit account heeft geen tweede factor."))
    tokens_intrekken(gebruiker)
    sessies_beeindigen(gebruiker)
    registreer(gebruiker, actor=actor, actie="tweede_factor_hersteld", toelichting=toelichting)
    gebeurtenissen.na_commit("tweede_factor_hersteld", gebruiker)


# --- the password -----------------------------------------------------------------------


@transaction.atomic
def wachtwoord_gewijzigd(*, gebruiker: Gebruiker, actor: Gebruiker | None) -> None:
    """After a new password was saved (change form, reset link, operator in the admin):
    revoke all API tokens, audit and e-mail the user. Django's session hash already
    ends the other sessions; the view that changed it keeps its own."""
    tokens_intrekken(gebruiker)
    registreer(gebruiker, actor=actor, actie="wachtwoord_gewijzigd")
    gebeurtenissen.na_commit("wachtwoord_gewijzigd", gebruiker)


# --- user management by the secretariat and an organisation's beheerder -----------------


def beheerbare_gebruikers(actor: Gebruiker):
    """The accounts on the management pages: all (but the operators') for the
    secretariat, the own organisation's for a beheerder; the rest answers 404."""
    qs = Gebruiker.objects.filter(is_superuser=False).select_related("organisatie")
    if permissions.is_secretaris(actor):
        return qs
    if permissions.is_beheerder(actor):
        return qs.filter(organisatie_id=actor.organisatie_id)
    return Gebruiker.objects.none()


def valideer_rol(organisatie: Organisatie | None, rol: str):
    if rol not in Rol.values:
        raise ValidationError({"rol": gettext("Kies een rol.")})
    if organisatie is None:
        raise ValidationError({"organisatie": gettext("Kies een organisatie.")})
    if organisatie.soort != ROL_BIJ_SOORT[rol]:
        raise ValidationError(
            {
                "rol": gettext("De rol %(rol)s past niet bij een %(soort)s.")
                % {
                    "rol": Rol(rol).label.lower(),
                    "soort": organisatie.get_soort_display().lower(),
                }
            }
        )


def rechten_voor_rol(gebruiker: Gebruiker) -> None:
    # The admin is a read-only window for the secretariat; the rights are the fixed set
    # of the role, never chosen per person.
    from .netwerk import secretaris_rechten

    gebruiker.is_staff = gebruiker.rol == Rol.SECRETARIS
    gebruiker.save(update_fields=["is_staff"])
    gebruiker.user_permissions.set(secretaris_rechten() if gebruiker.is_staff else [])


@transaction.atomic
def gebruiker_aanmaken(
    *, actor: Gebruiker, organisatie: Organisatie, rol: str, **velden
) -> Gebruiker:
    """A new account for ``organisatie`` with ``rol``, without a password: the user gets
    an e-mail with a link to choose one (Django's password-reset token, valid for
    PASSWORD_RESET_TIMEOUT). Audited."""
    if not permissions.is_secretaris(actor):
        raise PermissionDenied(gettext("Alleen het secretariaat maakt accounts direct aan."))
    onbekend = set(velden) - set(NIEUWE_GEBRUIKER_VELDEN)
    if onbekend:
        raise ValidationError(dict.fromkeys(onbekend, gettext("Dit veld bestaat niet.")))
    valideer_rol(organisatie, rol)
    if not (velden.get("email") or "").strip():
        raise ValidationError(
            {"email": gettext("Een e-mailadres is nodig om het wachtwoord te kiezen.")}
        )
    gebruiker = Gebruiker(organisatie=organisatie, rol=rol, **velden)
    gebruiker.set_unusable_password()
    gebruiker.full_clean()
    gebruiker.save()
    rechten_voor_rol(gebruiker)
    registreer(
        gebruiker,
        actor=actor,
        actie="gebruiker_aangemaakt",
        gegevens={"organisatie": organisatie.afkorting, "rol": rol},
    )
    gebeurtenissen.na_commit("account_aangemaakt", gebruiker)
    return gebruiker


@transaction.atomic
def gebruiker_rol_wijzigen(
    *, gebruiker: Gebruiker, actor: Gebruiker, organisatie: Organisatie, rol: str
) -> Gebruiker:
    """Move a user to another role and/or organisation. A change of privilege ends the
    user's sessions and API tokens (they log in again under the new role). Audited."""
    gebruiker = Gebruiker.objects.select_for_update().get(pk=gebruiker.pk)
    if not permissions.kan_gebruiker_beheren(actor, gebruiker):
        raise PermissionDenied(gettext("U mag de rol van dit account niet wijzigen."))
    if not permissions.mag_rol_toekennen(actor, organisatie, rol):
        raise PermissionDenied(gettext("U mag deze rol in deze organisatie niet toekennen."))
    valideer_rol(organisatie, rol)
    oud = {"organisatie": getattr(gebruiker.organisatie, "afkorting", ""), "rol": gebruiker.rol}
    if gebruiker.organisatie_id == organisatie.pk and gebruiker.rol == rol:
        return gebruiker
    gebruiker.organisatie, gebruiker.rol = organisatie, rol
    gebruiker.save(update_fields=["organisatie", "rol"])
    rechten_voor_rol(gebruiker)
    tokens_intrekken(gebruiker)
    sessies_beeindigen(gebruiker)
    registreer(
        gebruiker,
        actor=actor,
        actie="rol_gewijzigd",
        van_status=oud["rol"],
        naar_status=rol,
        gegevens={"van": oud, "naar": {"organisatie": organisatie.afkorting, "rol": rol}},
    )
    return gebruiker


@transaction.atomic
def gebruiker_deactiveren(*, gebruiker: Gebruiker, actor: Gebruiker, toelichting: str):
    """Block an account at once: no login, every session and API token ends now.
    Needs a reason; audited. The account and its history stay (audit trail)."""
    gebruiker = Gebruiker.objects.select_for_update().get(pk=gebruiker.pk)
    if not permissions.kan_gebruiker_beheren(actor, gebruiker):
        raise PermissionDenied(gettext("U mag dit account niet deactiveren."))
    if not gebruiker.is_active:
        raise ValidationError(gettext("Dit account is al gedeactiveerd."))
    if not (toelichting or "").strip():
        raise ValidationError({"toelichting": gettext("Geef een reden voor het deactiveren.")})
    gebruiker.is_active = False
    gebruiker.save(update_fields=["is_active"])
    tokens_intrekken(gebruiker)
    sessies_beeindigen(gebruiker)
    registreer(gebruiker, actor=actor, actie="gedeactiveerd", toelichting=toelichting)
    return gebruiker


@transaction.atomic
def overal_uitloggen(*, gebruiker: Gebruiker) -> None:
    """The user ends every session and API token of his own account."""
    tokens_intrekken(gebruiker)
    sessies_beeindigen(gebruiker)
    registreer(gebruiker, actor=gebruiker, actie="overal_uitgelogd")


@transaction.atomic
def organisatie_opslaan(*, organisatie: Organisatie, actor: Gebruiker, gewijzigd) -> Organisatie:
    """Create or change an organisation (the admin's form); audited."""
    if not (actor.is_superuser or permissions.is_secretaris(actor)):
        raise PermissionDenied
    nieuw = organisatie.pk is None
    if not nieuw and "soort" in gewijzigd:
        raise ValidationError({"soort": gettext("De soort van een organisatie ligt vast.")})
    organisatie.full_clean()
    organisatie.save()
    registreer(
        organisatie,
        actor=actor,
        actie="aangemaakt" if nieuw else "gewijzigd",
        gegevens={"velden": sorted(gewijzigd)},
    )
    return organisatie

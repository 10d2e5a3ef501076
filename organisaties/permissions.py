"""The role predicates every app builds on, and who may manage accounts. All predicates
of the project read ``(user, obj)``; the state machines get them through
``kern.workflow.fsm_permissie``.

The secretariat manages the accounts of the network; an organisation's ``beheerder``
manages the opstellers and accordeerders of his own organisation only (#18). Nobody
manages himself through these paths (no self-promotion, no locking oneself out), and
superusers belong to the operators (``createsuperuser``), not to the application."""


def is_actief(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def is_secretaris(user, obj=None) -> bool:
    """Staff of the network's secretariaat (``obj`` only to fit the predicate shape)."""
    return is_actief(user) and user.is_secretaris


def is_systeem(user, obj=None) -> bool:
    """The named system actor (``kern.actor.SYSTEEM``), e.g. the deadline job."""
    return bool(getattr(user, "is_systeem", False))


def is_systeem_of_secretaris(user, obj=None) -> bool:
    """Closing a consultation and letting a response expire: the deadline job once the
    termijn passed, or the secretaris."""
    return is_systeem(user) or is_secretaris(user)


def is_beheerder(user, obj=None) -> bool:
    """An organisation's own account manager (``obj`` only to fit the predicate shape)."""
    return is_actief(user) and user.is_beheerder


def kan_gebruikers_beheren(user, obj=None) -> bool:
    """Opens the user management pages: the secretariat for everyone, a beheerder for
    his own organisation (what he sees there is scoped by ``beheerbare_gebruikers``)."""
    return is_secretaris(user) or is_beheerder(user)


def mag_rol_toekennen(user, organisatie, rol: str) -> bool:
    """Whether ``user`` may give someone ``rol`` in ``organisatie`` (invite, or change a
    role). A beheerder only the workflow roles, only in his own organisation."""
    from .models import ROLLEN_VOOR_BEHEERDER

    if is_secretaris(user):
        return True
    return (
        is_beheerder(user)
        and organisatie is not None
        and organisatie.pk == user.organisatie_id
        and rol in ROLLEN_VOOR_BEHEERDER
    )


def kan_gebruiker_beheren(user, gebruiker) -> bool:
    """Change the role of, deactivate, or reset the factor of ``gebruiker``: never
    oneself or a superuser; a beheerder only his organisation's opstellers and
    accordeerders (not a fellow beheerder: beheerders are the secretariat's)."""
    if gebruiker.pk == user.pk or gebruiker.is_superuser:
        return False
    return mag_rol_toekennen(user, gebruiker.organisatie, gebruiker.rol)


def kan_uitnodiging_beheren(user, uitnodiging) -> bool:
    """Resend or revoke ``uitnodiging``: whoever may hand out its role there."""
    return mag_rol_toekennen(user, uitnodiging.organisatie, uitnodiging.rol)

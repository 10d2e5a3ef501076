"""The role predicates every app builds on, and who may manage accounts. All predicates
of the project read ``(user, obj)``; the state machines get them through
``kern.workflow.fsm_permissie``.

The secretariat manages the accounts of the network; nobody manages himself through these
paths (no self-promotion, no locking oneself out), and superusers belong to the operators
(``createsuperuser``), not to the application."""


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


def kan_gebruikers_beheren(user) -> bool:
    return bool(user.is_authenticated and user.is_secretaris)


def kan_gebruiker_beheren(user, gebruiker) -> bool:
    return kan_gebruikers_beheren(user) and gebruiker.pk != user.pk and not gebruiker.is_superuser

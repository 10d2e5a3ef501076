"""Who may do what with a consultation. Plain predicates, shared by services, API and UI."""


def is_secretaris(instance, user) -> bool:
    return bool(user and user.is_authenticated and user.is_secretaris)


def is_systeem_of_secretaris(instance, user) -> bool:
    """Closing a consultation: the deadline job (``kern.workflow.SYSTEEM``) once the termijn
    passed, or the secretaris."""
    return bool(getattr(user, "is_systeem", False)) or is_secretaris(instance, user)


def kan_bewerken(user, consultatie) -> bool:
    from .models import Status

    return is_secretaris(consultatie, user) and consultatie.status in (
        Status.CONCEPT,
        Status.OPEN,
        Status.GESLOTEN,
    )


def kan_uitnodigen(user, consultatie) -> bool:
    from .models import Status

    return is_secretaris(consultatie, user) and consultatie.status in (Status.CONCEPT, Status.OPEN)


def kan_document_toevoegen(user, consultatie) -> bool:
    return kan_uitnodigen(user, consultatie)


def kan_termijn_verlengen(user, consultatie) -> bool:
    from .models import Status

    return is_secretaris(consultatie, user) and consultatie.status == Status.OPEN

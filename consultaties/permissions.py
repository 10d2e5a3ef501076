"""Who may do what with a consultation. Plain predicates, shared by services, API and UI."""

from organisaties.permissions import is_secretaris, is_systeem_of_secretaris

__all__ = ["is_secretaris", "is_systeem_of_secretaris"]


def kan_bewerken(user, consultatie) -> bool:
    from .models import Status

    return is_secretaris(user, consultatie) and consultatie.status in (
        Status.CONCEPT,
        Status.OPEN,
        Status.GESLOTEN,
    )


def kan_uitnodigen(user, consultatie) -> bool:
    from .models import Status

    return is_secretaris(user, consultatie) and consultatie.status in (Status.CONCEPT, Status.OPEN)


def kan_document_toevoegen(user, consultatie) -> bool:
    return kan_uitnodigen(user, consultatie)


def kan_termijn_verlengen(user, consultatie) -> bool:
    from .models import Status

    return is_secretaris(user, consultatie) and consultatie.status == Status.OPEN

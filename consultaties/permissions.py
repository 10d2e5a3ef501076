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


def kan_kernpunten_zien(user, consultatie) -> bool:
    """The kernpunten page (reading, endorsing, themes, merging) of a consultation the user
    sees: once it has closed, for the network (the secretariaat and the invited
    organisations), not for the ministry (it reads the kernpunten in the paper)."""
    return consultatie.is_gesloten() and not user.is_ministerie

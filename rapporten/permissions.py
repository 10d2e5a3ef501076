"""Who may do what with a paper. Plain predicates shared by services, views and the API."""

from organisaties.permissions import is_actief as _actief
from organisaties.permissions import is_secretaris

__all__ = ["is_secretaris"]


def kan_aanmaken(user, consultatie) -> bool:
    return is_secretaris(user)


def kan_definitief_maken(user, rapport) -> bool:
    return is_secretaris(user, rapport)


def kan_verzenden(user, rapport) -> bool:
    return is_secretaris(user, rapport)


def kan_publiceren(user, rapport) -> bool:
    """Publishing a sent paper (or setting its date, or withdrawing it) is the
    secretariat's decision alone."""
    return is_secretaris(user, rapport)


def is_eigen_ministerie(user, rapport) -> bool:
    """A staff member of the ministry that requested the consultation."""
    return (
        _actief(user)
        and user.is_ministerie
        and user.organisatie_id == rapport.consultatie.ministerie_id
    )


def kan_ontvangst_bevestigen(user, rapport) -> bool:
    return is_eigen_ministerie(user, rapport)


def kan_verwerking_vastleggen(user, rapport) -> bool:
    return is_eigen_ministerie(user, rapport)


def kan_kernpunten_exporteren(user, consultatie) -> bool:
    """Whoever may read the consultation's submitted responses: the secretaris, invited
    organisations once it closed, the ministry once the paper was sent."""
    from consultaties.models import GESLOTEN_STATUSSEN
    from consultaties.models import Status as ConsultatieStatus

    if not _actief(user):
        return False
    if user.is_secretaris:
        return True
    if user.is_ministerie:
        return user.organisatie_id == consultatie.ministerie_id and consultatie.status in (
            ConsultatieStatus.VERZONDEN,
            ConsultatieStatus.AFGEROND,
        )
    if user.is_organisatie_medewerker:
        from reacties.permissions import is_uitgenodigd

        # Asked through reacties (remembered per request): the kernpunten page asks it too.
        return consultatie.status in GESLOTEN_STATUSSEN and is_uitgenodigd(user, consultatie)
    return False

"""Who may do what with deadlines, extension requests and notifications. Plain predicates,
shared by services, views and templates."""

from reacties.models import LOPENDE_STATUSSEN


def _actief(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def is_secretaris(obj, user) -> bool:
    return _actief(user) and user.is_secretaris


def kan_verlenging_aanvragen(user, reactie) -> bool:
    """An opsteller or accordeerder of the organisation, while its response still runs."""
    from consultaties.models import Status as ConsultatieStatus

    return (
        _actief(user)
        and user.is_organisatie_medewerker
        and user.organisatie_id == reactie.organisatie_id
        and reactie.status in LOPENDE_STATUSSEN
        and reactie.consultatie.status == ConsultatieStatus.OPEN
        and reactie.binnen_termijn()
    )


def kan_werklast_zien(user, organisatie) -> bool:
    return _actief(user) and (
        user.is_secretaris
        or (user.is_organisatie_medewerker and user.organisatie_id == organisatie.pk)
    )


def kan_agenda_beheren(user) -> bool:
    return _actief(user) and user.is_organisatie_medewerker

"""Who may do what with deadlines, extension requests and notifications. Plain predicates,
shared by services, views and templates."""

from reacties.permissions import kan_verlenging_aanvragen

__all__ = ["kan_verlenging_aanvragen"]


def _actief(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def is_secretaris(obj, user) -> bool:
    return _actief(user) and user.is_secretaris


def kan_werklast_zien(user, organisatie) -> bool:
    return _actief(user) and (
        user.is_secretaris
        or (user.is_organisatie_medewerker and user.organisatie_id == organisatie.pk)
    )


def kan_agenda_beheren(user) -> bool:
    return _actief(user) and user.is_organisatie_medewerker

"""Who may do what with deadlines, extension requests and notifications. Plain predicates,
shared by services, views and templates."""

from reacties.permissions import kan_verlenging_aanvragen

__all__ = ["is_secretaris", "kan_verlenging_aanvragen"]


from organisaties.permissions import is_actief as _actief
from organisaties.permissions import is_secretaris


def kan_werklast_zien(user, organisatie) -> bool:
    return _actief(user) and (
        user.is_secretaris
        or (user.is_organisatie_medewerker and user.organisatie_id == organisatie.pk)
    )


def kan_agenda_beheren(user) -> bool:
    return _actief(user) and user.is_organisatie_medewerker

"""Who may do what with notifications and the calendar feed. Plain predicates, shared by
services, views and templates."""

from organisaties.permissions import is_actief as _actief
from organisaties.permissions import is_secretaris

__all__ = ["is_secretaris", "kan_agenda_beheren"]


def kan_agenda_beheren(user) -> bool:
    return _actief(user) and user.is_organisatie_medewerker

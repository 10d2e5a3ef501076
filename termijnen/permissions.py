"""Who may see deadline overviews. Plain ``(user, obj)`` predicates.

Who may ask for an extension is a rule of the response
(``reacties.permissions.kan_verlenging_aanvragen``); deciding on one is the secretaris'
(the transitions of :class:`termijnen.models.Verlengingsverzoek`).
"""

from organisaties.permissions import is_actief as _actief
from organisaties.permissions import is_secretaris

__all__ = ["is_secretaris", "kan_werklast_zien"]


def kan_werklast_zien(user, organisatie) -> bool:
    return _actief(user) and (
        user.is_secretaris
        or (user.is_organisatie_medewerker and user.organisatie_id == organisatie.pk)
    )

"""Who may give themes, merge them and read the figures. Predicates take ``(user, obj)``."""

from consultaties.models import GESLOTEN_STATUSSEN


def _actief(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def mag_themas_beheren(user, _obj=None) -> bool:
    """The role part (403): giving and merging themes is the secretariaat's work."""
    return _actief(user) and user.is_secretaris


def kan_themas_geven(user, kernpunt) -> bool:
    """The state part (409): once the consultation has closed (when the secretariaat reads
    and merges the kernpunten for the paper), and only a kernpunt that stands on its own."""
    return (
        mag_themas_beheren(user)
        and kernpunt.reactie.consultatie.status in GESLOTEN_STATUSSEN
        and kernpunt.samengevoegd_in_id is None
    )


def mag_knelpunten_zien(user, _obj=None) -> bool:
    """The report of recurring bottlenecks is the network's own instrument: the
    secretariaat and the member organisations, not the ministries."""
    return _actief(user) and (user.is_secretaris or user.is_organisatie_medewerker)

"""Who may do what with a response. Plain predicates ``(user, obj) -> bool``; the FSM
transitions (through ``kern.workflow.fsm_permissie``), services, API and templates all
call these."""

from organisaties.permissions import is_actief as _actief
from organisaties.permissions import is_secretaris, is_systeem_of_secretaris

__all__ = ["is_secretaris", "is_systeem_of_secretaris"]


def is_eigen_organisatie(user, reactie) -> bool:
    return (
        _actief(user)
        and user.is_organisatie_medewerker
        and user.organisatie_id == reactie.organisatie_id
    )


def is_eigen_accordeerder(user, reactie) -> bool:
    return is_eigen_organisatie(user, reactie) and user.is_accordeerder


def ziet_interne_tijdlijn(user, reactie) -> bool:
    """Internal steps (saves, ter accordering, afkeuren, terugsturen, …) and their notes
    are for the own organisation and the secretariaat; others see public milestones."""
    return is_secretaris(user, reactie) or is_eigen_organisatie(user, reactie)


def mag_indienen(user, reactie) -> bool:
    """Four-eyes: the accordeerder who submits neither sent it for approval nor changed the
    content of the version being approved (see ``Reactie.inhoud_gewijzigd_door``)."""
    return (
        is_eigen_accordeerder(user, reactie)
        and reactie.ter_accordering_door_id != user.pk
        and not schreef_mee_aan_versie(user, reactie)
    )


def schreef_mee_aan_versie(user, reactie) -> bool:
    return bool(user and user.pk) and user.pk in reactie.inhoud_gewijzigd_door()


def kan_bewerken(user, reactie) -> bool:
    from .models import Status

    return (
        is_eigen_organisatie(user, reactie)
        and reactie.status == Status.IN_VOORBEREIDING
        and reactie.open_en_binnen_termijn()
    )


def kan_onderschrijven(user, kernpunt, onderschreven=None) -> bool:
    """``onderschreven``: whether the user's organisation endorsed it already, where a list
    page knows it (else read from the kernpunt's endorsements)."""
    from consultaties.models import GESLOTEN_STATUSSEN

    from .models import INGEDIENDE_STATUSSEN

    reactie = kernpunt.reactie
    return (
        _actief(user)
        and user.is_organisatie_medewerker
        and user.organisatie_id != reactie.organisatie_id
        and reactie.status in INGEDIENDE_STATUSSEN
        and reactie.consultatie.status in GESLOTEN_STATUSSEN
        and kernpunt.samengevoegd_in_id is None
        and is_uitgenodigd(user, reactie.consultatie)
        and not (al_onderschreven(user, kernpunt) if onderschreven is None else onderschreven)
    )


def al_onderschreven(user, kernpunt) -> bool:
    # Reads the prefetched endorsements where a list page loaded them.
    return any(o.organisatie_id == user.organisatie_id for o in kernpunt.onderschrijvingen.all())


def is_uitgenodigd(user, consultatie) -> bool:
    """Only invited organisations see each other's responses, so only they may endorse."""
    # Remembered on the (per-request) user: a page asks this once per kernpunt.
    onthouden = user.__dict__.setdefault("_uitgenodigd_voor", {})
    if consultatie.pk not in onthouden:
        onthouden[consultatie.pk] = consultatie.reacties.filter(
            organisatie_id=user.organisatie_id
        ).exists()
    return onthouden[consultatie.pk]


def mag_samenvoegen(user) -> bool:
    """The role part of merging (403); the state part is in ``kan_samenvoegen`` (409)."""
    return _actief(user) and user.is_secretaris


def kan_samenvoegen(user, kernpunt) -> bool:
    """Merging duplicates is the secretariaat's work while composing the paper."""
    from consultaties.models import Status

    return mag_samenvoegen(user) and kernpunt.reactie.consultatie.status in (
        Status.OPEN,
        Status.GESLOTEN,
    )


def kan_verlenging_aanvragen(user, reactie) -> bool:
    """An opsteller or accordeerder of the organisation may ask for more time while its
    response still runs."""
    from consultaties.models import Status as ConsultatieStatus

    from .models import LOPENDE_STATUSSEN

    return (
        _actief(user)
        and user.is_organisatie_medewerker
        and user.organisatie_id == reactie.organisatie_id
        and reactie.status in LOPENDE_STATUSSEN
        and reactie.consultatie.status == ConsultatieStatus.OPEN
        and reactie.binnen_termijn()
    )


def kan_herinneren(user, reactie) -> bool:
    """The secretaris reminds an organisation now: only while its response still runs (not
    submitted) in an open consultation and its termijn has not passed."""
    return is_secretaris(user, reactie) and reactie.lopend() and reactie.open_en_binnen_termijn()

"""The workflow engine: one way to run a transition, one declaration per action.

Every transition service of the domain apps goes through :func:`voer_transitie_uit`, so
locking, the state check (409), the permission check (403), the audit event and the save
happen the same way everywhere.

Each state machine has one :class:`Werkstroom`: the service of every action registers itself
with its name and its texts (button, success message, timeline label, API summary), so a
transition's name is written once — on the model (the FSM method) and on its service.
Web pages, the API and the audit timeline read the texts from here.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_fsm import can_proceed

from .actor import SYSTEEM, Systeem, vereis_actor
from .gebeurtenissen import publiceer_na_commit

__all__ = [
    "SYSTEEM",
    "Systeem",
    "TransitieNietToegestaan",
    "VerouderdeVersie",
    "Werkstroom",
    "vereis_actor",
    "vereis_toelichting",
    "voer_transitie_uit",
]


class TransitieNietToegestaan(Exception):
    """The transition is not possible in the object's current state (HTTP 409)."""

    def __init__(self, obj, transitie: str, bericht: str | None = None):
        self.obj = obj
        self.transitie = transitie
        super().__init__(
            bericht
            or gettext("De actie '%(actie)s' is niet mogelijk in de status '%(status)s'.")
            % {"actie": transitie, "status": obj.get_status_display().lower()}
        )


class VerouderdeVersie(Exception):
    """A save based on a stale version of the object (HTTP 409)."""

    def __init__(self, bericht: str, obj=None):
        self.obj = obj
        super().__init__(bericht)


def vereis_toelichting(toelichting: str, bericht: str) -> Callable[[models.Model], None]:
    """A ``controleer`` callback for transitions that need a comment or reason."""

    def controleer(obj):
        if not (toelichting or "").strip():
            raise ValidationError({"toelichting": bericht})

    return controleer


def _heeft_recht(methode, obj, actor) -> bool:
    # django_fsm.has_transition_perm also evaluates the transition's conditions, which
    # would turn an unmet condition (e.g. a passed termijn: 409, missing content: 400) into
    # a 403. Ask only the permission of the transition from the current state.
    meta = methode._django_fsm
    return meta.has_transition_perm(obj, meta.field.get_state(obj), actor)


def voer_transitie_uit(
    obj: models.Model,
    transitie: str,
    *,
    actor,
    toelichting: str = "",
    controleer: Callable[[models.Model], None] | None = None,
    update_fields: Iterable[str] = (),
    transitie_kwargs: dict | None = None,
    gegevens: dict | None = None,
):
    """Lock ``obj``, check state and permission, run the transition, save and audit.

    Must be called inside ``transaction.atomic``. Returns the locked, updated instance.
    ``actor`` is a user or :data:`SYSTEEM`; the permission is always checked.
    ``controleer`` raises a ``ValidationError`` for content preconditions (HTTP 400) after
    the state and permission checks, so a user always learns the most fundamental problem
    first.
    """
    from audit.services import registreer
    from tegenkracht.validatie import controleer_teksten

    vereis_actor(actor)
    assert transaction.get_connection().in_atomic_block, "voer_transitie_uit needs a transaction"
    obj = type(obj).objects.select_for_update().get(pk=obj.pk)
    methode = getattr(obj, transitie)
    if not can_proceed(methode, check_conditions=False):
        raise TransitieNietToegestaan(obj, transitie)
    if not _heeft_recht(methode, obj, actor):
        raise PermissionDenied(gettext("U mag deze actie niet uitvoeren."))
    controleer_teksten(toelichting=toelichting)
    if controleer is not None:
        controleer(obj)
    if not can_proceed(methode):
        raise TransitieNietToegestaan(obj, transitie)
    van = obj.status
    methode(**(transitie_kwargs or {}))
    obj.save(update_fields=["status", *update_fields])
    registreer(
        obj,
        actor=actor,
        actie=transitie,
        van_status=van,
        naar_status=obj.status,
        toelichting=toelichting,
        gegevens=gegevens,
    )
    # Every state change of every machine, once, after commit (webhooks subscribe): a
    # transition without its own named event is still announced.
    publiceer_na_commit(
        "workflow.transitie",
        object=obj._meta.model_name,
        object_id=obj.pk,
        transitie=transitie,
        van=van,
        naar=obj.status,
        tijdstip=timezone.now(),
    )
    return obj


def fsm_permissie(predicaat: Callable) -> Callable:
    """django-fsm calls ``permission(instance, user)``; our predicates read ``(user, obj)``."""

    def permissie(obj, user) -> bool:
        return predicaat(user, obj)

    permissie.__name__ = getattr(predicaat, "__name__", "permissie")
    permissie.__doc__ = predicaat.__doc__
    return permissie


# --- declaring the actions of a state machine ---------------------------------------------


@dataclass(frozen=True)
class Actie:
    """One action on an object: a FSM transition, or (with ``mag``) an action that does
    not change the status but has its own rule (e.g. acknowledging receipt)."""

    naam: str
    service: Callable | None = None
    #: Button text on the web; empty: no button (the action has its own form or none).
    label: str = ""
    #: Message after success on the web.
    gelukt: str = ""
    #: Label in the audit timeline (registered in ``audit.acties``).
    logboek: str = ""
    #: API endpoint (``POST …/{id}/<api>``), default the name with hyphens.
    api: str = ""
    #: Short description for the OpenAPI document.
    samenvatting: str = ""
    #: Whether the web form asks a comment: "", "optioneel" or "verplicht".
    toelichting: str = ""
    toelichting_label: str = field(default=_("Toelichting"))
    #: The web form asks a new termijn.
    termijn: bool = False
    #: Shown as a destructive action.
    gevaar: bool = False
    #: Cannot be undone: the button has the warning style and the web asks to confirm
    #: first (``kern.web.bevestiging``), saying what will happen (``gevolg``).
    onomkeerbaar: bool = False
    gevolg: str = ""
    #: For actions that are no FSM transition: ``(user, obj) -> bool``, state included.
    mag: Callable | None = None

    @property
    def endpoint(self) -> str:
        return self.api or self.naam.replace("_", "-")


class Werkstroom:
    """The actions of one state machine, in declaration order."""

    def __init__(self, naam: str):
        self.naam = naam
        self._acties: dict[str, Actie] = {}

    def actie(self, naam: str, **kenmerken):
        """Decorate the service that carries out action ``naam``."""

        def registreer(service):
            self.voeg_toe(Actie(naam=naam, service=service, **kenmerken))
            return service

        return registreer

    def voeg_toe(self, actie: Actie) -> Actie:
        from audit import acties as audit_acties

        if actie.naam in self._acties:
            raise ValueError(f"Actie '{actie.naam}' van {self.naam} is al gedeclareerd.")
        self._acties[actie.naam] = actie
        if actie.logboek:
            audit_acties.actie(actie.naam, actie.logboek)
        return actie

    def __getitem__(self, naam: str) -> Actie:
        return self._acties[naam]

    def __contains__(self, naam: str) -> bool:
        return naam in self._acties

    def __iter__(self):
        return iter(self._acties.values())

    def namen(self) -> list[str]:
        return list(self._acties)

    def endpoints(self) -> list[str]:
        return [a.endpoint for a in self]

    def toegestaan(self, user, obj) -> list[str]:
        """What ``user`` may do with ``obj`` now: the FSM transitions whose state,
        conditions and permission allow it, and the other actions whose rule allows it."""
        mogelijk = {t.name for t in obj.get_available_user_status_transitions(user)}
        return [a.naam for a in self if (a.naam in mogelijk if a.mag is None else a.mag(user, obj))]

    def voer_uit(self, naam: str, obj, **argumenten):
        """Dispatch to the service of ``naam`` (web and API use the same names)."""
        actie = self._acties.get(naam)
        if actie is None or actie.service is None:
            raise TransitieNietToegestaan(obj, naam, f"Onbekende actie '{naam}'.")
        return actie.service(**argumenten)

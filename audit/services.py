"""Writing the audit trail and running audited FSM transitions.

Every transition service of the domain apps goes through :func:`voer_transitie_uit`, so
locking, the state check (409), the permission check (403), the audit event and the save
happen the same way everywhere.
"""

from collections.abc import Callable, Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils.translation import gettext
from django_fsm import can_proceed

from tegenkracht.validatie import controleer_teksten

from .models import AuditEvent


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


def vereis_toelichting(toelichting: str, bericht: str) -> Callable[[models.Model], None]:
    """A ``controleer`` callback for transitions that need a comment or reason."""

    def controleer(obj):
        if not (toelichting or "").strip():
            raise ValidationError({"toelichting": bericht})

    return controleer


def registreer(
    obj: models.Model,
    *,
    actor,
    actie: str,
    van_status: str = "",
    naar_status: str = "",
    toelichting: str = "",
    gegevens: dict | None = None,
) -> AuditEvent:
    # Every note on every timeline passes here: the last line against control characters.
    controleer_teksten(toelichting=toelichting)
    return AuditEvent.objects.create(
        object=obj,
        actor=actor if getattr(actor, "pk", None) else None,
        actie=actie,
        van_status=van_status,
        naar_status=naar_status,
        toelichting=toelichting,
        gegevens=gegevens or {},
    )


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
    ``actor=None`` means the system (no permission check). ``controleer`` raises a
    ``ValidationError`` for content preconditions (HTTP 400) after the state and
    permission checks, so a user always learns the most fundamental problem first.
    """
    assert transaction.get_connection().in_atomic_block, "voer_transitie_uit needs a transaction"
    obj = type(obj).objects.select_for_update().get(pk=obj.pk)
    methode = getattr(obj, transitie)
    if not can_proceed(methode, check_conditions=False):
        raise TransitieNietToegestaan(obj, transitie)
    if actor is not None and not _heeft_recht(methode, obj, actor):
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
    return obj

"""Writing the audit trail. The workflow engine that records transitions lives in
``kern.workflow``."""

from django.db import models

from kern.actor import SYSTEEM, vereis_actor
from tegenkracht.validatie import controleer_teksten

from . import acties
from .models import AuditEvent


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
    """Append one event. ``actor`` is a user or ``SYSTEEM`` (stored as no actor);
    ``actie`` must be registered in :mod:`audit.acties`."""
    vereis_actor(actor)
    if not acties.is_geregistreerd(actie):
        raise ValueError(f"Onbekende auditactie '{actie}': registreer die in audit.acties.")
    # Every note on every timeline passes here: the last line against control characters.
    controleer_teksten(toelichting=toelichting)
    return AuditEvent.objects.create(
        object=obj,
        actor=None if actor is SYSTEEM else actor,
        actie=actie,
        van_status=van_status,
        naar_status=naar_status,
        toelichting=toelichting,
        gegevens=gegevens or {},
    )

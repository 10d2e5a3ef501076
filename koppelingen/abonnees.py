"""What the webhooks do on which domain event (``kern.gebeurtenissen``).

Each subscriber only enqueues the fan-out task, so a page never waits for a receiver.
Transitions come from the workflow engine (``workflow.transitie``); the events that are not
a transition are published by name by their service.
"""

from django.utils import timezone

from kern.gebeurtenissen import abonneer

from . import catalogus, services, tasks
from .models import Abonnement


def _verdelen(object: str, object_id: int, actie: str, naar: str = "", tijdstip=None, **extra):
    # Most installations have no subscriptions: then not even a task is queued.
    if (
        catalogus.soort(object, actie) is None
        or not Abonnement.objects.filter(actief=True).exists()
    ):
        return
    tasks.gebeurtenis_verdelen.enqueue(
        object=object,
        object_id=object_id,
        actie=actie,
        naar=naar,
        tijdstip=(tijdstip or timezone.now()).isoformat(),
        extra=extra or None,
    )


def transitie(*, object, object_id, transitie, van, naar, tijdstip):
    _verdelen(object, object_id, transitie, naar, tijdstip)


def uitnodigingen_verstuurd(*, reactie_ids):
    for reactie_id in reactie_ids:
        _verdelen("reactie", reactie_id, "uitgenodigd")


def document_toegevoegd(*, document_id):
    if not Abonnement.objects.filter(actief=True).exists():
        return
    tasks.document_toegevoegd.enqueue(document_id=document_id, tijdstip=timezone.now().isoformat())


def ontvangst_bevestigd(*, rapport_id):
    _verdelen("rapport", rapport_id, "ontvangst_bevestigd")


def verwerking_vastgelegd(*, rapport_id, kernpunt_id):
    _verdelen("rapport", rapport_id, "verwerking_vastgelegd", kernpunt=kernpunt_id)


def elke_minuut(*, nu):
    services.afleveringen_opnieuw_inplannen(nu)
    services.afleveringen_opruimen(nu)


def registreer():
    """Called from ``KoppelingenConfig.ready``; subscribing twice is harmless."""
    abonneer("workflow.transitie", transitie)
    abonneer("consultatie.uitnodigingen_verstuurd", uitnodigingen_verstuurd)
    abonneer("consultatie.document_toegevoegd", document_toegevoegd)
    abonneer("rapport.ontvangst_bevestigd", ontvangst_bevestigd)
    abonneer("rapport.verwerking_vastgelegd", verwerking_vastgelegd)
    abonneer("bewaking.elke_minuut", elke_minuut)

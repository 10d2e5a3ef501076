"""What happens when a termijn passes: a response expires, a consultation closes by itself.

This is the one home of "when does a consultation close by itself"
(:func:`sluit_consultaties`) and "when does a response expire"
(:func:`laat_reacties_verlopen`). The deadline job (``notificaties.bewaking``) runs both every
minute; the effective termijn itself (extension or the consultation's) is the annotation
``reacties.models.effectieve_termijn``.

Locks are always taken consultation first, then response, the same order as
``consultatie_termijn_verlengen``, so the job and an extension never deadlock.
"""

import logging
from datetime import datetime

from django.db import transaction
from django.db.models import Exists, OuterRef

from consultaties.models import Consultatie
from consultaties.models import Status as ConsultatieStatus
from consultaties.services import consultatie_sluiten
from kern.gebeurtenissen import publiceer_na_commit
from kern.workflow import SYSTEEM, TransitieNietToegestaan
from reacties.models import LOPENDE_STATUSSEN, Reactie
from reacties.services import reactie_laten_verlopen

logger = logging.getLogger(__name__)


# --- expiry -------------------------------------------------------------------------------


def laat_reacties_verlopen(nu: datetime) -> int:
    """Responses not submitted whose own effective termijn has passed become verlopen.

    Each is locked and checked again, so two runs at once (or a submission or an extension
    in between) never expire one wrongly. The organisation hears of it after commit."""
    kandidaten = (
        Reactie.objects.filter(
            status__in=LOPENDE_STATUSSEN, consultatie__status=ConsultatieStatus.OPEN
        )
        .met_effectieve_termijn()
        .filter(termijn_effectief__lte=nu)
        .order_by()  # no default ordering: it would join organisations only to sort
        .values_list("pk", "consultatie_id")
    )
    aantal = 0
    for reactie_id, consultatie_id in list(kandidaten):
        try:
            with transaction.atomic():
                Consultatie.objects.select_for_update().get(pk=consultatie_id)
                reactie = Reactie.objects.select_for_update().get(pk=reactie_id)
                if (
                    reactie.status not in LOPENDE_STATUSSEN
                    or reactie.consultatie.status != ConsultatieStatus.OPEN
                    or reactie.effectieve_termijn > nu
                ):
                    continue  # another run, a submission or an extension came first
                reactie = reactie_laten_verlopen(reactie=reactie, actor=SYSTEEM)
                publiceer_na_commit("reactie.verlopen_door_termijn", reactie_id=reactie.pk)
                aantal += 1
        except TransitieNietToegestaan:
            continue
        except Exception:
            # One broken row must not stop the job for everyone else; the next run retries.
            logger.exception("Reactie %s kon niet verlopen", reactie_id)
    return aantal


# --- closing by itself ------------------------------------------------------------------


def sluit_consultaties(nu: datetime) -> int:
    """Open consultations whose termijn and all extensions have passed close by themselves.

    Idempotent and safe to run twice at once: each candidate is locked and checked again.
    The secretariaat hears of it (``consultatie.automatisch_gesloten``, after commit)."""
    lopende_verlenging = Consultatie.objects.filter(
        pk=OuterRef("pk"), reacties__termijn_verlengd_tot__gt=nu
    )
    kandidaten = (
        Consultatie.objects.filter(status=ConsultatieStatus.OPEN, termijn__lte=nu)
        .exclude(Exists(lopende_verlenging))
        .values_list("pk", flat=True)
    )
    aantal = 0
    for consultatie_id in list(kandidaten):
        try:
            with transaction.atomic():
                consultatie = Consultatie.objects.select_for_update().get(pk=consultatie_id)
                if (
                    consultatie.status != ConsultatieStatus.OPEN
                    or consultatie.termijn > nu
                    or consultatie.reacties.filter(termijn_verlengd_tot__gt=nu).exists()
                ):
                    continue
                consultatie_sluiten(
                    consultatie=consultatie,
                    actor=SYSTEEM,
                    toelichting="De termijn is verstreken; automatisch gesloten.",
                )
                publiceer_na_commit(
                    "consultatie.automatisch_gesloten", consultatie_id=consultatie_id
                )
                aantal += 1
        except TransitieNietToegestaan:
            continue
        except Exception:
            logger.exception("Consultatie %s kon niet automatisch sluiten", consultatie_id)
    return aantal

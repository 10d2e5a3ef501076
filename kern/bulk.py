"""One action on a selection of objects: each item through the same service as the single
action, in its own transaction, with a result per item.

A refusal of one item (its state, the role, its content) is that item's result, with the
same Dutch message the single action gives; the other items go through. An id the actor
may not see is reported as not found (404), exactly as the single action would answer.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.utils.translation import gettext

from .web import fouten_als_tekst
from .workflow import TransitieNietToegestaan, VerouderdeVersie

#: At most this many items per call: a selection on one page, never a whole table.
MAXIMUM = 500


@dataclass(frozen=True)
class Resultaat:
    """The outcome for one item. ``status`` is the HTTP status the single action would
    have answered (200, 400, 403, 404, 409); ``melding`` says why, in Dutch."""

    id: int
    status: int
    melding: str = ""
    naam: str = ""
    obj: models.Model | None = None

    @property
    def gelukt(self) -> bool:
        return self.status == 200


def controleer_selectie(ids: Iterable, veld: str = "ids") -> list[int]:
    """The distinct ids of a selection, in the order given; a ValidationError (400) on
    ``veld`` for an empty or too large selection or an id that is no positive whole
    number."""
    try:
        # bool is an int in Python, but "true" is no id.
        if any(isinstance(i, bool) for i in ids):
            raise ValueError
        gekozen = list(dict.fromkeys(int(i) for i in ids))
    except (TypeError, ValueError):
        raise ValidationError(
            {veld: gettext("Geef de ids als een lijst van gehele getallen.")}
        ) from None
    if not gekozen:
        raise ValidationError({veld: gettext("Kies ten minste één.")})
    if len(gekozen) > MAXIMUM:
        raise ValidationError(
            {veld: gettext("Kies ten hoogste %(max)s tegelijk.") % {"max": MAXIMUM}}
        )
    if any(i <= 0 or i > 2**63 - 1 for i in gekozen):
        raise ValidationError({veld: gettext("Een id is een positief geheel getal.")})
    return gekozen


def per_item(
    ids: Iterable,
    zichtbaar: models.QuerySet,
    actie: Callable[[models.Model], models.Model],
    naam: Callable[[models.Model], str] = str,
    veld: str = "ids",
) -> list[Resultaat]:
    """Run ``actie(obj)`` for every id of ``ids`` that ``zichtbaar`` holds.

    ``actie`` is the single action's service (atomic itself), so every item commits or
    rolls back on its own."""
    gekozen = controleer_selectie(ids, veld)
    objecten = zichtbaar.in_bulk(gekozen)
    resultaten = []
    for pk in gekozen:
        obj = objecten.get(pk)
        if obj is None:
            resultaten.append(Resultaat(pk, 404, gettext("Niet gevonden.")))
            continue
        try:
            bijgewerkt = actie(obj)
        except (TransitieNietToegestaan, VerouderdeVersie) as fout:
            resultaten.append(Resultaat(pk, 409, str(fout), naam(obj), obj))
        except PermissionDenied as fout:
            melding = str(fout) or gettext("U mag deze actie niet uitvoeren.")
            resultaten.append(Resultaat(pk, 403, melding, naam(obj), obj))
        except ValidationError as fout:
            resultaten.append(Resultaat(pk, 400, fouten_als_tekst(fout), naam(obj), obj))
        else:
            resultaten.append(Resultaat(pk, 200, "", naam(obj), bijgewerkt))
    return resultaten

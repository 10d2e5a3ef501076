"""What goes in the paper: the one home of the paper's rules.

- A response is in the paper once the secretariaat accepted it (:func:`reactie_in_paper`).
- The paper's kernpunten are the kernpunten of those responses that were not merged into
  another one (:func:`kernpunten_in_paper_q`); a merged kernpunt appears under the one it
  was merged into.
- A consultation can be sent once a version of its paper is definitief
  (:func:`heeft_definitief_rapport`), and completed once the ministry recorded what it did
  with every kernpunt of the paper it received (:func:`verwerking_compleet`).

The consultation's transitions ask the last two through ``consultaties.models.PAPERREGELS``,
filled in :meth:`RapportenConfig.ready`: consultaties sits below rapporten in the app graph.
"""

from django.db.models import Exists, OuterRef, Q

from reacties.models import Kernpunt
from reacties.models import Status as ReactieStatus

from .models import Status

#: The state a response has once it is in the paper.
STATUS_IN_PAPER = ReactieStatus.GEACCEPTEERD


def reactie_in_paper(reactie) -> bool:
    return reactie.status == STATUS_IN_PAPER


def reacties_in_paper_q(pad: str = "") -> Q:
    """Responses in the paper, as a condition on the response reached through ``pad``."""
    return Q(**{f"{pad}status": STATUS_IN_PAPER})


#: A kernpunt that stands on its own (not merged into another one).
ZELFSTANDIG_Q = Q(samengevoegd_in__isnull=True)


def kernpunten_in_paper_q(pad: str = "") -> Q:
    """Kernpunten in the paper, as a condition on the kernpunt reached through ``pad``."""
    return reacties_in_paper_q(f"{pad}reactie__") & Q(**{f"{pad}samengevoegd_in__isnull": True})


def met_verwerkingsstand(consultaties):
    """Annotate ``onverwerkte_kernpunten``: the sent paper still has kernpunten without a
    verwerking. Lists use it so that no row costs a query for its allowed actions."""
    onverwerkt = Kernpunt.objects.filter(
        kernpunten_in_paper_q(), reactie__consultatie=OuterRef("pk")
    ).exclude(verwerkingen__rapport__status=Status.VERZONDEN)
    return consultaties.annotate(onverwerkte_kernpunten=Exists(onverwerkt))


def heeft_definitief_rapport(consultatie) -> bool:
    # Lists prefetch ``rapporten`` so that computing the allowed actions per row costs no
    # extra query.
    if "rapporten" in getattr(consultatie, "_prefetched_objects_cache", {}):
        return any(r.is_definitief for r in consultatie.rapporten.all())
    return consultatie.rapporten.definitief().exists()


def verwerking_compleet(consultatie) -> bool:
    """The ministry recorded what it did with every kernpunt of the paper it received
    (nothing changes the paper's kernpunten once it is sent)."""
    if not hasattr(consultatie, "onverwerkte_kernpunten"):
        consultatie.onverwerkte_kernpunten = (
            met_verwerkingsstand(type(consultatie).objects.filter(pk=consultatie.pk))
            .values_list("onverwerkte_kernpunten", flat=True)
            .get()
        )
    return not consultatie.onverwerkte_kernpunten

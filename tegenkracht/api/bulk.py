"""Bulk requests: many items in one call, each carried out by the same service as the
single request and answered per item with the status and problem details that request
would have had.

Atomicity: each item is its own transaction. A refused item (400, 403, 404, 409) changes
nothing and does not stop or undo the others; items run in the order sent. The call as a
whole is refused (and nothing is done) only when the request itself is wrong: not logged
in, the object not visible (404), the role may not act at all (403), or the body is no
list of at most :data:`MAX_ITEMS` objects (400).
"""

from collections.abc import Callable

from django.db import transaction
from django.utils.translation import gettext
from rest_framework import serializers

from .problemen import probleem_voor
from .schema import ProbleemSerializer

#: The most items one call may carry.
MAX_ITEMS = 500


class _LijstInvoer(serializers.Serializer):
    """``{naam: [item, …]}``; the items are validated one by one by the caller."""

    lijst_naam = ""

    def to_internal_value(self, data):
        naam = self.lijst_naam
        if not hasattr(data, "keys"):
            raise serializers.ValidationError(
                {naam: gettext("Stuur een object met een lijst '%(naam)s'.") % {"naam": naam}}
            )
        onbekend = sorted(set(data) - {naam})
        if onbekend:
            raise serializers.ValidationError(
                {s: gettext("'%(naam)s' is geen bekend veld.") % {"naam": s} for s in onbekend}
            )
        items = data.get(naam)
        if not isinstance(items, list) or not items or len(items) > MAX_ITEMS:
            raise serializers.ValidationError(
                {
                    naam: gettext("Stuur een lijst van 1 tot en met %(maximum)s items.")
                    % {"maximum": MAX_ITEMS}
                }
            )
        return {naam: items}


def lijst_van_items(naam: str, item_serializer: type[serializers.Serializer]):
    """The request body ``{naam: [item, …]}``. The schema shows each item's fields; the
    items themselves are validated one by one (in :func:`per_item`), so that one bad item
    is that item's 400, not the whole call's."""
    return type(
        f"{item_serializer.__name__.removesuffix('Serializer')}LijstSerializer",
        (_LijstInvoer,),
        {
            "__doc__": f"Several {naam} in one request, each carried out on its own.",
            "lijst_naam": naam,
            naam: item_serializer(
                many=True, min_length=1, max_length=MAX_ITEMS, help_text="In volgorde uitgevoerd."
            ),
        },
    )


def resultaten_serializer(resultaat_serializer: type[serializers.Serializer]):
    """The response schema: per item its index, status and result or problem."""
    naam = resultaat_serializer.__name__.removesuffix("Serializer")

    item = type(
        f"{naam}BulkItemSerializer",
        (serializers.Serializer,),
        {
            "__doc__": "The result of one item: its status and its result or problem.",
            "index": serializers.IntegerField(
                help_text="De plaats van het item in het verzoek (vanaf 0)."
            ),
            "status": serializers.IntegerField(
                help_text="De HTTP-status die het item als los verzoek zou krijgen."
            ),
            "resultaat": resultaat_serializer(
                required=False, help_text="Bij succes (2xx): het resultaat."
            ),
            "probleem": ProbleemSerializer(
                required=False, help_text="Bij een fout: de problem details van dit item."
            ),
        },
    )
    return type(
        f"{naam}BulkResultatenSerializer",
        (serializers.Serializer,),
        {
            "__doc__": "Per item, in the order sent, what became of it.",
            "resultaten": item(many=True),
            "aantal_gelukt": serializers.IntegerField(),
            "aantal_mislukt": serializers.IntegerField(),
        },
    )


def per_item(items: list, uitvoeren: Callable[[dict], tuple[int, dict]], *, instance: str):
    """Run ``uitvoeren(item) -> (status, data)`` for every item in its own transaction;
    an error the API maps to problem details becomes that item's result. An unexpected
    error (a bug) still fails the call with a 500."""
    resultaten = []
    for index, item in enumerate(items):
        try:
            if not hasattr(item, "keys"):
                raise serializers.ValidationError(gettext("Een item is een object."))
            with transaction.atomic():
                status, data = uitvoeren(item)
        except Exception as fout:
            probleem = probleem_voor(fout)
            if probleem is None:
                raise
            probleem["instance"] = f"{instance}#/{index}"
            resultaten.append({"index": index, "status": probleem["status"], "probleem": probleem})
        else:
            resultaten.append({"index": index, "status": status, "resultaat": data})
    gelukt = sum(1 for r in resultaten if r["status"] < 400)
    return {
        "resultaten": resultaten,
        "aantal_gelukt": gelukt,
        "aantal_mislukt": len(resultaten) - gelukt,
    }

"""What a hertoets reads from the earlier paper: the organisation's kernpunten of its
earlier toets as the sent paper numbered them, each with the ministry's verwerking and the
organisation's marking. reacties asks this through ``reacties.services.hertoets.VORIGE_PAPER``
(filled in ``RapportenConfig.ready``)."""

from reacties.models import KernpuntHertoets, Reactie

from .models import Rapport, Verwerking
from .models import Status as RapportStatus


def eerdere_kernpunten(reactie: Reactie) -> list[dict]:
    """In a hertoets: the kernpunten of the organisation's own earlier toets as the paper
    sent to the ministry about the earlier consultation froze them (number, text), each
    with what the ministry recorded for it (``Verwerking``) and the organisation's current
    marking (``KernpuntHertoets``). Empty for a first toets, or when no paper about the
    earlier consultation was sent (then there is no K-number and no verwerking to judge).
    Three small queries, whatever the number of kernpunten.
    """
    if not reactie.vorige_reactie_id:
        return []
    rapport = (
        Rapport.objects.filter(
            consultatie__reacties=reactie.vorige_reactie_id, status=RapportStatus.VERZONDEN
        )
        .only("pk", "versie", "snapshot")
        .first()
    )
    if rapport is None:
        return []
    kernpunten = [
        k
        for k in rapport.snapshot.get("kernpunten", [])
        if k.get("organisatie", {}).get("id") == reactie.organisatie_id
    ]
    verwerkingen = {
        v.kernpunt_id: v
        for v in Verwerking.objects.filter(
            rapport=rapport, kernpunt_id__in=[k["id"] for k in kernpunten]
        )
    }
    markeringen = {
        h.kernpunt_id: h
        for h in KernpuntHertoets.objects.filter(
            reactie_id=reactie.pk, kernpunt_id__in=[k["id"] for k in kernpunten]
        )
    }
    resultaat = []
    for k in kernpunten:
        verwerking = verwerkingen.get(k["id"])
        markering = markeringen.get(k["id"])
        resultaat.append(
            {
                "id": k["id"],
                "nummer": k.get("nummer", ""),
                "tekst": k["tekst"],
                "dimensie_label": k.get("dimensie_label", ""),
                "ernst_label": k.get("ernst_label", ""),
                "rapport_versie": rapport.versie,
                "verwerking": verwerking.uitkomst if verwerking else "",
                "verwerking_label": verwerking.get_uitkomst_display() if verwerking else "",
                "verwerking_toelichting": verwerking.toelichting if verwerking else "",
                "oordeel": markering.oordeel if markering else "",
                "oordeel_label": markering.get_oordeel_display() if markering else "",
                "toelichting": markering.toelichting if markering else "",
            }
        )
    return resultaat

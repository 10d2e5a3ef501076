"""A hertoets: the organisation's kernpunten of its earlier toets and its markings of them."""

from django.utils.translation import gettext

from tegenkracht.validatie import stuurteken_bericht

from ..models import (
    Herbeoordeling,
    KernpuntHertoets,
    Reactie,
    te_lang,
)


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
    from rapporten.models import Rapport, Verwerking
    from rapporten.models import Status as RapportStatus

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


def _valideer_herbeoordelingen(reactie: Reactie, herbeoordelingen: dict, fouten: dict) -> dict:
    toegestaan = {k["id"] for k in eerdere_kernpunten(reactie)}
    resultaat = {}
    for kernpunt_id, waarden in herbeoordelingen.items():
        try:
            kernpunt_id = int(kernpunt_id)
        except (TypeError, ValueError):
            kernpunt_id = None
        sleutel = f"herbeoordelingen.{kernpunt_id}"
        if kernpunt_id not in toegestaan:
            fouten[sleutel] = gettext(
                "Dit kernpunt hoort niet bij uw eerdere toets in het verzonden position paper."
            )
            continue
        if waarden is not None and not isinstance(waarden, dict):
            fouten[sleutel] = gettext("Geef een oordeel en eventueel een toelichting op.")
            continue
        oordeel = (waarden or {}).get("oordeel") or ""
        if oordeel and oordeel not in Herbeoordeling.values:
            fouten[f"{sleutel}.oordeel"] = gettext(
                "Kies opgelost, deels opgelost of niet opgelost."
            )
            continue
        toelichting = (waarden or {}).get("toelichting") or ""
        if not isinstance(toelichting, str):
            fouten[f"{sleutel}.toelichting"] = gettext("Geef de toelichting als tekst.")
            continue
        if bericht := stuurteken_bericht(toelichting) or te_lang(toelichting, "herbeoordeling"):
            fouten[f"{sleutel}.toelichting"] = bericht
            continue
        if toelichting.strip() and not oordeel:
            fouten[f"{sleutel}.oordeel"] = gettext(
                "Kies opgelost, deels opgelost of niet opgelost bij uw toelichting."
            )
            continue
        resultaat[kernpunt_id] = {"oordeel": oordeel, "toelichting": toelichting}
    return resultaat

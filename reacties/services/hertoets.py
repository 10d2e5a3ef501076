"""A hertoets: the organisation's kernpunten of its earlier toets and its markings of them."""

from django.utils.translation import gettext

from tegenkracht.validatie import stuurteken_bericht

from ..models import (
    Herbeoordeling,
    Reactie,
    te_lang,
)


class VorigePaper:
    """What a hertoets reads from the paper sent to the ministry about the earlier
    consultation. That is rapporten's (``rapporten.hertoets``), which fills this in its
    ``AppConfig.ready``: reacties sits below rapporten in the app graph."""

    def _niet_geregistreerd(self, *args, **kwargs):
        raise RuntimeError("rapporten is niet geïnstalleerd: het vorige paper is onleesbaar.")

    eerdere_kernpunten = vergelijk_met_vorige_toets = _niet_geregistreerd


VORIGE_PAPER = VorigePaper()


def eerdere_kernpunten(reactie: Reactie) -> list[dict]:
    """The organisation's kernpunten of its earlier toets, as the sent paper numbered them,
    with the ministry's verwerking and the current marking (``rapporten.hertoets``)."""
    return VORIGE_PAPER.eerdere_kernpunten(reactie)


def vergelijk_met_vorige_toets(reactie: Reactie, vorige: Reactie) -> dict:
    """What changed against the earlier toets ``vorige``, by the paper's rules
    (``rapporten.snapshot.vergelijk_met_vorige_toets``)."""
    return VORIGE_PAPER.vergelijk_met_vorige_toets(reactie, vorige)


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

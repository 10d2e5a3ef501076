"""Validation of what an organisation writes in its draft: content, assessments, costs,
answers. Every rule once; the form and the API show its messages."""

from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext

from consultaties.models import datum_fout
from tegenkracht.validatie import stuurteken_bericht

from ..models import (
    Dimensie,
    Gevolgen,
    KostenSoort,
    Levensgebeurtenis,
    Reactie,
    te_lang,
)

#: Content fields an organisation edits on its draft.
INHOUD_VELDEN = (
    "eindoordeel",
    "kernboodschap",
    "voorwaarden",
    "risico_procesverstoringen",
    "fte_incidenteel",
    "fte_structureel",
    "invoering_mogelijk_per",
    "doorlooptijd_maanden",
    "beslag_op_portfolio",
    "helpt_burger",
    "burgerperspectief",
    "doenvermogentoets_uitgevoerd",
    "doenvermogen_conclusie",
    "levensgebeurtenissen",
    "aantal_burgers",
    "aantal_bedrijven",
    "prijspeil",
    "ondertekenaar_naam",
    "ondertekenaar_functie",
)


def _decimaal(waarde, veld, fouten):
    if waarde in (None, ""):
        return None
    try:
        getal = Decimal(str(waarde).replace(",", "."))
    except (InvalidOperation, ValueError):
        fouten[veld] = gettext("Vul een getal in.")
        return None
    if not getal.is_finite():  # NaN and Infinity parse, but are no amount
        fouten[veld] = gettext("Vul een getal in.")
        return None
    if getal < 0:
        fouten[veld] = gettext("Vul een getal van 0 of meer in.")
    return getal


def _valideer_inhoud(velden: dict) -> dict:
    fouten = {}
    onbekend = set(velden) - set(INHOUD_VELDEN)
    for veld in onbekend:
        fouten[veld] = gettext("Dit veld bestaat niet of is niet te wijzigen.")
    if "levensgebeurtenissen" in velden:
        waarden = velden["levensgebeurtenissen"] or []
        geldig = set(Levensgebeurtenis.values)
        if not isinstance(waarden, list | tuple) or any(
            not isinstance(w, str) or w not in geldig for w in waarden
        ):
            fouten["levensgebeurtenissen"] = gettext("Kies levensgebeurtenissen uit de lijst.")
        else:
            velden["levensgebeurtenissen"] = sorted(
                set(waarden), key=Levensgebeurtenis.values.index
            )
    for veld in ("fte_incidenteel", "fte_structureel"):
        if veld in velden:
            velden[veld] = _decimaal(velden[veld], veld, fouten)
    if velden.get("invoering_mogelijk_per") not in (None, ""):
        fout = datum_fout(velden["invoering_mogelijk_per"])
        if fout:
            fouten["invoering_mogelijk_per"] = fout
    for veld in (
        "kernboodschap",
        "voorwaarden",
        "beslag_op_portfolio",
        "burgerperspectief",
        "doenvermogen_conclusie",
    ):
        bericht = te_lang(velden[veld], veld) if isinstance(velden.get(veld), str) else None
        if bericht:
            fouten[veld] = bericht
    if "prijspeil" in velden and velden["prijspeil"] not in (None, ""):
        try:
            jaar = int(velden["prijspeil"])
        except (TypeError, ValueError):
            jaar = 0
        if not 2000 <= jaar <= 2100:
            fouten["prijspeil"] = gettext("Geef het prijspeil als jaartal, bijvoorbeeld 2026.")
    return fouten


def _valideer_beoordelingen(beoordelingen: dict, fouten: dict) -> dict:
    resultaat = {}
    for dimensie, waarden in beoordelingen.items():
        if dimensie not in Dimensie.values:
            fouten[f"beoordelingen.{dimensie}"] = gettext("Onbekende dimensie.")
            continue
        if waarden is not None and not isinstance(waarden, dict):
            fouten[f"beoordelingen.{dimensie}"] = gettext("Geef de gevolgen en een toelichting op.")
            continue
        gevolgen = (waarden or {}).get("gevolgen") or ""
        if gevolgen and gevolgen not in Gevolgen.values:
            fouten[f"beoordelingen.{dimensie}.gevolgen"] = gettext("Kies een niveau uit de lijst.")
            continue
        toelichting = (waarden or {}).get("toelichting") or ""
        if bericht := stuurteken_bericht(str(toelichting)) or te_lang(
            str(toelichting), "toelichting"
        ):
            fouten[f"beoordelingen.{dimensie}.toelichting"] = bericht
            continue
        resultaat[dimensie] = {"gevolgen": gevolgen, "toelichting": toelichting}
    return resultaat


def _valideer_kosten(kosten: list, fouten: dict) -> list:
    from ..models import KostenCategorie, KostenJaar

    resultaat = []
    for index, post in enumerate(kosten):
        sleutel = f"kosten.{index}"
        if not isinstance(post, dict):
            fouten[sleutel] = gettext("Geef categorie, soort en bedrag van de kostenpost op.")
            continue
        if post.get("categorie") not in KostenCategorie.values:
            fouten[f"{sleutel}.categorie"] = gettext("Kies een kostencategorie.")
        if post.get("soort") not in KostenSoort.values:
            fouten[f"{sleutel}.soort"] = gettext("Kies incidenteel of structureel.")
        bedrag = _decimaal(post.get("bedrag"), f"{sleutel}.bedrag", fouten)
        if bedrag is None and f"{sleutel}.bedrag" not in fouten:
            fouten[f"{sleutel}.bedrag"] = gettext("Vul een bedrag in euro in.")
        elif bedrag is not None and bedrag >= Decimal("1e12"):
            fouten[f"{sleutel}.bedrag"] = gettext("Dit bedrag is te groot.")
        if bericht := stuurteken_bericht(str(post.get("toelichting") or "")):
            fouten[f"{sleutel}.toelichting"] = bericht
        jaar = post.get("jaar")
        if jaar in ("", None) or post.get("soort") == KostenSoort.STRUCTUREEL:
            jaar = None
        else:
            try:
                jaar = int(jaar)
            except (TypeError, ValueError):
                jaar = -1
            if jaar not in KostenJaar.values:
                fouten[f"{sleutel}.jaar"] = gettext(
                    "Kies het jaar: T (jaar van inwerkingtreding) tot T+4."
                )
        resultaat.append(
            {
                "categorie": post.get("categorie"),
                "soort": post.get("soort"),
                "bedrag": bedrag,
                "jaar": jaar,
                "toelichting": (post.get("toelichting") or "")[:500],
            }
        )
    return resultaat


def _valideer_antwoorden(reactie: Reactie, antwoorden: dict, fouten: dict) -> dict:
    vraag_ids = set(reactie.consultatie.vragen.values_list("pk", flat=True))
    resultaat = {}
    for vraag_id, tekst in antwoorden.items():
        try:
            vraag_id = int(vraag_id)
        except (TypeError, ValueError):
            vraag_id = None
        if vraag_id not in vraag_ids:
            fouten[f"antwoorden.{vraag_id}"] = gettext("Deze vraag hoort niet bij de consultatie.")
            continue
        if bericht := stuurteken_bericht(str(tekst or "")):
            fouten[f"antwoorden.{vraag_id}"] = bericht
            continue
        if bericht := te_lang(tekst, "antwoord"):
            fouten[f"antwoorden.{vraag_id}"] = bericht
            continue
        resultaat[vraag_id] = tekst or ""
    return resultaat

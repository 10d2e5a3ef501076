"""Freezing what a paper shows: ``build_snapshot`` turns the live data of a consultation into
plain JSON. The PDF is rendered from this alone, so a version never changes afterwards.

Labels are frozen with their codes: a later rename of a choice does not rewrite history.
"""

import hashlib
import json
from decimal import Decimal

from django.db.models import Prefetch
from django.utils import timezone

from consultaties.models import Consultatie
from reacties.models import (
    Dimensie,
    Eindoordeel,
    Ernst,
    Gevolgen,
    HulpBurger,
    Kernpunt,
    Levensgebeurtenis,
    Onderschrijving,
    Reactie,
    Risico,
)
from reacties.models import Status as ReactieStatus

SCHEMA_VERSIE = 1


def _datum(waarde):
    return waarde.isoformat() if waarde else None


def _decimaal(waarde):
    return str(waarde) if waarde is not None else None


def _org(organisatie) -> dict:
    return {
        "id": organisatie.pk,
        "naam": organisatie.naam,
        "afkorting": organisatie.afkorting,
        "netwerk": organisatie.netwerk,
    }


def _label(choices, waarde: str) -> str:
    try:
        return choices(waarde).label
    except ValueError:
        return waarde or ""


def _kernpunt(kernpunt: Kernpunt, organisatie) -> dict:
    # Endorsements of kernpunten merged into this one count for it, and so does the
    # organisation that raised the merged duplicate.
    onderschrijvers = {o.organisatie_id: o.organisatie for o in kernpunt.onderschrijvingen.all()}
    for samengevoegd in kernpunt.samengevoegde.all():
        if samengevoegd.reactie.organisatie_id != organisatie.pk:
            onderschrijvers[samengevoegd.reactie.organisatie_id] = samengevoegd.reactie.organisatie
        for o in samengevoegd.onderschrijvingen.all():
            onderschrijvers[o.organisatie_id] = o.organisatie
    onderschrijvers.pop(organisatie.pk, None)
    return {
        "id": kernpunt.pk,
        "organisatie": _org(organisatie),
        "dimensie": kernpunt.dimensie,
        "dimensie_label": _label(Dimensie, kernpunt.dimensie),
        "tekst": kernpunt.tekst,
        "artikel": kernpunt.artikel,
        "voorgestelde_wijziging": kernpunt.voorgestelde_wijziging,
        "ernst": kernpunt.ernst,
        "ernst_label": _label(Ernst, kernpunt.ernst),
        "onderschrijvers": sorted(
            (_org(o) for o in onderschrijvers.values()), key=lambda o: o["naam"]
        ),
    }


def _bijdrage(reactie: Reactie, vragen: dict) -> dict:
    beoordelingen = {b.dimensie: b for b in reactie.beoordelingen.all()}
    return {
        "reactie_id": reactie.pk,
        "organisatie": _org(reactie.organisatie),
        "eindoordeel": reactie.eindoordeel,
        "eindoordeel_label": _label(Eindoordeel, reactie.eindoordeel),
        "kernboodschap": reactie.kernboodschap,
        "voorwaarden": reactie.voorwaarden,
        "risico": reactie.risico_procesverstoringen,
        "risico_label": _label(Risico, reactie.risico_procesverstoringen),
        "fte_incidenteel": _decimaal(reactie.fte_incidenteel),
        "fte_structureel": _decimaal(reactie.fte_structureel),
        "invoering_mogelijk_per": _datum(reactie.invoering_mogelijk_per),
        "doorlooptijd_maanden": reactie.doorlooptijd_maanden,
        "beslag_op_portfolio": reactie.beslag_op_portfolio,
        "helpt_burger": reactie.helpt_burger,
        "helpt_burger_label": _label(HulpBurger, reactie.helpt_burger),
        "burgerperspectief": reactie.burgerperspectief,
        "doenvermogentoets_uitgevoerd": reactie.doenvermogentoets_uitgevoerd,
        "doenvermogen_conclusie": reactie.doenvermogen_conclusie,
        "levensgebeurtenissen": [
            {"code": code, "label": _label(Levensgebeurtenis, code)}
            for code in reactie.levensgebeurtenissen or []
        ],
        "ondertekenaar_naam": reactie.ondertekenaar_naam,
        "ondertekenaar_functie": reactie.ondertekenaar_functie,
        "ingediend_op": _datum(reactie.ingediend_op),
        "beoordelingen": [
            {
                "dimensie": dimensie.value,
                "dimensie_label": dimensie.label,
                "gevolgen": (b.gevolgen if b else ""),
                "gevolgen_label": _label(Gevolgen, b.gevolgen) if b else "",
                "toelichting": b.toelichting if b else "",
                "betrokken_organisaties": sorted(
                    (_org(o) for o in b.betrokken_organisaties.all()), key=lambda o: o["naam"]
                )
                if b
                else [],
            }
            for dimensie in Dimensie
            for b in [beoordelingen.get(dimensie.value)]
        ],
        "kosten": [
            {
                "categorie": k.categorie,
                "categorie_label": k.get_categorie_display(),
                "soort": k.soort,
                "soort_label": k.get_soort_display(),
                "bedrag": _decimaal(k.bedrag),
                "toelichting": k.toelichting,
            }
            for k in reactie.kosten.all()
        ],
        "antwoorden": [
            {"vraag_id": a.vraag_id, "vraag": vragen.get(a.vraag_id, ""), "tekst": a.tekst}
            for a in reactie.antwoorden.all()
        ],
    }


def build_snapshot(consultatie: Consultatie) -> dict:
    """Everything the paper shows, as JSON-ready data. The number of queries does not grow
    with the number of organisations (pinned in the tests)."""
    consultatie = Consultatie.objects.select_related("ministerie", "vorige_consultatie").get(
        pk=consultatie.pk
    )
    vragen = list(consultatie.vragen.all())
    vraagteksten = {v.pk: v.tekst for v in vragen}
    onderschrijvingen = Prefetch(
        "onderschrijvingen", queryset=Onderschrijving.objects.select_related("organisatie")
    )
    reacties = list(
        Reactie.objects.filter(consultatie=consultatie)
        .select_related("organisatie")
        .prefetch_related(
            "beoordelingen__betrokken_organisaties",
            "kosten",
            "antwoorden",
            Prefetch(
                "kernpunten",
                queryset=Kernpunt.objects.filter(samengevoegd_in__isnull=True).prefetch_related(
                    onderschrijvingen,
                    Prefetch(
                        "samengevoegde",
                        queryset=Kernpunt.objects.select_related(
                            "reactie__organisatie"
                        ).prefetch_related(onderschrijvingen),
                    ),
                ),
            ),
        )
        .order_by("organisatie__naam")
    )
    geaccepteerd = [r for r in reacties if r.status == ReactieStatus.GEACCEPTEERD]
    kernpunten = [_kernpunt(k, r.organisatie) for r in geaccepteerd for k in r.kernpunten.all()]
    return {
        "schema": SCHEMA_VERSIE,
        "vastgelegd_op": timezone.now().isoformat(),
        "consultatie": {
            "id": consultatie.pk,
            "kenmerk": consultatie.kenmerk,
            "titel": consultatie.titel,
            "samenvatting": consultatie.samenvatting,
            "instrument": consultatie.instrument,
            "instrument_label": consultatie.get_instrument_display(),
            "ministerie": _org(consultatie.ministerie),
            "beoogde_inwerkingtreding": _datum(consultatie.beoogde_inwerkingtreding),
            "termijn": _datum(consultatie.termijn),
            "internetconsultatie_url": consultatie.internetconsultatie_url,
            "kamerstuk_url": consultatie.kamerstuk_url,
            "vorige_kenmerk": (
                consultatie.vorige_consultatie.kenmerk if consultatie.vorige_consultatie else ""
            ),
        },
        "bestuurlijke_samenvatting": consultatie.bestuurlijke_samenvatting,
        "aanbevelingen": consultatie.aanbevelingen,
        "vragen": [{"id": v.pk, "volgorde": v.volgorde, "tekst": v.tekst} for v in vragen],
        "bijdragen": [_bijdrage(r, vraagteksten) for r in geaccepteerd],
        "kernpunten": kernpunten,
        "uitgenodigd": [
            {
                "organisatie": _org(r.organisatie),
                "status": r.status,
                "status_label": r.get_status_display(),
                "afzien_reden": r.afzien_reden if r.status == ReactieStatus.AFGEZIEN else "",
                "ingediend_op": _datum(r.ingediend_op),
            }
            for r in reacties
        ],
    }


def canonieke_json(snapshot: dict) -> bytes:
    return json.dumps(
        snapshot, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str
    ).encode("utf-8")


def inhoud_hash(snapshot: dict) -> str:
    """The content hash printed in the colophon (the PDF cannot contain its own hash)."""
    return hashlib.sha256(canonieke_json(snapshot)).hexdigest()


def decimaal(waarde) -> Decimal:
    return Decimal(waarde) if waarde not in (None, "") else Decimal(0)

"""Freezing what a paper shows: ``build_snapshot`` turns the live data of a consultation into
plain JSON. The PDF is rendered from this alone, so a version never changes afterwards.

Labels are frozen with their codes: a later rename of a choice does not rewrite history.
"""

import hashlib
import json
from decimal import Decimal

from django.db.models import Prefetch
from django.utils import timezone, translation

from consultaties.models import Consultatie
from kern.keuzelabels import keuzelabel
from reacties.models import (
    INGEDIENDE_STATUSSEN,
    Beoordeling,
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

from .models import Ondertekenaar, OndertekenaarRol, Rapport
from .models import Status as RapportStatus
from .regels import ZELFSTANDIG_Q, reactie_in_paper, reacties_in_paper_q
from .vergelijking import beschrijf, vergelijk_bijdragen

#: 2: kernpunten carry their number (K1, K2, …), the letter's signatories, the ministry's
#: reference, cost years, price level and the estimated number of citizens and businesses.
SCHEMA_VERSIE = 2

#: Severity order for numbering and ranking kernpunten (most severe first).
ERNST_VOLGORDE = {Ernst.ZWAARWEGEND: 0, Ernst.BELANGRIJK: 1, Ernst.AANDACHTSPUNT: 2}

#: Where a re-toets's comparison read the earlier toets from.
BRON_VERZONDEN_RAPPORT = "verzonden_rapport"
BRON_REACTIES = "reacties"


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
    return keuzelabel(choices, waarde, waarde or "")


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


# The paper is Dutch (lang="nl") whatever language the request that freezes it uses.
@translation.override("nl")
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
        "aantal_burgers": reactie.aantal_burgers,
        "aantal_bedrijven": reactie.aantal_bedrijven,
        "prijspeil": reactie.prijspeil,
        "ondertekenaar_naam": reactie.ondertekenaar_naam,
        "ondertekenaar_functie": reactie.ondertekenaar_functie,
        "ingediend_op": _datum(reactie.ingediend_op),
        "beoordelingen": [
            {
                "dimensie": dimensie.value,
                "dimensie_label": str(dimensie.label),
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
                "jaar": k.jaar,
                "toelichting": k.toelichting,
            }
            for k in reactie.kosten.all()
        ],
        "antwoorden": [
            {"vraag_id": a.vraag_id, "vraag": vragen.get(a.vraag_id, ""), "tekst": a.tekst}
            for a in reactie.antwoorden.all()
        ],
    }


def _met_inhoud(reacties):
    """Everything ``_bijdrage`` reads, in a fixed number of queries."""
    return reacties.select_related("organisatie").prefetch_related(
        "beoordelingen__betrokken_organisaties", "kosten", "antwoorden"
    )


def bijdrage_gegevens(reactie: Reactie) -> dict:
    """One response as the paper would freeze it, read now (for comparing on its page)."""
    return _bijdrage(_met_inhoud(Reactie.objects.filter(pk=reactie.pk)).get(), {})


def vorige_bijdragen(consultatie_id: int, *, organisatie_id: int | None = None) -> dict:
    """The contributions to an earlier toets, keyed by organisation id (only
    ``organisatie_id``'s when given).

    Read from the paper sent to the ministry where there is one, since that is what the
    ministry saw; otherwise from the responses the organisations submitted, as they are now.
    A fixed number of queries, whatever the number of organisations.
    """
    rapport = (
        Rapport.objects.filter(consultatie_id=consultatie_id, status=RapportStatus.VERZONDEN)
        .only("pk", "versie", "snapshot")
        .first()
    )
    kernpunten = []
    if rapport is not None:
        bron, rapport_versie = BRON_VERZONDEN_RAPPORT, rapport.versie
        kernpunten = rapport.snapshot.get("kernpunten", [])
        bijdragen = {b["organisatie"]["id"]: b for b in rapport.snapshot.get("bijdragen", [])}
        if organisatie_id is not None:
            bijdragen = {k: v for k, v in bijdragen.items() if k == organisatie_id}
    else:
        bron, rapport_versie = BRON_REACTIES, None
        reacties = Reactie.objects.filter(
            consultatie_id=consultatie_id, status__in=INGEDIENDE_STATUSSEN
        )
        if organisatie_id is not None:
            reacties = reacties.filter(organisatie_id=organisatie_id)
        bijdragen = {r.organisatie_id: _bijdrage(r, {}) for r in _met_inhoud(reacties)}
    return {
        "bron": bron,
        "rapport_versie": rapport_versie,
        "bijdragen": bijdragen,
        # The sent paper's numbered kernpunten (for the hertoets markings), else none.
        "rapport_id": rapport.pk if rapport is not None else None,
        "kernpunten": kernpunten,
    }


def vergelijk_met_vorige_toets(reactie: Reactie, vorige: Reactie) -> dict:
    """A re-toets response against the organisation's earlier toets ``vorige``, by the same
    rules and from the same source as the paper, so drafters see on the response page what
    they changed. The response is read as it is now."""
    bron = vorige_bijdragen(vorige.consultatie_id, organisatie_id=reactie.organisatie_id)
    eerder = bron["bijdragen"].get(reactie.organisatie_id)
    wijzigingen = vergelijk_bijdragen(eerder, bijdrage_gegevens(reactie)) if eerder else []
    return {
        "vorige_consultatie": vorige.consultatie,
        "bron": bron["bron"],
        "rapport_versie": bron["rapport_versie"],
        "eerder_bijgedragen": eerder is not None,
        "wijzigingen": wijzigingen,
        "samenvatting": beschrijf(wijzigingen),
    }


def _herbeoordelingen(vorige: dict, geaccepteerd: list[Reactie]) -> list[dict]:
    """Per kernpunt of the earlier paper sent to the ministry, raised by an organisation
    that contributes to this re-toets: the organisation's marking in its re-toets
    (opgelost / deels / niet opgelost) next to what the ministry recorded for it. Only
    short fields; the kernpunt's full text lives in the earlier paper. ``vorige`` is what
    ``vorige_bijdragen`` read; two more queries, none without a sent paper."""
    from reacties.models import KernpuntHertoets

    from .models import Verwerking

    if vorige["rapport_id"] is None:
        return []
    nu = {r.organisatie_id: r for r in geaccepteerd}
    kernpunten = [k for k in vorige["kernpunten"] if k["organisatie"]["id"] in nu]
    if not kernpunten:
        return []
    ids = [k["id"] for k in kernpunten]
    verwerkingen = {
        v.kernpunt_id: v
        for v in Verwerking.objects.filter(rapport_id=vorige["rapport_id"], kernpunt_id__in=ids)
    }
    markeringen = {
        (h.reactie_id, h.kernpunt_id): h
        for h in KernpuntHertoets.objects.filter(
            reactie_id__in=[r.pk for r in geaccepteerd], kernpunt_id__in=ids
        )
    }
    rijen = []
    for k in kernpunten:
        verwerking = verwerkingen.get(k["id"])
        markering = markeringen.get((nu[k["organisatie"]["id"]].pk, k["id"]))
        rijen.append(
            {
                "kernpunt": k["id"],
                "nummer": k.get("nummer", ""),
                "organisatie": k["organisatie"],
                "tekst": k["tekst"],
                "verwerking": verwerking.uitkomst if verwerking else "",
                "verwerking_label": verwerking.get_uitkomst_display() if verwerking else "",
                "oordeel": markering.oordeel if markering else "",
                "oordeel_label": markering.get_oordeel_display() if markering else "",
                "toelichting": markering.toelichting if markering else "",
            }
        )
    return rijen


def _hertoets(consultatie: Consultatie, bijdragen: list[dict], reacties: list[Reactie]) -> dict:
    """Per contribution what changed against the organisation's earlier toets, and who
    contributes now but did not then, or did then but not now."""
    vorige = vorige_bijdragen(consultatie.vorige_consultatie_id)
    eerder = vorige["bijdragen"]
    nu = {b["organisatie"]["id"] for b in bijdragen}
    uitgenodigd = {r.organisatie_id: r for r in reacties}
    niet_meer = []
    for organisatie_id, oud in eerder.items():
        if organisatie_id in nu:
            continue
        reactie = uitgenodigd.get(organisatie_id)
        niet_meer.append(
            {
                "organisatie": _org(reactie.organisatie) if reactie else oud["organisatie"],
                "status": reactie.publieke_status if reactie else "",
                "status_label": reactie.publieke_status_label if reactie else "Niet uitgenodigd",
            }
        )
    return {
        "vorige_consultatie": {
            "id": consultatie.vorige_consultatie.pk,
            "kenmerk": consultatie.vorige_consultatie.kenmerk,
            "titel": consultatie.vorige_consultatie.titel,
        },
        "bron": vorige["bron"],
        "rapport_versie": vorige["rapport_versie"],
        "bijdragen": [
            {
                "organisatie": b["organisatie"],
                "wijzigingen": vergelijk_bijdragen(eerder[b["organisatie"]["id"]], b),
            }
            for b in bijdragen
            if b["organisatie"]["id"] in eerder
        ],
        "nieuw": [b["organisatie"] for b in bijdragen if b["organisatie"]["id"] not in eerder],
        "niet_meer": sorted(niet_meer, key=lambda n: n["organisatie"]["naam"]),
        "kernpunten": _herbeoordelingen(vorige, [r for r in reacties if reactie_in_paper(r)]),
    }


@translation.override("nl")
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
        _met_inhoud(Reactie.objects.filter(consultatie=consultatie))
        .prefetch_related(
            Prefetch(
                "kernpunten",
                queryset=Kernpunt.objects.filter(ZELFSTANDIG_Q).prefetch_related(
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
    geaccepteerd = [r for r in reacties if reactie_in_paper(r)]
    kernpunten = nummer_kernpunten(
        [_kernpunt(k, r.organisatie) for r in geaccepteerd for k in r.kernpunten.all()]
    )
    bijdragen = [_bijdrage(r, vraagteksten) for r in geaccepteerd]
    return {
        "schema": SCHEMA_VERSIE,
        "vastgelegd_op": timezone.now().isoformat(),
        "consultatie": {
            "id": consultatie.pk,
            "kenmerk": consultatie.kenmerk,
            "kenmerk_ministerie": consultatie.kenmerk_ministerie,
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
        "ondertekening": _ondertekening({b["organisatie"]["netwerk"] for b in bijdragen}),
        "bestuurlijke_samenvatting": consultatie.bestuurlijke_samenvatting,
        "aanbevelingen": consultatie.aanbevelingen,
        "vragen": [{"id": v.pk, "volgorde": v.volgorde, "tekst": v.tekst} for v in vragen],
        "bijdragen": bijdragen,
        "kernpunten": kernpunten,
        "uitgenodigd": [
            {
                "organisatie": _org(r.organisatie),
                # The paper goes to the ministry: public states only, never an internal
                # step such as a response returned after closing.
                "status": r.publieke_status,
                "status_label": r.publieke_status_label,
                "afzien_reden": r.afzien_reden if r.status == ReactieStatus.AFGEZIEN else "",
                "ingediend_op": _datum(r.ingediend_op),
            }
            for r in reacties
        ],
        # Only for a re-toets (nota van wijziging, amendement): what changed since then.
        "hertoets": (
            _hertoets(consultatie, bijdragen, reacties) if consultatie.vorige_consultatie else None
        ),
    }


def verschillen_gegevens(consultatie: Consultatie) -> dict:
    """The part of ``build_snapshot`` that ``analyse.verschillen`` reads, per contributing
    organisation: its name, verdict and assessments. The secretaris's page of a closed
    consultation flags disagreement on every view; building the whole snapshot for that
    (texts, costs, kernpunten, endorsements) cost 150-300 ms. Two queries, whatever the
    number of organisations, of plain values (no model instance per assessment); a test
    checks it gives the same ``verschillen`` as the snapshot."""
    reacties = list(
        Reactie.objects.filter(reacties_in_paper_q(), consultatie=consultatie)
        .order_by("organisatie__naam")
        .values_list(
            "pk",
            "eindoordeel",
            "organisatie_id",
            "organisatie__naam",
            "organisatie__afkorting",
            "organisatie__netwerk",
        )
    )
    per_reactie = {r[0]: {} for r in reacties}
    if reacties:
        # In the model's order, as the prefetch had it: the last of a dimension counts.
        # (Said as the response's key, not the response: that joined the response, its
        # consultation and organisation only to sort.)
        for reactie_id, dimensie, gevolgen, toelichting in (
            Beoordeling.objects.filter(reactie_id__in=per_reactie)
            .order_by("reactie_id", "pk")
            .values_list("reactie_id", "dimensie", "gevolgen", "toelichting")
        ):
            per_reactie[reactie_id][dimensie] = (gevolgen, toelichting)
    gevolgen_labels = {waarde: str(label) for waarde, label in Gevolgen.choices}
    dimensies = [(d.value, d.label) for d in Dimensie]
    bijdragen = []
    for reactie_id, eindoordeel, org_id, naam, afkorting, netwerk in reacties:
        per_dimensie = per_reactie[reactie_id]
        bijdragen.append(
            {
                "reactie_id": reactie_id,
                "organisatie": {
                    "id": org_id,
                    "naam": naam,
                    "afkorting": afkorting,
                    "netwerk": netwerk,
                },
                "eindoordeel": eindoordeel,
                "eindoordeel_label": _label(Eindoordeel, eindoordeel),
                "beoordelingen": [
                    {
                        "dimensie": dimensie,
                        "dimensie_label": label,
                        "gevolgen": b[0] if b else "",
                        "gevolgen_label": gevolgen_labels.get(b[0], b[0] or "") if b else "",
                        "toelichting": b[1] if b else "",
                    }
                    for dimensie, label in dimensies
                    for b in [per_dimensie.get(dimensie)]
                ],
            }
        )
    return {"bijdragen": bijdragen}


def nummer_kernpunten(kernpunten: list[dict]) -> list[dict]:
    """Number the kernpunten K1, K2, … in the order the paper lists them: by dimension (in
    the order of the toets), then by severity (zwaarwegend first), then by support (the
    raising organisation plus its endorsers, most first), then by organisation name and id
    so that equal points keep a fixed order. Frozen in the snapshot, the numbers never
    change once the version is definitief."""
    dimensies = list(Dimensie.values)
    geordend = sorted(
        kernpunten,
        key=lambda k: (
            dimensies.index(k["dimensie"]) if k["dimensie"] in dimensies else len(dimensies),
            ERNST_VOLGORDE.get(k["ernst"], len(ERNST_VOLGORDE)),
            -len(k["onderschrijvers"]),
            k["organisatie"]["naam"],
            k["id"],
        ),
    )
    return [{**k, "nummer": f"K{n}"} for n, k in enumerate(geordend, start=1)]


def kernpuntnummers(snapshot: dict) -> dict[int, str]:
    """Kernpunt id → its number in this version ("" for versions frozen before numbers)."""
    return {k["id"]: k.get("nummer", "") for k in snapshot.get("kernpunten", [])}


def _persoon(o: Ondertekenaar) -> dict:
    return {
        "naam": o.naam,
        "functie": o.functie,
        "organisatie": o.organisatie,
        "netwerk": o.netwerk,
        "email": o.email,
        "telefoon": o.telefoon,
    }


def _ondertekening(netwerken: set[str]) -> dict:
    """Who signs the letter: the active chairs of the networks whose members contribute
    (a chair without a network signs always), and the active contact persons."""
    personen = list(Ondertekenaar.objects.filter(actief=True))
    return {
        "voorzitters": [
            _persoon(o)
            for o in personen
            if o.rol == OndertekenaarRol.VOORZITTER and (not o.netwerk or o.netwerk in netwerken)
        ],
        "contactpersonen": [
            _persoon(o) for o in personen if o.rol == OndertekenaarRol.CONTACTPERSOON
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

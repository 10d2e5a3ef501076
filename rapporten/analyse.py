"""What the paper concludes from a snapshot: counts, totals, the impact matrix, the earliest
common implementation date and where organisations disagree. Pure functions of the
snapshot, so a version's figures can never drift from its frozen content."""

from collections import Counter
from datetime import date
from decimal import Decimal

from kern.keuzelabels import keuzelabel
from reacties.models import (
    Dimensie,
    Eindoordeel,
    Gevolgen,
    HulpBurger,
    KostenCategorie,
    KostenJaar,
    KostenSoort,
    Levensgebeurtenis,
    Risico,
)

from .snapshot import BRON_VERZONDEN_RAPPORT, decimaal
from .vergelijking import beschrijf

#: Distance between levels; ``nvt`` against ``ingrijpend`` is the sharpest divergence.
NIVEAU = {"nvt": 0, "beperkt": 1, "middelgroot": 2, "ingrijpend": 3}
POSITIEF = {Eindoordeel.UITVOERBAAR, Eindoordeel.ONDER_VOORWAARDEN}


def oordelen(snapshot: dict) -> list[dict]:
    telling = Counter(b["eindoordeel"] for b in snapshot["bijdragen"])
    return [
        {"code": e.value, "label": str(e.label), "aantal": telling.get(e.value, 0)}
        for e in Eindoordeel
    ]


def hertoets(snapshot: dict) -> dict | None:
    """For a re-toets, what changed since the earlier toets: one plain sentence per
    organisation and the rows of the before/after table. ``None`` for a first toets."""
    gegevens = snapshot.get("hertoets")
    if not gegevens:
        return None
    organisaties = []
    rijen = []
    for bijdrage in gegevens["bijdragen"]:
        afkorting = bijdrage["organisatie"]["afkorting"]
        wijzigingen = bijdrage["wijzigingen"]
        organisaties.append(
            {
                "organisatie": bijdrage["organisatie"],
                "wijzigingen": wijzigingen,
                "zin": f"{afkorting}: {beschrijf(wijzigingen)}.",
            }
        )
        rijen.extend({"organisatie": bijdrage["organisatie"], **w} for w in wijzigingen)
    vorige = gegevens["vorige_consultatie"]
    if gegevens["bron"] == BRON_VERZONDEN_RAPPORT:
        bron = (
            f"Vergeleken met versie {gegevens['rapport_versie']} van het position paper over "
            f"{vorige['kenmerk']}, zoals het ministerie die heeft ontvangen."
        )
    else:
        bron = (
            f"Over {vorige['kenmerk']} is geen position paper verzonden; vergeleken met de "
            "toetsen die de organisaties toen hebben ingediend."
        )
    return {
        "vorige": vorige,
        "bron": bron,
        "organisaties": organisaties,
        "rijen": rijen,
        "gewijzigd": sum(1 for o in organisaties if o["wijzigingen"]),
        "eindoordeel_gewijzigd": [
            o["organisatie"]["afkorting"]
            for o in organisaties
            if any(w["onderdeel"] == "eindoordeel" for w in o["wijzigingen"])
        ],
        "nieuw": gegevens["nieuw"],
        "niet_meer": gegevens["niet_meer"],
        **_herbeoordeling(gegevens.get("kernpunten") or []),
    }


HERBEOORDELING_VOLGORDE = (
    ("opgelost", "opgelost"),
    ("deels_opgelost", "deels opgelost"),
    ("niet_opgelost", "niet opgelost"),
    ("", "niet beoordeeld"),
)


def _herbeoordeling(kernpunten: list[dict]) -> dict:
    """The earlier kernpunten with the organisations' markings, and one sentence counting
    them ("3 opgelost, 1 deels opgelost, 1 niet opgelost")."""
    telling = Counter(k.get("oordeel") or "" for k in kernpunten)
    delen = [f"{telling[code]} {label}" for code, label in HERBEOORDELING_VOLGORDE if telling[code]]
    return {"kernpunten": kernpunten, "kernpunten_telling": ", ".join(delen)}


def risicos(snapshot: dict) -> list[dict]:
    telling = Counter(b["risico"] for b in snapshot["bijdragen"])
    rijen = [
        {"code": r.value, "label": str(r.label), "aantal": telling.get(r.value, 0)} for r in Risico
    ]
    if telling.get("", 0):
        rijen.append({"code": "", "label": "Niet ingevuld", "aantal": telling[""]})
    return rijen


def impactmatrix(snapshot: dict) -> dict:
    """Organisations × dimensions with the level written out, and per dimension the count
    of organisations that rate it ``ingrijpend``."""
    dimensies = [{"code": d.value, "label": str(d.label)} for d in Dimensie]
    rijen = []
    ingrijpend = Counter()
    for bijdrage in snapshot["bijdragen"]:
        per_dimensie = {b["dimensie"]: b for b in bijdrage["beoordelingen"]}
        cellen = []
        for d in Dimensie:
            b = per_dimensie.get(d.value) or {}
            cellen.append({"code": b.get("gevolgen", ""), "label": b.get("gevolgen_label") or "—"})
            if b.get("gevolgen") == Gevolgen.INGRIJPEND:
                ingrijpend[d.value] += 1
        rijen.append({"organisatie": bijdrage["organisatie"], "cellen": cellen})
    return {
        "dimensies": dimensies,
        "rijen": rijen,
        "ingrijpend": [ingrijpend.get(d.value, 0) for d in Dimensie],
    }


#: Dimensions that judge the proposal itself, the same for every organisation: the burden
#: on citizens, enforceability, fraud resistance, complexity, legal quality, privacy. Two
#: organisations that are both affected and rate such an effect "beperkt" against
#: "ingrijpend" contradict each other. On the other dimensions (their own systems, staff,
#: lead time, chain) organisations are simply affected differently.
GEDEELDE_DIMENSIES = (
    Dimensie.BURGERS_EN_BEDRIJVEN,
    Dimensie.HANDHAAFBAARHEID,
    Dimensie.FRAUDEBESTENDIGHEID,
    Dimensie.COMPLEXITEIT,
    Dimensie.JURIDISCH,
    Dimensie.PRIVACY,
)


def kort(tekst: str, maximum: int = 220) -> str:
    """The first sentence of ``tekst``, cut at a word boundary to ``maximum`` characters."""
    tekst = " ".join((tekst or "").split())
    for einde in (". ", "? ", "! "):
        positie = tekst.find(einde)
        if 0 < positie < maximum:
            return tekst[: positie + 1]
    if len(tekst) <= maximum:
        return tekst
    return tekst[:maximum].rsplit(" ", 1)[0].rstrip(",;:") + " …"


def _reden(organisatie: dict, beoordeling: dict) -> dict:
    return {
        "organisatie": organisatie,
        "gevolgen": beoordeling.get("gevolgen", ""),
        "gevolgen_label": beoordeling.get("gevolgen_label", ""),
        "toelichting": kort(beoordeling.get("toelichting", "")),
    }


def verschillen(snapshot: dict) -> dict:
    """Disagreement the secretaris must reconcile or explain, with the reasoning shown.

    Reads of each contribution only ``organisatie`` (naam, afkorting), ``eindoordeel`` and
    ``beoordelingen`` (dimensie, gevolgen, toelichting), so callers may pass a lighter
    structure than a whole snapshot.

    - ``oordeel``: conflicting verdicts (uitvoerbaar, possibly under conditions, against
      niet uitvoerbaar), with per organisation on the negative side the dimensions it rates
      ingrijpend and why.
    - ``dimensies``: contradicting judgements of the same effect: on a dimension that judges
      the proposal itself (``GEDEELDE_DIMENSIES``), organisations that are both affected
      rate it beperkt and ingrijpend; each side's toelichting is shown.
    - ``verschillend_geraakt``: not a disagreement: one organisation sees no effect (nvt),
      another a drastic one, on any dimension. Listed for information only.
    """
    bijdragen = snapshot["bijdragen"]
    positief = [b["organisatie"]["afkorting"] for b in bijdragen if b["eindoordeel"] in POSITIEF]
    negatief = [b for b in bijdragen if b["eindoordeel"] == Eindoordeel.NIET_UITVOERBAAR]
    oordeel = None
    if positief and negatief:
        oordeel = {
            "uitvoerbaar": positief,
            "niet_uitvoerbaar": [b["organisatie"]["afkorting"] for b in negatief],
            "redenen": [
                {
                    "organisatie": b["organisatie"],
                    "dimensies": [
                        {"label": _label_dimensie(bo["dimensie"]), **_reden(b["organisatie"], bo)}
                        for bo in b["beoordelingen"]
                        if bo.get("gevolgen") == Gevolgen.INGRIJPEND
                    ],
                }
                for b in negatief
            ],
        }
    # (organisatie, beoordeling) per dimension and level, in one pass over the
    # contributions (not one per dimension); the reasons (shortened texts) only for the
    # dimensions that are shown with them: the page computes this on every view.
    per_dimensie = {d.value: {niveau: [] for niveau in NIVEAU} for d in Dimensie}
    for bijdrage in bijdragen:
        for b in bijdrage["beoordelingen"]:
            per_niveau = per_dimensie.get(b["dimensie"])
            if per_niveau is not None and b.get("gevolgen") in per_niveau:
                per_niveau[b["gevolgen"]].append((bijdrage["organisatie"], b))
    dimensies, verschillend_geraakt = [], []
    for d in Dimensie:
        per_niveau = per_dimensie[d.value]
        laag, hoog = per_niveau[Gevolgen.BEPERKT], per_niveau[Gevolgen.INGRIJPEND]
        if d in GEDEELDE_DIMENSIES and laag and hoog:
            dimensies.append(
                {
                    "label": str(d.label),
                    "code": d.value,
                    "beperkt": [_reden(o, b) for o, b in laag],
                    "ingrijpend": [_reden(o, b) for o, b in hoog],
                }
            )
        if per_niveau[Gevolgen.NVT] and hoog:
            verschillend_geraakt.append(
                {
                    "label": str(d.label),
                    "nvt": [o["afkorting"] for o, _b in per_niveau[Gevolgen.NVT]],
                    "ingrijpend": [o["afkorting"] for o, _b in hoog],
                }
            )
    return {
        "oordeel": oordeel,
        "dimensies": dimensies,
        "verschillend_geraakt": verschillend_geraakt,
        "aanwezig": bool(oordeel or dimensies),
    }


def _label_dimensie(code: str) -> str:
    return keuzelabel(Dimensie, code, code)


def kosten(snapshot: dict) -> dict:
    """Costs per organisation and category, incidenteel and structureel, with fte and totals."""
    categorieen = [{"code": c.value, "label": str(c.label)} for c in KostenCategorie]
    soorten = [s.value for s in KostenSoort]
    rijen = []
    totaal = {(c.value, s): Decimal(0) for c in KostenCategorie for s in soorten}
    fte_totaal = {"incidenteel": Decimal(0), "structureel": Decimal(0)}
    for bijdrage in snapshot["bijdragen"]:
        bedragen = {(c.value, s): Decimal(0) for c in KostenCategorie for s in soorten}
        for post in bijdrage["kosten"]:
            bedragen[(post["categorie"], post["soort"])] += decimaal(post["bedrag"])
        for sleutel, bedrag in bedragen.items():
            totaal[sleutel] += bedrag
        fte_inc = decimaal(bijdrage["fte_incidenteel"])
        fte_str = decimaal(bijdrage["fte_structureel"])
        fte_totaal["incidenteel"] += fte_inc
        fte_totaal["structureel"] += fte_str
        rijen.append(
            {
                "organisatie": bijdrage["organisatie"],
                "incidenteel": [bedragen[(c.value, "incidenteel")] for c in KostenCategorie],
                "structureel": [bedragen[(c.value, "structureel")] for c in KostenCategorie],
                "totaal_incidenteel": sum(
                    (bedragen[(c.value, "incidenteel")] for c in KostenCategorie), Decimal(0)
                ),
                "totaal_structureel": sum(
                    (bedragen[(c.value, "structureel")] for c in KostenCategorie), Decimal(0)
                ),
                "fte_incidenteel": bijdrage["fte_incidenteel"],
                "fte_structureel": bijdrage["fte_structureel"],
            }
        )
    return {
        "categorieen": categorieen,
        "rijen": rijen,
        "totaal_incidenteel": [totaal[(c.value, "incidenteel")] for c in KostenCategorie],
        "totaal_structureel": [totaal[(c.value, "structureel")] for c in KostenCategorie],
        "som_incidenteel": sum(
            (totaal[(c.value, "incidenteel")] for c in KostenCategorie), Decimal(0)
        ),
        "som_structureel": sum(
            (totaal[(c.value, "structureel")] for c in KostenCategorie), Decimal(0)
        ),
        "fte_incidenteel": fte_totaal["incidenteel"],
        "fte_structureel": fte_totaal["structureel"],
    }


def invoering(snapshot: dict) -> dict:
    """The earliest date at which every contributing organisation can implement, against the
    beoogde inwerkingtreding, with a conclusion in plain words."""
    rijen = []
    data = []
    onbekend = []
    for bijdrage in snapshot["bijdragen"]:
        per = bijdrage["invoering_mogelijk_per"]
        rijen.append(
            {
                "organisatie": bijdrage["organisatie"],
                "per": date.fromisoformat(per) if per else None,
                "doorlooptijd_maanden": bijdrage["doorlooptijd_maanden"],
                "beslag_op_portfolio": bijdrage["beslag_op_portfolio"],
            }
        )
        if per:
            data.append(date.fromisoformat(per))
        else:
            onbekend.append(bijdrage["organisatie"]["afkorting"])
    beoogd_tekst = snapshot["consultatie"]["beoogde_inwerkingtreding"]
    beoogd = date.fromisoformat(beoogd_tekst) if beoogd_tekst else None
    vroegst = max(data) if data else None
    te_laat = sorted(
        (r for r in rijen if r["per"] and beoogd and r["per"] > beoogd),
        key=lambda r: r["per"],
        reverse=True,
    )
    haalbaar = None if vroegst is None or beoogd is None else vroegst <= beoogd
    return {
        "rijen": rijen,
        "vroegst_gezamenlijk": vroegst,
        "beoogd": beoogd,
        "haalbaar": haalbaar,
        "te_laat": te_laat,
        "onbekend": onbekend,
    }


def nummer_van(kernpunt: dict) -> int:
    nummer = kernpunt.get("nummer", "")
    return int(nummer[1:]) if nummer[1:].isdigit() else 0


def kernpunten_per_dimensie(snapshot: dict) -> list[dict]:
    """Per dimension its kernpunten in number order (the order ``nummer_kernpunten`` froze:
    severity, then support)."""
    groepen = []
    for d in Dimensie:
        punten = [k for k in snapshot["kernpunten"] if k["dimensie"] == d.value]
        if punten:
            punten.sort(key=lambda k: (nummer_van(k), -len(k["onderschrijvers"]), k["id"]))
            groepen.append({"label": str(d.label), "kernpunten": punten})
    return groepen


def steun(kernpunt: dict) -> int:
    """The organisations that carry a kernpunt: the one that raised it and its endorsers."""
    return 1 + len(kernpunt["onderschrijvers"])


def _rang(kernpunt: dict) -> tuple:
    # Severity first, so a severe point raised by one (small) organisation is never ranked
    # below a lighter point many organisations endorse; support only orders points of the
    # same severity.
    from .snapshot import ERNST_VOLGORDE

    return (ERNST_VOLGORDE.get(kernpunt["ernst"], 9), -steun(kernpunt), nummer_van(kernpunt))


def belangrijkste_kernpunten(snapshot: dict, *, aantal: int = 5, minimaal: int = 3) -> list:
    """The 3–5 most important kernpunten for "In het kort": every zwaarwegend point up to
    ``aantal``, filled up to ``minimaal`` with the next ones by severity and support."""
    geordend = sorted(snapshot["kernpunten"], key=_rang)
    zwaar = [k for k in geordend if k["ernst"] == "zwaarwegend"]
    gekozen = zwaar[:aantal]
    for k in geordend:
        if len(gekozen) >= minimaal:
            break
        if k not in gekozen:
            gekozen.append(k)
    return gekozen


NETWERKEN = ("Manifestgroep", "KleinLef", "RBB Groep", "overig")


def per_netwerk(snapshot: dict, *, punten: int = 2) -> list[dict]:
    """Participation and the strongest kernpunten per network, so the points of smaller
    organisations (KleinLef) are heard next to those of the large ones."""
    uitgenodigd = Counter(
        u["organisatie"].get("netwerk", "overig") for u in snapshot["uitgenodigd"]
    )
    bijgedragen = Counter(b["organisatie"].get("netwerk", "overig") for b in snapshot["bijdragen"])
    rijen = []
    for netwerk in NETWERKEN:
        if not uitgenodigd.get(netwerk):
            continue
        eigen = sorted(
            (k for k in snapshot["kernpunten"] if k["organisatie"].get("netwerk") == netwerk),
            key=_rang,
        )
        rijen.append(
            {
                "netwerk": "Overig" if netwerk == "overig" else netwerk,
                "uitgenodigd": uitgenodigd[netwerk],
                "bijgedragen": bijgedragen.get(netwerk, 0),
                "kernpunten": eigen[:punten],
            }
        )
    return rijen


def gezamenlijk_oordeel(snapshot: dict) -> dict:
    """The joint verdict in one sentence: the heaviest verdict any organisation gives,
    with how many give it (a joint reaction does not average a 'niet uitvoerbaar' away)."""
    telling = Counter(b["eindoordeel"] for b in snapshot["bijdragen"])
    totaal = len(snapshot["bijdragen"])
    if telling.get(Eindoordeel.NIET_UITVOERBAAR):
        kop = "Niet uitvoerbaar in de huidige vorm"
        zin = (
            f"{telling[Eindoordeel.NIET_UITVOERBAAR]} van de {totaal} organisaties achten het "
            "voorstel niet uitvoerbaar."
        )
    elif telling.get(Eindoordeel.ONDER_VOORWAARDEN):
        kop = "Uitvoerbaar onder voorwaarden"
        zin = (
            f"{telling[Eindoordeel.ONDER_VOORWAARDEN]} van de {totaal} organisaties stellen "
            "voorwaarden aan de uitvoerbaarheid."
        )
    elif telling.get(Eindoordeel.UITVOERBAAR):
        kop = "Uitvoerbaar"
        zin = (
            f"{telling[Eindoordeel.UITVOERBAAR]} van de {totaal} organisaties achten het "
            "voorstel uitvoerbaar."
        )
    else:
        kop, zin = "Geen oordeel", "Geen van de organisaties gaf een eindoordeel."
    return {"kop": kop, "zin": zin, "oordelen": oordelen(snapshot)}


def burgerperspectief(snapshot: dict) -> dict:
    """The citizen question as a tally, the levensgebeurtenissen × organisations matrix and
    the estimated number of citizens and businesses affected."""
    bijdragen = snapshot["bijdragen"]
    telling = Counter()
    for bijdrage in bijdragen:
        for lg in bijdrage["levensgebeurtenissen"]:
            telling[lg["code"]] += 1
    codes = [lg.value for lg in Levensgebeurtenis if telling.get(lg.value)]
    helpt = Counter(b["helpt_burger"] or "" for b in bijdragen)
    tally = [
        {"code": h.value, "label": h.label, "aantal": helpt.get(h.value, 0)} for h in HulpBurger
    ]
    if helpt.get(""):
        tally.append({"code": "", "label": "Niet ingevuld", "aantal": helpt[""]})
    burgers = [b["aantal_burgers"] for b in bijdragen if b.get("aantal_burgers") is not None]
    bedrijven = [b["aantal_bedrijven"] for b in bijdragen if b.get("aantal_bedrijven") is not None]
    return {
        "helpt": tally,
        "helpt_gegeven": [h for h in tally if h["aantal"]],
        "levensgebeurtenissen": [
            {"label": Levensgebeurtenis(code).label, "aantal": telling[code], "code": code}
            for code in sorted(codes, key=lambda c: (-telling[c], codes.index(c)))
        ],
        "matrix": {
            "kolommen": [{"code": c, "label": Levensgebeurtenis(c).label} for c in codes],
            "rijen": [
                {
                    "organisatie": b["organisatie"],
                    "cellen": [
                        c in {lg["code"] for lg in b["levensgebeurtenissen"]} for c in codes
                    ],
                    "aantal_burgers": b.get("aantal_burgers"),
                    "aantal_bedrijven": b.get("aantal_bedrijven"),
                }
                for b in bijdragen
            ],
        },
        # Organisations serve overlapping groups: the largest estimate is a lower bound of
        # those affected, the sum an upper bound.
        "burgers_max": max(burgers, default=None),
        "burgers_som": sum(burgers) if burgers else None,
        "bedrijven_max": max(bedrijven, default=None),
        "bedrijven_som": sum(bedrijven) if bedrijven else None,
        "geschat_door": len(
            {
                *(
                    b["organisatie"]["id"]
                    for b in bijdragen
                    if b.get("aantal_burgers") is not None or b.get("aantal_bedrijven") is not None
                )
            }
        ),
        "doenvermogentoets": sum(1 for b in bijdragen if b["doenvermogentoets_uitgevoerd"]),
    }


def kosten_jaarprofiel(snapshot: dict) -> dict:
    """The incidental costs of all organisations per year T … T+4 (T = the year of entry
    into force) and per category, then the structural costs per year, with the price
    level(s) the organisations gave. Lines recorded before cost lines had a year are shown
    in a column "jaar onbekend" rather than guessed."""
    jaren = [{"code": j.value, "label": j.label} for j in KostenJaar]
    heeft_onbekend = any(
        post["soort"] == KostenSoort.INCIDENTEEL and post.get("jaar") is None
        for b in snapshot["bijdragen"]
        for post in b["kosten"]
    )
    kolommen = [j["code"] for j in jaren] + ([None] if heeft_onbekend else [])
    rijen = []
    for c in KostenCategorie:
        bedragen = {k: Decimal(0) for k in kolommen}
        structureel = Decimal(0)
        for bijdrage in snapshot["bijdragen"]:
            for post in bijdrage["kosten"]:
                if post["categorie"] != c.value:
                    continue
                if post["soort"] == KostenSoort.INCIDENTEEL:
                    bedragen[post.get("jaar")] += decimaal(post["bedrag"])
                else:
                    structureel += decimaal(post["bedrag"])
        rijen.append(
            {
                "label": c.label,
                "jaren": [bedragen[k] for k in kolommen],
                "incidenteel": sum(bedragen.values(), Decimal(0)),
                "structureel": structureel,
            }
        )
    prijspeil = sorted({b["prijspeil"] for b in snapshot["bijdragen"] if b.get("prijspeil")})
    return {
        "jaren": jaren,
        "onbekend": heeft_onbekend,
        "rijen": rijen,
        "totaal_jaren": [
            sum((r["jaren"][i] for r in rijen), Decimal(0)) for i in range(len(kolommen))
        ],
        "totaal_incidenteel": sum((r["incidenteel"] for r in rijen), Decimal(0)),
        "totaal_structureel": sum((r["structureel"] for r in rijen), Decimal(0)),
        "prijspeil": prijspeil,
    }


#: Themes to group conditions by, recognised by words in the condition. First match wins.
VOORWAARDE_THEMAS = (
    (
        "Tijd en invoering",
        ("termijn", "invoering", "tijd", "gefaseerd", "fasering", "uitstel", "maanden", "datum"),
    ),
    ("Financiering", ("financier", "budget", "middelen", "kosten", "compensatie", "bekostig")),
    (
        "Gegevens en ICT",
        (
            "gegevens",
            "ict",
            "systeem",
            "systemen",
            "koppeling",
            "levering",
            "data",
            "automatisering",
        ),
    ),
    (
        "Regelgeving",
        (
            "regeling",
            "wet",
            "amvb",
            "hardheid",
            "juridisch",
            "grondslag",
            "artikel",
            "uitzondering",
        ),
    ),
    ("Capaciteit en personeel", ("personeel", "capaciteit", "fte", "medewerkers", "opleiding")),
    (
        "Burgers en communicatie",
        ("burger", "communicatie", "voorlichting", "doenvermogen", "klant"),
    ),
)


def _voorwaarden_van(tekst: str) -> list[str]:
    """A voorwaarden text as separate conditions: its lines or list items, or else its
    paragraphs."""
    regels = [r.strip(" \t-•*·0123456789.)") for r in (tekst or "").splitlines()]
    regels = [" ".join(r.split()) for r in regels if r.strip(" \t-•*·0123456789.)")]
    return regels


def voorwaarden_gegroepeerd(snapshot: dict, *, per_thema: int = 8) -> dict:
    """The conditions of all organisations grouped by theme, identical conditions merged
    (with all organisations that set them). Each shows its first sentence; the full text is
    in the organisation's annex. At most ``per_thema`` per theme, the rest named."""
    voorwaarden: dict[str, dict] = {}
    for bijdrage in snapshot["bijdragen"]:
        for tekst in _voorwaarden_van(bijdrage["voorwaarden"]):
            sleutel = tekst.lower()
            item = voorwaarden.setdefault(sleutel, {"tekst": kort(tekst), "organisaties": []})
            if bijdrage["organisatie"] not in item["organisaties"]:
                item["organisaties"].append(bijdrage["organisatie"])
    themas = {naam: [] for naam, _ in VOORWAARDE_THEMAS}
    themas["Overige voorwaarden"] = []
    for sleutel, item in voorwaarden.items():
        thema = next(
            (naam for naam, woorden in VOORWAARDE_THEMAS if any(w in sleutel for w in woorden)),
            "Overige voorwaarden",
        )
        themas[thema].append(item)
    groepen = []
    for naam, items in themas.items():
        if not items:
            continue
        items.sort(key=lambda i: (-len(i["organisaties"]), i["tekst"]))
        rest = items[per_thema:]
        groepen.append(
            {
                "thema": naam,
                "voorwaarden": items[:per_thema],
                "meer": len(rest),
                "meer_organisaties": sorted(
                    {o["afkorting"] for i in rest for o in i["organisaties"]}
                ),
            }
        )
    return {
        "groepen": groepen,
        "organisaties": [
            b["organisatie"]["afkorting"] for b in snapshot["bijdragen"] if b["voorwaarden"]
        ],
    }


def antwoorden_per_vraag(snapshot: dict) -> list[dict]:
    """Each of the ministry's questions with every organisation's answer beside it."""
    per_vraag = {v["id"]: [] for v in snapshot["vragen"]}
    for bijdrage in snapshot["bijdragen"]:
        for antwoord in bijdrage["antwoorden"]:
            if antwoord["vraag_id"] in per_vraag and (antwoord["tekst"] or "").strip():
                per_vraag[antwoord["vraag_id"]].append(
                    {"organisatie": bijdrage["organisatie"], "tekst": antwoord["tekst"]}
                )
    return [
        {"nummer": n, "tekst": v["tekst"], "antwoorden": per_vraag[v["id"]]}
        for n, v in enumerate(snapshot["vragen"], start=1)
    ]


def afkortingen(snapshot: dict) -> list[tuple[str, str]]:
    """Every abbreviation the paper uses, with its meaning, alphabetically."""
    lijst = {
        "AVG": "Algemene verordening gegevensbescherming",
        "AMvB": "Algemene maatregel van bestuur",
        "fte": "Fulltime-equivalent (voltijdbaan)",
        "ICT": "Informatie- en communicatietechnologie",
        "K1, K2, …": "Kernpunt 1, 2, … van dit paper",
        "T, T+1, …": "Het jaar van inwerkingtreding en de jaren daarna",
    }
    organisaties = [snapshot["consultatie"]["ministerie"]] + [
        u["organisatie"] for u in snapshot["uitgenodigd"]
    ]
    for o in organisaties:
        if o.get("afkorting") and o["afkorting"] != o["naam"]:
            lijst[o["afkorting"]] = o["naam"]
    return sorted(lijst.items(), key=lambda i: i[0].lower())


def ketenimpact(snapshot: dict) -> dict:
    """The chain dimension: per level which organisations rate it so, and the organisations
    whose chain effects reach named other organisations (the full toelichting is in the
    annex per organisation)."""
    rijen = []
    for bijdrage in snapshot["bijdragen"]:
        for b in bijdrage["beoordelingen"]:
            if b["dimensie"] == Dimensie.KETENSAMENWERKING:
                rijen.append({"organisatie": bijdrage["organisatie"], **b})
    per_niveau = []
    for niveau in reversed(list(Gevolgen)):
        organisaties = [r["organisatie"]["afkorting"] for r in rijen if r["gevolgen"] == niveau]
        if organisaties:
            per_niveau.append({"label": niveau.label, "organisaties": organisaties})
    return {
        "rijen": rijen,
        "per_niveau": per_niveau,
        "raakt": [r for r in rijen if r["betrokken_organisaties"]],
    }


def uitgenodigd(snapshot: dict) -> dict:
    telling = Counter(u["status_label"] for u in snapshot["uitgenodigd"])
    return {"rijen": snapshot["uitgenodigd"], "telling": sorted(telling.items())}

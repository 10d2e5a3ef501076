"""What the paper concludes from a snapshot: counts, totals, the impact matrix, the earliest
common implementation date and where organisations disagree. Pure functions of the
snapshot, so a version's figures can never drift from its frozen content."""

from collections import Counter
from datetime import date
from decimal import Decimal

from reacties.models import Dimensie, Eindoordeel, Gevolgen, KostenCategorie, KostenSoort, Risico

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
    }


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


def verschillen(snapshot: dict) -> dict:
    """Disagreement the secretaris must reconcile or explain (issue 9): conflicting verdicts,
    and dimensions where one organisation sees no effect and another a drastic one."""
    bijdragen = snapshot["bijdragen"]
    positief = [b["organisatie"]["afkorting"] for b in bijdragen if b["eindoordeel"] in POSITIEF]
    negatief = [
        b["organisatie"]["afkorting"]
        for b in bijdragen
        if b["eindoordeel"] == Eindoordeel.NIET_UITVOERBAAR
    ]
    oordeel = None
    if positief and negatief:
        oordeel = {"uitvoerbaar": positief, "niet_uitvoerbaar": negatief}
    dimensies = []
    for d in Dimensie:
        laag, hoog = [], []
        for bijdrage in bijdragen:
            for b in bijdrage["beoordelingen"]:
                if b["dimensie"] == d.value and b["gevolgen"] == Gevolgen.NVT:
                    laag.append(bijdrage["organisatie"]["afkorting"])
                elif b["dimensie"] == d.value and b["gevolgen"] == Gevolgen.INGRIJPEND:
                    hoog.append(bijdrage["organisatie"]["afkorting"])
        if laag and hoog:
            dimensies.append({"label": str(d.label), "nvt": laag, "ingrijpend": hoog})
    return {"oordeel": oordeel, "dimensies": dimensies, "aanwezig": bool(oordeel or dimensies)}


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


def kernpunten_per_dimensie(snapshot: dict) -> list[dict]:
    groepen = []
    for d in Dimensie:
        punten = [k for k in snapshot["kernpunten"] if k["dimensie"] == d.value]
        if punten:
            # The points the network carries together come first.
            punten.sort(key=lambda k: (-len(k["onderschrijvers"]), k["id"]))
            groepen.append({"label": str(d.label), "kernpunten": punten})
    return groepen


def burgerperspectief(snapshot: dict) -> dict:
    telling = Counter()
    labels = {}
    for bijdrage in snapshot["bijdragen"]:
        for lg in bijdrage["levensgebeurtenissen"]:
            telling[lg["code"]] += 1
            labels[lg["code"]] = lg["label"]
    return {
        "helpt": Counter(b["helpt_burger_label"] or "Niet ingevuld" for b in snapshot["bijdragen"]),
        "levensgebeurtenissen": [
            {"label": labels[code], "aantal": aantal, "code": code}
            for code, aantal in sorted(telling.items(), key=lambda i: (-i[1], labels[i[0]]))
        ],
        "bijdragen": snapshot["bijdragen"],
    }


def ketenimpact(snapshot: dict) -> list[dict]:
    rijen = []
    for bijdrage in snapshot["bijdragen"]:
        for b in bijdrage["beoordelingen"]:
            if b["dimensie"] == Dimensie.KETENSAMENWERKING:
                rijen.append({"organisatie": bijdrage["organisatie"], **b})
    return rijen


def uitgenodigd(snapshot: dict) -> dict:
    telling = Counter(u["status_label"] for u in snapshot["uitgenodigd"])
    return {"rijen": snapshot["uitgenodigd"], "telling": sorted(telling.items())}

"""What changed between an organisation's earlier toets and its re-toets (issue 9).

Pure functions of two contributions in the snapshot's form (see ``snapshot.bijdrage_gegevens``).
The paper compares frozen data and the response page compares live data, both through
``vergelijk_bijdragen``, so drafters see exactly the changes the ministry will read.

Every change carries its values written out (``voor_tekst``, ``na_tekst``): levels and
verdicts as words, amounts in euros, dates in Dutch. Frozen into a snapshot, the text never
changes afterwards, like the labels elsewhere in the snapshot.
"""

from decimal import Decimal, InvalidOperation

from .templatetags.rapport_opmaak import datum, euro, getal

NIET_INGEVULD = "niet ingevuld"
GEEN_WIJZIGINGEN = (
    "geen wijzigingen in eindoordeel, gevolgen, risico, kosten, fte of invoeringsdatum"
)


def _als_decimaal(waarde) -> Decimal | None:
    if waarde in (None, ""):
        return None
    try:
        return Decimal(str(waarde))
    except InvalidOperation:
        return None


def _kosten(bijdrage: dict, soort: str) -> Decimal:
    return sum(
        (
            _als_decimaal(post.get("bedrag")) or Decimal(0)
            for post in bijdrage.get("kosten") or []
            if post.get("soort") == soort
        ),
        Decimal(0),
    )


def _keuze(code: str, label: str, leeg: str = NIET_INGEVULD) -> str:
    return (label or code).lower() if code else leeg


def _wijziging(onderdeel, label, voor, na, voor_tekst, na_tekst, **extra) -> dict:
    return {
        "onderdeel": onderdeel,
        "label": label,
        "voor": voor,
        "na": na,
        "voor_tekst": voor_tekst,
        "na_tekst": na_tekst,
        **extra,
    }


def vergelijk_bijdragen(voor: dict, na: dict) -> list[dict]:
    """The changes from ``voor`` (the earlier toets) to ``na`` (the re-toets), in the order
    the paper reads: eindoordeel, gevolgen per dimension (only changed ones), risk, costs,
    fte and the date from which implementation is possible. Empty when nothing changed."""
    wijzigingen = []
    if (voor.get("eindoordeel") or "") != (na.get("eindoordeel") or ""):
        wijzigingen.append(
            _wijziging(
                "eindoordeel",
                "eindoordeel",
                voor.get("eindoordeel") or "",
                na.get("eindoordeel") or "",
                _keuze(voor.get("eindoordeel"), voor.get("eindoordeel_label")),
                _keuze(na.get("eindoordeel"), na.get("eindoordeel_label")),
            )
        )

    eerder = {b["dimensie"]: b for b in voor.get("beoordelingen") or []}
    for b in na.get("beoordelingen") or []:
        oud = eerder.get(b["dimensie"]) or {}
        if (oud.get("gevolgen") or "") != (b.get("gevolgen") or ""):
            wijzigingen.append(
                _wijziging(
                    "gevolgen",
                    b.get("dimensie_label") or oud.get("dimensie_label") or b["dimensie"],
                    oud.get("gevolgen") or "",
                    b.get("gevolgen") or "",
                    _keuze(oud.get("gevolgen"), oud.get("gevolgen_label"), "niet beoordeeld"),
                    _keuze(b.get("gevolgen"), b.get("gevolgen_label"), "niet beoordeeld"),
                    dimensie=b["dimensie"],
                )
            )

    if (voor.get("risico") or "") != (na.get("risico") or ""):
        wijzigingen.append(
            _wijziging(
                "risico",
                "risico op procesverstoringen",
                voor.get("risico") or "",
                na.get("risico") or "",
                _keuze(voor.get("risico"), voor.get("risico_label")),
                _keuze(na.get("risico"), na.get("risico_label")),
            )
        )

    for soort, label in (
        ("incidenteel", "incidentele kosten"),
        ("structureel", "structurele kosten per jaar"),
    ):
        oud, nieuw = _kosten(voor, soort), _kosten(na, soort)
        if oud != nieuw:
            wijzigingen.append(
                _wijziging(f"kosten_{soort}", label, str(oud), str(nieuw), euro(oud), euro(nieuw))
            )

    for soort in ("incidenteel", "structureel"):
        veld = f"fte_{soort}"
        oud, nieuw = _als_decimaal(voor.get(veld)), _als_decimaal(na.get(veld))
        if oud != nieuw:
            wijzigingen.append(
                _wijziging(
                    veld,
                    f"fte {soort}",
                    voor.get(veld),
                    na.get(veld),
                    getal(oud) if oud is not None else NIET_INGEVULD,
                    getal(nieuw) if nieuw is not None else NIET_INGEVULD,
                )
            )

    oud, nieuw = voor.get("invoering_mogelijk_per"), na.get("invoering_mogelijk_per")
    if (oud or None) != (nieuw or None):
        wijzigingen.append(
            _wijziging(
                "invoering_mogelijk_per",
                "invoering mogelijk per",
                oud,
                nieuw,
                datum(oud) if oud else NIET_INGEVULD,
                datum(nieuw) if nieuw else NIET_INGEVULD,
            )
        )
    return wijzigingen


def beschrijf(wijzigingen: list[dict]) -> str:
    """The changes as one plain clause: "eindoordeel van niet uitvoerbaar naar uitvoerbaar;
    ICT en gegevensuitwisseling van ingrijpend naar middelgroot"."""
    if not wijzigingen:
        return GEEN_WIJZIGINGEN
    return "; ".join(
        f"{w['label']} van {w['voor_tekst']} naar {w['na_tekst']}" for w in wijzigingen
    )

"""Dutch number formatting for the paper (independent of the active locale)."""

from decimal import Decimal, InvalidOperation

from django import template

register = template.Library()


def _groepeer(geheel: str) -> str:
    groepen = []
    while len(geheel) > 3:
        groepen.insert(0, geheel[-3:])
        geheel = geheel[:-3]
    groepen.insert(0, geheel)
    return ".".join(groepen)


@register.filter
def euro(waarde) -> str:
    """€ 1.500.000 (whole euros; amounts are estimates)."""
    try:
        bedrag = Decimal(str(waarde)).quantize(Decimal(1))
    except (InvalidOperation, ValueError, TypeError):
        return "—"
    teken = "-" if bedrag < 0 else ""
    return f"€ {teken}{_groepeer(str(abs(bedrag)))}"


@register.filter
def getal(waarde) -> str:
    """1.234,5 — or a dash when nothing was given."""
    if waarde in (None, ""):
        return "—"
    try:
        getal = Decimal(str(waarde))
    except (InvalidOperation, ValueError):
        return "—"
    teken = "-" if getal < 0 else ""
    geheel, _, fractie = f"{abs(getal):f}".partition(".")
    fractie = fractie.rstrip("0")
    return teken + _groepeer(geheel) + ("," + fractie if fractie else "")


@register.filter
def fte(waarde) -> str:
    """Fte always with one decimal (2,0 and 2,5 line up), or a dash."""
    if waarde in (None, ""):
        return "—"
    try:
        getal = Decimal(str(waarde)).quantize(Decimal("0.1"))
    except (InvalidOperation, ValueError):
        return "—"
    teken = "-" if getal < 0 else ""
    geheel, _, fractie = f"{abs(getal):f}".partition(".")
    return f"{teken}{_groepeer(geheel)},{fractie or '0'}"


@register.filter
def afkortingen(organisaties) -> str:
    return ", ".join(o["afkorting"] for o in organisaties or [])


@register.filter
def afkortingen_kort(afkortingen, maximum=8) -> str:
    """ "UWV, SVB, … en 12 andere": long lists of abbreviations kept to one line."""
    afkortingen = list(afkortingen or [])
    if len(afkortingen) <= maximum:
        return ", ".join(afkortingen)
    return f"{', '.join(afkortingen[:maximum])} en {len(afkortingen) - maximum} andere"


@register.filter
def afkortingen_van_kort(organisaties, maximum=8) -> str:
    return afkortingen_kort([o["afkorting"] for o in organisaties or []], maximum)


@register.filter
def organisaties_kort(redenen, maximum=8) -> str:
    return afkortingen_kort([r["organisatie"]["afkorting"] for r in redenen or []], maximum)


@register.filter
def naam(organisatie) -> str:
    """ "Centraal Justitieel Incassobureau (CJIB)", or the name alone when the abbreviation
    is the name (no "CIBG (CIBG)")."""
    if not organisatie:
        return ""
    volledig, afkorting = organisatie.get("naam", ""), organisatie.get("afkorting", "")
    if not afkorting or afkorting.casefold() == volledig.casefold():
        return volledig or afkorting
    return f"{volledig} ({afkorting})"


@register.filter
def namen(organisaties) -> str:
    return ", ".join(naam(o) for o in organisaties or [])


@register.filter
def kort(tekst, maximum=220) -> str:
    from rapporten.analyse import kort as inkorten

    return inkorten(tekst, int(maximum))


@register.filter
def sleutel(woordenboek, sleutel):
    return (woordenboek or {}).get(sleutel, [])


@register.filter
def kostenjaar(jaar) -> str:
    if jaar in (None, ""):
        return "onbekend"
    return "T" if int(jaar) == 0 else f"T+{int(jaar)}"


MAANDEN = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]


@register.filter
def datum(waarde) -> str:
    """'1 januari 2028' from a date, a datetime or an ISO string (in Dutch time)."""
    from datetime import date, datetime

    from django.utils import timezone

    if not waarde:
        return "—"
    if isinstance(waarde, str):
        try:
            waarde = datetime.fromisoformat(waarde) if "T" in waarde else date.fromisoformat(waarde)
        except ValueError:
            return waarde
    if isinstance(waarde, datetime):
        if timezone.is_aware(waarde):
            waarde = timezone.localtime(waarde)
        waarde = waarde.date()
    return f"{waarde.day} {MAANDEN[waarde.month - 1]} {waarde.year}"


@register.filter
def datumtijd(waarde) -> str:
    from datetime import datetime

    from django.utils import timezone

    if not waarde:
        return "—"
    if isinstance(waarde, str):
        waarde = datetime.fromisoformat(waarde)
    if timezone.is_aware(waarde):
        waarde = timezone.localtime(waarde)
    return f"{datum(waarde)}, {waarde:%H:%M} uur"

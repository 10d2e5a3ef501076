"""Posting the response form as a browser does."""

from reacties.models import Dimensie


def reactie_post(reactie, **extra):
    """The full response form as a browser posts it."""
    data = {
        "versie": reactie.versie,
        "eindoordeel": "uitvoerbaar",
        "kernboodschap": "Goed uitvoerbaar.",
        "kosten-TOTAL_FORMS": "2",
        "kosten-INITIAL_FORMS": "0",
        "kosten-MIN_NUM_FORMS": "0",
        "kosten-MAX_NUM_FORMS": "1000",
        "kosten-0-categorie": "automatisering",
        "kosten-0-soort": "incidenteel",
        "kosten-0-bedrag": "1500000,50",
        "fte_incidenteel": "2,5",
        "levensgebeurtenissen": ["verhuizen", "scheiden"],
    }
    for d in Dimensie:
        data[f"gevolgen_{d.value}"] = "beperkt"
        data[f"toelichting_{d.value}"] = f"Toelichting {d.label}"
    data.update(extra)
    return data

"""The comment-resolution matrix: all kernpunten of a consultation as XLSX (openpyxl)."""

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from reacties.models import INGEDIENDE_STATUSSEN, Dimensie, Kernpunt

from .models import Rapport

KOLOMMEN = [
    ("Nr.", 8),
    ("Organisatie", 30),
    ("Dimensie", 26),
    ("Kernpunt", 60),
    ("Artikel", 16),
    ("Voorgestelde wijziging", 50),
    ("Ernst", 14),
    ("Onderschreven door", 30),
    ("Aantal onderschrijvingen", 12),
    ("Verwerking", 40),
]


def _veilig(tekst: str) -> str:
    # A cell starting with = + - @ would be a formula in Excel: keep user text as text.
    if tekst and tekst[0] in "=+-@\t\r":
        return "'" + tekst
    return tekst


def kernpunten_xlsx(consultatie, user) -> bytes:
    """Kernpunten of submitted responses that ``user`` may see, one row each, in the order
    and with the numbers (K1, K2, …) of the definitive paper; kernpunten without a number
    (no definitive paper yet, or not in it) follow, by dimension and organisation."""
    nummers = Rapport.objects.kernpuntnummers_voor(consultatie.pk)
    kernpunten = (
        Kernpunt.objects.zichtbaar_voor(user)
        .filter(reactie__consultatie=consultatie, reactie__status__in=INGEDIENDE_STATUSSEN)
        .select_related("reactie__organisatie", "samengevoegd_in")
        .prefetch_related("onderschrijvingen__organisatie", "verwerkingen")
        .order_by("dimensie", "reactie__organisatie__naam", "pk")
    )
    dimensies = list(Dimensie.values)
    kernpunten = sorted(
        kernpunten,
        key=lambda k: (
            0 if k.pk in nummers else 1,
            int(nummers[k.pk][1:]) if k.pk in nummers else 0,
            dimensies.index(k.dimensie) if k.dimensie in dimensies else len(dimensies),
            k.reactie.organisatie.naam,
            k.pk,
        ),
    )
    boek = Workbook()
    blad = boek.active
    blad.title = "Kernpunten"
    blad.append([k for k, _ in KOLOMMEN])
    for kolom, (_, breedte) in enumerate(KOLOMMEN, start=1):
        blad.column_dimensions[get_column_letter(kolom)].width = breedte
        blad.cell(row=1, column=kolom).font = Font(bold=True)
    for k in kernpunten:
        onderschrijvers = sorted(o.organisatie.afkorting for o in k.onderschrijvingen.all())
        verwerking = "; ".join(
            f"{v.get_uitkomst_display()}: {v.toelichting}" for v in k.verwerkingen.all()
        )
        tekst = k.tekst
        if k.samengevoegd_in_id:
            doel = nummers.get(k.samengevoegd_in_id)
            tekst = f"{tekst} (samengevoegd in {doel or 'een ander kernpunt'})"
        blad.append(
            [
                nummers.get(k.pk, ""),
                _veilig(f"{k.reactie.organisatie.naam} ({k.reactie.organisatie.afkorting})"),
                k.get_dimensie_display(),
                _veilig(tekst),
                _veilig(k.artikel),
                _veilig(k.voorgestelde_wijziging),
                k.get_ernst_display(),
                ", ".join(onderschrijvers),
                len(onderschrijvers),
                _veilig(verwerking),
            ]
        )
    for rij in blad.iter_rows(min_row=2):
        for cel in rij:
            cel.alignment = Alignment(wrap_text=True, vertical="top")
    blad.freeze_panes = "A2"
    blad.auto_filter.ref = blad.dimensions
    if consultatie.vorige_consultatie_id:
        _herbeoordelingen_blad(boek, consultatie, user)
    uitvoer = io.BytesIO()
    boek.save(uitvoer)
    return uitvoer.getvalue()


HERTOETS_KOLOMMEN = [
    ("Nr. vorige toets", 10),
    ("Organisatie", 28),
    ("Kernpunt", 60),
    ("Verwerking door het ministerie", 40),
    ("Opgelost volgens de organisatie", 22),
    ("Toelichting", 50),
]


def _herbeoordelingen_blad(boek, consultatie, user):
    """A re-toets: per kernpunt of the earlier paper sent to the ministry, the marking of
    the organisation in its submitted re-toets (only responses ``user`` may see) next to the
    ministry's verwerking. Nothing when no paper about the earlier consultation was sent."""
    from reacties.models import KernpuntHertoets, Reactie

    from .models import Status, Verwerking

    rapport = (
        Rapport.objects.filter(
            consultatie_id=consultatie.vorige_consultatie_id, status=Status.VERZONDEN
        )
        .only("pk", "snapshot")
        .first()
    )
    if rapport is None:
        return
    reacties = dict(
        Reactie.objects.zichtbaar_voor(user)
        .filter(consultatie=consultatie, status__in=INGEDIENDE_STATUSSEN)
        .values_list("organisatie_id", "pk")
    )
    kernpunten = [
        k for k in rapport.snapshot.get("kernpunten", []) if k["organisatie"]["id"] in reacties
    ]
    ids = [k["id"] for k in kernpunten]
    verwerkingen = {
        v.kernpunt_id: v for v in Verwerking.objects.filter(rapport=rapport, kernpunt_id__in=ids)
    }
    markeringen = {
        (h.reactie_id, h.kernpunt_id): h
        for h in KernpuntHertoets.objects.filter(
            reactie_id__in=reacties.values(), kernpunt_id__in=ids
        )
    }
    blad = boek.create_sheet("Kernpunten vorige toets")
    blad.append([k for k, _ in HERTOETS_KOLOMMEN])
    for kolom, (_, breedte) in enumerate(HERTOETS_KOLOMMEN, start=1):
        blad.column_dimensions[get_column_letter(kolom)].width = breedte
        blad.cell(row=1, column=kolom).font = Font(bold=True)
    for k in kernpunten:
        v = verwerkingen.get(k["id"])
        m = markeringen.get((reacties[k["organisatie"]["id"]], k["id"]))
        blad.append(
            [
                k.get("nummer", ""),
                _veilig(f"{k['organisatie']['naam']} ({k['organisatie']['afkorting']})"),
                _veilig(k["tekst"]),
                _veilig(f"{v.get_uitkomst_display()}: {v.toelichting}") if v else "",
                m.get_oordeel_display() if m else "Niet beoordeeld",
                _veilig(m.toelichting) if m else "",
            ]
        )
    for rij in blad.iter_rows(min_row=2):
        for cel in rij:
            cel.alignment = Alignment(wrap_text=True, vertical="top")
    blad.freeze_panes = "A2"

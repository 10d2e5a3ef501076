"""The report of recurring bottlenecks as XLSX: one sheet of themes, one of their course
per year and ministry (openpyxl, like ``inzichten.exports``)."""

import io

from django.utils.translation import gettext
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from .cijfers import KNELPUNT_MIN_CONSULTATIES, Themacijfers


def _blad(werkboek, titel: str, kolommen: list[str], rijen: list[list]):
    blad = werkboek.create_sheet(titel[:31])
    blad.append(kolommen)
    for rij in rijen:
        blad.append(rij)
    for index, kolom in enumerate(kolommen, start=1):
        blad.column_dimensions[get_column_letter(index)].width = max(12, len(kolom) + 2)
    blad.freeze_panes = "A2"


def knelpunten_xlsx(knelpunten: list[Themacijfers]) -> bytes:
    werkboek = Workbook()
    werkboek.remove(werkboek.active)
    _blad(
        werkboek,
        gettext("Knelpunten"),
        [
            gettext("Thema"),
            gettext("Consultaties"),
            gettext("Kernpunten"),
            gettext("Organisaties"),
            gettext("Deels overgenomen"),
            gettext("Niet overgenomen"),
            gettext("Nog niet verwerkt"),
            gettext("Eerste jaar"),
            gettext("Laatste jaar"),
        ],
        [
            [
                c.naam,
                c.consultaties,
                c.kernpunten,
                len(c.organisaties),
                c.deels_overgenomen,
                c.niet_overgenomen,
                c.onverwerkt,
                c.eerste_jaar,
                c.laatste_jaar,
            ]
            for c in knelpunten
        ],
    )
    _blad(
        werkboek,
        gettext("Per jaar"),
        [
            gettext("Thema"),
            gettext("Jaar"),
            gettext("Ministerie"),
            gettext("Kernpunten"),
            gettext("Overgenomen"),
            gettext("Deels overgenomen"),
            gettext("Niet overgenomen"),
            gettext("Nog niet verwerkt"),
        ],
        [
            [
                c.naam,
                r["jaar"],
                r["ministerie"],
                r["kernpunten"],
                r["overgenomen"],
                r["deels_overgenomen"],
                r["niet_overgenomen"],
                r["onverwerkt"],
            ]
            for c in knelpunten
            for r in c.jaar_rijen()
        ],
    )
    werkboek.properties.title = gettext(
        "Tegenkracht: terugkerende knelpunten (in %(n)s of meer consultaties, nooit overgenomen)"
    ) % {"n": KNELPUNT_MIN_CONSULTATIES}
    buffer = io.BytesIO()
    werkboek.save(buffer)
    return buffer.getvalue()

"""The figures as CSV (one table) or XLSX (every table on its own sheet)."""

import csv
import io
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from .services import Inzichten, Tabel


def _waarde(waarde):
    return "" if waarde is None else waarde


def _csv_waarde(waarde):
    """Numbers as Dutch Excel reads them: a decimal comma, no thousands separator
    (12,5 rather than 12.5, which Dutch Excel turns into a date or a whole number)."""
    if isinstance(waarde, bool) or waarde is None:
        return _waarde(waarde)
    if isinstance(waarde, float):
        return repr(waarde).replace(".", ",")
    if isinstance(waarde, Decimal):
        return format(waarde, "f").replace(".", ",")
    return waarde


def als_csv(tabel: Tabel) -> str:
    buffer = io.StringIO()
    # Semicolons and a BOM: what Dutch spreadsheet users open without an import wizard.
    buffer.write("\ufeff")
    schrijver = csv.writer(buffer, delimiter=";")
    schrijver.writerow([titel for _, titel in tabel.kolommen])
    for rij in tabel.waarden():
        schrijver.writerow([_csv_waarde(waarde) for waarde in rij])
    return buffer.getvalue()


def als_xlsx(inzichten: Inzichten) -> bytes:
    werkboek = Workbook()
    werkboek.remove(werkboek.active)
    for tabel in inzichten.tabellen.values():
        blad = werkboek.create_sheet(tabel.titel[:31])
        blad.append([titel for _, titel in tabel.kolommen])
        for rij in tabel.waarden():
            blad.append(rij)
        for index, (_, titel) in enumerate(tabel.kolommen, start=1):
            blad.column_dimensions[get_column_letter(index)].width = max(12, len(titel) + 2)
        blad.freeze_panes = "A2"
    werkboek.properties.title = f"Tegenkracht inzichten {inzichten.van} – {inzichten.tot}"
    buffer = io.BytesIO()
    werkboek.save(buffer)
    return buffer.getvalue()

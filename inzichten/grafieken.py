"""Charts as SVG, drawn by pygal. Each chart has a table with the same figures beside it."""

import pygal
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from pygal.style import Style

from .services import Inzichten

STIJL = Style(
    background="white",
    plot_background="white",
    foreground="#1a1a1a",
    foreground_strong="#1a1a1a",
    foreground_subtle="#555555",
    colors=("#154273", "#39870c", "#a90061", "#e17000", "#42145f"),
    font_family="sans-serif",
    # Legible at the page's width: the SVG is scaled down from 800 px.
    title_font_size=20,
    label_font_size=15,
    major_label_font_size=15,
    value_font_size=15,
    legend_font_size=15,
)


def _getal(waarde) -> str:
    """Numbers as the reader writes them: "64,7" in Dutch, "64.7" in English."""
    if waarde is None:
        return ""
    return number_format(round(waarde, 1), decimal_pos=None, use_l10n=True)


def _grafiek(soort, titel: str):
    return soort(
        style=STIJL,
        title=titel,
        disable_xml_declaration=True,
        js=[],
        width=800,
        height=400,
        print_values=True,
        value_formatter=_getal,
        legend_at_bottom=True,
        truncate_label=40,
    )


def netwerken(inzichten: Inzichten) -> str:
    rijen = inzichten.tabellen["netwerken"].rijen
    grafiek = _grafiek(pygal.Bar, _("Respons en overname per netwerk (%)"))
    grafiek.x_labels = [r["netwerk"] for r in rijen]
    grafiek.add(_("Respons"), [r["respons"] for r in rijen])
    grafiek.add(_("(Deels) overgenomen"), [r["adoptie"] for r in rijen])
    return grafiek.render(is_unicode=True)


def dimensies(inzichten: Inzichten) -> str:
    rijen = inzichten.tabellen["dimensies"].rijen
    grafiek = _grafiek(pygal.HorizontalBar, _("Hoe vaak een dimensie als ingrijpend is beoordeeld"))
    grafiek.x_labels = [r["dimensie"] for r in rijen]
    grafiek.add(_("Ingrijpend"), [r["ingrijpend"] for r in rijen])
    return grafiek.render(is_unicode=True)


def ministeries(inzichten: Inzichten) -> str:
    rijen = inzichten.tabellen["ministeries"].rijen
    grafiek = _grafiek(pygal.HorizontalBar, _("Kernpunten (deels) overgenomen per ministerie (%)"))
    grafiek.x_labels = [r["ministerie"] for r in rijen]
    grafiek.add(_("Overgenomen"), [r["adoptie"] for r in rijen])
    return grafiek.render(is_unicode=True)


GRAFIEKEN = {"netwerken": netwerken, "dimensies": dimensies, "ministeries": ministeries}

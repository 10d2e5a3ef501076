"""Rendering a snapshot to a tagged PDF (PDF/UA-1) with WeasyPrint.

Security: every piece of user text reaches the HTML through Django's autoescaping, and the
renderer's URL fetcher serves only this application's own static files and the chart
images generated for this very render. ``file://``, ``http(s)://`` and any other scheme
are refused, so hostile text can never make the server fetch or embed anything.
"""

import base64
import hashlib
import io
import logging
import mimetypes
import time
from dataclasses import dataclass, field
from datetime import datetime

import pygal
import weasyprint
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation
from pygal.style import Style
from weasyprint import HTML
from weasyprint import draw as weasy_draw
from weasyprint.formatting_structure import boxes as weasy_boxes
from weasyprint.pdf import tags as weasy_tags
from weasyprint.urls import URLFetcher, URLFetcherResponse

from . import analyse
from .lettertype import leesbaar
from .snapshot import kernpuntnummers

logger = logging.getLogger(__name__)

#: The scheme the PDF template uses for the application's own static files.
STATIC_SCHEME = "static:"
#: Static files the renderer may read (no scripts, no HTML).
STATIC_EXTENSIES = (".css", ".svg", ".png", ".woff", ".woff2", ".ttf", ".otf")

PDF_OPTIES = {
    "pdf_variant": "pdf/ua-1",
    # WeasyPrint only fills in a variant's defaults for options left at None, and
    # ``pdf_tags`` defaults to False: ask for the tags explicitly.
    "pdf_tags": True,
}


class GeweigerdeURL(ValueError):
    """The renderer asked for something outside the application's own assets."""


class VeiligeFetcher(URLFetcher):
    """A WeasyPrint URL fetcher that refuses everything but our own assets.

    ``toegestane_data`` holds the exact ``data:`` URIs this render generated (the charts);
    any other ``data:`` URI is refused too, so user text cannot smuggle in content.
    ``opgevraagd`` and ``geweigerd`` record every request, for tests and logging.
    """

    def __init__(self, toegestane_data=()):
        super().__init__(allowed_protocols=())
        self.toegestane_data = set(toegestane_data)
        self.opgevraagd: list[str] = []
        self.geweigerd: list[str] = []

    def fetch(self, url, headers=None):
        self.opgevraagd.append(url)
        if url.startswith(STATIC_SCHEME):
            return self._static(url, url.removeprefix(STATIC_SCHEME))
        if url.startswith("data:") and url in self.toegestane_data:
            kop, _, inhoud = url.partition(",")
            mime = kop.removeprefix("data:").split(";")[0]
            return URLFetcherResponse(url, base64.b64decode(inhoud), {"Content-Type": mime})
        self.geweigerd.append(url)
        logger.warning("PDF-renderer weigerde %s", url[:200])
        raise GeweigerdeURL(f"Geweigerd: {url[:200]}")

    def _static(self, url, pad):
        if (
            not pad
            or pad.startswith("/")
            or ".." in pad.split("/")
            or not pad.lower().endswith(STATIC_EXTENSIES)
        ):
            self.geweigerd.append(url)
            raise GeweigerdeURL(f"Geweigerd: {url[:200]}")
        bestand = finders.find(pad)
        if not bestand:
            self.geweigerd.append(url)
            raise GeweigerdeURL(f"Niet gevonden: {url[:200]}")
        with open(bestand, "rb") as f:
            inhoud = f.read()
        mime = mimetypes.guess_type(pad)[0] or "application/octet-stream"
        return URLFetcherResponse(url, inhoud, {"Content-Type": mime})


# --- charts --------------------------------------------------------------------------

GRAFIEKSTIJL = Style(
    background="white",
    plot_background="white",
    foreground="#1a1a1a",
    foreground_strong="#1a1a1a",
    foreground_subtle="#555555",
    font_family="DejaVu Sans, sans-serif",
    colors=("#01689b", "#39870c", "#ca005d", "#e17000", "#5a5a5a"),
    label_font_size=13,
    major_label_font_size=13,
    value_font_size=13,
    value_label_font_size=13,
    legend_font_size=13,
    title_font_size=15,
)


def _data_uri(svg: bytes) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")


def _staafgrafiek(titel: str, rijen: list[tuple[str, int]]) -> str:
    """A horizontal bar chart, or "" when every count is zero (no empty charts)."""
    if not any(aantal for _, aantal in rijen):
        return ""
    # pygal draws the first label at the bottom; reversed, the bars read top to bottom in
    # the same order as the table beside them.
    rijen = list(reversed(rijen))
    grafiek = pygal.HorizontalBar(
        style=GRAFIEKSTIJL,
        width=800,
        height=80 + 50 * max(len(rijen), 1),
        show_legend=False,
        print_values=True,
        print_values_position="top",
        js=[],  # pygal would otherwise link its script from the internet
        disable_xml_declaration=False,
        title=titel,
        # No gridlines: the values are printed on the bars, and guides ran through them.
        show_y_guides=False,
        show_x_guides=False,
        # The counts are printed on the bars; a count axis only added lines through them.
        show_x_labels=False,
    )
    grafiek.x_labels = [str(label) for label, _ in rijen]  # labels may be lazy translations
    # Start the bars at zero (the counts are printed on them; no count axis is drawn).
    grafiek.range = (0, max(max(aantal for _, aantal in rijen), 1))
    grafiek.add("Aantal", [aantal for _, aantal in rijen])
    return _data_uri(grafiek.render())


def grafieken(snapshot: dict) -> dict:
    """The charts of the paper as ``data:`` URIs (SVG drawn by pygal)."""
    oordelen = analyse.oordelen(snapshot)
    matrix = analyse.impactmatrix(snapshot)
    levens = analyse.burgerperspectief(snapshot)["levensgebeurtenissen"]
    return {
        "oordelen": _staafgrafiek(
            "Eindoordelen (aantal organisaties)", [(o["label"], o["aantal"]) for o in oordelen]
        ),
        "ingrijpend": _staafgrafiek(
            "Aantal organisaties met ingrijpende gevolgen, per dimensie",
            [
                (d["label"], n)
                for d, n in zip(matrix["dimensies"], matrix["ingrijpend"], strict=True)
            ],
        ),
        "levensgebeurtenissen": _staafgrafiek(
            "Geraakte levensgebeurtenissen (aantal organisaties)",
            [(lg["label"], lg["aantal"]) for lg in levens],
        ),
    }


# --- HTML and PDF --------------------------------------------------------------------


@dataclass
class Resultaat:
    pdf: bytes
    paginas: int
    sha256: str
    html: str = ""
    fetcher: VeiligeFetcher | None = None
    tijden: dict = field(default_factory=dict)


def context_voor(
    snapshot: dict,
    *,
    versie: int,
    inhoud_sha256: str,
    status_label: str,
    definitief_op: datetime | None = None,
) -> dict:
    """Everything the template shows. ``definitief_op`` is given only for the definitive
    rendering; without it the paper is a concept and is marked as such on every page."""
    # Characters outside the embedded fonts (emoji, rare scripts) would print as empty
    # boxes: the snapshot is rendered with readable replacements instead.
    snapshot = leesbaar(snapshot)
    grafiek = grafieken(snapshot)
    return {
        "s": snapshot,
        "c": snapshot["consultatie"],
        "versie": versie,
        "status_label": status_label,
        "concept": definitief_op is None,
        "definitief_op": definitief_op,
        "inhoud_sha256": inhoud_sha256,
        "vastgelegd_op": datetime.fromisoformat(snapshot["vastgelegd_op"]),
        "nummers": kernpuntnummers(snapshot),
        "kernpunten_per_org": _kernpunten_per_org(snapshot),
        "kernpunten_van": _kernpunten_van(snapshot),
        "risico_organisaties": _risico_organisaties(snapshot),
        "gezamenlijk": analyse.gezamenlijk_oordeel(snapshot),
        "belangrijkste": analyse.belangrijkste_kernpunten(snapshot),
        "netwerken": analyse.per_netwerk(snapshot),
        "jaarprofiel": analyse.kosten_jaarprofiel(snapshot),
        "voorwaarden": analyse.voorwaarden_gegroepeerd(snapshot),
        "vragen": analyse.antwoorden_per_vraag(snapshot),
        "afkortingen": _twee_kolommen(analyse.afkortingen(snapshot)),
        "oordelen": analyse.oordelen(snapshot),
        "verschillen": analyse.verschillen(snapshot),
        "hertoets": analyse.hertoets(snapshot),
        "matrix": analyse.impactmatrix(snapshot),
        "risicos": analyse.risicos(snapshot),
        "kosten": analyse.kosten(snapshot),
        "invoering": analyse.invoering(snapshot),
        "kernpunten_per_dimensie": analyse.kernpunten_per_dimensie(snapshot),
        "burger": analyse.burgerperspectief(snapshot),
        "keten": analyse.ketenimpact(snapshot),
        "uitgenodigd": analyse.uitgenodigd(snapshot),
        "grafiek": grafiek,
        "static": STATIC_SCHEME,
    }


def _twee_kolommen(lijst: list) -> list[list]:
    helft = (len(lijst) + 1) // 2
    return [lijst[:helft], lijst[helft:]]


def _kernpunten_per_org(snapshot: dict) -> dict[int, list[str]]:
    per_org: dict[int, list[str]] = {}
    for k in sorted(snapshot["kernpunten"], key=lambda k: analyse.nummer_van(k)):
        per_org.setdefault(k["organisatie"]["id"], []).append(k.get("nummer") or "")
    return per_org


def _kernpunten_van(snapshot: dict) -> dict[int, list[dict]]:
    per_org: dict[int, list[dict]] = {}
    for k in sorted(snapshot["kernpunten"], key=analyse.nummer_van):
        per_org.setdefault(k["organisatie"]["id"], []).append(k)
    return per_org


def _risico_organisaties(snapshot: dict) -> dict[str, list[str]]:
    per_risico: dict[str, list[str]] = {}
    for b in snapshot["bijdragen"]:
        per_risico.setdefault(b["risico"], []).append(b["organisatie"]["afkorting"])
    return per_risico


def render_html(
    snapshot: dict,
    *,
    versie: int,
    inhoud_sha256: str,
    status_label: str,
    definitief_op: datetime | None = None,
) -> tuple:
    """The paper's HTML and the data URIs the renderer may load for it."""
    context = context_voor(
        snapshot,
        versie=versie,
        inhoud_sha256=inhoud_sha256,
        status_label=status_label,
        definitief_op=definitief_op,
    )
    html = render_to_string("rapporten/pdf/rapport.html", context)
    return html, [uri for uri in context["grafiek"].values() if uri]


# --- running headers as artifacts ------------------------------------------------------
# WeasyPrint 70 marks the text of page margin boxes (running header, page numbers) as
# tagged content that belongs to no structure element; PDF/UA wants page furniture marked
# as /Artifact, so screen readers skip it. These two hooks draw margin boxes inside an
# Artifact sequence without content marks, and leave them out of the structure tree.
# They wrap private WeasyPrint functions: tests/rapporten/test_opmaak.py checks the result
# on every upgrade.

_teken_origineel = weasy_draw.draw_stacking_context
_boom_origineel = weasy_tags._build_box_tree


def _teken_stapel(stream, stacking_context):
    if isinstance(stacking_context.box, weasy_boxes.MarginBox) and stream._tags is not None:
        tags = stream._tags
        with stream.artifact():
            stream._tags = None
            try:
                return _teken_origineel(stream, stacking_context)
            finally:
                stream._tags = tags
    return _teken_origineel(stream, stacking_context)


def _bouw_boom(box, parent, pdf, page_number, nums, annotations, tags):
    if isinstance(box, weasy_boxes.MarginBox):
        return
    yield from _boom_origineel(box, parent, pdf, page_number, nums, annotations, tags)


if weasyprint.__version__.split(".")[0] == "70":
    weasy_draw.draw_stacking_context = _teken_stapel
    weasy_tags._build_box_tree = _bouw_boom
else:  # pragma: no cover - a new WeasyPrint: check the hooks before enabling them
    logger.warning(
        "WeasyPrint %s: kopregels worden niet als artefact gemarkeerd", weasyprint.__version__
    )


def html_naar_pdf(html: str, toegestane_data=()) -> Resultaat:
    """WeasyPrint alone: HTML to a tagged PDF through the safe fetcher."""
    fetcher = VeiligeFetcher(toegestane_data)
    document = HTML(string=html, base_url=None, url_fetcher=fetcher).render(**PDF_OPTIES)
    buffer = io.BytesIO()
    document.write_pdf(buffer, **PDF_OPTIES)
    pdf = buffer.getvalue()
    return Resultaat(
        pdf=pdf,
        paginas=len(document.pages),
        sha256=hashlib.sha256(pdf).hexdigest(),
        html=html,
        fetcher=fetcher,
    )


# The paper is Dutch (lang="nl"), also when a request in English renders it.
@translation.override("nl")
def render_pdf(
    snapshot: dict,
    *,
    versie: int,
    inhoud_sha256: str,
    status_label: str,
    definitief_op: datetime | None = None,
    voortgang=None,
) -> Resultaat:
    """Snapshot → PDF. ``voortgang(tekst)`` is told what happens, for the progress field.
    With ``definitief_op`` the definitive paper, otherwise a concept marked as such."""
    melden = voortgang or (lambda tekst: None)
    begin = time.perf_counter()
    melden("Grafieken en opmaak voorbereiden")
    html, data = render_html(
        snapshot,
        versie=versie,
        inhoud_sha256=inhoud_sha256,
        status_label=status_label,
        definitief_op=definitief_op,
    )
    klaar_html = time.perf_counter()
    melden("PDF opmaken")
    resultaat = html_naar_pdf(html, data)
    resultaat.tijden = {
        "html": klaar_html - begin,
        "weasyprint": time.perf_counter() - klaar_html,
    }
    return resultaat

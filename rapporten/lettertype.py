"""Which characters the paper's font can print. WeasyPrint prints a character that no
embedded font has as an empty box; user text may hold emoji or rare scripts, so the
renderer replaces those by a readable marker before layout (``leesbaar``)."""

import functools
import logging
import unicodedata
from pathlib import Path

from fontTools.ttLib import TTFont

logger = logging.getLogger(__name__)

#: The fonts the PDF stylesheet names, in Debian's (and most Linux distributions') place.
LETTERTYPEN = (
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
)
#: What an unprintable character becomes.
VERVANGING = "[symbool]"
#: Invisible joiners and variation selectors that only shape an emoji: dropped.
ONZICHTBAAR = {"\u200d", "\ufe0e", "\ufe0f", "\u200b", "\u2060"}


@functools.cache
def tekens() -> frozenset[int] | None:
    """The code points every paper font covers, or None when a font is missing (then
    nothing is replaced, rather than everything)."""
    gedekt = None
    for pad in LETTERTYPEN:
        if not pad.exists():
            logger.warning("Lettertype %s ontbreekt; tekens worden niet gecontroleerd", pad)
            return None
        cmap = set(TTFont(pad, lazy=True).getBestCmap())
        gedekt = cmap if gedekt is None else gedekt & cmap
    return frozenset(gedekt or ())


def _tekst(tekst: str, gedekt: frozenset[int]) -> str:
    if tekst.isascii():
        return tekst
    uit = []
    for teken in tekst:
        if teken in ONZICHTBAAR or unicodedata.category(teken) == "Cf":
            continue  # format characters (joiners, bidi controls) print nothing anyway
        if ord(teken) in gedekt or teken in "\n\r\t" or unicodedata.category(teken) == "Zs":
            uit.append(teken)
        elif not (uit and uit[-1] == VERVANGING):
            uit.append(VERVANGING)
    return "".join(uit)


def leesbaar(waarde):
    """``waarde`` (a snapshot, or any JSON-like structure) with every string printable."""
    gedekt = tekens()
    if gedekt is None:
        return waarde

    def omzetten(w):
        if isinstance(w, str):
            return _tekst(w, gedekt)
        if isinstance(w, dict):
            return {k: omzetten(v) for k, v in w.items()}
        if isinstance(w, list):
            return [omzetten(v) for v in w]
        return w

    return omzetten(waarde)

"""``{% achterstandrij %}``: one row of the backlog (who is behind on a termijn), on the
page of all open consultations and on that of one, everything escaped, in both languages."""

import datetime
import re
from types import SimpleNamespace

from django.template import engines
from django.utils import translation

SJABLOON = engines["django"].from_string(
    "{% load tegenkracht %}"
    '{% url_met_pk "reacties:detail" as reactie_url %}'
    '{% url_met_pk "consultaties:detail" as consultatie_url %}'
    "{% achterstandrij regel %}"
)


def _regel(**anders):
    """A row as ``termijnen.overzichten`` gives it."""
    reactie = SimpleNamespace(
        pk=11,
        status="in_voorbereiding",
        termijn_verlengd_tot=None,
        organisatie=SimpleNamespace(naam="Sociale Verzekeringsbank"),
        consultatie=SimpleNamespace(pk=7, titel="Wet betaalbare huur", kenmerk="BZK-2026-01"),
    )
    return {
        "reactie": reactie,
        "termijn": datetime.datetime(2026, 3, 2, 16, 30, tzinfo=datetime.UTC),
        "werkdagen": 2,
        "urgentie": "kritiek",
        "urgentie_label": "Kritiek",
        "herinneringen": [],
        **anders,
    }


def _cellen(html) -> list[str]:
    return re.findall(r"<td[^>]*>(.*?)</td>", html, re.S)


def test_op_de_pagina_van_alle_consultaties():
    html = SJABLOON.render({"regel": _regel()})
    assert html.startswith('\n    <tr class="utrecht-table__row urgentie-kritiek">')
    organisatie, consultatie, status, termijn, werkdagen, urgentie, herinneringen = _cellen(html)
    assert (
        organisatie == '<a class="utrecht-link" href="/reacties/11/">Sociale Verzekeringsbank</a>'
    )
    assert consultatie == (
        '<a class="utrecht-link" href="/consultaties/7/">Wet betaalbare huur</a> (BZK-2026-01)'
    )
    assert "In voorbereiding" in status
    # 17:30 in Amsterdam, in the language's DATETIME_FORMAT.
    assert termijn == '<time datetime="2026-03-02T17:30:00+01:00">2 maart 2026 17:30</time>'
    assert (werkdagen, urgentie, herinneringen) == ("2", "Kritiek", "nog geen")
    assert html.endswith("</td>\n    </tr>\n  ")


def test_op_de_pagina_van_een_consultatie_geen_consultatiekolom():
    html = SJABLOON.render({"regel": _regel(), "consultatie": SimpleNamespace(pk=7)})
    assert len(_cellen(html)) == 6
    assert "Wet betaalbare huur" not in html


def test_verlengd_en_herinneringen():
    regel = _regel(herinneringen=["7 werkdagen voor de termijn", "2 werkdagen voor de termijn"])
    regel["reactie"].termijn_verlengd_tot = regel["termijn"]
    cellen = _cellen(SJABLOON.render({"regel": regel}))
    assert cellen[3].endswith("</time> (verlengd)")
    assert cellen[6] == "7 werkdagen voor de termijn; 2 werkdagen voor de termijn"


def test_alles_van_buiten_wordt_geescaped():
    regel = _regel(herinneringen=["<i>"], urgentie='" onclick="x')
    regel["reactie"].organisatie.naam = "<script>x</script>"
    regel["reactie"].consultatie.titel = "<b>"
    html = SJABLOON.render({"regel": regel})
    assert "<script>" not in html and "<b>" not in html and "<i>" not in html
    assert 'urgentie-&quot; onclick=&quot;x">' in html
    assert ">&lt;script&gt;x&lt;/script&gt;</a>" in html


def test_in_het_engels():
    regel = _regel()
    regel["reactie"].termijn_verlengd_tot = regel["termijn"]
    with translation.override("en"):
        cellen = _cellen(SJABLOON.render({"regel": regel}))
    assert ' lang="nl">Wet betaalbare huur</a>' in cellen[1]
    assert cellen[3].endswith("</time> (extended)")
    assert cellen[6] == "none yet"

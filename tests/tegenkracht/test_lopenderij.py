"""``{% lopenderij %}``: one running consultation on the secretaris's start page, with its
responses counted, everything escaped, in both languages."""

import datetime
import re
from types import SimpleNamespace

from django.template import engines
from django.utils import translation

SJABLOON = engines["django"].from_string(
    '{% load tegenkracht %}{% url_met_pk "consultaties:detail" as detail_url %}{% lopenderij c %}'
)


def _consultatie(**anders):
    """What a row reads of ``reacties.paginas.startpagina``'s annotated consultation."""
    return SimpleNamespace(
        **{
            "pk": 7,
            "titel": "Wet betaalbare huur",
            "kenmerk": "BZK-2026-01",
            "ministerie": SimpleNamespace(afkorting="BZK"),
            "termijn": datetime.datetime(2026, 3, 2, 16, 30, tzinfo=datetime.UTC),
            "status": "open",
            "ingediend": 12,
            "uitgenodigd": 36,
            "te_beoordelen": 3,
            **anders,
        }
    )


def _cellen(html) -> list[str]:
    return re.findall(r"<td[^>]*>(.*?)</td>", html, re.S)


def test_een_lopende_consultatie():
    html = SJABLOON.render({"c": _consultatie()})
    assert html.startswith('<tr class="utrecht-table__row">')
    termijn, consultatie, ministerie, status, ingediend, te_beoordelen = _cellen(html)
    # 17:30 in Amsterdam: the deadline as the secretaris reads it.
    assert termijn == '<time datetime="2026-03-02T17:30:00+01:00">2 maart 2026 17:30</time>'
    assert consultatie == (
        '<a class="utrecht-link" href="/consultaties/7/">Wet betaalbare huur</a><br>'
        '<span class="tk-meta">BZK-2026-01</span>'
    )
    assert ministerie == "BZK"
    assert "Open" in status
    assert ingediend == "12 van 36"
    assert te_beoordelen == "3"


def test_alles_van_buiten_wordt_geescaped():
    html = SJABLOON.render(
        {
            "c": _consultatie(
                titel="<script>x</script>",
                kenmerk="<b>",
                ministerie=SimpleNamespace(afkorting="<i>"),
            )
        }
    )
    assert "<script>" not in html and "<b>" not in html and "<i>" not in html
    assert "&lt;script&gt;x&lt;/script&gt;" in html
    assert "&lt;b&gt;" in html and "&lt;i&gt;" in html


def test_in_het_engels():
    with translation.override("en"):
        html = SJABLOON.render({"c": _consultatie()})
    termijn, consultatie, _ministerie, _status, ingediend, _te = _cellen(html)
    assert "2 March 2026 17:30" in termijn
    assert ' lang="nl"' in consultatie  # the title is Dutch text
    assert ingediend == "12 of 36"

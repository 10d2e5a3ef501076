"""``{% inboxrij %}``: one invitation on a member organisation's start page, with the
termijn that holds for it and, while it runs, the time left; everything escaped, in both
languages."""

import datetime
import re
from types import SimpleNamespace

from django.template import engines
from django.utils import timezone, translation

SJABLOON = engines["django"].from_string(
    '{% load tegenkracht %}{% url_met_pk "reacties:detail" as reactie_url %}{% inboxrij r %}'
)
LOPEND = ["uitgenodigd", "in_voorbereiding", "ter_accordering"]


def _reactie(status="in_voorbereiding", consultatiestatus="open", **anders):
    """What a row reads of ``reacties.paginas.startpagina``'s response."""
    return SimpleNamespace(
        **{
            "pk": 11,
            "status": status,
            "effectieve_termijn": datetime.datetime(2026, 3, 2, 16, 30, tzinfo=datetime.UTC),
            "termijn_verlengd_tot": None,
            "consultatie": SimpleNamespace(
                titel="Wet betaalbare huur",
                kenmerk="BZK-2026-01",
                status=consultatiestatus,
                ministerie=SimpleNamespace(afkorting="BZK"),
            ),
            **anders,
        }
    )


def _render(reactie):
    return SJABLOON.render({"r": reactie, "lopende_statussen": LOPEND})


def _cellen(html) -> list[str]:
    return re.findall(r"<td[^>]*>(.*?)</td>", html, re.S)


def test_een_afgeronde_uitnodiging():
    html = _render(_reactie(status="ingediend", consultatiestatus="gesloten"))
    assert html.startswith('\n    <tr class="utrecht-table__row">')
    termijn, consultatie, ministerie, status, openen = _cellen(html)
    # 17:30 in Amsterdam; no time left shown for a submitted response.
    assert termijn == '<time datetime="2026-03-02T17:30:00+01:00">2 maart 2026 17:30</time>'
    assert (
        consultatie
        == '<span>Wet betaalbare huur</span><br><span class="tk-meta">BZK-2026-01</span>'
    )
    assert ministerie == "BZK"
    assert "Ingediend" in status
    assert openen == (
        '<a class="utrecht-link" href="/reacties/11/">Reactie openen'
        '<span class="tk-visueel-verborgen"> – Wet betaalbare huur</span></a>'
    )
    assert html.endswith("</td>\n    </tr>\n  ")


def test_lopend_en_verlengd_met_de_resterende_tijd():
    termijn = timezone.now() + datetime.timedelta(days=3, hours=5)
    html = _render(_reactie(effectieve_termijn=termijn, termijn_verlengd_tot=termijn))
    cel = _cellen(html)[0]
    assert '</time> <span class="tk-meta">(verlengd)</span><br><span class="tk-meta">nog 3' in cel
    assert "dagen" in cel


def test_geen_resterende_tijd_als_de_consultatie_niet_meer_open_is():
    termijn = timezone.now() + datetime.timedelta(days=3)
    html = _render(_reactie(effectieve_termijn=termijn, consultatiestatus="gesloten"))
    assert "nog " not in html


def test_alles_van_buiten_wordt_geescaped():
    reactie = _reactie()
    reactie.consultatie.titel = "<script>x</script>"
    reactie.consultatie.kenmerk = "<b>"
    reactie.consultatie.ministerie.afkorting = "<i>"
    html = _render(reactie)
    assert "<script>" not in html and "<b>" not in html and "<i>" not in html
    assert html.count("&lt;script&gt;x&lt;/script&gt;") == 2


def test_in_het_engels():
    termijn = timezone.now() + datetime.timedelta(days=3, hours=5)
    with translation.override("en"):
        html = _render(_reactie(effectieve_termijn=termijn, termijn_verlengd_tot=termijn))
    termijn_cel, consultatie, _m, _s, openen = _cellen(html)
    assert "(extended)" in termijn_cel and "3\xa0days" in termijn_cel
    assert '<span lang="nl">Wet betaalbare huur</span>' in consultatie
    assert openen.startswith('<a class="utrecht-link" href="/reacties/11/">Open response')


def test_een_verstreken_termijn_heet_verstreken_niet_nog_0_minuten():
    """An invitation past its termijn in a consultation still open (until the minute job
    or the secretaris acts): timeuntil said "nog 0 minuten"."""
    termijn = timezone.now() - datetime.timedelta(hours=2)
    cel = _cellen(_render(_reactie(effectieve_termijn=termijn)))[0]
    assert cel.endswith('<br><span class="tk-meta">termijn verstreken</span>')
    assert "nog" not in cel
    with translation.override("en"):
        cel = _cellen(_render(_reactie(effectieve_termijn=termijn)))[0]
    assert cel.endswith('<br><span class="tk-meta">deadline passed</span>')


def test_minder_dan_een_minuut():
    termijn = timezone.now() + datetime.timedelta(seconds=40)
    cel = _cellen(_render(_reactie(effectieve_termijn=termijn)))[0]
    assert cel.endswith('<span class="tk-meta">nog minder dan een minuut</span>')
    with translation.override("en"):
        cel = _cellen(_render(_reactie(effectieve_termijn=termijn)))[0]
    assert cel.endswith('<span class="tk-meta">less than a minute left</span>')

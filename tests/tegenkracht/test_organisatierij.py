"""``{% organisatierij %}``: one row of the invited organisations on the consultation page.
The checkbox only where the secretaris can filter and act on a selection, the state and
termijn as the organisation sees them, the actions allowed now, everything escaped, in
both languages."""

import datetime
import re

from django.template import engines
from django.utils import translation

SJABLOON = engines["django"].from_string(
    "{% load tegenkracht %}"
    '{% url_met_pk "reacties:detail" as reactie_url %}'
    '{% url_met_pk "reacties:transitie" "accepteren" as accepteren_url %}'
    "{% organisatierij r %}"
)
CSRF = '<input type="hidden" name="csrfmiddlewaretoken" value="t">'
TERMIJN = datetime.datetime(2026, 3, 2, 16, 30, tzinfo=datetime.UTC)  # 17:30 in Amsterdam


def _rij(**anders) -> dict:
    """A row as ``reacties.paginas._organisatierij`` gives it."""
    return {
        "pk": "12",
        "naam": "Dienst Uitvoering Onderwijs",
        "afkorting": "DUO",
        "netwerk": "RBB Groep",
        "status": "in_voorbereiding",
        "afzien_reden": "",
        "termijn": TERMIJN,
        "verlengd": False,
        "eindoordeel": "Uitvoerbaar",
        "accepteren": False,
        "terugsturen": False,
        "kiesbaar": False,
        **anders,
    }


def _render(rij, lijstfilter=True) -> str:
    return SJABLOON.render({"r": rij, "lijstfilter": lijstfilter, "csrf": CSRF})


def _cellen(html) -> list[str]:
    return re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", html, re.S)


def test_een_lopende_reactie():
    html = _render(_rij())
    assert html.startswith('<tr class="utrecht-table__row">')
    kiezen, naam, netwerk, status, termijn, eindoordeel, acties = _cellen(html)
    assert kiezen == ""  # nothing to accept or remind
    assert naam == '<a class="utrecht-link" href="/reacties/12/">Dienst Uitvoering Onderwijs</a>'
    assert netwerk == "RBB Groep"
    assert "In voorbereiding" in status
    assert termijn == "2 Mrt 2026 17:30"
    assert eindoordeel == '<span class="tk-meta">–</span>'  # not submitted: no verdict yet
    assert "<form" not in acties and "<a" not in acties


def test_zonder_lijstfilter_geen_kolom_om_te_kiezen():
    assert len(_cellen(_render(_rij(kiesbaar=True), lijstfilter=None))) == 6
    assert 'type="checkbox"' not in _render(_rij(kiesbaar=True), lijstfilter=None)


def test_een_ingediende_reactie_kiezen_accepteren_en_terugsturen():
    html = _render(
        _rij(status="ingediend", kiesbaar=True, accepteren=True, terugsturen=True, verlengd=True)
    )
    kiezen, _naam, _netwerk, _status, termijn, eindoordeel, acties = _cellen(html)
    assert 'name="reacties" value="12" form="bulkacties" id="kies-12"' in kiezen
    assert '<label class="tk-visueel-verborgen" for="kies-12">Kies Dienst' in kiezen
    assert termijn == '2 Mrt 2026 17:30 <span class="tk-meta">(verlengd)</span>'
    assert eindoordeel == "Uitvoerbaar"
    assert '<form method="post" action="/reacties/12/acties/accepteren/"' in acties
    assert CSRF in acties
    assert 'Accepteren<span class="tk-visueel-verborgen"> – DUO</span>' in acties
    assert '<a class="utrecht-link" href="/reacties/12/#acties-kop-hoofd">Terugsturen…' in acties


def test_de_reden_van_afzien_ingekort():
    html = _render(_rij(status="afgezien", afzien_reden="x" * 200))
    status = _cellen(html)[3]
    assert status.endswith(f'<br><span class="tk-meta">{"x" * 119}…</span>')


def test_alles_van_buiten_wordt_geescaped():
    html = _render(
        _rij(
            naam="<script>a</script>",
            afkorting="<b>",
            netwerk="<i>",
            status="afgezien",
            afzien_reden="<img src=x>",
            kiesbaar=True,
            terugsturen=True,
        )
    )
    assert "<script>" not in html and "<img" not in html and "<b>" not in html
    assert "&lt;script&gt;a&lt;/script&gt;" in html
    assert "Kies &lt;script&gt;" in html
    assert "&lt;img src=x&gt;" in html
    assert "&lt;i&gt;" in html


def test_in_het_engels():
    with translation.override("en"):
        html = _render(
            _rij(
                status="ingediend", kiesbaar=True, accepteren=True, terugsturen=True, verlengd=True
            )
        )
    assert "Choose Dienst Uitvoering Onderwijs" in html
    assert "2 Mar 2026 17:30" in html
    assert "(extended)" in html
    assert "Accept<span" in html
    # The labels are kept per language: Dutch again afterwards.
    assert "Accepteren<span" in _render(_rij(status="ingediend", accepteren=True))

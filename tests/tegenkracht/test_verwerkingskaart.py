"""``{% verwerkingskaart %}``: one kernpunt on the paper page, with what the ministry did
with it and, only where the user may record that, the form; everything escaped, in both
languages."""

import re
from types import SimpleNamespace

from django.template import engines
from django.utils import translation

from rapporten.models import Uitkomst

SJABLOON = engines["django"].from_string(
    "{% load tegenkracht %}{% for k in kernpunten %}{% verwerkingskaart k %}{% endfor %}"
)
CSRF = '<input type="hidden" name="csrfmiddlewaretoken" value="t">'


def _kernpunt(**anders) -> dict:
    """A row as ``rapporten.views._kernpunten`` gives it (a snapshot kernpunt and more)."""
    return {
        "id": 7,
        "kid": "7",
        "nummer": "K3",
        "dimensie_label": "Uitvoerbaarheid",
        "organisatie": {"afkorting": "UWV"},
        "ernst_label": "Zwaarwegend",
        "tekst": "De termijn is te kort.",
        "onderschrijvers": [{"afkorting": "SVB"}, {"afkorting": "DUO"}],
        "verwerking": None,
        "keuze": "",
        "invoer": "",
        "fouten": {},
        **anders,
    }


def _verwerking(uitkomst="deels_overgenomen", toelichting="Een half jaar later."):
    return SimpleNamespace(
        uitkomst=uitkomst,
        toelichting=toelichting,
        get_uitkomst_display=lambda: Uitkomst(uitkomst).label,
    )


def _render(kernpunten, acties=()):
    return SJABLOON.render(
        {
            "kernpunten": kernpunten,
            "acties": list(acties),
            "verwerking_url": "/rapporten/5/verwerking",
            "csrf": CSRF,
            "uitkomsten": [(w, str(label)) for w, label in Uitkomst.choices],
        }
    )


def _alineas(html) -> list[str]:
    return re.findall(r'<p class="utrecht-paragraph[^"]*"[^>]*>(.*?)</p>', html, re.S)


def test_nog_niet_verwerkt_zonder_formulier():
    html = _render([_kernpunt()])
    assert html.startswith('\n<li class="tk-kaart" id="kernpunt-7">')
    assert (
        '<h3 class="nl-heading nl-heading--level-3" id="kernpunt-7-kop">'
        '<span class="tk-kernpuntnummer">K3</span> Uitvoerbaarheid · UWV · Zwaarwegend</h3>'
    ) in html
    assert _alineas(html) == [
        "De termijn is te kort.",
        "Onderschreven door SVB, DUO.",
        "Nog niet verwerkt.",
    ]
    assert "<form" not in html
    assert html.endswith("\n</li>\n")


def test_verwerkt_met_het_formulier_voor_wie_mag_vastleggen():
    html = _render([_kernpunt(verwerking=_verwerking())], acties=["verwerking_vastleggen"])
    assert (
        _alineas(html)[2] == "<strong>Deels overgenomen</strong>: <span>Een half jaar later.</span>"
    )
    assert '<form method="post" action="/rapporten/5/verwerking#kernpunt-7"' in html
    assert CSRF in html


def test_zonder_nummer_en_onderschrijvers():
    html = _render([_kernpunt(nummer="", onderschrijvers=[])])
    assert 'id="kernpunt-7-kop">Uitvoerbaarheid · UWV' in html
    assert "Onderschreven" not in html


def test_alles_van_buiten_wordt_geescaped():
    kwaad = "<script>x</script>"
    kernpunt = _kernpunt(
        tekst=kwaad,
        organisatie={"afkorting": "<b>"},
        onderschrijvers=[{"afkorting": "<i>"}],
        verwerking=_verwerking(toelichting='"><u>'),
    )
    html = _render([kernpunt])
    assert "<script>" not in html and "<b>" not in html and "<i>" not in html
    assert "<u>" not in html
    assert "&lt;script&gt;x&lt;/script&gt;</p>" in html
    assert "Onderschreven door &lt;i&gt;." in html
    assert "<span>&quot;&gt;&lt;u&gt;</span>" in html


def test_in_het_engels():
    with translation.override("en"):
        html = _render([_kernpunt(verwerking=_verwerking())])
    alineas = _alineas(html)
    assert alineas[0] == "De termijn is te kort."
    assert '<p class="utrecht-paragraph" lang="nl">De termijn is te kort.</p>' in html
    assert alineas[1] == "Endorsed by SVB, DUO."
    assert '<span lang="nl">Een half jaar later.</span>' in alineas[2]
    with translation.override("en"):
        assert _alineas(_render([_kernpunt()]))[2] == "Not yet followed up."

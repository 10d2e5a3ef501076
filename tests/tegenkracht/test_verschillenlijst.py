"""``{% verschillenlijst %}``: the differences of opinion on the secretaris's page of a
closed consultation (``rapporten.analyse.verschillen``), everything escaped, in both
languages."""

import re

from django.template import engines
from django.utils import translation

SJABLOON = engines["django"].from_string("{% load tegenkracht %}{% verschillenlijst v %}")


def _org(afkorting):
    return {"id": 1, "naam": afkorting, "afkorting": afkorting, "netwerk": "rbb"}


def _verschillen(**anders):
    return {
        "oordeel": {
            "uitvoerbaar": ["UWV", "SVB"],
            "niet_uitvoerbaar": ["DUO", "IND"],
            "redenen": [
                {
                    "organisatie": _org("DUO"),
                    "dimensies": [
                        {"label": "Uitvoerbaarheid", "toelichting": "Te krap."},
                        {"label": "ICT", "toelichting": ""},
                    ],
                },
                {"organisatie": _org("IND"), "dimensies": []},
            ],
        },
        "dimensies": [
            {
                "label": "Burgers en bedrijven",
                "code": "burgers",
                "ingrijpend": [{"organisatie": _org("UWV"), "toelichting": "Veel post."}],
                "beperkt": [{"organisatie": _org("SVB"), "toelichting": ""}],
            }
        ],
        "verschillend_geraakt": [],
        "aanwezig": True,
        **anders,
    }


def _items(html) -> list[str]:
    return re.findall(r"<li>([^<]*)", html)


def test_eindoordeel_en_dimensies():
    html = SJABLOON.render({"v": _verschillen()})
    assert _items(html) == [
        "Eindoordeel: (onder voorwaarden) uitvoerbaar volgens UWV, SVB, niet uitvoerbaar "
        "volgens DUO, IND.\n        ",
        "DUO: uitvoerbaarheid (\u201cTe krap.\u201d); ict",
        "IND: geen dimensie als ingrijpend beoordeeld",
        "Burgers en bedrijven: hetzelfde effect beoordeeld als ingrijpend en als beperkt."
        "\n        ",
        "Ingrijpend \u2013 UWV: \u201cVeel post.\u201d",
        "Beperkt \u2013 SVB",
    ]
    # Each verdict and each dimension its own item, its organisations in a nested list.
    assert html.count('<ul class="utrecht-unordered-list">') == 2
    assert html.count("<li>") == html.count("</li>") == 6


def test_zonder_tegenstrijdig_eindoordeel_alleen_de_dimensies():
    html = SJABLOON.render({"v": _verschillen(oordeel=None)})
    assert "Eindoordeel" not in html
    assert _items(html)[0].startswith("Burgers en bedrijven:")


def test_zonder_tegenstrijdige_dimensies_alleen_het_eindoordeel():
    html = SJABLOON.render({"v": _verschillen(dimensies=[])})
    assert _items(html)[0].startswith("Eindoordeel:")
    assert "hetzelfde effect" not in html


def test_alles_van_buiten_wordt_geescaped():
    kwaad = "<script>x</script>"
    v = _verschillen()
    v["oordeel"]["uitvoerbaar"] = [kwaad]
    v["oordeel"]["redenen"][0]["organisatie"] = _org("<b>")
    v["oordeel"]["redenen"][0]["dimensies"][0]["toelichting"] = kwaad
    v["dimensies"][0]["label"] = "<i>"
    v["dimensies"][0]["ingrijpend"][0]["toelichting"] = '" onmouseover="x'
    html = SJABLOON.render({"v": v})
    assert "<script>" not in html and "<b>" not in html and "<i>" not in html
    assert "volgens &lt;script&gt;x&lt;/script&gt;, niet" in html
    assert "&lt;b&gt;: uitvoerbaarheid (\u201c&lt;script&gt;" in html
    assert "&lt;i&gt;: hetzelfde effect" in html
    assert "&quot; onmouseover=&quot;x" in html


def test_in_het_engels():
    with translation.override("en"):
        html = SJABLOON.render({"v": _verschillen()})
    items = _items(html)
    assert items[0].startswith(
        "Verdict: feasible (under conditions) according to UWV, SVB, not feasible according "
        "to DUO, IND."
    )
    assert items[2] == "IND: no dimension rated drastic"
    assert items[3].startswith("Burgers en bedrijven: the same effect rated drastic and limited.")
    assert items[4:] == ["Major \u2013 UWV: \u201cVeel post.\u201d", "Limited \u2013 SVB"]

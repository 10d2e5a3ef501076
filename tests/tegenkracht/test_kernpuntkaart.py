"""``{% kernpuntkaart %}``: one kernpunt on the kernpunten page and a response's page
(``reacties/_kernpunten.html``): its heading, text, endorsers and themes, and only the
forms the user may use, everything escaped, in both languages."""

import re
from types import SimpleNamespace

from django.template import engines
from django.utils import translation
from django.utils.safestring import mark_safe

SJABLOON = engines["django"].from_string(
    "{% load tegenkracht %}"
    '{% url_met_pk "themas:detail" as thema_url %}{% url_met_pk "themas:kernpunt" as themas_url %}'
    '{% url_met_pk "reacties:onderschrijven" as onderschrijven_url %}'
    '{% url_met_pk "reacties:samenvoegen" as samenvoegen_url %}'
    "{% for k in kernpuntrijen %}{% kernpuntkaart k %}{% endfor %}"
)
SECRETARIS = SimpleNamespace(is_authenticated=True, is_active=True, is_secretaris=True)
OPSTELLER = SimpleNamespace(is_authenticated=True, is_active=True, is_secretaris=False)


def _rij(pk=5, status="gesloten", samengevoegd_in_id=None, **anders):
    """What ``reacties.paginas.kernpuntrijen`` gives per kernpunt."""
    kernpunt = SimpleNamespace(
        pk=pk,
        samengevoegd_in_id=samengevoegd_in_id,
        reactie=SimpleNamespace(consultatie=SimpleNamespace(status=status)),
    )
    return {
        "kernpunt": kernpunt,
        "pk": str(pk),
        "dimensie": "Uitvoerbaarheid",
        "ernst": "Zwaarwegend",
        "artikel": "art. 3",
        "organisatie": "UWV",
        "tekst": "De termijn is te kort.",
        "voorgestelde_wijziging": "Een jaar later.",
        "onderschrijvers": "SVB, DUO",
        "kort": "De termijn is te kort.",
        "mag_onderschrijven": False,
        **anders,
    }


def _render(rijen, user=SECRETARIS, **context):
    return SJABLOON.render(
        {
            "kernpuntrijen": rijen,
            "user": user,
            "nummers": {5: "K3"},
            "themas": {5: [SimpleNamespace(pk=8, name="Peildatum")]},
            "mag_samenvoegen": True,
            # What {% csrf_veld as csrf %} gives the page.
            "csrf": mark_safe('<input type="hidden" name="csrfmiddlewaretoken" value="t">'),
            **context,
        }
    )


def _alinea(html, nr) -> str:
    return re.findall(r'<p class="utrecht-paragraph[^"]*"[^>]*>(.*?)</p>', html, re.S)[nr]


def test_de_secretaris_van_een_gesloten_consultatie():
    html = _render([_rij(), _rij(pk=6)])
    assert html.count('<li class="tk-kaart"') == 2
    assert '<li class="tk-kaart" id="kernpunt-5">' in html
    assert _alinea(html, 0) == (
        '<strong class="tk-kernpuntnummer">K3</strong> · <strong>Uitvoerbaarheid</strong> · '
        "Zwaarwegend · <span>art. 3</span> · UWV"
    )
    assert _alinea(html, 1) == "De termijn is te kort."
    assert _alinea(html, 2) == "<em>Voorgestelde wijziging:</em> Een jaar later."
    assert _alinea(html, 3) == "Onderschreven door: SVB, DUO"
    assert _alinea(html, 4) == ('Thema\'s: <a class="utrecht-link" href="/themas/8/">Peildatum</a>')
    # Themes to give (closed consultation), merging (two kernpunten); not endorsing.
    assert '<form method="post" action="/themas/kernpunten/5/"' in html
    assert 'id="themas-5" name="themas" value="Peildatum"' in html
    assert 'class="tk-inline-form"><input type="hidden" name="csrfmiddlewaretoken"' in html
    assert 'href="/reacties/kernpunten/5/samenvoegen/">Samenvoegen met een ander kernpunt' in html
    assert "onderschrijven" not in html
    assert html.endswith("\n  </li>\n  ")


def test_een_opsteller_onderschrijft_en_geeft_geen_themas():
    html = _render([_rij(mag_onderschrijven=True)], user=OPSTELLER, mag_samenvoegen=False)
    assert '<form method="post" action="/reacties/kernpunten/5/onderschrijven/"' in html
    assert (
        '>Onderschrijven<span class="tk-visueel-verborgen"> – De termijn is te kort.</span>' in html
    )
    assert 'name="themas"' not in html and "Samenvoegen" not in html


def test_geen_themaformulier_bij_een_open_consultatie_of_samengevoegd_kernpunt():
    for rij in (_rij(status="open"), _rij(samengevoegd_in_id=9)):
        assert 'name="themas"' not in _render([rij])


def test_samenvoegen_alleen_met_een_ander_kernpunt():
    assert "Samenvoegen" not in _render([_rij()])


def test_zonder_nummer_artikel_organisatie_wijziging_onderschrijvers_en_themas():
    rij = _rij(pk=7, artikel="", organisatie="", voorgestelde_wijziging="", onderschrijvers="")
    html = _render([rij], user=OPSTELLER)
    assert _alinea(html, 0) == "<strong>Uitvoerbaarheid</strong> · Zwaarwegend"
    assert _alinea(html, 2) == "Onderschreven door: nog niemand"
    assert "Thema" not in html and "Voorgestelde" not in html


def test_alles_van_buiten_wordt_geescaped():
    kwaad = "<script>x</script>"
    rij = _rij(tekst=kwaad, artikel="<b>", voorgestelde_wijziging=kwaad, kort='" x="')
    html = _render(
        [rij, _rij(pk=6)],
        themas={5: [SimpleNamespace(pk=8, name='"><i>')]},
        nummers={5: "<u>"},
    )
    assert "<script>" not in html and "<b>" not in html and "<i>" not in html
    assert "<u>" not in html
    assert _alinea(html, 1) == "&lt;script&gt;x&lt;/script&gt;"
    assert 'value="&quot;&gt;&lt;i&gt;"' in html
    assert "> – &quot; x=&quot;</span>" in html


def test_in_het_engels():
    with translation.override("en"):
        html = _render([_rij(), _rij(pk=6)])
    assert '<p class="utrecht-paragraph tk-tekst" lang="nl">De termijn is te kort.</p>' in html
    assert '<span lang="nl">art. 3</span>' in html
    assert _alinea(html, 3) == "Endorsed by: SVB, DUO"
    assert ">Merge with another key point<span" in html

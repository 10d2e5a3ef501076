"""``{% verwerkingsformulier %}``: the form on the paper page with which the ministry
records what it did with one kernpunt. Its errors tied to their fields (WCAG 1.3.1,
3.3.1), what was chosen or typed kept, everything escaped, in both languages. And
``{% verwerkingskaart %}``, the kernpunt around it: what the ministry did with it and the
form only where the user may record that."""

import re
from types import SimpleNamespace

from django import forms
from django.template import engines
from django.utils import translation

from rapporten.models import Uitkomst

SJABLOON = engines["django"].from_string(
    "{% load tegenkracht %}{% verwerkingsformulier k actie csrf uitkomsten %}"
)
KAART = engines["django"].from_string(
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


def _formulier(kernpunt, actie="/rapporten/5/verwerking") -> str:
    uitkomsten = [(waarde, str(label)) for waarde, label in Uitkomst.choices]
    return SJABLOON.render({"k": kernpunt, "actie": actie, "csrf": CSRF, "uitkomsten": uitkomsten})


def _keuzes(html) -> list[str]:
    return re.findall(r'<input type="radio"[^>]*>', html)


def test_zonder_fouten_niets_gekozen_en_alles_aan_het_kernpunt_gekoppeld():
    html = _formulier(_kernpunt())
    assert html.startswith('<form method="post" action="/rapporten/5/verwerking#kernpunt-7"')
    assert CSRF in html
    assert '<input type="hidden" name="kernpunt" value="7">' in html
    assert "Wat is er met K3 gedaan?</legend>" in html
    keuzes = _keuzes(html)
    assert [re.search(r'value="([^"]+)"', k)[1] for k in keuzes] == Uitkomst.values
    assert not any("checked" in k or "aria-invalid" in k for k in keuzes)
    assert '<label class="utrecht-form-label" for="toelichting-7">Toelichting ' in html
    assert '<textarea id="toelichting-7" name="toelichting" rows="3"' in html
    assert 'aria-describedby="kernpunt-7-kop">Verwerking vastleggen</button>' in html
    assert "tk-fout" not in html
    assert "aria-invalid" not in html


def test_zonder_nummer_de_algemene_vraag():
    html = _formulier(_kernpunt(nummer=""))
    assert "Wat is ermee gedaan?</legend>" in html


def test_vastgelegde_keuze_en_toelichting_staan_ingevuld():
    html = _formulier(_kernpunt(keuze="deels_overgenomen", invoer="Artikel 4 is aangepast."))
    (aangevinkt,) = [k for k in _keuzes(html) if "checked" in k]
    assert 'value="deels_overgenomen"' in aangevinkt
    assert ">Artikel 4 is aangepast.</textarea>" in html


def test_fouten_staan_bij_hun_veld_en_de_velden_verwijzen_ernaar():
    fouten = {
        "uitkomst": forms.utils.ErrorList(["Kies <iets>."]),
        "toelichting": forms.utils.ErrorList(["Licht toe.", "Geen & tekens."]),
    }
    html = _formulier(
        _kernpunt(keuze="", invoer="<b>bewaard</b>", fouten=fouten, algemeen=["Te <laat>."])
    )
    assert '<p class="tk-fout" role="alert">Te &lt;laat&gt;.</p>' in html
    assert (
        'tk-veld utrecht-form-fieldset--invalid tk-veld--fout" aria-describedby="uitkomst-7-fout">'
    ) in html
    assert '<p class="tk-fout" id="uitkomst-7-fout">Kies &lt;iets&gt;.</p>' in html
    assert all('aria-invalid="true"' in k for k in _keuzes(html))
    assert 'utrecht-form-field tk-veld utrecht-form-field--invalid tk-veld--fout"' in html
    assert (
        '<span class="tk-fout" id="toelichting-7-fout">Licht toe. Geen &amp; tekens.</span>'
    ) in html
    assert (
        'aria-invalid="true" aria-describedby="toelichting-7-fout">'
        "&lt;b&gt;bewaard&lt;/b&gt;</textarea>"
    ) in html


def test_alles_van_buiten_wordt_geescaped():
    html = _formulier(
        _kernpunt(nummer="<K1>", invoer="</textarea><script>x</script>"),
        actie='/r/"><script>',
    )
    assert "<script>" not in html
    assert 'action="/r/&quot;&gt;&lt;script&gt;#kernpunt-7"' in html
    assert "Wat is er met &lt;K1&gt; gedaan?" in html
    assert "&lt;/textarea&gt;&lt;script&gt;x&lt;/script&gt;</textarea>" in html


def test_in_het_engels():
    with translation.override("en"):
        uitkomsten = [(waarde, str(label)) for waarde, label in Uitkomst.choices]
        html = SJABLOON.render(
            {"k": _kernpunt(), "actie": "/r", "csrf": CSRF, "uitkomsten": uitkomsten}
        )
        html_zonder_nummer = _formulier(_kernpunt(nummer=""))
    assert "What was done with K3?</legend>" in html
    assert "What was done with it?</legend>" in html_zonder_nummer
    assert "(required)" in html
    assert "Record follow-up</button>" in html
    # The labels are kept per language: Dutch again afterwards.
    assert "Wat is er met K3 gedaan?" in _formulier(_kernpunt())


# --- {% verwerkingskaart %}: the kernpunt around the form ---------------------------


def _verwerking(uitkomst="deels_overgenomen", toelichting="Een half jaar later."):
    return SimpleNamespace(
        uitkomst=uitkomst,
        toelichting=toelichting,
        get_uitkomst_display=lambda: Uitkomst(uitkomst).label,
    )


def _render(kernpunten, acties=()):
    return KAART.render(
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


def test_kaart_nog_niet_verwerkt_zonder_formulier():
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


def test_kaart_verwerkt_met_het_formulier_voor_wie_mag_vastleggen():
    html = _render([_kernpunt(verwerking=_verwerking())], acties=["verwerking_vastleggen"])
    assert (
        _alineas(html)[2] == "<strong>Deels overgenomen</strong>: <span>Een half jaar later.</span>"
    )
    assert '<form method="post" action="/rapporten/5/verwerking#kernpunt-7"' in html
    assert CSRF in html


def test_kaart_zonder_nummer_en_onderschrijvers():
    html = _render([_kernpunt(nummer="", onderschrijvers=[])])
    assert 'id="kernpunt-7-kop">Uitvoerbaarheid · UWV' in html
    assert "Onderschreven" not in html


def test_kaart_alles_van_buiten_wordt_geescaped():
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


def test_kaart_in_het_engels():
    with translation.override("en"):
        html = _render([_kernpunt(verwerking=_verwerking())])
    alineas = _alineas(html)
    assert alineas[0] == "De termijn is te kort."
    assert '<p class="utrecht-paragraph" lang="nl">De termijn is te kort.</p>' in html
    assert alineas[1] == "Endorsed by SVB, DUO."
    assert '<span lang="nl">Een half jaar later.</span>' in alineas[2]
    with translation.override("en"):
        assert _alineas(_render([_kernpunt()]))[2] == "Not yet followed up."

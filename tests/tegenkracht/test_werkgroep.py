"""``{% werkgroep %}``: one consultation's work on the secretaris's work queue
(``notificaties.werkvoorraad.Groep``), every kind of work linked, everything escaped, in
both languages."""

import datetime
import re
from types import SimpleNamespace

from django.template import engines
from django.utils import translation

from notificaties.werkvoorraad import Groep

SJABLOON = engines["django"].from_string(
    "{% load tegenkracht %}"
    '{% url_met_pk "consultaties:detail" as detail_urls %}'
    '{% url_met_pk "reacties:detail" as reactie_url %}'
    '{% url_met_pk "notificaties:verlenging" as verlenging_url %}'
    '{% url_met_pk "rapporten:detail" as rapport_url %}'
    "{% werkgroep g %}"
)


def _org(afkorting, naam=None):
    return SimpleNamespace(afkorting=afkorting, naam=naam or f"Organisatie {afkorting}")


def _groep(**anders):
    consultatie = SimpleNamespace(
        pk=7,
        titel="Wet betaalbare huur",
        kenmerk="BZK-2026-01",
        ministerie=SimpleNamespace(afkorting="BZK"),
        termijn=datetime.datetime(2026, 3, 2, 16, 30, tzinfo=datetime.UTC),
    )
    return Groep(consultatie=consultatie, **anders)


def _reactie(pk, afkorting, naam=None):
    return SimpleNamespace(pk=pk, organisatie=_org(afkorting, naam))


def _alles():
    return _groep(
        te_beoordelen=[_reactie(11, "UWV"), _reactie(12, "SVB")],
        verzoeken=[
            SimpleNamespace(
                pk=21,
                reactie=_reactie(13, "DUO"),
                # 23:30 UTC is the next day in Amsterdam.
                gewenste_termijn=datetime.datetime(2026, 3, 9, 23, 30, tzinfo=datetime.UTC),
            ),
            SimpleNamespace(pk=22, reactie=_reactie(14, "IND"), gewenste_termijn=None),
        ],
        achter=[
            {"reactie": _reactie(15, "CAK", "Centraal Administratie Kantoor"), "urgentie": u}
            for u in ("risico", "verlopen", "kritiek")
        ],
        te_verzenden=[SimpleNamespace(pk=31, versie=2)],
        sluit_over=3,
    )


def _items(html) -> list[str]:
    return [re.sub(r"\s+", " ", i).strip() for i in re.findall(r"<li>(.*?)</li>", html, re.S)]


def test_alle_soorten_werk():
    html = SJABLOON.render({"g": _alles()})
    assert html.startswith(
        '\n  <article class="tk-kaart tk-werkvoorraad__groep" aria-labelledby="werk-7">'
    )
    assert (
        '<h3 class="nl-heading nl-heading--level-3" id="werk-7"><a class="utrecht-link" '
        'href="/consultaties/7/">Wet betaalbare huur</a></h3>' in html
    )
    # 17:30 in Amsterdam: the deadline as the secretaris reads it.
    assert (
        '<p class="tk-meta">BZK-2026-01 · BZK · termijn <time datetime="2026-03-02T17:30:00+01:00">'
        "2 maart 2026 17:30</time>" in html
    )
    assert "sluit over 3 werkdagen</strong>" in html
    assert "· 8 punten</p>" in html
    items = _items(html)
    assert items[0] == (
        '<a class="utrecht-link" href="/consultaties/7/?status=ingediend#organisaties">'
        '2 reacties te beoordelen</a>: <a class="utrecht-link" href="/reacties/11/">UWV</a>, '
        '<a class="utrecht-link" href="/reacties/12/">SVB</a>'
    )
    assert items[1] == (
        '2 verzoeken om verlenging: <a class="utrecht-link" href="/notificaties/verlengingen/21/">'
        'DUO</a> <span class="tk-meta">(tot 10 Mrt)</span>, '
        '<a class="utrecht-link" href="/notificaties/verlengingen/22/">IND</a>'
    )
    assert (
        '<li><a class="utrecht-link" href="/consultaties/7/?status=lopend#organisaties">'
        "3 organisaties achter op de termijn</a>" in html
    )
    abbr = '<abbr title="Centraal Administratie Kantoor">CAK</abbr>'
    # Most urgent first, whatever the order of the list.
    geneste = re.search(r'<ul class="utrecht-unordered-list">(.*?)</ul>', html, re.S).group(1)
    assert _items(geneste) == [
        f"termijn verstreken: {abbr}",
        f"nog 2 werkdagen of minder: {abbr}",
        f"nog 7 werkdagen of minder: {abbr}",
    ]
    assert items[-1] == (
        '<a class="utrecht-link" href="/rapporten/31/">Position paper versie 2 is definitief '
        "en klaar om te verzenden</a>"
    )
    assert "Niets te doen" not in html
    assert html.endswith("\n    </ul>\n  </article>\n  ")


def test_niets_te_doen_sluit_vandaag():
    html = SJABLOON.render({"g": _groep(sluit_over=0)})
    assert "sluit vandaag</strong>" in html
    assert "· 0 punten</p>" in html
    assert _items(html) == ["Niets te doen; de consultatie sluit binnenkort."]


def test_een_punt_zonder_termijnsignaal():
    html = SJABLOON.render({"g": _groep(te_beoordelen=[_reactie(11, "UWV")])})
    assert "tk-status--verlopen" not in html
    assert "· 1 punt</p>" in html
    assert "1 reactie te beoordelen</a>" in html
    assert "verlenging" not in html and "achter op de termijn" not in html


def test_alles_van_buiten_wordt_geescaped():
    kwaad = "<script>x</script>"
    groep = _alles()
    groep.consultatie.titel = kwaad
    groep.consultatie.kenmerk = "<b>"
    groep.te_beoordelen[0].organisatie.afkorting = kwaad
    groep.verzoeken[0].reactie.organisatie.afkorting = "<i>"
    groep.achter[0]["reactie"].organisatie.naam = '" onmouseover="x'
    html = SJABLOON.render({"g": groep})
    assert "<script>" not in html and "<b>" not in html and "<i>" not in html
    assert ">&lt;script&gt;x&lt;/script&gt;</a></h3>" in html
    assert '<p class="tk-meta">&lt;b&gt; ·' in html
    assert 'href="/reacties/11/">&lt;script&gt;' in html
    assert '<abbr title="&quot; onmouseover=&quot;x">' in html


def test_in_het_engels():
    with translation.override("en"):
        html = SJABLOON.render({"g": _alles()})
    assert ' lang="nl">Wet betaalbare huur</a>' in html  # the title is Dutch text
    assert "2 March 2026 17:30" in html
    assert "3 working days" in html
    items = _items(html)
    assert "2 responses to assess</a>" in items[0]
    assert "(until 10 Mar)" in items[1]
    geneste = re.search(r'<ul class="utrecht-unordered-list">(.*?)</ul>', html, re.S).group(1)
    assert [i.split(":")[0] for i in _items(geneste)] == [
        "deadline passed",
        "2 working days or fewer left",
        "7 working days or fewer left",
    ]

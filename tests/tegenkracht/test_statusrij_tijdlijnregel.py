"""``{% statusrij %}`` (the state summary on the secretaris's consultation page) and
``{% tijdlijnregel %}`` (one event of a timeline): what each shows, everything escaped,
in both languages."""

import datetime
import re
from types import SimpleNamespace

from django.template import engines
from django.utils import translation

STATUSRIJ = engines["django"].from_string("{% load tegenkracht %}{% statusrij rij %}")
TIJDLIJN = engines["django"].from_string("{% load tegenkracht %}{% tijdlijnregel g %}")


def _rij(**anders):
    """A row as ``Reactie.objects.statusoverzicht`` gives it."""
    return {
        "netwerk": "rbb",
        "label": "RBB Groep",
        "cellen": [{"status": "ingediend", "aantal": 3}, {"status": "verlopen", "aantal": 0}],
        "totaal": 3,
        **anders,
    }


def test_statusrij_van_een_netwerk_linkt_naar_de_gefilterde_lijst():
    html = STATUSRIJ.render({"rij": _rij()})
    assert html == (
        '<tr class="utrecht-table__row">\n  <th scope="row" class="utrecht-table__cell">'
        '<a class="utrecht-link" href="?netwerk=rbb#organisaties">RBB Groep</a></th>\n  '
        '<td class="utrecht-table__cell utrecht-table__cell--numeric"><a class="utrecht-link" '
        'href="?status=ingediend&amp;netwerk=rbb#organisaties">3</a></td>'
        '<td class="utrecht-table__cell utrecht-table__cell--numeric">'
        '<span class="tk-meta">0</span></td>\n  '
        '<td class="utrecht-table__cell utrecht-table__cell--numeric">3</td>\n</tr>\n'
    )


def test_statusrij_totaal_zonder_netwerk():
    html = STATUSRIJ.render({"rij": _rij(netwerk="", label="Totaal")})
    assert '<th scope="row" class="utrecht-table__cell">Totaal</th>' in html
    assert 'href="?status=ingediend#organisaties">3</a>' in html
    assert "netwerk=" not in html


def test_statusrij_escapet_en_codeert():
    html = STATUSRIJ.render({"rij": _rij(netwerk='a b"<', label="<b>")})
    assert "<b>" not in html
    assert 'href="?netwerk=a%20b%22%3C#organisaties">&lt;b&gt;</a>' in html


def _gebeurtenis(**anders):
    return SimpleNamespace(
        **{
            "tijdstip": datetime.datetime(2026, 3, 2, 16, 30, tzinfo=datetime.UTC),
            "actie": "indienen",
            "van_status": "in_voorbereiding",
            "naar_status": "ingediend",
            "actor": SimpleNamespace(
                get_full_name=lambda: "Anna de Vries",
                username="anna",
                organisatie=SimpleNamespace(afkorting="UWV"),
            ),
            "toelichting": "Met bijlage.",
            **anders,
        }
    )


def _regel(html) -> list[str]:
    regels = html.split("\n")
    assert regels[1].strip() == "<li>" and regels[7].strip() == "</li>"
    return [r.strip() for r in regels[2:7]]


def test_tijdlijnregel_met_overgang_actor_en_toelichting():
    html = TIJDLIJN.render({"g": _gebeurtenis()})
    tijd, actie, overgang, wie, toelichting = _regel(html)
    # 17:30 in Amsterdam.
    assert tijd == '<time datetime="2026-03-02T17:30:00+01:00">2 maart 2026, 17:30</time>'
    assert re.fullmatch(r"<strong>[^<]+</strong>", actie)
    assert overgang == '<span class="tk-meta">(In voorbereiding → Ingediend)</span>'
    assert wie == '<span class="tk-meta">— Anna de Vries, UWV</span>'
    assert toelichting == '<p class="tk-tijdlijn__toelichting">Met bijlage.</p>'


def test_tijdlijnregel_van_het_systeem_zonder_overgang():
    g = _gebeurtenis(actor=None, van_status="", naar_status="", toelichting="")
    _tijd, _actie, overgang, wie, toelichting = _regel(TIJDLIJN.render({"g": g}))
    assert overgang == toelichting == ""
    assert wie == '<span class="tk-meta">— het systeem</span>'


def test_tijdlijnregel_alleen_de_nieuwe_status_en_de_gebruikersnaam():
    actor = SimpleNamespace(get_full_name=lambda: "", username="anna", organisatie=None)
    g = _gebeurtenis(van_status="", actor=actor)
    _tijd, _actie, overgang, wie, _t = _regel(TIJDLIJN.render({"g": g}))
    assert overgang == '<span class="tk-meta">(Ingediend)</span>'
    assert wie == '<span class="tk-meta">— anna</span>'


def test_tijdlijnregel_escapet():
    actor = SimpleNamespace(get_full_name=lambda: "<b>", username="x", organisatie=None)
    g = _gebeurtenis(actor=actor, toelichting="<script>x</script>", actie="<i>")
    html = TIJDLIJN.render({"g": g})
    assert "<script>" not in html and "<b>" not in html and "<i>" not in html
    assert "&lt;script&gt;x&lt;/script&gt;" in html


def test_tijdlijnregel_in_het_engels():
    with translation.override("en"):
        tijd, _a, overgang, wie, _t = _regel(TIJDLIJN.render({"g": _gebeurtenis(actor=None)}))
    assert "2 March 2026, 17:30" in tijd
    assert overgang == '<span class="tk-meta">(In preparation → Submitted)</span>'
    assert wie == '<span class="tk-meta">— the system</span>'

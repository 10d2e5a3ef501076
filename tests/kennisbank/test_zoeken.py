"""Search across what the network knows: every hit comes from its model's visibility.
The world searched is described in tests/kennisbank/wereld.py."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from consultaties.models import Consultatie
from kennisbank.zoeken import Zoekopdracht, fragment
from reacties import services as reactie_services
from tests import factories
from tests.kennisbank.wereld import POSTGRES, gevonden


def soorten(user, tekst, **filters):
    return {soort for soort, _ in gevonden(user, tekst, **filters)}


ROLLEN = ("secretaris", "szw", "ocw", "uwv", "svb", "duo")


@pytest.mark.parametrize(
    ("rol", "verwacht"),
    [
        ("secretaris", {"consultatie", "toets", "paper"}),
        ("szw", {"consultatie", "toets", "paper"}),
        ("uwv", {"consultatie", "toets", "paper"}),
        # SVB was invited: it reads UWV's submitted toets once the consultation closed, but
        # not the paper it did not contribute to.
        ("svb", {"consultatie", "toets"}),
        ("ocw", set()),
        ("duo", set()),
    ],
)
def test_zoeken_toont_per_rol_alleen_wat_zichtbaar_is(wereld, rol, verwacht):
    assert soorten(wereld[rol], "huurtoeslag") == verwacht


def test_concept_van_een_andere_organisatie_wordt_nooit_gevonden(wereld):
    # SVB's draft on the closed consultation, UWV's draft on the open one.
    assert gevonden(wereld["svb"], "zonnepanelen") == {("toets", wereld["svb_concept"].pk)}
    for rol in ("uwv", "szw", "ocw", "duo"):
        assert gevonden(wereld[rol], "zonnepanelen") == set(), rol
    assert gevonden(wereld["uwv"], "interne afweging") == {("toets", wereld["uwv_concept"].pk)}
    for rol in ("svb", "szw", "ocw", "duo"):
        assert gevonden(wereld[rol], "interne afweging") == set(), rol
    assert gevonden(wereld["secretaris"], "interne afweging") == {
        ("toets", wereld["uwv_concept"].pk)
    }


def test_interne_notitie_wordt_door_niemand_gevonden(wereld):
    """The note of an internal rejection lives in the audit trail, which is not searched."""
    for rol in ROLLEN:
        assert gevonden(wereld[rol], "wachtwoordbeleid") == set(), rol


def test_concept_consultatie_alleen_voor_het_secretariaat(wereld):
    assert gevonden(wereld["secretaris"], "geheime plannen") == {
        ("consultatie", wereld["geheim"].pk)
    }
    for rol in ("szw", "uwv", "svb", "duo", "ocw"):
        assert gevonden(wereld[rol], "geheime plannen") == set(), rol


def test_verwerking_en_paper_voor_wie_het_paper_mag_lezen(wereld):
    verwerking = ("verwerking", wereld["verwerking"].pk)
    paper = ("paper", wereld["paper"].pk)
    assert gevonden(wereld["szw"], "hardheidsclausule") == {verwerking}
    assert gevonden(wereld["uwv"], "hardheidsclausule") == {verwerking}
    # SVB contributed nothing to the paper: it does not read the paper or its verwerking.
    for rol in ("svb", "ocw", "duo"):
        assert gevonden(wereld[rol], "hardheidsclausule") == set(), rol
    assert gevonden(wereld["uwv"], "overgangsregeling") == {paper}
    assert gevonden(wereld["svb"], "overgangsregeling") == set()


def test_paper_treffer_toont_zijn_tekst_zonder_de_snapshot_te_ontleden(wereld):
    """On SQLite the page reads a paper's texts from its search index's copy: through the
    JSON each path parsed the whole snapshot (650 kB on the large database, 8 ms a page)."""
    with CaptureQueriesContext(connection) as vragen:
        (treffer,) = Zoekopdracht(wereld["uwv"], "overgangsregeling").resultaat().treffers
    assert (treffer.soort, treffer.pk) == ("paper", wereld["paper"].pk)
    assert treffer.fragment == "Het netwerk vraagt om een <mark>overgangsregeling</mark>."
    if not POSTGRES:
        assert not [v for v in vragen.captured_queries if "json_" in v["sql"].lower()]


def test_ministerie_vindt_geen_concept_paper(wereld, secretaris):
    from rapporten.models import Rapport

    concept = Rapport.objects.create(
        consultatie=wereld["zorg"],
        versie=1,
        snapshot={
            "consultatie": {"titel": "Besluit zorgtoeslag"},
            "aanbevelingen": "Conceptadvies",
        },
    )
    assert gevonden(wereld["szw"], "conceptadvies") == set()
    # Not even the secretariat: only definitive papers are searched.
    assert gevonden(secretaris, "conceptadvies") == set()
    assert concept.status == "concept"


def test_facetten_tellen_en_filteren(wereld):
    resultaat = Zoekopdracht(wereld["secretaris"], "huurtoeslag").resultaat()
    soort = {w.waarde: w.aantal for w in resultaat.facetten["soort"]}
    assert soort == {"consultatie": 1, "toets": 1, "paper": 1}
    assert {w.label for w in resultaat.facetten["ministerie"]} == {"SZW"}
    assert {w.label: w.aantal for w in resultaat.facetten["organisatie"]} == {"UWV": 1}
    assert [w.waarde for w in resultaat.facetten["jaar"]] == [str(wereld["huur"].termijn.year)]
    assert resultaat.facetten["dimensie"] == []
    assert {w.waarde for w in resultaat.facetten["eindoordeel"]} == {
        "uitvoerbaar_onder_voorwaarden"
    }
    s = wereld["secretaris"]
    # An organisation filter leaves out what has no organisation (consultation, paper).
    assert soorten(s, "huurtoeslag", organisatie=wereld["org_uwv"].pk) == {"toets"}
    assert soorten(s, "huurtoeslag", netwerk="Manifestgroep") == {"toets"}
    assert soorten(s, "huurtoeslag", netwerk="KleinLef") == set()
    assert soorten(s, "huurtoeslag", jaar=1999) == set()
    assert soorten(s, "huurtoeslag", soort="toets") == {"toets"}
    assert soorten(s, "huurtoeslag", ministerie=wereld["huur"].ministerie_id) == {
        "consultatie",
        "toets",
        "paper",
    }
    schulden = Zoekopdracht(s, "schulden").resultaat()
    assert {w.waarde for w in schulden.facetten["dimensie"]} == {"burgers_en_bedrijven"}
    assert soorten(s, "schulden", dimensie="burgers_en_bedrijven") == {"kernpunt"}
    assert soorten(s, "schulden", dimensie="ict") == set()
    assert soorten(s, "schulden", eindoordeel="niet_uitvoerbaar") == set()


def test_facetten_tellen_alleen_wat_zichtbaar_is(wereld):
    # A whole word: on SQLite a word matches word starts ("toeslag" is not one in
    # "huurtoeslag"), on PostgreSQL stems; either way this finds something.
    resultaat = Zoekopdracht(wereld["svb"], "huurtoeslag").resultaat()
    totaal = sum(w.aantal for w in resultaat.facetten["soort"])
    assert totaal == resultaat.aantal == len(resultaat.treffers) > 0


def test_fragment_is_geescapet_en_markeert_de_woorden():
    tekst = fragment(["Een <script>alert(1)</script> over schulden & toeslagen"], ["schuld"])
    assert "<script>" not in tekst
    assert "&lt;script&gt;" in tekst
    assert "<mark>schulden</mark>" in tekst
    assert "&amp;" in tekst


@pytest.mark.skipif(not POSTGRES, reason="Nederlandse woordstammen en rangschikking: PostgreSQL")
def test_postgres_vindt_verbogen_vormen_en_rangschikt(wereld):
    # "terugvorderingen" in the toets, "terugvordering" in the kernpunt: one stem.
    assert soorten(wereld["uwv"], "terugvorderingen") == {"toets", "kernpunt"}
    # The trigger keeps the vector current on an update too.
    Consultatie.objects.filter(pk=wereld["zorg"].pk).update(samenvatting="Raakt de huurtoeslag.")
    resultaat = Zoekopdracht(wereld["uwv"], "huurtoeslag").resultaat()
    rang = {(t.soort, t.pk): t.rang for t in resultaat.treffers}
    # A title weighs more than a summary; the ranking orders the hits.
    assert rang[("consultatie", wereld["huur"].pk)] > rang[("consultatie", wereld["zorg"].pk)] > 0
    assert [t.rang for t in resultaat.treffers] == sorted(rang.values(), reverse=True)


# --- page and API ------------------------------------------------------------------------


def test_zoekpagina_toont_treffers_en_facetten(client, wereld):
    client.force_login(wereld["uwv"])
    antwoord = client.get(reverse("kennisbank:zoeken"), {"q": "huurtoeslag"})
    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    assert "3 resultaten gevonden" in html
    assert reverse("reacties:detail", args=[wereld["toets"].pk]) in html
    assert "<mark>" in html
    assert "Zonnepanelen" not in html


def test_zoekpagina_facetlinks_kiezen_en_wissen_een_filter(client, wereld):
    uwv = wereld["org_uwv"]
    uwv.afkorting = "UWV<b>"  # a label is escaped like every user text
    uwv.save(update_fields=["afkorting"])
    client.force_login(wereld["uwv"])
    url = reverse("kennisbank:zoeken")
    html = client.get(url, {"q": "huurtoeslag"}).content.decode()
    kiezen = f'<li><a class="utrecht-link" href="?q=huurtoeslag&amp;organisatie={uwv.pk}">'
    assert kiezen + 'UWV&lt;b&gt;</a> <span class="tk-meta">1</span></li>' in html
    assert 'aria-current="true"' not in html
    html = client.get(url, {"q": "huurtoeslag", "organisatie": uwv.pk}).content.decode()
    assert (
        '<li><a class="utrecht-link" href="?q=huurtoeslag" aria-current="true"><strong>'
        'UWV&lt;b&gt;</strong> <span class="tk-meta">(filter wissen)</span></a>'
    ) in html
    assert "<b>" not in html


def test_zoekpagina_vraagt_inloggen(client):
    antwoord = client.get(reverse("kennisbank:zoeken"), {"q": "huurtoeslag"})
    assert antwoord.status_code == 302


def test_zoekpagina_ongeldig_filter_is_400(client, wereld):
    client.force_login(wereld["uwv"])
    antwoord = client.get(reverse("kennisbank:zoeken"), {"q": "x", "dimensie": "onzin"})
    assert antwoord.status_code == 400


def test_api_zoeken(client, wereld):
    client.force_login(wereld["szw"])
    antwoord = client.get("/api/v1/zoeken", {"q": "huurtoeslag", "pageSize": 2})
    assert antwoord.status_code == 200
    data = antwoord.json()
    assert data["aantal"] == 3
    assert data["paginaGrootte"] == 2
    assert len(data["resultaten"]) == 2
    assert "next" in data["_links"]
    assert {f["label"] for f in data["facetten"]["organisatie"]} == {"UWV"}
    assert data["resultaten"][0]["soortLabel"]
    tweede = client.get("/api/v1/zoeken", {"q": "huurtoeslag", "pageSize": 2, "page": 2}).json()
    alle = {(r["soort"], r["id"]) for r in data["resultaten"] + tweede["resultaten"]}
    assert len(alle) == 3


def test_api_zoeken_zonder_login_is_401(client):
    antwoord = client.get("/api/v1/zoeken", {"q": "huurtoeslag"})
    assert antwoord.status_code == 401
    assert antwoord["Content-Type"].startswith("application/problem+json")


def test_api_zoeken_ongeldig_filter_is_400(client, wereld):
    client.force_login(wereld["szw"])
    antwoord = client.get("/api/v1/zoeken", {"q": "huur", "jaar": "gisteren"})
    assert antwoord.status_code == 400
    assert antwoord.json()["invalidParams"][0]["name"] == "jaar"


def _extra_consultatie(secretaris, ministerie, organisaties, nummer, opsteller):
    c = factories.consultatie(
        secretaris_gebruiker=secretaris,
        ministerie=ministerie,
        organisaties=organisaties,
        open=True,
        titel=f"Wet huurtoeslag deel {nummer}",
    )
    r = c.reacties.get(organisatie=organisaties[0])
    reactie_services.reactie_starten(reactie=r, actor=opsteller)
    return c


#: The queries of a search page beyond what every page runs (session, user with his
#: organisation, second factor, unread notifications): the one search statement
#: (facet counts and the ranked hits), the page's hits in one UNION, the facet labels; on
#: PostgreSQL the search runs in a transaction (here a savepoint) under a statement
#: timeout (SAVEPOINT, set_config, set_config back, RELEASE).
ZOEKQUERIES = 3 + (4 if POSTGRES else 0)


def test_aantal_queries_groeit_niet_met_de_gegevens(
    client, wereld, django_assert_num_queries, secretaris
):
    client.force_login(wereld["uwv"])
    url = reverse("kennisbank:zoeken")
    client.get(url, {"q": "huurtoeslag"})  # warm up (session, translations)
    with django_assert_num_queries(4 + ZOEKQUERIES) as eerst:
        antwoord = client.get(url, {"q": "huurtoeslag"})
    # Three kinds of hits on the page (consultation, toets, paper), read in one query.
    assert "3 resultaten gevonden" in antwoord.content.decode()
    ministerie = wereld["huur"].ministerie
    for nummer in range(3):
        _extra_consultatie(secretaris, ministerie, [wereld["org_uwv"]], nummer, wereld["uwv"])
    with django_assert_num_queries(len(eerst.captured_queries)):
        antwoord = client.get(url, {"q": "huurtoeslag"})
    assert "6 resultaten gevonden" in antwoord.content.decode()
    # A facet chosen, and a page beyond the last: the same statements.
    with django_assert_num_queries(len(eerst.captured_queries)):
        antwoord = client.get(url, {"q": "huurtoeslag", "soort": "toets", "pagina": 9})
    assert "1 resultaat gevonden" in antwoord.content.decode()


def test_pagina_voorbij_de_laatste_toont_de_laatste(wereld):
    s = wereld["secretaris"]
    alle = Zoekopdracht(s, "huurtoeslag").resultaat(1, 100).treffers
    assert len(alle) >= 3
    laatste = Zoekopdracht(s, "huurtoeslag").resultaat(50, 2)
    assert laatste.pagina == laatste.paginas == -(-len(alle) // 2)
    assert [(t.soort, t.pk) for t in laatste.treffers] == [
        (t.soort, t.pk) for t in alle[(laatste.pagina - 1) * 2 :]
    ]
    # The pages together are the whole list, in the same order, without repeats.
    paginas = [Zoekopdracht(s, "huurtoeslag").resultaat(n, 2).treffers for n in (1, 2)]
    assert [(t.soort, t.pk) for p in paginas for t in p] == [(t.soort, t.pk) for t in alle[:4]]


def test_afgekapt_boven_het_plafond(client, wereld, monkeypatch):
    """Past PLAFOND matches of one kind the counts are lower bounds and the page says so."""
    from kennisbank import zoeken

    monkeypatch.setattr(zoeken, "PLAFOND", 1)
    resultaat = Zoekopdracht(wereld["secretaris"], "huurtoeslag").resultaat()
    assert resultaat.afgekapt
    assert {w.waarde: w.aantal for w in resultaat.facetten["soort"]} == {
        "consultatie": 1,
        "toets": 1,
        "paper": 1,
    }
    client.force_login(wereld["secretaris"])
    pagina = client.get(reverse("kennisbank:zoeken"), {"q": "huurtoeslag"}).content.decode()
    assert "Meer dan 3 resultaten gevonden" in pagina
    assert "tellen tot de nieuwste 1 per soort" in pagina
    monkeypatch.undo()
    assert not Zoekopdracht(wereld["secretaris"], "huurtoeslag").resultaat().afgekapt


@pytest.mark.skipif(not POSTGRES, reason="de tijdslimiet geldt op PostgreSQL")
def test_te_brede_zoekvraag_stopt_met_een_duidelijke_melding(client, wereld, settings):
    """The search statement runs under ZOEK_TIJDSLIMIET; past it the page and the API ask
    for a narrower question. The statement is made slow by putting the database to sleep
    in front of it, in the same transaction, so the real timeout cancels it."""
    from django.db import connection

    settings.ZOEK_TIJDSLIMIET = 50

    def traag(execute, sql, params, many, context):
        if sql.startswith("WITH treffers"):
            sql = "SELECT pg_sleep(1); " + sql
        return execute(sql, params, many, context)

    client.force_login(wereld["uwv"])
    with connection.execute_wrapper(traag):
        pagina = client.get(reverse("kennisbank:zoeken"), {"q": "huurtoeslag"})
        api = client.get("/api/v1/zoeken", {"q": "huurtoeslag"})
    assert pagina.status_code == 400
    html = pagina.content.decode()
    assert html.count("Deze zoekvraag levert zo veel op") == 1
    assert 'value="huurtoeslag"' in html  # the question stays in the form
    assert api.status_code == 400
    assert api.json()["invalidParams"][0]["name"] == "q"
    # The limit was local to the search, also after one that succeeded inside a
    # transaction (the test's): the connection works on without a limit.
    assert client.get(reverse("kennisbank:zoeken"), {"q": "huurtoeslag"}).status_code == 200
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        assert cursor.fetchone()[0] == "0"

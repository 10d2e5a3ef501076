"""The public archive as an anonymous visitor: the published paper and nothing else.

One world holds a published paper (with an earlier definitive version that was never
sent), a paper published from a later day, a withdrawn one, a sent but unpublished one, a
concept, and an open consultation. Every public URL and every link on the public pages is
walked; no other consultation, version, draft, internal note or user name is reachable.
"""

import hashlib
import re
from datetime import timedelta
from urllib.parse import urljoin, urlparse
from xml.etree import ElementTree

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from organisaties.models import Gebruiker
from rapporten import services as rapport_services
from rapporten.models import Publicatie
from tests import factories
from tests.rapporten.helpers import gesloten_consultatie, maak_rapport

ATOM = "{http://www.w3.org/2005/Atom}"
INTERNE_NOTITIE = "Interne notitie: bel de minister pas na het kerstreces"


def _verzend(consultatie, secretaris):
    rapport = maak_rapport(consultatie, secretaris)
    rapport = rapport_services.rapport_definitief_maken(rapport=rapport, actor=secretaris)
    return rapport_services.rapport_verzenden(rapport=rapport, actor=secretaris)


@pytest.fixture
def wereld(secretaris, ministerie, ministerie_gebruiker, org_a, org_b, snelle_pdf):
    """The published paper of consultation 1 is version 2; version 1 is definitief (never
    sent). The ministry recorded a verwerking. Every user has a recognisable name."""
    consultatie = gesloten_consultatie(
        secretaris, ministerie, [org_a, org_b], titel="Wet openbare toeslagen"
    )
    v1 = maak_rapport(consultatie, secretaris, bestuurlijke_samenvatting="Eerste versie.")
    v1 = rapport_services.rapport_definitief_maken(
        rapport=v1, actor=secretaris, toelichting=INTERNE_NOTITIE
    )
    v2 = maak_rapport(consultatie, secretaris, bestuurlijke_samenvatting="Samenvatting v2.")
    v2 = rapport_services.rapport_definitief_maken(rapport=v2, actor=secretaris)
    openbaar = rapport_services.rapport_verzenden(
        rapport=v2, actor=secretaris, toelichting=INTERNE_NOTITIE
    )
    rapport_services.rapport_ontvangst_bevestigen(
        rapport=openbaar, actor=ministerie_gebruiker, toelichting=INTERNE_NOTITIE
    )
    kernpunt = openbaar.kernpunt_ids[0]
    rapport_services.verwerking_vastleggen(
        rapport=openbaar,
        actor=ministerie_gebruiker,
        kernpunt=kernpunt,
        uitkomst="deels_overgenomen",
        toelichting="Termijn verlengd tot 2029.",
    )
    openbaar = rapport_services.rapport_publiceren(
        rapport=openbaar, actor=secretaris, toelichting=INTERNE_NOTITIE
    )

    later = _verzend(
        gesloten_consultatie(secretaris, ministerie, [org_a], titel="Wet later openbaar"),
        secretaris,
    )
    rapport_services.rapport_publiceren(
        rapport=later, actor=secretaris, openbaar_vanaf=timezone.now() + timedelta(days=10)
    )
    ingetrokken = _verzend(
        gesloten_consultatie(secretaris, ministerie, [org_a], titel="Wet ingetrokken"),
        secretaris,
    )
    rapport_services.rapport_publiceren(rapport=ingetrokken, actor=secretaris)
    rapport_services.rapport_publicatie_intrekken(
        rapport=ingetrokken, actor=secretaris, toelichting=INTERNE_NOTITIE
    )
    verzonden = _verzend(
        gesloten_consultatie(secretaris, ministerie, [org_a], titel="Wet niet openbaar"),
        secretaris,
    )
    concept = maak_rapport(
        gesloten_consultatie(secretaris, ministerie, [org_b], titel="Wet nog concept"),
        secretaris,
    )
    open_ = factories.consultatie(
        secretaris_gebruiker=secretaris,
        ministerie=ministerie,
        organisaties=[org_a],
        open=True,
        titel="Wet nog open",
    )
    for index, gebruiker in enumerate(Gebruiker.objects.order_by("pk")):
        gebruiker.first_name = f"Voornaam{index}"
        gebruiker.last_name = f"Achternaam{index}"
        gebruiker.save(update_fields=["first_name", "last_name"])
    return {
        "openbaar": openbaar,
        "v1": v1,
        "later": later,
        "ingetrokken": ingetrokken,
        "verzonden": verzonden,
        "concept": concept,
        "open": open_,
    }


def _niet_openbaar(wereld):
    return [wereld[n] for n in ("later", "ingetrokken", "verzonden", "concept")]


def _verboden_teksten(wereld) -> list[str]:
    """What must never be on a public page: user names, e-mail addresses, internal notes
    and the titles of what was not published."""
    teksten = [INTERNE_NOTITIE, "Eerste versie."]
    for g in Gebruiker.objects.all():
        teksten += [g.get_full_name(), g.email, g.first_name, g.last_name]
        teksten.append(f">{g.username}<")
    for rapport in _niet_openbaar(wereld):
        teksten += [rapport.consultatie.titel, rapport.consultatie.kenmerk]
    teksten += [wereld["open"].titel, wereld["open"].kenmerk]
    return [t for t in teksten if t]


def _geen_lekken(wereld, inhoud: str, url: str):
    for tekst in _verboden_teksten(wereld):
        assert tekst not in inhoud, f"{url} toont '{tekst}'"


# --- what an anonymous visitor reaches ---------------------------------------------------


@pytest.mark.django_db
def test_archief_toont_alleen_het_gepubliceerde_paper(client, wereld):
    antwoord = client.get("/openbaar/")
    assert antwoord.status_code == 200
    inhoud = antwoord.content.decode()
    consultatie = wereld["openbaar"].consultatie
    assert consultatie.titel in inhoud
    assert f"/openbaar/{consultatie.kenmerk}/" in inhoud
    _geen_lekken(wereld, inhoud, "/openbaar/")


@pytest.mark.django_db
def test_paperpagina_toont_kernpunten_en_verwerking_zonder_namen(client, wereld):
    rapport = wereld["openbaar"]
    antwoord = client.get(f"/openbaar/{rapport.consultatie.kenmerk}/")
    assert antwoord.status_code == 200
    inhoud = antwoord.content.decode()
    nummers = sorted(rapport.kernpuntnummers.values())
    assert nummers == ["K1", "K2"]
    for nummer in nummers:
        assert f'id="{nummer}"' in inhoud
    assert "Termijn verlengd tot 2029." in inhoud
    assert "Deels overgenomen" in inhoud
    assert "Samenvatting v2." in inhoud
    assert rapport.consultatie.ministerie.naam in inhoud
    assert rapport.sha256 in inhoud
    _geen_lekken(wereld, inhoud, "paper")


@pytest.mark.django_db
def test_pdf_is_precies_de_verzonden_versie(client, wereld):
    rapport = wereld["openbaar"]
    antwoord = client.get(f"/openbaar/{rapport.consultatie.kenmerk}/pdf")
    assert antwoord.status_code == 200
    assert antwoord["Content-Type"] == "application/pdf"
    assert antwoord["Content-Disposition"].startswith("attachment;")
    assert hashlib.sha256(antwoord.content).hexdigest() == rapport.sha256
    assert antwoord.content != wereld["v1"].pdf.open("rb").read()


@pytest.mark.django_db
def test_alles_wat_niet_openbaar_is_geeft_404(client, wereld):
    kenmerken = [r.consultatie.kenmerk for r in _niet_openbaar(wereld)]
    kenmerken += [wereld["open"].kenmerk, "BESTAAT-NIET", "%2e%2e", "..%2F..%2Fadmin"]
    for kenmerk in kenmerken:
        for pad in (f"/openbaar/{kenmerk}/", f"/openbaar/{kenmerk}/pdf"):
            assert client.get(pad).status_code == 404, pad
    # The ids of every version and consultation: the logged-in pages send an anonymous
    # visitor to the login page, the API answers 401; nothing of them shows.
    for rapport in [wereld["openbaar"], wereld["v1"], *_niet_openbaar(wereld)]:
        for pad in (
            f"/rapporten/{rapport.pk}/",
            f"/rapporten/{rapport.pk}/pdf",
            f"/consultaties/{rapport.consultatie_id}/",
        ):
            antwoord = client.get(pad)
            assert antwoord.status_code == 302 and "/accounts/login/" in antwoord["Location"]
        assert client.get(f"/api/v1/rapporten/{rapport.pk}").status_code == 401
        assert client.get(f"/openbaar/{rapport.pk}/").status_code == 404


@pytest.mark.django_db
def test_wandeling_langs_elke_link_van_de_openbare_paginas(client, wereld):
    """Breadth-first over every link of every public page: only public pages, static
    assets and the login page are reached; each public page is free of leaks."""
    te_doen, gezien, openbaar = ["/openbaar/", "/openbaar/feed.atom"], set(), []
    while te_doen:
        pad = te_doen.pop(0)
        if pad in gezien:
            continue
        gezien.add(pad)
        antwoord = client.get(pad)
        if pad.startswith("/static/"):
            continue
        if not pad.startswith("/openbaar/"):
            # The logo and the login link: the login page, never content.
            assert pad in ("/", "/accounts/login/"), pad
            assert antwoord.status_code in (200, 302), pad
            if antwoord.status_code == 302:
                assert antwoord["Location"].startswith("/accounts/login/"), pad
            continue
        assert antwoord.status_code == 200, pad
        openbaar.append(pad)
        if antwoord["Content-Type"] == "application/pdf":
            continue
        inhoud = antwoord.content.decode()
        _geen_lekken(wereld, inhoud, pad)
        for link in re.findall(r'(?:href|src)="([^"]+)"', inhoud):
            doel = urlparse(urljoin("http://testserver" + pad, link.replace("&amp;", "&")))
            if doel.netloc != "testserver":
                continue
            te_doen.append(doel.path + (f"?{doel.query}" if doel.query else ""))
    kenmerk = wereld["openbaar"].consultatie.kenmerk
    assert set(openbaar) == {
        "/openbaar/",
        "/openbaar/feed.atom",
        f"/openbaar/{kenmerk}/",
        f"/openbaar/{kenmerk}/pdf",
    }


@pytest.mark.django_db
def test_openbare_paginas_sturen_de_beveiligingsheaders(client, wereld):
    kenmerk = wereld["openbaar"].consultatie.kenmerk
    for pad in (
        "/openbaar/",
        f"/openbaar/{kenmerk}/",
        f"/openbaar/{kenmerk}/pdf",
        "/openbaar/feed.atom",
    ):
        antwoord = client.get(pad)
        assert antwoord.status_code == 200, pad
        assert "default-src" in antwoord["Content-Security-Policy"], pad
        assert antwoord["X-Frame-Options"] == "DENY", pad
        assert antwoord["X-Content-Type-Options"] == "nosniff", pad
        # A withdrawn publication must not linger in a cache.
        assert "no-store" in antwoord["Cache-Control"], pad
    assert client.get(f"/openbaar/{kenmerk}/").status_code == 200
    assert client.post("/openbaar/").status_code in (403, 405)


@pytest.mark.django_db
def test_ingetrokken_publicatie_verdwijnt_meteen(client, wereld, secretaris):
    rapport = wereld["openbaar"]
    pad = f"/openbaar/{rapport.consultatie.kenmerk}/"
    assert client.get(pad).status_code == 200
    rapport_services.rapport_publicatie_intrekken(rapport=rapport, actor=secretaris)
    assert client.get(pad).status_code == 404
    assert client.get(pad + "pdf").status_code == 404
    assert rapport.consultatie.titel not in client.get("/openbaar/").content.decode()
    assert rapport.consultatie.titel not in client.get("/openbaar/feed.atom").content.decode()


# --- the feed ------------------------------------------------------------------------------


def _feed(client):
    antwoord = client.get("/openbaar/feed.atom")
    assert antwoord.status_code == 200
    assert antwoord["Content-Type"].startswith("application/atom+xml")
    return ElementTree.fromstring(antwoord.content)


@pytest.mark.django_db
def test_feed_is_atom_met_alleen_wat_openbaar_is(client, wereld):
    feed = _feed(client)
    assert feed.tag == f"{ATOM}feed"
    for verplicht in ("id", "title", "updated", "author"):
        assert feed.find(f"{ATOM}{verplicht}") is not None, verplicht
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 1
    entry = entries[0]
    for verplicht in ("id", "title", "updated", "link"):
        assert entry.find(f"{ATOM}{verplicht}") is not None, verplicht
    kenmerk = wereld["openbaar"].consultatie.kenmerk
    assert entry.find(f"{ATOM}link").get("href").endswith(f"/openbaar/{kenmerk}/")
    _geen_lekken(wereld, client.get("/openbaar/feed.atom").content.decode(), "feed")


@pytest.mark.django_db
def test_feed_en_archief_tonen_een_geplande_publicatie_zodra_de_dag_er_is(client, wereld):
    later = wereld["later"]
    assert later.consultatie.titel not in client.get("/openbaar/").content.decode()
    # The day comes (the planned moment now lies in the past).
    Publicatie.objects.filter(rapport=later).update(
        openbaar_vanaf=timezone.now() - timedelta(minutes=1)
    )
    assert len(_feed(client).findall(f"{ATOM}entry")) == 2
    assert later.consultatie.titel in client.get("/openbaar/").content.decode()
    assert client.get(f"/openbaar/{later.consultatie.kenmerk}/").status_code == 200


# --- search and paging ------------------------------------------------------------------------


@pytest.mark.django_db
def test_zoeken_op_titel_ministerie_en_woorden(client, wereld):
    titel = wereld["openbaar"].consultatie.titel
    ministerie = wereld["openbaar"].consultatie.ministerie
    for vraag in ("toeslagen", ministerie.naam.split()[-1], "Samenvatting", "openbare toeslagen"):
        inhoud = client.get("/openbaar/", {"q": vraag}).content.decode()
        assert titel in inhoud, vraag
    inhoud = client.get("/openbaar/", {"q": "zonnepanelen"}).content.decode()
    assert titel not in inhoud and "Geen openbaar paper gevonden" in inhoud
    # A word of an unpublished paper finds nothing either.
    inhoud = client.get("/openbaar/", {"q": "ingetrokken"}).content.decode()
    assert "Geen openbaar paper gevonden" in inhoud


@pytest.mark.django_db
def test_zoeken_in_de_aanbevelingen_zonder_de_snapshot_te_ontleden(
    client, wereld, secretaris, ministerie, org_a
):
    """A word of the aanbevelingen finds the paper (as the zoekvector on PostgreSQL). On
    SQLite through the paper's search index: through the JSON each word parsed every
    public paper's whole snapshot (650 kB on the large database; seconds per search)."""
    consultatie = gesloten_consultatie(secretaris, ministerie, [org_a], titel="Wet vaste lasten")
    rapport = maak_rapport(consultatie, secretaris, aanbevelingen="Voer een hardheidsclausule in.")
    rapport = rapport_services.rapport_definitief_maken(rapport=rapport, actor=secretaris)
    rapport = rapport_services.rapport_verzenden(rapport=rapport, actor=secretaris)
    rapport_services.rapport_publiceren(rapport=rapport, actor=secretaris)

    with CaptureQueriesContext(connection) as vragen:
        inhoud = client.get("/openbaar/", {"q": "hardheidsclausule"}).content.decode()
    assert "Wet vaste lasten" in inhoud
    assert wereld["openbaar"].consultatie.titel not in inhoud
    if connection.vendor == "sqlite":
        assert not [v for v in vragen.captured_queries if "json_" in v["sql"].lower()]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("vraag", "gevonden"),
    [
        ("toeslagen*", True),  # * is no search syntax here
        ('"openbare" toeslagen', True),
        ("NEAR(openbare toeslagen) OR col:x", False),
        ("__", False),
        ('"', True),  # no word: the whole archive
        ("^-*", True),
    ],
)
def test_zoeken_met_zoeksyntax_of_leestekens(client, wereld, vraag, gevonden):
    antwoord = client.get("/openbaar/", {"q": vraag})
    assert antwoord.status_code == 200
    assert (wereld["openbaar"].consultatie.titel in antwoord.content.decode()) is gevonden


def _publiceer_meer(secretaris, ministerie, organisaties, aantal):
    for index in range(aantal):
        rapport = _verzend(
            gesloten_consultatie(secretaris, ministerie, organisaties, titel=f"Wet {index}"),
            secretaris,
        )
        rapport_services.rapport_publiceren(rapport=rapport, actor=secretaris)


@pytest.mark.django_db
def test_querytellingen_groeien_niet_met_de_gegevens(
    client, wereld, secretaris, ministerie, org_a, django_assert_num_queries
):
    kenmerk = wereld["openbaar"].consultatie.kenmerk
    # The archive: a count and a page. The paper: the paper and its verwerking.
    with django_assert_num_queries(2):
        assert client.get("/openbaar/").status_code == 200
    with django_assert_num_queries(2):
        assert client.get(f"/openbaar/{kenmerk}/").status_code == 200
    with django_assert_num_queries(1):
        assert client.get("/openbaar/feed.atom").status_code == 200
    _publiceer_meer(secretaris, ministerie, [org_a], 3)
    with django_assert_num_queries(2):
        assert client.get("/openbaar/").status_code == 200
    with django_assert_num_queries(2):
        assert client.get("/openbaar/", {"q": "wet"}).status_code == 200
    with django_assert_num_queries(1):
        assert client.get("/openbaar/feed.atom").status_code == 200


@pytest.mark.django_db
def test_paginering(client, wereld, secretaris, ministerie, org_a, monkeypatch):
    from kennisbank import archief

    monkeypatch.setattr(archief, "PER_PAGINA", 2)
    _publiceer_meer(secretaris, ministerie, [org_a], 2)
    eerste = client.get("/openbaar/").content.decode()
    assert "pagina=2" in eerste
    tweede = client.get("/openbaar/", {"pagina": 2}).content.decode()
    assert tweede.count('tk-treffer"') == 1
    assert client.get("/openbaar/", {"pagina": "x"}).status_code == 200


@pytest.mark.django_db
def test_zoeken_telt_tot_het_plafond(
    client, wereld, secretaris, ministerie, org_a, monkeypatch, django_assert_num_queries
):
    """A search counts at most ZOEKPLAFOND papers (the newest) and says there are more;
    the whole archive is counted exactly."""
    from kennisbank import archief

    monkeypatch.setattr(archief, "PER_PAGINA", 2)
    _publiceer_meer(secretaris, ministerie, [org_a], 3)  # "Wet 0" … "Wet 2"
    monkeypatch.setattr(archief, "ZOEKPLAFOND", 3)
    with django_assert_num_queries(2):  # the capped count and the page
        inhoud = client.get("/openbaar/", {"q": "wet"}).content.decode()
    assert "Meer dan 3 papers gevonden; de nieuwste 3 staan hieronder." in inhoud
    assert "Wet 2" in inhoud and "Wet 1" in inhoud
    laatste = client.get("/openbaar/", {"q": "wet", "pagina": 9}).content.decode()
    assert laatste.count('tk-treffer"') == 1 and "Wet 0" in laatste
    assert "pagina=3" not in laatste
    # Exactly at the ceiling: the number, not "more than".
    monkeypatch.setattr(archief, "ZOEKPLAFOND", 4)
    inhoud = client.get("/openbaar/", {"q": "wet"}).content.decode()
    assert "4 papers gevonden." in inhoud and "Meer dan" not in inhoud
    assert "4 openbare papers." in client.get("/openbaar/").content.decode()
    client.cookies["django_language"] = "en"
    monkeypatch.setattr(archief, "ZOEKPLAFOND", 3)
    inhoud = client.get("/openbaar/", {"q": "wet"}).content.decode()
    assert "More than 3 papers found; the newest 3 are listed below." in inhoud


@pytest.mark.django_db
def test_engels(client, wereld):
    client.cookies["django_language"] = "en"
    inhoud = client.get("/openbaar/").content.decode()
    assert 'lang="en"' in inhoud
    assert "Public archive of position papers" in inhoud
    kenmerk = wereld["openbaar"].consultatie.kenmerk
    inhoud = client.get(f"/openbaar/{kenmerk}/").content.decode()
    assert "Key points and what the ministry did with them" in inhoud


@pytest.mark.django_db
def test_inlogpagina_verwijst_naar_het_archief(client, db):
    assert 'href="/openbaar/"' in client.get("/accounts/login/").content.decode()

"""What the hot requests read, where a query's cost could grow with the years of data even
though the number of queries stays the same (issue 19): the ministry's pages never load a
paper's snapshot, an organisation's kernpunten and responses are not filtered through a
subquery over all of its responses, the API list of responses is ordered by an index, and
the secretaris's page of a closed consultation flags disagreement without the snapshot."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from consultaties.models import Consultatie
from ontwikkeling.last import genereer
from ontwikkeling.last_historie import genereer_historie, zonder_historie
from rapporten import analyse
from rapporten.models import Rapport
from rapporten.snapshot import build_snapshot, verschillen_gegevens
from reacties.models import Kernpunt, Reactie
from tests import factories

#: A subquery that returns responses (or their consultations) of the whole database or
#: of an organisation: its cost grows with every consultation the organisation was in.
SUBQUERY_OVER_REACTIES = re.compile(r'IN \(SELECT [^()]*FROM "reacties_reactie"', re.I)


@pytest.fixture
def netwerk(db):
    secretaris = factories.secretaris()
    ministerie = factories.MinisterieFactory(afkorting="SZW")
    organisaties = [factories.OrganisatieFactory() for _ in range(6)]
    for organisatie in organisaties:
        factories.accordeerder(organisatie)
    # Years of data, until there is also a closed consultation whose paper is being
    # prepared (recent ones are rare among five years of mostly finished ones).
    seed = 7
    while (
        seed == 7
        or not Consultatie.objects.filter(status="gesloten", rapporten__isnull=False).exists()
    ):
        genereer(20, organisaties_per_consultatie=6, seed=seed)
        genereer_historie(zonder_historie(), seed=seed, echte_snapshots=3)
        seed += 1
    genereer(2, organisaties_per_consultatie=6, seed=seed, alleen_open=True)
    return {
        "secretaris": secretaris,
        "opsteller": factories.opsteller(organisaties[0]),
        "ministerie": factories.ministerie_medewerker(ministerie),
    }


def _sql(client, gebruiker, pad) -> list[str]:
    client.force_login(gebruiker)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(pad)
    assert response.status_code == 200, pad
    return [q["sql"] for q in queries.captured_queries]


def _snapshot_gelezen(sql: list[str]) -> list[str]:
    kolom = f'"{Rapport._meta.db_table}"."snapshot"'
    return [q for q in sql if kolom in q]


def _verzonden(netwerk):
    return (
        Consultatie.objects.filter(status="verzonden", rapporten__status="verzonden")
        .filter(reacties__organisatie=netwerk["opsteller"].organisatie)
        .order_by("-pk")
        .first()
    )


@pytest.mark.django_db
def test_ministerie_leest_geen_snapshots_op_lijst_en_consultatiepagina(client, netwerk):
    consultatie = _verzonden(netwerk)
    assert consultatie is not None
    assert Rapport.objects.filter(status="verzonden").count() > 3
    for pad in ("/", "/consultaties/", f"/consultaties/{consultatie.pk}/", "/api/v1/consultaties"):
        sql = _sql(client, netwerk["ministerie"], pad)
        assert not _snapshot_gelezen(sql), pad
    # The page still links the version sent.
    rapport = consultatie.rapporten.get(status="verzonden")
    response = client.get("/")
    assert f"/rapporten/{rapport.pk}/" in response.content.decode()
    # Nor does any role's API list of consultations (it reads the versions for the
    # allowed actions only).
    for rol in ("secretaris", "opsteller"):
        assert not _snapshot_gelezen(_sql(client, netwerk[rol], "/api/v1/consultaties")), rol


@pytest.mark.django_db
def test_secretaris_leest_geen_snapshot_op_pagina_van_gesloten_consultatie(client, netwerk):
    gesloten = Consultatie.objects.filter(status="gesloten", rapporten__isnull=False).first()
    assert gesloten is not None
    for pad in (f"/consultaties/{gesloten.pk}/", f"/consultaties/{gesloten.pk}/kernpunten/"):
        sql = _sql(client, netwerk["secretaris"], pad)
        assert not _snapshot_gelezen(sql), pad
        # Nor does it prefetch what only the paper needs (costs, endorsements of every
        # response).
        assert not [q for q in sql if '"reacties_kostenpost"' in q], pad


@pytest.mark.django_db
@pytest.mark.parametrize("status", ["open", "gesloten", "verzonden"])
def test_organisatie_pagina_zonder_subquery_over_al_haar_reacties(client, netwerk, status):
    consultatie = (
        Consultatie.objects.filter(status=status)
        .filter(reacties__organisatie=netwerk["opsteller"].organisatie)
        .order_by("-pk")
        .first()
    )
    assert consultatie is not None
    paden = [f"/consultaties/{consultatie.pk}/", "/api/v1/reacties"]
    if status != "open":
        paden.append(f"/consultaties/{consultatie.pk}/kernpunten/")
    for pad in paden:
        sql = _sql(client, netwerk["opsteller"], pad)
        assert not [q for q in sql if SUBQUERY_OVER_REACTIES.search(q)], pad


@pytest.mark.django_db
def test_zichtbaarheid_van_kernpunten_zonder_subquery_en_ongewijzigd(netwerk):
    opsteller = netwerk["opsteller"]
    zichtbaar = Kernpunt.objects.zichtbaar_voor(opsteller)
    assert not SUBQUERY_OVER_REACTIES.search(str(zichtbaar.query))
    # The same kernpunten as through the visible responses (the former definition).
    verwacht = set(
        Kernpunt.objects.filter(
            reactie__in=list(Reactie.objects.zichtbaar_voor(opsteller).values_list("pk", flat=True))
        ).values_list("pk", flat=True)
    )
    assert set(zichtbaar.values_list("pk", flat=True)) == verwacht
    assert verwacht
    # An organisation that was invited nowhere sees none of the others' kernpunten.
    buiten = factories.opsteller(factories.OrganisatieFactory())
    assert Kernpunt.objects.exists()
    assert not Kernpunt.objects.zichtbaar_voor(buiten).exists()
    ministerie = netwerk["ministerie"]
    verwacht = set(
        Kernpunt.objects.filter(
            reactie__in=list(
                Reactie.objects.zichtbaar_voor(ministerie).values_list("pk", flat=True)
            )
        ).values_list("pk", flat=True)
    )
    assert set(Kernpunt.objects.zichtbaar_voor(ministerie).values_list("pk", flat=True)) == verwacht


@pytest.mark.django_db
def test_api_reacties_op_volgorde_van_de_unieke_index(client, netwerk):
    sql = _sql(client, netwerk["opsteller"], "/api/v1/reacties")
    pagina = next(q for q in sql if "LIMIT" in q and '"reacties_reactie"."kernboodschap"' in q)
    volgorde = pagina.rsplit("ORDER BY", 1)[1]
    # On the joined consultation's key: SQLite then reads one page along the indexes
    # instead of sorting every visible response (PostgreSQL plans both the same way).
    assert volgorde.strip().startswith(
        '("consultaties_consultatie"."id") DESC, "reacties_reactie"."organisatie_id" DESC'
    )
    response = client.get("/api/v1/reacties?pageSize=100").json()
    sleutels = [(r["consultatie"], r["organisatie"]) for r in response["resultaten"]]
    assert sleutels == sorted(sleutels, reverse=True)


@pytest.mark.django_db
def test_lichte_gegevens_geven_dezelfde_verschillen_als_het_snapshot(netwerk):
    """The secretaris's page flags disagreement from ``verschillen_gegevens``; the paper
    from the full snapshot. For realistic consultations both must say the same."""
    gesloten = Consultatie.objects.filter(
        status__in=["gesloten", "verzonden", "afgerond"], reacties__status="geaccepteerd"
    ).distinct()
    assert gesloten.count() >= 5
    met_verschillen = 0
    for consultatie in gesloten:
        licht = analyse.verschillen(verschillen_gegevens(consultatie))
        assert licht == analyse.verschillen(build_snapshot(consultatie)), consultatie.kenmerk
        met_verschillen += licht["aanwezig"]
    assert met_verschillen  # the comparison covered real disagreement, not only empty ones


@pytest.mark.django_db
@pytest.mark.parametrize("filter_", ["", "?status=ingediend", "?status=in_voorbereiding"])
def test_aantal_reacties_per_deel_geteld_en_juist(client, netwerk, filter_):
    """The total of an organisation's API list is counted per part of its visibility (own
    responses; others' submitted ones): no count combines both with OR, which made
    PostgreSQL read every block of the table. The total stays exact, also filtered."""
    opsteller = netwerk["opsteller"]
    sql = _sql(client, opsteller, f"/api/v1/reacties{filter_}")
    tellingen = [q for q in sql if q.startswith('SELECT COUNT(*) AS "__count" FROM "reacties')]
    assert len(tellingen) == 2
    assert not [q for q in tellingen if " OR " in q]
    zichtbaar = Reactie.objects.zichtbaar_voor(opsteller)
    if filter_:
        zichtbaar = zichtbaar.filter(status=filter_.split("=")[1])
    antwoord = client.get(f"/api/v1/reacties{filter_}").json()
    assert (
        antwoord["aantal"] == zichtbaar.count() == len(set(zichtbaar.values_list("pk", flat=True)))
    )
    assert antwoord["aantal"] or filter_


@pytest.mark.django_db
def test_samenvoegen_op_een_eigen_pagina_die_elk_ander_kernpunt_biedt(client, netwerk):
    """The page of a closed consultation links each kernpunt to its merge page instead of
    offering every other kernpunt under each one (a page quadratic in its kernpunten); the
    merge page offers every other one and reads no snapshot for their numbers."""
    gesloten = Consultatie.objects.filter(status="gesloten", reacties__kernpunten__isnull=False)
    consultatie = gesloten.distinct().first()
    client.force_login(netwerk["secretaris"])
    inhoud = client.get(f"/consultaties/{consultatie.pk}/kernpunten/").content.decode()
    kernpunten = list(
        Kernpunt.objects.filter(
            reactie__consultatie=consultatie, samengevoegd_in__isnull=True
        ).values_list("pk", flat=True)
    )
    assert len(kernpunten) > 2
    assert 'name="in_kernpunt"' not in inhoud
    for pk in kernpunten:
        assert f'href="/reacties/kernpunten/{pk}/samenvoegen/"' in inhoud
    pk = kernpunten[len(kernpunten) // 2]
    sql = _sql(client, netwerk["secretaris"], f"/reacties/kernpunten/{pk}/samenvoegen/")
    assert not _snapshot_gelezen(sql)
    pagina = client.get(f"/reacties/kernpunten/{pk}/samenvoegen/").content.decode()
    aangeboden = set(map(int, re.findall(r'name="in_kernpunt" value="(\d+)"', pagina)))
    assert aangeboden == set(kernpunten) - {pk}


#: The whole snapshot column selected (not a key extracted from it).
SNAPSHOT_KOLOM = re.compile(r'"rapporten_rapport"\."snapshot"\s*(,\s*"|FROM\b)')
#: A condition that tests each row against a subquery, OR'ed with others.
OF_SUBQUERY = re.compile(r'\bOR\s+"[^"]+"\."[^"]+"\s+IN\s+\(\s*SELECT', re.I)


@pytest.mark.django_db
def test_paperpagina_leest_alleen_de_kernpunten_van_het_snapshot(client, netwerk):
    consultatie = _verzonden(netwerk)
    rapport = consultatie.rapporten.get(status="verzonden")
    kernpunten = rapport.snapshot["kernpunten"]
    assert kernpunten
    for rol in ("ministerie", "secretaris"):
        sql = _sql(client, netwerk[rol], f"/rapporten/{rapport.pk}/")
        assert _snapshot_gelezen(sql), rol  # the kernpunten, extracted by the database
        assert not [q for q in sql if SNAPSHOT_KOLOM.search(q)], rol
        inhoud = client.get(f"/rapporten/{rapport.pk}/").content.decode()
        # Still every kernpunt of the paper, in the paper's order.
        posities = [inhoud.index(f'id="kernpunt-{k["id"]}"') for k in kernpunten]
        volgorde = sorted(kernpunten, key=analyse.nummer_van)
        assert [inhoud.index(f'id="kernpunt-{k["id"]}"') for k in volgorde] == sorted(posities)


@pytest.mark.django_db
def test_inbox_leest_eigen_reacties_zonder_subquery_en_zonder_teksten(client, netwerk):
    sql = _sql(client, netwerk["opsteller"], "/")
    reacties = [q for q in sql if 'FROM "reacties_reactie"' in q]
    assert len(reacties) == 2  # the open invitations, the most recent others
    for q in reacties:
        # The own part of the visibility only: no EXISTS over the others' responses.
        assert not SUBQUERY_OVER_REACTIES.search(q) and "EXISTS" not in q.upper()
        assert '"kernboodschap"' not in q and '"samenvatting"' not in q


@pytest.mark.django_db
def test_eigen_reacties_zijn_de_zichtbare_van_de_eigen_organisatie(netwerk):
    for rol in ("opsteller", "ministerie", "secretaris"):
        gebruiker = netwerk[rol]
        verwacht = set(
            Reactie.objects.zichtbaar_voor(gebruiker)
            .filter(organisatie_id=gebruiker.organisatie_id)
            .values_list("pk", flat=True)
        )
        eigen = set(Reactie.objects.eigen_van(gebruiker).values_list("pk", flat=True))
        assert eigen == (verwacht if rol == "opsteller" else set()), rol
    assert Reactie.objects.eigen_van(netwerk["opsteller"]).exists()


@pytest.mark.django_db
def test_werkvoorraad_zoekt_consultaties_met_werk_op_sleutel(client, netwerk):
    sql = _sql(client, netwerk["secretaris"], "/")
    # One set of keys (a UNION), not every consultation tested against each kind of work.
    assert len([q for q in sql if "UNION" in q.upper()]) == 1
    assert not [q for q in sql if OF_SUBQUERY.search(q)]
    # The groups and the running consultations read no texts of a consultation.
    assert not [q for q in sql if '"consultaties_consultatie"."samenvatting"' in q]
    # The newest failed e-mails: keys from the status index, then the rows by key.
    emails = next(q for q in sql if 'FROM "notificaties_email"' in q and "LIMIT" in q)
    assert '"notificaties_email"."id" IN (SELECT' in emails


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's plan; PostgreSQL's is not")
def test_consultatielijst_telt_zonder_de_rijen_van_de_consultaties(client, netwerk):
    sql = _sql(client, netwerk["opsteller"], "/consultaties/")
    telling = next(q for q in sql if "COUNT(*)" in q and '"reacties_reactie"' in q)
    with connection.cursor() as cursor:
        # With the statistics a filled database has (``genereer_last`` gathers them; without
        # any, SQLite does not know the index's first column is unique).
        cursor.execute("ANALYZE")
        cursor.execute("EXPLAIN QUERY PLAN " + telling)
        plan = [rij[3] for rij in cursor.fetchall()]
    # Each of the organisation's responses asks its consultation's state: from the narrow
    # index, not from the wide row of every consultation the organisation was ever in.
    assert any("consultatie_zichtbaar" in stap and "COVERING" in stap for stap in plan), plan
    assert not any("SCAN" in stap for stap in plan), plan


@pytest.mark.django_db
def test_api_rapporten_lijst_leest_geen_lange_teksten_van_de_consultatie(client, netwerk):
    sql = _sql(client, netwerk["ministerie"], "/api/v1/rapporten")
    pagina = next(q for q in sql if '"rapporten_rapport"."versie"' in q and " IN (" in q)
    for kolom in ("samenvatting", "bestuurlijke_samenvatting", "aanbevelingen"):
        assert f'"consultaties_consultatie"."{kolom}"' not in pagina
    assert '"rapporten_rapport"."snapshot"' not in pagina


@pytest.mark.django_db
def test_zichtbaarheid_van_papers_zonder_subquery_en_ongewijzigd(netwerk):
    """An organisation's papers are checked per paper by key (EXISTS on its response to
    that consultation), not through a list of every response it had accepted."""
    opsteller = netwerk["opsteller"]
    zichtbaar = Rapport.objects.zichtbaar_voor(opsteller)
    assert not SUBQUERY_OVER_REACTIES.search(str(zichtbaar.query))
    assert "EXISTS" in str(zichtbaar.query)
    # The same papers as by the former definition: sent, of a consultation to which its
    # response was accepted.
    bijgedragen = Reactie.objects.filter(
        organisatie=opsteller.organisatie, status="geaccepteerd"
    ).values_list("consultatie_id", flat=True)
    verwacht = set(
        Rapport.objects.filter(
            status="verzonden",
            consultatie__status__in=["verzonden", "afgerond"],
            consultatie_id__in=list(bijgedragen),
        ).values_list("pk", flat=True)
    )
    assert verwacht
    assert set(zichtbaar.values_list("pk", flat=True)) == verwacht
    # Papers of consultations it did not contribute to exist, and stay out of sight.
    assert Rapport.objects.filter(status="verzonden").exclude(pk__in=verwacht).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("rol", ["opsteller", "ministerie", "secretaris"])
def test_api_rapporten_eerst_de_ids_van_de_pagina(client, netwerk, rol):
    """The list reads the page's ids in a narrow query (no join: SQLite walks the index
    of the newest versions, not every visible version of the years sorted), then those
    versions; the same versions in the same order as the visible ones, newest first."""
    gebruiker = netwerk[rol]
    client.force_login(gebruiker)
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/api/v1/rapporten?pageSize=5")
    assert response.status_code == 200
    sql = [q["sql"] for q in queries.captured_queries]
    (pagina,) = [q for q in sql if q.startswith('SELECT "rapporten_rapport"."id" AS "pk"')]
    assert "JOIN" not in pagina
    assert pagina.endswith("LIMIT 5")
    verwacht = list(
        Rapport.objects.zichtbaar_voor(gebruiker)
        .order_by("-aangemaakt_op", "-pk")
        .values_list("pk", flat=True)[:5]
    )
    assert verwacht
    assert [r["id"] for r in response.json()["resultaten"]] == verwacht
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
            cursor.execute("EXPLAIN QUERY PLAN " + pagina)
            plan = [rij[3] for rij in cursor.fetchall()]
        assert any("rapport_nieuwste" in stap for stap in plan), plan
        assert not any("TEMP B-TREE" in stap for stap in plan), plan


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's plan; PostgreSQL's is not")
def test_geweigerde_sso_aanmeldingen_uit_de_index_op_actie(client, netwerk):
    """The invitations page shows the newest refused SSO logins: by the (actie, tijdstip)
    index. Without it SQLite walked the tijdstip index back through every audit event of
    the years when there were none of that kind (131 ms on the large database)."""
    sql = _sql(client, netwerk["secretaris"], "/beheer/uitnodigingen/")
    geweigerd = next(q for q in sql if "sso_geweigerd" in q)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        cursor.execute("EXPLAIN QUERY PLAN " + geweigerd)
        plan = [rij[3] for rij in cursor.fetchall()]
    assert any("audit_actie_tijdstip" in stap for stap in plan), plan
    assert not any(stap.startswith("SCAN audit_auditevent") for stap in plan), plan

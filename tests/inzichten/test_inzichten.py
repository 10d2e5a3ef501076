import io
import re
from datetime import timedelta

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from consultaties import services as consultatie_services
from inzichten import services
from tests import factories


def _periode():
    vandaag = timezone.localdate()
    return vandaag - timedelta(days=30), vandaag + timedelta(days=60)


def _rij(inzichten, tabel, sleutel, waarde):
    return next(r for r in inzichten.tabellen[tabel].rijen if r[sleutel] == waarde)


@pytest.mark.django_db
def test_kleinlef_wordt_apart_getoond_met_respons_en_overname(netwerk):
    inzichten = services.bereken(*_periode())
    assert inzichten.consultaties == 1
    manifest = _rij(inzichten, "netwerken", "netwerk", "Manifestgroep")
    kleinlef = _rij(inzichten, "netwerken", "netwerk", "KleinLef")
    assert (manifest["uitgenodigd"], manifest["ingediend"], manifest["respons"]) == (2, 1, 50.0)
    assert (manifest["kernpunten"], manifest["overgenomen"], manifest["adoptie"]) == (1, 1, 100.0)
    assert (kleinlef["uitgenodigd"], kleinlef["ingediend"], kleinlef["respons"]) == (1, 1, 100.0)
    assert (kleinlef["kernpunten"], kleinlef["overgenomen"], kleinlef["adoptie"]) == (1, 0, 0.0)


@pytest.mark.django_db
def test_per_ministerie_organisatie_en_dimensie(netwerk, ministerie):
    inzichten = services.bereken(*_periode())
    szw = _rij(inzichten, "ministeries", "ministerie", ministerie.naam)
    assert (szw["consultaties"], szw["kernpunten"], szw["verwerkt"], szw["adoptie"]) == (
        1,
        2,
        2,
        50.0,
    )
    svb = next(r for r in inzichten.tabellen["organisaties"].rijen if "(SVB)" in r["organisatie"])
    assert (svb["verlopen"], svb["respons"], svb["kernpunten"]) == (1, 0.0, 0)
    ict = _rij(inzichten, "dimensies", "dimensie", "ICT en gegevensuitwisseling")
    assert (ict["ingrijpend"], ict["ingrijpend_pct"], ict["overgenomen"]) == (2, 100.0, 1)
    # Sorted by how often a dimension is 'ingrijpend': ICT leads.
    assert inzichten.tabellen["dimensies"].rijen[0]["dimensie"] == "ICT en gegevensuitwisseling"
    schulden = inzichten.tabellen["levensgebeurtenissen"].rijen[0]
    assert (schulden["levensgebeurtenis"], schulden["toetsen"], schulden["aandeel"]) == (
        "Schulden",
        2,
        100.0,
    )


@pytest.mark.django_db
def test_periode_en_open_consultaties_tellen_niet_mee(netwerk, secretaris, ministerie):
    factories.consultatie(
        secretaris_gebruiker=secretaris,
        ministerie=ministerie,
        organisaties=[netwerk["uwv"]],
        open=True,
    )
    assert services.bereken(*_periode()).consultaties == 1  # the open one is left out
    vandaag = timezone.localdate()
    leeg = services.bereken(vandaag - timedelta(days=400), vandaag - timedelta(days=300))
    assert leeg.consultaties == 0
    assert all(not t.rijen for k, t in leeg.tabellen.items() if k != "dimensies")


@pytest.mark.django_db
@pytest.mark.parametrize("aantal", [2, 8])
def test_aantal_queries_groeit_niet_met_het_aantal_organisaties(
    secretaris, ministerie, aantal, django_assert_max_num_queries
):
    organisaties = [factories.OrganisatieFactory() for _ in range(aantal)]
    c = factories.consultatie(
        secretaris_gebruiker=secretaris, ministerie=ministerie, organisaties=organisaties, open=True
    )
    consultatie_services.consultatie_sluiten(consultatie=c, actor=secretaris)
    with django_assert_max_num_queries(10):
        services.bereken(*_periode())


@pytest.mark.django_db
def test_pagina_voor_secretariaat_en_leden_niet_voor_ministerie(
    client, netwerk, secretaris, ministerie_gebruiker
):
    van, tot = _periode()
    query = f"?van={van}&tot={tot}"
    client.force_login(secretaris)
    pagina = client.get("/inzichten/" + query)
    assert pagina.status_code == 200
    assert "KleinLef" in pagina.content.decode()
    client.force_login(factories.opsteller(netwerk["lbio"]))
    assert client.get("/inzichten/" + query).status_code == 200
    client.force_login(ministerie_gebruiker)
    assert client.get("/inzichten/" + query).status_code == 403
    assert client.get("/inzichten/export.xlsx" + query).status_code == 403
    client.logout()
    assert client.get("/inzichten/").status_code == 302


@pytest.mark.django_db
def test_exports_en_grafieken(client, netwerk, secretaris):
    van, tot = _periode()
    query = f"?van={van}&tot={tot}"
    client.force_login(secretaris)
    csv = client.get("/inzichten/export/netwerken.csv" + query)
    assert csv["Content-Type"].startswith("text/csv")
    regels = csv.content.decode("utf-8-sig").splitlines()
    assert regels[0].startswith("Netwerk;Uitgenodigd;Ingediend;Respons (%)")
    # Dutch Excel: semicolons and a decimal comma (a dot would become a date or 1000).
    assert "KleinLef;1;1;100,0;1;1;0;0,0" in regels
    assert client.get("/inzichten/export/bestaat-niet.csv").status_code == 404

    werkboek = load_workbook(io.BytesIO(client.get("/inzichten/export.xlsx" + query).content))
    assert werkboek.sheetnames == [
        "Netwerken",
        "Ministeries",
        "Dimensies",
        "Organisaties",
        "Levensgebeurtenissen",
    ]
    assert werkboek["Netwerken"]["A1"].value == "Netwerk"

    svg = client.get("/inzichten/grafiek/netwerken.svg" + query)
    assert svg["Content-Type"] == "image/svg+xml"
    assert b"<svg" in svg.content and b"KleinLef" in svg.content
    assert "default-src 'none'" in svg["Content-Security-Policy"]
    assert client.get("/inzichten/grafiek/onbekend.svg").status_code == 404


@pytest.mark.django_db
def test_ongeldige_periode_geeft_een_melding(client, secretaris):
    client.force_login(secretaris)
    pagina = client.get("/inzichten/?van=2026-05-01&tot=2026-01-01").content.decode()
    assert "De einddatum ligt vóór de begindatum." in pagina


def test_grafiek_schrijft_getallen_zoals_de_lezer(client, netwerk, secretaris):
    """Dutch decimals in Dutch ("66,7"), English ones in English (issue 15)."""
    van, tot = _periode()
    url = f"/inzichten/grafiek/netwerken.svg?van={van}&tot={tot}"
    client.force_login(secretaris)
    nederlands = client.get(url).content.decode()
    assert "Respons en overname per netwerk" in nederlands
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    engels = client.get(url).content.decode()
    assert "Response and adoption per network" in engels
    # The y axis runs 0–100 in steps with decimals in at least one of the two.
    assert re.search(r">\d+,\d<", nederlands) or ",5<" in nederlands
    assert not re.search(r">\d+,\d<", engels)

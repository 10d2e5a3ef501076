import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from audit.models import AuditEvent
from tests import factories
from themas import services
from themas.models import Getagd, Thema

from .conftest import kernpunten_van, sluit


def _client(client, user):
    client.force_login(user)
    return client


def _themanamen(kernpunt):
    return sorted(
        Getagd.objects.filter(content_object=kernpunt).values_list("tag__name", flat=True)
    )


# --- tagging on the consultation's kernpunten page -------------------------------------


@pytest.mark.django_db
def test_secretaris_geeft_themas_op_de_kernpuntenpagina(client, netwerk, secretaris):
    c = _client(client, secretaris)
    pagina = c.get(reverse("consultaties:kernpunten", args=[netwerk["c2"].pk]))
    html = pagina.content.decode()
    assert f'action="{reverse("themas:kernpunt", args=[netwerk["k2_uwv"].pk])}"' in html
    assert 'list="themanamen"' in html
    antwoord = c.post(
        reverse("themas:kernpunt", args=[netwerk["k2_uwv"].pk]),
        {"themas": "ICT-systemen, Gegevenslevering"},
    )
    assert antwoord.status_code == 302
    assert antwoord["Location"] == (
        reverse("consultaties:kernpunten", args=[netwerk["c2"].pk])
        + f"#kernpunt-{netwerk['k2_uwv'].pk}"
    )
    assert _themanamen(netwerk["k2_uwv"]) == ["Gegevenslevering", "ICT-systemen"]
    assert AuditEvent.objects.voor(netwerk["k2_uwv"]).filter(actie="themas_gewijzigd").exists()


@pytest.mark.django_db
def test_organisatie_ziet_themas_maar_geen_formulier_en_mag_niet_posten(client, netwerk):
    lbio = factories.opsteller(netwerk["lbio"], username="lbio-lezer")
    c = _client(client, lbio)
    html = c.get(reverse("consultaties:kernpunten", args=[netwerk["c2"].pk])).content.decode()
    assert "ICT-systemen" in html
    assert reverse("themas:kernpunt", args=[netwerk["k2_uwv"].pk]) not in html
    antwoord = c.post(reverse("themas:kernpunt", args=[netwerk["k2_uwv"].pk]), {"themas": "Eigen"})
    assert antwoord.status_code == 403
    # A kernpunt it may not see does not exist for it.
    antwoord = c.post(reverse("themas:kernpunt", args=[netwerk["k3_uwv"].pk]), {"themas": "X"})
    assert antwoord.status_code == 404
    assert _themanamen(netwerk["k2_uwv"]) == ["ICT-systemen"]


@pytest.mark.django_db
def test_themas_geven_op_open_consultatie_is_409(client, secretaris, reactie_a, opsteller_a):
    from reacties import services as reactie_services

    reactie = reactie_services.reactie_starten(reactie=reactie_a, actor=opsteller_a)
    kernpunt = reactie_services.kernpunt_toevoegen(
        reactie=reactie, actor=opsteller_a, dimensie="ict", tekst="Te vroeg."
    )
    antwoord = _client(client, secretaris).post(
        reverse("themas:kernpunt", args=[kernpunt.pk]), {"themas": "ICT"}
    )
    assert antwoord.status_code == 409
    assert not Thema.objects.exists()
    # Refused over the consultation page: it has no kernpunten page while open.
    assert f"<title>{reactie.consultatie.titel}" in antwoord.content.decode()


# --- theme pages, merging ------------------------------------------------------------


@pytest.mark.django_db
def test_themapagina_per_rol(client, netwerk, secretaris, ministerie_gebruiker, bzk_gebruiker):
    ict = Thema.objects.get(name="ICT-systemen")
    privacy = Thema.objects.get(name="Privacy")
    html = _client(client, secretaris).get(reverse("themas:detail", args=[ict.pk])).content.decode()
    assert "KleinLef" in html and "Ministerie van BZK" in html and "GEHEIM" not in html
    assert "Samenvoegen met een ander thema" in html

    lbio = factories.opsteller(netwerk["lbio"], username="lbio-lezer")
    c = _client(client, lbio)
    html = c.get(reverse("themas:detail", args=[ict.pk])).content.decode()
    assert "Ministerie van BZK" not in html and "GEHEIM" not in html
    assert "Samenvoegen met een ander thema" not in html
    assert c.get(reverse("themas:detail", args=[privacy.pk])).status_code == 404

    c = _client(client, ministerie_gebruiker)
    assert c.get(reverse("themas:detail", args=[privacy.pk])).status_code == 404
    html = c.get(reverse("themas:detail", args=[ict.pk])).content.decode()
    assert "Ministerie van BZK" not in html
    assert c.get(reverse("themas:knelpunten")).status_code == 403
    assert c.get(reverse("themas:knelpunten_xlsx")).status_code == 403
    assert (
        _client(client, bzk_gebruiker).get(reverse("themas:detail", args=[privacy.pk])).status_code
        == 200
    )


@pytest.mark.django_db
def test_secretaris_voegt_samen_via_de_lijst(client, netwerk, secretaris):
    ict = Thema.objects.get(name="ICT-systemen")
    dubbel = services.thema_voor_naam("ict systemen")
    services.kernpunt_themas_instellen(
        kernpunt=netwerk["k1_handhaving"], namen=["Handhaving", "ict systemen"], actor=secretaris
    )
    c = _client(client, secretaris)
    html = c.get(reverse("themas:lijst")).content.decode()
    assert "Mogelijk dubbele thema" in html
    assert reverse("themas:samenvoegen", args=[dubbel.pk]) in html
    antwoord = c.post(reverse("themas:samenvoegen", args=[dubbel.pk]), {"in_thema": ict.pk})
    assert antwoord.status_code == 302 and antwoord["Location"] == reverse(
        "themas:detail", args=[ict.pk]
    )
    assert _themanamen(netwerk["k1_handhaving"]) == ["Handhaving", "ICT-systemen"]
    assert not Thema.objects.filter(pk=dubbel.pk).exists()


@pytest.mark.django_db
def test_samenvoegen_geweigerd(client, netwerk, secretaris):
    ict = Thema.objects.get(name="ICT-systemen")
    privacy = Thema.objects.get(name="Privacy")
    lbio = factories.opsteller(netwerk["lbio"], username="lbio-lezer")
    assert (
        _client(client, lbio)
        .post(reverse("themas:samenvoegen", args=[privacy.pk]), {"in_thema": ict.pk})
        .status_code
        == 403
    )
    c = _client(client, secretaris)
    antwoord = c.post(reverse("themas:samenvoegen", args=[privacy.pk]), {"in_thema": ""})
    assert antwoord.status_code == 400
    assert "Kies het thema dat blijft bestaan." in antwoord.content.decode()
    assert Thema.objects.filter(pk=privacy.pk).exists()


# --- the report: page, XLSX, API -----------------------------------------------------


@pytest.mark.django_db
def test_knelpunten_als_xlsx(client, netwerk, secretaris):
    antwoord = _client(client, secretaris).get(reverse("themas:knelpunten_xlsx"))
    assert antwoord.status_code == 200
    werkboek = load_workbook(io.BytesIO(antwoord.content))
    blad = werkboek["Knelpunten"]
    rijen = list(blad.iter_rows(values_only=True))
    assert rijen[0][:3] == ("Thema", "Consultaties", "Kernpunten")
    assert rijen[1][:3] == ("ICT-systemen", 3, 4)
    assert len(rijen) == 2
    jaren = list(werkboek["Per jaar"].iter_rows(values_only=True))
    assert [r[1] for r in jaren[1:]] == [2024, 2025, 2026]


@pytest.mark.django_db
def test_api_themas_camelcase_en_per_rol(client, netwerk, secretaris, ministerie_gebruiker):
    c = _client(client, secretaris)
    data = c.get("/api/v1/themas").json()
    ict = next(r for r in data["resultaten"] if r["naam"] == "ICT-systemen")
    assert ict["kernpunten"] == 4 and ict["knelpunt"] is True
    assert {"deelsOvergenomen", "nietOvergenomen", "aantalOrganisaties", "eersteJaar"} <= set(ict)
    detail = c.get(f"/api/v1/themas/{ict['id']}").json()
    assert {"netwerk": "KleinLef", "ingebracht": 1, "onderschreven": 0} in detail["netwerken"]
    assert [r["jaar"] for r in detail["perJaar"]] == [2024, 2025, 2026]
    knelpunten = c.get("/api/v1/themas/knelpunten").json()
    assert [r["naam"] for r in knelpunten["resultaten"]] == ["ICT-systemen"]

    c = _client(client, ministerie_gebruiker)
    antwoord = c.get("/api/v1/themas/knelpunten")
    assert antwoord.status_code == 403
    assert antwoord["Content-Type"] == "application/problem+json"
    privacy = Thema.objects.get(name="Privacy")
    antwoord = c.get(f"/api/v1/themas/{privacy.pk}")
    assert antwoord.status_code == 404
    assert antwoord["Content-Type"] == "application/problem+json"
    assert {r["naam"] for r in c.get("/api/v1/themas").json()["resultaten"]} == {
        "ICT-systemen",
        "Handhaving",
    }


@pytest.mark.django_db
def test_api_zonder_login_is_401(client):
    antwoord = client.get("/api/v1/themas")
    assert antwoord.status_code == 401
    assert antwoord["Content-Type"] == "application/problem+json"


# --- query counts stay constant as the data grows ---------------------------------------

PAGINAS = [
    lambda t: reverse("themas:lijst"),
    lambda t: reverse("themas:detail", args=[t.pk]),
    lambda t: reverse("themas:knelpunten"),
    lambda t: reverse("themas:knelpunten_xlsx"),
    lambda t: "/api/v1/themas",
    lambda t: f"/api/v1/themas/{t.pk}",
    lambda t: "/api/v1/themas/knelpunten",
]


def _tellingen(c, thema):
    tellingen = []
    for pagina in PAGINAS:
        with CaptureQueriesContext(connection) as vastgelegd:
            assert c.get(pagina(thema)).status_code == 200
        tellingen.append(len(vastgelegd))
    return tellingen


@pytest.mark.django_db
def test_aantal_queries_blijft_gelijk_als_de_gegevens_groeien(
    client, netwerk, secretaris, ministerie
):
    ict = Thema.objects.get(name="ICT-systemen")
    c = _client(client, secretaris)
    _tellingen(c, ict)  # warm up per-process caches (content types, the session)
    voor = _tellingen(c, ict)
    # Pinned: a change that adds a query per theme or kernpunt shows here first.
    assert voor == [9, 11, 8, 7, 7, 7, 7]
    extra = [factories.OrganisatieFactory(afkorting=f"X{i}") for i in range(3)]
    for jaar in (2020, 2021):
        consultatie = factories.consultatie(
            secretaris_gebruiker=secretaris, ministerie=ministerie, organisaties=extra, open=True
        )
        kernpunten = [
            (organisatie, kernpunt)
            for organisatie in extra
            for kernpunt in kernpunten_van(
                consultatie, organisatie, "Nog een punt.", "En nog een.", secretaris=secretaris
            )
        ]
        sluit(consultatie, secretaris, jaar)
        for organisatie, kernpunt in kernpunten:
            services.kernpunt_themas_instellen(
                kernpunt=kernpunt,
                namen=["ICT-systemen", f"Thema {organisatie.afkorting}"],
                actor=secretaris,
            )
    assert Getagd.objects.filter(tag=ict).count() == 5 + 12
    assert _tellingen(c, ict) == voor

    # The kernpunten page shows each kernpunt's themes and form at a fixed cost: two
    # tagged kernpunten cost as many queries as six with two themes each.
    def consultatiepagina(consultatie):
        with CaptureQueriesContext(connection) as vastgelegd:
            antwoord = c.get(reverse("consultaties:kernpunten", args=[consultatie.pk]))
        assert antwoord.status_code == 200
        return len(vastgelegd), antwoord.content.decode().count('name="themas"')

    klein, formulieren_klein = consultatiepagina(netwerk["c2"])
    groot, formulieren_groot = consultatiepagina(consultatie)
    assert (formulieren_klein, formulieren_groot) == (2, 6)
    assert groot == klein


@pytest.mark.django_db
def test_themapagina_linkt_naar_het_kernpunt_op_de_kernpuntenpagina(
    client, netwerk, secretaris, ministerie_gebruiker
):
    ict = Thema.objects.get(name="ICT-systemen")
    html = _client(client, secretaris).get(reverse("themas:detail", args=[ict.pk])).content
    kernpunt = netwerk["k1_uwv"]
    assert (
        f'href="{reverse("consultaties:kernpunten", args=[netwerk["c1"].pk])}'
        f'#kernpunt-{kernpunt.pk}"'
    ) in html.decode()
    # The ministry has no kernpunten page: its link goes to the consultation.
    html = _client(client, ministerie_gebruiker).get(reverse("themas:detail", args=[ict.pk]))
    assert html.status_code == 200
    html = html.content.decode()
    assert f'href="{reverse("consultaties:detail", args=[netwerk["c1"].pk])}"' in html
    assert "/kernpunten/" not in html

"""Who reads the paper after sending (issue 20, point 9), and the kernpunt numbers (K1, K2, …)
on every page, in the API and in the XLSX."""

import io

import pytest
from openpyxl import load_workbook

from rapporten import services
from rapporten.models import Rapport
from reacties.models import Kernpunt
from tests import factories
from tests.apihulp import api_client

from .helpers import maak_rapport

pytestmark = pytest.mark.django_db


@pytest.fixture
def buitenstaander(org_c):
    return factories.opsteller(org_c)


def test_bijdragende_organisaties_lezen_het_verzonden_paper_en_de_verwerking(
    client, verzonden, ministerie_gebruiker, opsteller_a, accordeerder_b
):
    [kernpunt_id, *_] = verzonden.kernpunt_ids
    services.verwerking_vastleggen(
        rapport=verzonden,
        actor=ministerie_gebruiker,
        kernpunt=kernpunt_id,
        uitkomst="deels_overgenomen",
        toelichting="Artikel 4 is aangepast.",
    )
    nummer = verzonden.kernpuntnummers[str(kernpunt_id)]
    for user in (opsteller_a, accordeerder_b):
        client.force_login(user)
        pagina = client.get(f"/rapporten/{verzonden.pk}/")
        assert pagina.status_code == 200
        inhoud = pagina.content.decode()
        assert "Artikel 4 is aangepast." in inhoud
        assert f'<span class="tk-kernpuntnummer">{nummer}</span>' in inhoud
        # They read; they do not record the verwerking or confirm receipt.
        assert "Verwerking vastleggen" not in inhoud and "Ontvangst bevestigen" not in inhoud
        pdf = client.get(f"/rapporten/{verzonden.pk}/pdf")
        assert pdf.status_code == 200 and pdf["X-Content-SHA256"] == verzonden.sha256
        data = api_client(user).get(f"/api/v1/rapporten/{verzonden.pk}").json()
        assert data["toegestaneActies"] == []
        assert data["verwerkingen"] == [
            {
                "kernpunt": kernpunt_id,
                "nummer": nummer,
                "uitkomst": "deels_overgenomen",
                "toelichting": "Artikel 4 is aangepast.",
                "vastgelegdOp": data["verwerkingen"][0]["vastgelegdOp"],
            }
        ]
        assert api_client(user).get(f"/api/v1/rapporten/{verzonden.pk}/pdf").status_code == 200


def test_organisatie_mag_verwerking_niet_vastleggen(client, verzonden, opsteller_a):
    client.force_login(opsteller_a)
    response = client.post(
        f"/rapporten/{verzonden.pk}/verwerking",
        {"kernpunt": verzonden.kernpunt_ids[0], "uitkomst": "overgenomen", "toelichting": "x"},
    )
    assert response.status_code == 403
    assert not verzonden.verwerkingen.exists()
    antwoord = api_client(opsteller_a).post(
        f"/api/v1/rapporten/{verzonden.pk}/verwerkingen",
        {"kernpunt": verzonden.kernpunt_ids[0], "uitkomst": "overgenomen", "toelichting": "x"},
        format="json",
    )
    assert antwoord.status_code == 403


def test_niet_uitgenodigde_organisatie_en_concepten_blijven_404(
    client, buitenstaander, secretaris, opsteller_a, gesloten, snelle_pdf
):
    concept = maak_rapport(gesloten, secretaris)
    verzonden = services.rapport_definitief_maken(
        rapport=maak_rapport(gesloten, secretaris), actor=secretaris
    )
    verzonden = services.rapport_verzenden(rapport=verzonden, actor=secretaris)
    for pad in (f"/rapporten/{verzonden.pk}/", f"/rapporten/{verzonden.pk}/pdf"):
        client.force_login(buitenstaander)
        assert client.get(pad).status_code == 404
    assert api_client(buitenstaander).get(f"/api/v1/rapporten/{verzonden.pk}").status_code == 404
    # The older concept of the same consultation stays with the secretariat.
    opsteller_a.refresh_from_db()  # the helpers that filled in the response re-saved it
    client.force_login(opsteller_a)
    assert client.get(f"/rapporten/{verzonden.pk}/").status_code == 200
    assert client.get(f"/rapporten/{concept.pk}/").status_code == 404
    assert client.get(f"/rapporten/{concept.pk}/pdf").status_code == 404
    assert api_client(opsteller_a).get(f"/api/v1/rapporten/{concept.pk}").status_code == 404


def test_organisatie_die_afzag_leest_het_paper_niet(
    client, secretaris, ministerie, org_a, org_b, org_c, snelle_pdf
):
    from consultaties import services as consultatie_services
    from reacties import services as reactie_services

    from .helpers import accepteer, inhoud

    consultatie = factories.consultatie(
        secretaris_gebruiker=secretaris,
        ministerie=ministerie,
        organisaties=[org_a, org_c],
        open=True,
    )
    reacties = {r.organisatie_id: r for r in consultatie.reacties.all()}
    accepteer(reacties[org_a.pk], secretaris, **inhoud())
    reactie_services.reactie_afzien(
        reactie=reacties[org_c.pk], actor=factories.accordeerder(org_c), toelichting="Niet van ons"
    )
    consultatie_services.consultatie_sluiten(consultatie=consultatie, actor=secretaris)
    rapport = services.rapport_definitief_maken(
        rapport=maak_rapport(consultatie, secretaris), actor=secretaris
    )
    services.rapport_verzenden(rapport=rapport, actor=secretaris)
    client.force_login(factories.opsteller(org_c))
    assert client.get(f"/rapporten/{rapport.pk}/").status_code == 404
    client.force_login(factories.opsteller(org_a, username="a-lezer"))
    assert client.get(f"/rapporten/{rapport.pk}/").status_code == 200


# --- numbers ------------------------------------------------------------------------------


def test_nummers_staan_in_snapshot_api_xlsx_en_pagina(
    client, definitief, secretaris, opsteller_a, gesloten
):
    nummers = definitief.kernpuntnummers
    assert sorted(nummers.values()) == ["K1", "K2"]
    assert {str(k["id"]): k["nummer"] for k in definitief.snapshot["kernpunten"]} == nummers
    data = api_client(secretaris).get(f"/api/v1/rapporten/{definitief.pk}").json()
    assert [k["nummer"] for k in data["kernpunten"]] == ["K1", "K2"]
    assert {str(k["id"]): k["nummer"] for k in data["kernpunten"]} == nummers

    client.force_login(secretaris)
    blad = load_workbook(
        io.BytesIO(client.get(f"/rapporten/consultatie/{gesloten.pk}/kernpunten.xlsx").content)
    ).active
    rijen = list(blad.iter_rows(min_row=2, values_only=True))
    assert [r[0] for r in rijen] == ["K1", "K2"]
    # No database id anywhere in the number column.
    assert not {str(k.pk) for k in Kernpunt.objects.all()} & {str(r[0]) for r in rijen}

    client.force_login(opsteller_a)
    pagina = client.get(f"/consultaties/{gesloten.pk}/kernpunten/").content.decode()
    assert 'class="tk-kernpuntnummer">K1</strong>' in pagina
    assert 'class="tk-kernpuntnummer">K2</strong>' in pagina
    reactie = gesloten.reacties.get(organisatie=opsteller_a.organisatie)
    pagina = client.get(f"/reacties/{reactie.pk}/").content.decode()
    eigen = nummers[str(reactie.kernpunten.get().pk)]
    assert f'class="tk-kernpuntnummer">{eigen}</strong>' in pagina


def test_concept_toont_nog_geen_nummers_op_de_paginas(client, concept, opsteller_a, gesloten):
    # Concept numbers may still change; pages show only the definitive ones.
    client.force_login(opsteller_a)
    pagina = client.get(f"/consultaties/{gesloten.pk}/kernpunten/").content.decode()
    assert 'id="kernpunt-' in pagina
    assert "tk-kernpuntnummer" not in pagina


def test_nummers_zijn_vast_in_de_definitieve_versie(definitief, secretaris, gesloten, snelle_pdf):
    # A later endorsement changes the order of a new version, never the definitive one.
    from reacties import services as reactie_services

    voor = dict(definitief.kernpuntnummers)
    laatste = Kernpunt.objects.get(pk=int(next(k for k, v in voor.items() if v == "K2")))
    ander = gesloten.reacties.exclude(organisatie=laatste.reactie.organisatie).get()
    reactie_services.kernpunt_onderschrijven(
        kernpunt=laatste, actor=factories.opsteller(ander.organisatie, username="onderschrijver")
    )
    definitief.refresh_from_db()
    assert definitief.kernpuntnummers == voor
    assert Rapport.objects.kernpuntnummers_voor(gesloten.pk) == {int(k): v for k, v in voor.items()}

"""Earlier positions on the toets form: kernpunten raised before on drafts of the same
ministry, with the ministry's verwerking, each only where the user may see it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kennisbank.eerder import eerdere_standpunten
from tests import factories
from tests.kennisbank.wereld import bouw_wereld


@pytest.fixture
def wereld(db, secretaris):
    w = bouw_wereld(secretaris)
    duo = w["duo"].organisatie
    uwv, svb = w["org_uwv"], w["svb"].organisatie
    nieuw = factories.consultatie(
        secretaris_gebruiker=secretaris,
        ministerie=w["huur"].ministerie,
        organisaties=[uwv, svb, duo],
        open=True,
        titel="Wet huurtoeslag herzien",
        samenvatting="Terugvordering van huurtoeslag beperken.",
    )
    w["nieuw"] = {r.organisatie_id: r for r in nieuw.reacties.all()}
    ander = factories.consultatie(
        secretaris_gebruiker=secretaris,
        ministerie=w["ocw"].organisatie,
        organisaties=[uwv],
        open=True,
        titel="Wet huurtoeslag voor studenten",
    )
    w["ander_ministerie"] = ander.reacties.get(organisatie=uwv)
    return w


def test_eigen_kernpunt_met_de_verwerking(wereld):
    reactie = wereld["nieuw"][wereld["org_uwv"].pk]
    [eerder] = eerdere_standpunten(reactie, wereld["uwv"])
    assert eerder.kernpunt_id == wereld["kernpunt"].pk
    assert eerder.uitkomst == "niet_overgenomen"
    jaar = wereld["huur"].termijn.year
    assert eerder.samenvatting == (
        f"Wij brachten dit in {jaar} in; het ministerie nam het niet over."
    )


def test_andere_organisatie_ziet_het_kernpunt_maar_niet_de_verwerking(wereld):
    """SVB was invited to the earlier consultation (it reads UWV's submitted toets) but
    contributed nothing to the paper: the ministry's verwerking is not its to read."""
    reactie = wereld["nieuw"][wereld["svb"].organisatie_id]
    [eerder] = eerdere_standpunten(reactie, wereld["svb"])
    assert eerder.organisatie == "UWV"
    assert eerder.uitkomst == ""
    assert eerder.verwerking_toelichting == ""
    assert "UWV bracht dit in" in eerder.samenvatting


def test_niet_uitgenodigde_organisatie_ziet_niets(wereld):
    reactie = wereld["nieuw"][wereld["duo"].organisatie_id]
    assert eerdere_standpunten(reactie, wereld["duo"]) == []


def test_ander_ministerie_telt_niet(wereld):
    assert eerdere_standpunten(wereld["ander_ministerie"], wereld["uwv"]) == []


def test_concepten_tellen_niet(wereld, secretaris):
    """SVB's expired draft on the earlier consultation had no kernpunt; UWV's draft on the
    open zorgtoeslag consultation is not submitted: only submitted kernpunten count."""
    from reacties import services as reactie_services

    concept = wereld["uwv_concept"]
    reactie_services.kernpunt_toevoegen(
        reactie=concept, actor=wereld["uwv"], dimensie="ict", tekst="Huurtoeslag concept."
    )
    reactie = wereld["nieuw"][wereld["org_uwv"].pk]
    ids = {e.kernpunt_id for e in eerdere_standpunten(reactie, secretaris)}
    assert ids == {wereld["kernpunt"].pk}


def test_paneel_op_het_toetsformulier(client, wereld):
    from reacties import services as reactie_services

    reactie = wereld["nieuw"][wereld["org_uwv"].pk]
    reactie_services.reactie_starten(reactie=reactie, actor=wereld["uwv"])
    client.force_login(wereld["uwv"])
    formulier = client.get(reverse("reacties:bewerken", args=[reactie.pk]))
    url = reverse("kennisbank:eerdere_standpunten", args=[reactie.pk])
    assert url in formulier.content.decode()
    paneel = client.get(url, headers={"HX-Request": "true"})
    html = paneel.content.decode()
    assert "het ministerie nam het niet over" in html
    assert "<html" not in html  # a fragment for the form
    assert client.get(url).status_code == 200  # and a page of its own without script


def test_paneel_en_api_van_een_onzichtbare_reactie_zijn_404(client, wereld):
    reactie = wereld["nieuw"][wereld["org_uwv"].pk]
    client.force_login(wereld["svb"])
    url = reverse("kennisbank:eerdere_standpunten", args=[reactie.pk])
    assert client.get(url).status_code == 404
    assert client.get(f"/api/v1/reacties/{reactie.pk}/eerdere-standpunten").status_code == 404


def test_api_eerdere_standpunten(client, wereld):
    reactie = wereld["nieuw"][wereld["org_uwv"].pk]
    client.force_login(wereld["uwv"])
    antwoord = client.get(f"/api/v1/reacties/{reactie.pk}/eerdere-standpunten")
    assert antwoord.status_code == 200
    [eerder] = antwoord.json()
    assert eerder["uitkomst"] == "niet_overgenomen"
    assert eerder["eigen"] is True
    assert eerder["samenvatting"].startswith("Wij brachten dit in")


def test_van_hetzelfde_ministerie_alleen_de_recentste_maar_de_hele_keten(
    wereld, secretaris, monkeypatch
):
    """Of the same ministry only the RECENTSTE most recent consultations count (the cost
    stays the same after years); the same chain of drafts counts however old."""
    from kennisbank import eerder

    reactie = wereld["nieuw"][wereld["org_uwv"].pk]
    assert {e.kernpunt_id for e in eerdere_standpunten(reactie, secretaris)} == {
        wereld["kernpunt"].pk
    }
    monkeypatch.setattr(eerder, "RECENTSTE", 0)
    assert eerdere_standpunten(reactie, secretaris) == []
    # A nota van wijziging of the earlier bill: its chain reaches back past the limit.
    nota = factories.consultatie(
        secretaris_gebruiker=secretaris,
        ministerie=wereld["huur"].ministerie,
        organisaties=[wereld["org_uwv"]],
        open=True,
        # The same subject: on PostgreSQL candidates must share a word with it.
        titel="Nota van wijziging Wet huurtoeslag herzien",
        samenvatting="Terugvordering van huurtoeslag beperken.",
        vorige_consultatie=wereld["huur"],
    )
    in_keten = nota.reacties.get(organisatie=wereld["org_uwv"])
    assert {e.kernpunt_id for e in eerdere_standpunten(in_keten, secretaris)} == {
        wereld["kernpunt"].pk
    }


def test_de_verwante_consultaties_op_sleutel_niet_langs_alle_jaren(wereld, secretaris):
    """The related consultations: the ministry's most recent few and the chain, found by
    key. Read in the model's order (by termijn), SQLite walked every consultation of the
    years and tested each against that list (0.07 → 2.2 ms, half a year → five years)."""
    reactie = wereld["nieuw"][wereld["org_uwv"].pk]
    with CaptureQueriesContext(connection) as vragen:
        eerdere_standpunten(reactie, secretaris)
    verwant = next(
        v["sql"]
        for v in vragen.captured_queries
        if v["sql"].startswith('SELECT "consultaties_consultatie"."id"')
    )
    # The inner list keeps its order (the most recent); the outer statement has none.
    assert "ORDER BY" not in verwant.split("LIMIT")[-1]

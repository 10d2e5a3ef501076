"""The response page of a re-toets shows what differs from the organisation's earlier toets,
so drafters see what they changed: by the same comparison as the paper, and only to those
who may see the earlier toets."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from consultaties import services as consultatie_services
from rapporten import pdf
from rapporten import services as rapport_services
from reacties import services
from reacties.models import Reactie
from tests import factories

KOP = "Wat is er veranderd sinds de vorige toets"


@pytest.fixture
def eerdere_toets(open_consultatie, reactie_a_ter_accordering, accordeerder_a, secretaris):
    """UWV's earlier toets: uitvoerbaar onder voorwaarden, every dimension beperkt."""
    reactie = Reactie.objects.get(pk=reactie_a_ter_accordering.pk)
    reactie = services.reactie_indienen(reactie=reactie, actor=accordeerder_a)
    reactie = services.reactie_accepteren(reactie=reactie, actor=secretaris)
    consultatie_services.consultatie_sluiten(consultatie=open_consultatie, actor=secretaris)
    return reactie


@pytest.fixture
def duo(db):
    return factories.OrganisatieFactory(afkorting="DUO", naam="Dienst Uitvoering Onderwijs")


@pytest.fixture
def hertoets(eerdere_toets, secretaris, ministerie, org_a, duo):
    return factories.consultatie(
        secretaris_gebruiker=secretaris,
        ministerie=ministerie,
        organisaties=[org_a, duo],
        open=True,
        instrument="nota_van_wijziging",
        vorige_consultatie=eerdere_toets.consultatie,
    )


@pytest.fixture
def gestarte_hertoets(hertoets, org_a, opsteller_a):
    reactie = hertoets.reacties.get(organisatie=org_a)
    return services.reactie_starten(reactie=reactie, actor=opsteller_a)


def _pagina(client, user, reactie) -> str:
    client.force_login(user)
    response = client.get(reverse("reacties:detail", args=[reactie.pk]))
    assert response.status_code == 200
    return " ".join(response.content.decode().split())


def _wijzig(reactie, opsteller):
    reactie = Reactie.objects.get(pk=reactie.pk)
    return services.reactie_bijwerken(
        reactie=reactie,
        actor=opsteller,
        versie=reactie.versie,
        velden={"eindoordeel": "niet_uitvoerbaar", "risico_procesverstoringen": "groot"},
        beoordelingen={"ict": {"gevolgen": "ingrijpend", "toelichting": "Nieuwe koppeling."}},
        kosten=[{"categorie": "automatisering", "soort": "incidenteel", "bedrag": "750000"}],
    )


@pytest.mark.django_db
def test_opsteller_ziet_wat_hij_veranderde_tegenover_de_vorige_toets(
    client, gestarte_hertoets, opsteller_a
):
    _wijzig(gestarte_hertoets, opsteller_a)
    pagina = _pagina(client, opsteller_a, gestarte_hertoets)
    assert KOP in pagina
    assert (
        "Eindoordeel van uitvoerbaar onder voorwaarden naar niet uitvoerbaar; "
        "ICT en gegevensuitwisseling van beperkt naar ingrijpend; "
        "risico op procesverstoringen van gemiddeld naar groot; "
        "incidentele kosten van € 0 naar € 750.000." in pagina
    )
    assert "Vergeleken met de toets zoals die toen is ingediend." in pagina
    tabel = pagina[pagina.index("Wijzigingen ten opzichte van de vorige toets") :]
    assert "Onderdeel</th>" in tabel and "Vorige toets</th>" in tabel
    assert (
        '<th scope="row" class="utrecht-table__cell">ICT en gegevensuitwisseling</th>'
        '<td class="utrecht-table__cell">beperkt</td>'
        '<td class="utrecht-table__cell">ingrijpend</td>' in tabel
    )


@pytest.mark.django_db
def test_net_gestarte_hertoets_is_nog_gelijk_aan_de_vorige(client, gestarte_hertoets, opsteller_a):
    pagina = _pagina(client, opsteller_a, gestarte_hertoets)
    assert KOP in pagina
    assert "Nog niets veranderd" in pagina
    assert "Wijzigingen ten opzichte van de vorige toets" not in pagina


@pytest.mark.django_db
def test_pagina_vergelijkt_met_het_verzonden_paper(
    client, gestarte_hertoets, eerdere_toets, opsteller_a, secretaris, monkeypatch
):
    # The layout of the paper is not under test here: a stand-in PDF keeps this fast.
    monkeypatch.setattr(
        pdf,
        "render_pdf",
        lambda snapshot, **kw: pdf.Resultaat(pdf=b"%PDF-1.7 paper", paginas=1, sha256="0" * 64),
    )
    rapport = rapport_services.rapport_aanmaken(
        consultatie=eerdere_toets.consultatie, actor=secretaris, op_achtergrond=False
    )
    rapport = rapport_services.rapport_pdf_genereren(rapport_id=rapport.pk)
    rapport = rapport_services.rapport_definitief_maken(rapport=rapport, actor=secretaris)
    rapport_services.rapport_verzenden(rapport=rapport, actor=secretaris)
    # Changed after the ministry received the paper; the page compares with the paper.
    Reactie.objects.filter(pk=eerdere_toets.pk).update(eindoordeel="geen_oordeel")

    pagina = _pagina(client, opsteller_a, gestarte_hertoets)
    assert "versie 1 van het verzonden position paper" in pagina
    assert "Nog niets veranderd" in pagina


@pytest.mark.django_db
def test_gewone_reactie_en_niet_gestarte_hertoets_tonen_geen_vergelijking(
    client, reactie_a, hertoets, org_a, opsteller_a
):
    assert KOP not in _pagina(client, opsteller_a, reactie_a)
    assert KOP not in _pagina(client, opsteller_a, hertoets.reacties.get(organisatie=org_a))


@pytest.mark.django_db
def test_nieuwe_organisatie_heeft_niets_om_mee_te_vergelijken(client, hertoets, duo):
    opsteller = factories.opsteller(duo)
    reactie = services.reactie_starten(
        reactie=hertoets.reacties.get(organisatie=duo), actor=opsteller
    )
    assert reactie.vorige_reactie_id is None
    assert KOP not in _pagina(client, opsteller, reactie)


@pytest.mark.django_db
def test_wie_de_eerdere_toets_niet_mag_zien_krijgt_geen_vergelijking(
    client, gestarte_hertoets, hertoets, opsteller_a, duo, secretaris
):
    """DUO took part in the re-toets only: once it closes DUO may read UWV's submitted
    response, but not UWV's earlier toets, so not what changed against it either."""
    _wijzig(gestarte_hertoets, opsteller_a)
    reactie = Reactie.objects.get(pk=gestarte_hertoets.pk)
    reactie = services.reactie_ter_accordering(reactie=reactie, actor=opsteller_a)
    services.reactie_indienen(reactie=reactie, actor=factories.accordeerder(reactie.organisatie))
    consultatie_services.consultatie_sluiten(consultatie=hertoets, actor=secretaris)

    pagina = _pagina(client, factories.opsteller(duo), gestarte_hertoets)
    assert "Uitvoeringstoets van UWV" in pagina
    assert KOP not in pagina
    assert "uitvoerbaar onder voorwaarden naar niet uitvoerbaar" not in pagina
    # The secretaris may see both, so sees the comparison.
    assert "uitvoerbaar onder voorwaarden naar niet uitvoerbaar" in _pagina(
        client, secretaris, gestarte_hertoets
    )


@pytest.mark.django_db
def test_paginavergelijking_kost_een_vast_aantal_queries(
    client, gestarte_hertoets, opsteller_a, django_assert_max_num_queries
):
    client.force_login(opsteller_a)
    url = reverse("reacties:detail", args=[gestarte_hertoets.pk])
    _wijzig(gestarte_hertoets, opsteller_a)
    with CaptureQueriesContext(connection) as weinig:
        client.get(url)
    reactie = Reactie.objects.get(pk=gestarte_hertoets.pk)
    services.reactie_bijwerken(
        reactie=reactie,
        actor=opsteller_a,
        versie=reactie.versie,
        kosten=[
            {"categorie": c, "soort": s, "bedrag": "1000"}
            for c in ("automatisering", "dienstverlening", "overig")
            for s in ("incidenteel", "structureel")
        ],
    )
    with django_assert_max_num_queries(30), CaptureQueriesContext(connection) as veel:
        assert client.get(url).status_code == 200
    assert len(veel) == len(weinig)


@pytest.mark.django_db
def test_zonder_eerdere_bijdrage_zegt_de_pagina_dat_er_niets_te_vergelijken_is(
    client, secretaris, ministerie, org_a, opsteller_a, accordeerder_a
):
    eerder = factories.consultatie(
        secretaris_gebruiker=secretaris, ministerie=ministerie, organisaties=[org_a], open=True
    )
    services.reactie_afzien(
        reactie=eerder.reacties.get(), actor=accordeerder_a, toelichting="Geen capaciteit."
    )
    consultatie_services.consultatie_sluiten(consultatie=eerder, actor=secretaris)
    hertoets = factories.consultatie(
        secretaris_gebruiker=secretaris,
        ministerie=ministerie,
        organisaties=[org_a],
        open=True,
        instrument="amendement",
        vorige_consultatie=eerder,
    )
    reactie = services.reactie_starten(reactie=hertoets.reacties.get(), actor=opsteller_a)
    pagina = _pagina(client, opsteller_a, reactie)
    assert KOP in pagina
    assert "UWV heeft aan de eerdere toets geen bijdrage geleverd" in pagina

"""A re-toets (nota van wijziging, amendement) links each organisation's response to its
earlier toets on the same bill and starts from that content."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from audit.models import AuditEvent
from consultaties import services as consultatie_services
from reacties import services
from reacties.models import Dimensie, Reactie
from tests import factories


@pytest.fixture
def eerdere_toets(open_consultatie, reactie_a_ter_accordering, accordeerder_a, secretaris):
    reactie = Reactie.objects.get(pk=reactie_a_ter_accordering.pk)
    reactie = services.reactie_indienen(reactie=reactie, actor=accordeerder_a)
    reactie = services.reactie_accepteren(reactie=reactie, actor=secretaris)
    consultatie_services.consultatie_sluiten(consultatie=open_consultatie, actor=secretaris)
    return reactie


@pytest.fixture
def hertoets(eerdere_toets, secretaris, ministerie, org_a, org_b):
    nieuwe_org = factories.OrganisatieFactory(afkorting="DUO")
    return factories.consultatie(
        secretaris_gebruiker=secretaris,
        ministerie=ministerie,
        organisaties=[org_a, org_b, nieuwe_org],
        open=True,
        instrument="nota_van_wijziging",
        vorige_consultatie=eerdere_toets.consultatie,
        titel="Nota van wijziging Wet betere dienstverlening",
    )


@pytest.mark.django_db
def test_uitnodiging_koppelt_de_eerdere_toets(hertoets, eerdere_toets, org_a, org_b):
    assert hertoets.is_hertoets
    koppelingen = {
        r.organisatie.afkorting: r.vorige_reactie_id
        for r in hertoets.reacties.select_related("organisatie")
    }
    vorige_b = eerdere_toets.consultatie.reacties.get(organisatie=org_b)
    assert koppelingen == {"UWV": eerdere_toets.pk, "SVB": vorige_b.pk, "DUO": None}


@pytest.mark.django_db
def test_starten_neemt_de_inhoud_van_de_eerdere_toets_over(hertoets, eerdere_toets, opsteller_a):
    oud = Reactie.objects.get(pk=eerdere_toets.pk)
    reactie = hertoets.reacties.get(organisatie=opsteller_a.organisatie)
    versie = reactie.versie
    reactie = services.reactie_starten(reactie=reactie, actor=opsteller_a)

    nieuw = Reactie.objects.get(pk=reactie.pk)
    for veld in services.INHOUD_VELDEN:
        assert getattr(nieuw, veld) == getattr(oud, veld), veld
    assert nieuw.versie == versie + 1
    assert sorted(nieuw.beoordelingen.values_list("dimensie", "gevolgen", "toelichting")) == sorted(
        oud.beoordelingen.values_list("dimensie", "gevolgen", "toelichting")
    )
    assert nieuw.beoordelingen.count() == len(Dimensie)
    event = AuditEvent.objects.voor(nieuw).get(actie="overgenomen_van_vorige_toets")
    assert event.gegevens == {"vorige_reactie": oud.pk}
    # It starts complete, so it can go for approval at once.
    services.reactie_ter_accordering(reactie=nieuw, actor=opsteller_a)


@pytest.mark.django_db
def test_kosten_worden_gekopieerd_niet_gedeeld(secretaris, ministerie, org_a, opsteller_a):
    eerste = factories.consultatie(
        secretaris_gebruiker=secretaris, ministerie=ministerie, organisaties=[org_a], open=True
    )
    reactie = services.reactie_starten(reactie=eerste.reacties.get(), actor=opsteller_a)
    services.reactie_bijwerken(
        reactie=reactie,
        actor=opsteller_a,
        versie=reactie.versie,
        velden={"kernboodschap": "Eerste toets."},
        kosten=[{"categorie": "automatisering", "soort": "incidenteel", "bedrag": "100"}],
    )
    consultatie_services.consultatie_sluiten(consultatie=eerste, actor=secretaris)
    tweede = factories.consultatie(
        secretaris_gebruiker=secretaris,
        ministerie=ministerie,
        organisaties=[org_a],
        open=True,
        instrument="amendement",
        vorige_consultatie=eerste,
    )
    nieuw = services.reactie_starten(reactie=tweede.reacties.get(), actor=opsteller_a)
    assert nieuw.kernboodschap == "Eerste toets."
    services.reactie_bijwerken(
        reactie=nieuw,
        actor=opsteller_a,
        versie=nieuw.versie,
        kosten=[{"categorie": "automatisering", "soort": "incidenteel", "bedrag": "250"}],
    )
    oud = Reactie.objects.get(pk=reactie.pk)
    assert list(oud.kosten.values_list("bedrag", flat=True)) == [Decimal("100")]
    assert list(nieuw.kosten.values_list("bedrag", flat=True)) == [Decimal("250")]


@pytest.mark.django_db
def test_consultatie_kan_geen_hertoets_van_zichzelf_zijn(open_consultatie, secretaris):
    with pytest.raises(ValidationError) as fout:
        consultatie_services.consultatie_bijwerken(
            consultatie=open_consultatie, actor=secretaris, vorige_consultatie=open_consultatie
        )
    assert "vorige_consultatie" in fout.value.message_dict

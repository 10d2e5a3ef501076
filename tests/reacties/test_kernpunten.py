"""Kernpunten: added by the own organisation while drafting, endorsed by other invited
organisations once the consultation has closed, once per organisation."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from audit.models import AuditEvent
from consultaties import services as consultatie_services
from kern.workflow import TransitieNietToegestaan
from reacties import services
from reacties.models import Kernpunt, Onderschrijving
from tests import factories


@pytest.fixture
def kernpunt(reactie_a_ter_accordering, opsteller_a, accordeerder_a):
    reactie = services.reactie_afkeuren(
        reactie=reactie_a_ter_accordering, actor=accordeerder_a, toelichting="Kernpunt erbij."
    )
    punt = services.kernpunt_toevoegen(
        reactie=reactie, actor=opsteller_a, dimensie="ict", tekst="  Regel de gegevenslevering. "
    )
    reactie = services.reactie_ter_accordering(reactie=reactie, actor=opsteller_a)
    services.reactie_indienen(reactie=reactie, actor=accordeerder_a)
    return punt


@pytest.fixture
def gesloten(kernpunt, open_consultatie, secretaris):
    consultatie_services.consultatie_sluiten(consultatie=open_consultatie, actor=secretaris)
    return kernpunt


@pytest.mark.django_db
def test_kernpunt_toevoegen(kernpunt):
    assert kernpunt.tekst == "Regel de gegevenslevering."
    assert AuditEvent.objects.voor(kernpunt.reactie).filter(actie="kernpunt_toegevoegd").exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("velden", "veld"),
    [
        ({"dimensie": "astrologie", "tekst": "x"}, "dimensie"),
        ({"dimensie": "ict", "tekst": "   "}, "tekst"),
        ({"dimensie": "ict", "tekst": "x", "ernst": "dodelijk"}, "ernst"),
    ],
)
def test_ongeldig_kernpunt_wordt_geweigerd(reactie_a, opsteller_a, velden, veld):
    reactie = services.reactie_starten(reactie=reactie_a, actor=opsteller_a)
    with pytest.raises(ValidationError) as fout:
        services.kernpunt_toevoegen(reactie=reactie, actor=opsteller_a, **velden)
    assert veld in fout.value.message_dict
    assert not Kernpunt.objects.exists()


@pytest.mark.django_db
def test_kernpunt_alleen_bij_reactie_in_voorbereiding(reactie_a_ter_accordering, opsteller_a):
    with pytest.raises(TransitieNietToegestaan):
        services.kernpunt_toevoegen(
            reactie=reactie_a_ter_accordering, actor=opsteller_a, dimensie="ict", tekst="x"
        )


@pytest.mark.django_db
def test_andere_organisatie_onderschrijft_na_sluiten(gesloten, opsteller_b):
    onderschrijving = services.kernpunt_onderschrijven(kernpunt=gesloten, actor=opsteller_b)
    assert onderschrijving.organisatie == opsteller_b.organisatie
    assert AuditEvent.objects.voor(gesloten).get(actie="onderschreven").actor == opsteller_b


@pytest.mark.django_db
def test_een_organisatie_onderschrijft_maar_een_keer(gesloten, opsteller_b, accordeerder_b):
    services.kernpunt_onderschrijven(kernpunt=gesloten, actor=opsteller_b)
    with pytest.raises(TransitieNietToegestaan):
        services.kernpunt_onderschrijven(kernpunt=gesloten, actor=accordeerder_b)
    assert Onderschrijving.objects.count() == 1


@pytest.mark.django_db
def test_onderschrijven_kan_pas_na_sluiten(kernpunt, opsteller_b):
    with pytest.raises(TransitieNietToegestaan):
        services.kernpunt_onderschrijven(kernpunt=kernpunt, actor=opsteller_b)
    assert not Onderschrijving.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("rol", ["opsteller_a", "accordeerder_a", "secretaris", "ministerie"])
def test_eigen_organisatie_secretaris_en_ministerie_onderschrijven_niet(request, gesloten, rol):
    if rol == "ministerie":
        actor = factories.ministerie_medewerker(gesloten.reactie.consultatie.ministerie)
    else:
        actor = request.getfixturevalue(rol)
    with pytest.raises(PermissionDenied):
        services.kernpunt_onderschrijven(kernpunt=gesloten, actor=actor)
    assert not Onderschrijving.objects.exists()


@pytest.mark.django_db
def test_niet_uitgenodigde_organisatie_onderschrijft_niet(gesloten):
    """It cannot even see the kernpunt, so it may not endorse it."""
    buitenstaander = factories.opsteller(factories.OrganisatieFactory(afkorting="DUO"))
    assert not Kernpunt.objects.zichtbaar_voor(buitenstaander).filter(pk=gesloten.pk).exists()
    with pytest.raises(PermissionDenied):
        services.kernpunt_onderschrijven(kernpunt=gesloten, actor=buitenstaander)
    assert not Onderschrijving.objects.exists()


@pytest.mark.django_db
def test_na_onderschrijven_is_onderschrijven_geen_toegestane_actie_meer(
    secretaris, ministerie, org_a, org_b
):
    from reacties import permissions
    from tests import toestanden

    c = toestanden.consultatie_in(
        "open", secretaris=secretaris, ministerie=ministerie, organisaties=[org_a, org_b]
    )
    opsteller = factories.opsteller(org_a)
    reactie = services.reactie_starten(reactie=c.reacties.get(organisatie=org_a), actor=opsteller)
    kernpunt = services.kernpunt_toevoegen(
        reactie=reactie, actor=opsteller, dimensie="ict", tekst="Regel de koppeling."
    )
    reactie = services.reactie_ter_accordering(
        reactie=factories.vul_reactie_in(reactie, opsteller), actor=opsteller
    )
    services.reactie_indienen(reactie=reactie, actor=factories.accordeerder(org_a))
    consultatie_services.consultatie_sluiten(consultatie=c, actor=secretaris)
    svb = factories.opsteller(org_b)
    kernpunt = Kernpunt.objects.get(pk=kernpunt.pk)
    assert permissions.kan_onderschrijven(svb, kernpunt)
    services.kernpunt_onderschrijven(kernpunt=kernpunt, actor=svb)
    kernpunt = Kernpunt.objects.get(pk=kernpunt.pk)
    assert not permissions.kan_onderschrijven(svb, kernpunt)
    with pytest.raises(TransitieNietToegestaan, match="onderschrijft dit kernpunt al"):
        services.kernpunt_onderschrijven(kernpunt=kernpunt, actor=svb)

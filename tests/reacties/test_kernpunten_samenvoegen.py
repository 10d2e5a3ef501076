import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from audit.models import AuditEvent
from consultaties import services as consultatie_services
from kern.workflow import TransitieNietToegestaan
from reacties import services
from reacties.models import Onderschrijving
from tests import factories


@pytest.fixture
def drie_organisaties(secretaris, ministerie, org_a, org_b):
    org_c = factories.OrganisatieFactory(afkorting="DUO", naam="DUO")
    consultatie = factories.consultatie(
        secretaris_gebruiker=secretaris,
        ministerie=ministerie,
        organisaties=[org_a, org_b, org_c],
        open=True,
    )
    kernpunten = {}
    for organisatie in (org_a, org_b, org_c):
        opsteller = factories.opsteller(organisatie)
        accordeerder = factories.accordeerder(organisatie)
        reactie = consultatie.reacties.get(organisatie=organisatie)
        reactie = services.reactie_starten(reactie=reactie, actor=opsteller)
        reactie = factories.vul_reactie_in(reactie, opsteller)
        kernpunten[organisatie.afkorting] = services.kernpunt_toevoegen(
            reactie=reactie,
            actor=opsteller,
            dimensie="ict",
            tekst=f"Regel de gegevenslevering ({organisatie.afkorting}).",
        )
        reactie = services.reactie_ter_accordering(reactie=reactie, actor=opsteller)
        services.reactie_indienen(reactie=reactie, actor=accordeerder)
    consultatie_services.consultatie_sluiten(consultatie=consultatie, actor=secretaris)
    return consultatie, kernpunten, org_c


@pytest.mark.django_db
def test_samenvoegen_behoudt_onderschrijvingen_en_de_indiener(
    drie_organisaties, secretaris, org_a, org_b
):
    consultatie, kernpunten, org_c = drie_organisaties
    services.kernpunt_onderschrijven(kernpunt=kernpunten["SVB"], actor=factories.opsteller(org_c))
    doel = services.kernpunt_samenvoegen(
        kernpunt=kernpunten["SVB"],
        in_kernpunt=kernpunten["UWV"],
        actor=secretaris,
        toelichting="Zelfde punt.",
    )
    onderschrijvers = set(
        Onderschrijving.objects.filter(kernpunt=doel).values_list(
            "organisatie__afkorting", flat=True
        )
    )
    # SVB raised the duplicate, DUO endorsed it: both now support UWV's kernpunt.
    assert onderschrijvers == {"SVB", "DUO"}
    kernpunten["SVB"].refresh_from_db()
    assert kernpunten["SVB"].samengevoegd_in_id == doel.pk
    assert AuditEvent.objects.voor(kernpunten["SVB"]).filter(actie="samengevoegd").exists()


@pytest.mark.django_db
def test_dubbele_onderschrijving_wordt_niet_dubbel_geteld(drie_organisaties, secretaris):
    _, kernpunten, org_c = drie_organisaties
    duo = factories.opsteller(org_c)
    services.kernpunt_onderschrijven(kernpunt=kernpunten["SVB"], actor=duo)
    services.kernpunt_onderschrijven(kernpunt=kernpunten["UWV"], actor=duo)
    doel = services.kernpunt_samenvoegen(
        kernpunt=kernpunten["SVB"], in_kernpunt=kernpunten["UWV"], actor=secretaris
    )
    assert doel.onderschrijvingen.filter(organisatie=org_c).count() == 1


@pytest.mark.django_db
def test_alleen_het_secretariaat_voegt_samen(drie_organisaties, org_a):
    _, kernpunten, _ = drie_organisaties
    with pytest.raises(PermissionDenied):
        services.kernpunt_samenvoegen(
            kernpunt=kernpunten["SVB"],
            in_kernpunt=kernpunten["UWV"],
            actor=factories.accordeerder(org_a),
        )
    kernpunten["SVB"].refresh_from_db()
    assert kernpunten["SVB"].samengevoegd_in_id is None


@pytest.mark.django_db
def test_samengevoegd_kernpunt_kan_niet_nogmaals_worden_samengevoegd(drie_organisaties, secretaris):
    _, kernpunten, _ = drie_organisaties
    services.kernpunt_samenvoegen(
        kernpunt=kernpunten["SVB"], in_kernpunt=kernpunten["UWV"], actor=secretaris
    )
    with pytest.raises(TransitieNietToegestaan):
        services.kernpunt_samenvoegen(
            kernpunt=kernpunten["SVB"], in_kernpunt=kernpunten["DUO"], actor=secretaris
        )
    with pytest.raises(ValidationError):
        services.kernpunt_samenvoegen(
            kernpunt=kernpunten["DUO"], in_kernpunt=kernpunten["DUO"], actor=secretaris
        )


@pytest.mark.django_db
def test_kernpunten_van_verschillende_consultaties_worden_niet_samengevoegd(
    drie_organisaties, secretaris, ministerie, org_a
):
    _, kernpunten, _ = drie_organisaties
    andere = factories.consultatie(
        secretaris_gebruiker=secretaris, ministerie=ministerie, organisaties=[org_a], open=True
    )
    opsteller = factories.opsteller(org_a)
    reactie = services.reactie_starten(reactie=andere.reacties.get(), actor=opsteller)
    elders = services.kernpunt_toevoegen(
        reactie=reactie, actor=opsteller, dimensie="ict", tekst="Elders."
    )
    with pytest.raises(ValidationError):
        services.kernpunt_samenvoegen(
            kernpunt=kernpunten["SVB"], in_kernpunt=elders, actor=secretaris
        )

"""The insights' network: one sent consultation with three organisations of two networks,
shared by the insights' page, export and API tests."""

import pytest

from consultaties import services as consultatie_services
from organisaties.models import Netwerk
from rapporten import services as rapport_services
from rapporten.models import Rapport
from rapporten.snapshot import build_snapshot
from reacties import services as reactie_services
from tests import factories


def _bijdrage(consultatie, organisatie, *, kernpunt_dimensie, levensgebeurtenissen, secretaris):
    opsteller, accordeerder = factories.opsteller(organisatie), factories.accordeerder(organisatie)
    reactie = reactie_services.reactie_starten(
        reactie=consultatie.reacties.get(organisatie=organisatie), actor=opsteller
    )
    reactie = factories.vul_reactie_in(reactie, opsteller)
    reactie = reactie_services.reactie_bijwerken(
        reactie=reactie,
        actor=opsteller,
        versie=reactie.versie,
        velden={"levensgebeurtenissen": levensgebeurtenissen},
        beoordelingen={"ict": {"gevolgen": "ingrijpend", "toelichting": "Nieuwe koppelingen."}},
    )
    kernpunt = reactie_services.kernpunt_toevoegen(
        reactie=reactie, actor=opsteller, dimensie=kernpunt_dimensie, tekst="Regel dit anders."
    )
    reactie = reactie_services.reactie_ter_accordering(reactie=reactie, actor=opsteller)
    reactie = reactie_services.reactie_indienen(reactie=reactie, actor=accordeerder)
    reactie_services.reactie_accepteren(reactie=reactie, actor=secretaris)
    return kernpunt


@pytest.fixture
def netwerk(secretaris, ministerie, ministerie_gebruiker):
    """SZW asked UWV and SVB (Manifestgroep) and LBIO (KleinLef); SVB let the termijn pass.
    The ministry took over UWV's point and not LBIO's."""
    uwv = factories.OrganisatieFactory(afkorting="UWV", netwerk=Netwerk.MANIFESTGROEP)
    svb = factories.OrganisatieFactory(afkorting="SVB", netwerk=Netwerk.MANIFESTGROEP)
    lbio = factories.OrganisatieFactory(afkorting="LBIO", netwerk=Netwerk.KLEINLEF)
    c = factories.consultatie(
        secretaris_gebruiker=secretaris,
        ministerie=ministerie,
        organisaties=[uwv, svb, lbio],
        open=True,
    )
    kp_uwv = _bijdrage(
        c,
        uwv,
        kernpunt_dimensie="ict",
        levensgebeurtenissen=["verhuizen", "schulden"],
        secretaris=secretaris,
    )
    kp_lbio = _bijdrage(
        c,
        lbio,
        kernpunt_dimensie="juridisch",
        levensgebeurtenissen=["scheiden", "schulden"],
        secretaris=secretaris,
    )
    consultatie_services.consultatie_sluiten(consultatie=c, actor=secretaris)
    rapport = Rapport.objects.create(
        consultatie=c, versie=1, status="definitief", snapshot=build_snapshot(c)
    )
    rapport_services.rapport_verzenden(rapport=rapport, actor=secretaris)
    for kernpunt, uitkomst in ((kp_uwv, "overgenomen"), (kp_lbio, "niet_overgenomen")):
        rapport_services.verwerking_vastleggen(
            rapport=rapport,
            actor=ministerie_gebruiker,
            kernpunt=kernpunt,
            uitkomst=uitkomst,
            toelichting="Zie de memorie van toelichting.",
        )
    return {"consultatie": c, "uwv": uwv, "svb": svb, "lbio": lbio}

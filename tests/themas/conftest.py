"""A small network with themes across three consultations (see ``netwerk``)."""

from datetime import datetime

import pytest
from django.utils import timezone

from consultaties import services as consultatie_services
from consultaties.models import Consultatie
from organisaties.models import Netwerk
from rapporten import services as rapport_services
from rapporten.models import Rapport
from rapporten.snapshot import build_snapshot
from reacties import services as reactie_services
from tests import factories
from themas import services


def kernpunten_van(consultatie, organisatie, *teksten, indienen=True, secretaris=None):
    """``organisatie`` writes kernpunten on ``consultatie`` and (if ``indienen``) submits
    its toets, which the secretaris accepts."""
    opsteller = factories.opsteller(
        organisatie, username=f"{organisatie.afkorting}-{consultatie.pk}-o"
    )
    reactie = reactie_services.reactie_starten(
        reactie=consultatie.reacties.get(organisatie=organisatie), actor=opsteller
    )
    reactie = factories.vul_reactie_in(reactie, opsteller)
    kernpunten = [
        reactie_services.kernpunt_toevoegen(
            reactie=reactie, actor=opsteller, dimensie="ict", tekst=tekst
        )
        for tekst in teksten
    ]
    if indienen:
        accordeerder = factories.accordeerder(
            organisatie, username=f"{organisatie.afkorting}-{consultatie.pk}-a"
        )
        reactie = reactie_services.reactie_ter_accordering(reactie=reactie, actor=opsteller)
        reactie = reactie_services.reactie_indienen(reactie=reactie, actor=accordeerder)
        reactie_services.reactie_accepteren(reactie=reactie, actor=secretaris)
    return kernpunten


def sluit(consultatie, secretaris, jaar):
    consultatie_services.consultatie_sluiten(consultatie=consultatie, actor=secretaris)
    # The year the theme was raised in is the year of the termijn.
    Consultatie.objects.filter(pk=consultatie.pk).update(
        termijn=timezone.make_aware(datetime(jaar, 3, 1, 12))
    )


def verzend(consultatie, secretaris, ministerie_gebruiker, uitkomsten):
    rapport = Rapport.objects.create(
        consultatie=consultatie,
        versie=1,
        status="definitief",
        snapshot=build_snapshot(consultatie),
    )
    rapport_services.rapport_verzenden(rapport=rapport, actor=secretaris)
    for kernpunt, uitkomst in uitkomsten:
        rapport_services.verwerking_vastleggen(
            rapport=rapport,
            actor=ministerie_gebruiker,
            kernpunt=kernpunt,
            uitkomst=uitkomst,
            toelichting="Zie de memorie van toelichting.",
        )


@pytest.fixture
def bzk(db):
    return factories.MinisterieFactory(afkorting="BZK", naam="Ministerie van BZK")


@pytest.fixture
def bzk_gebruiker(bzk):
    return factories.ministerie_medewerker(bzk, username="bzk-ministerie")


@pytest.fixture
def netwerk(secretaris, ministerie, ministerie_gebruiker, bzk, bzk_gebruiker):
    """'ICT-systemen' raised in three consultations and never adopted; 'Handhaving' once
    and adopted; 'Privacy' only at BZK.

    - c1 (SZW, 2024, sent): UWV (ICT, niet overgenomen), LBIO/KleinLef (ICT, deels),
      UWV (Handhaving, overgenomen).
    - c2 (SZW, 2025, closed, not sent): UWV (ICT); SVB never submitted its draft (ICT).
      LBIO was invited too and let it pass.
    - c3 (BZK, 2026, sent): UWV (ICT + Privacy, niet overgenomen). LBIO not invited.
    """
    uwv = factories.OrganisatieFactory(afkorting="UWV", naam="UWV", netwerk=Netwerk.MANIFESTGROEP)
    svb = factories.OrganisatieFactory(afkorting="SVB", naam="SVB", netwerk=Netwerk.MANIFESTGROEP)
    lbio = factories.OrganisatieFactory(afkorting="LBIO", naam="LBIO", netwerk=Netwerk.KLEINLEF)
    cjib = factories.OrganisatieFactory(afkorting="CJIB", naam="CJIB", netwerk=Netwerk.RBB_GROEP)

    def nieuw(ministerie_, organisaties):
        return factories.consultatie(
            secretaris_gebruiker=secretaris,
            ministerie=ministerie_,
            organisaties=organisaties,
            open=True,
        )

    c1 = nieuw(ministerie, [uwv, lbio])
    k1_uwv, k1_handhaving = kernpunten_van(
        c1,
        uwv,
        "Het koppelvlak met de Basisregistratie is niet klaar.",
        "Handhaving vraagt extra capaciteit.",
        secretaris=secretaris,
    )
    (k1_lbio,) = kernpunten_van(
        c1, lbio, "Onze systemen kunnen dit niet aan.", secretaris=secretaris
    )
    sluit(c1, secretaris, 2024)

    c2 = nieuw(ministerie, [uwv, svb, lbio])
    (k2_uwv,) = kernpunten_van(c2, uwv, "Weer een nieuwe gegevenslevering.", secretaris=secretaris)
    (k2_svb,) = kernpunten_van(c2, svb, "GEHEIM CONCEPT van SVB", indienen=False)
    sluit(c2, secretaris, 2025)

    c3 = nieuw(bzk, [uwv])
    (k3_uwv,) = kernpunten_van(c3, uwv, "Privacy en systemen.", secretaris=secretaris)
    sluit(c3, secretaris, 2026)

    for k in (k1_uwv, k1_lbio, k2_uwv, k2_svb):
        services.kernpunt_themas_instellen(kernpunt=k, namen=["ICT-systemen"], actor=secretaris)
    services.kernpunt_themas_instellen(
        kernpunt=k3_uwv, namen=["ict-systemen", "Privacy"], actor=secretaris
    )
    services.kernpunt_themas_instellen(
        kernpunt=k1_handhaving, namen=["Handhaving"], actor=secretaris
    )
    verzend(
        c1,
        secretaris,
        ministerie_gebruiker,
        [
            (k1_uwv, "niet_overgenomen"),
            (k1_lbio, "deels_overgenomen"),
            (k1_handhaving, "overgenomen"),
        ],
    )
    verzend(c3, secretaris, bzk_gebruiker, [(k3_uwv, "niet_overgenomen")])
    return {
        "uwv": uwv,
        "svb": svb,
        "lbio": lbio,
        "cjib": cjib,
        "c1": c1,
        "c2": c2,
        "c3": c3,
        "k1_uwv": k1_uwv,
        "k1_lbio": k1_lbio,
        "k1_handhaving": k1_handhaving,
        "k2_uwv": k2_uwv,
        "k2_svb": k2_svb,
        "k3_uwv": k3_uwv,
    }

"""Bring consultations and responses into a given state through the real services, so a
test starts from a state the workflow can actually produce (audit trail included)."""

from datetime import timedelta

from django.utils import timezone

from consultaties import services as consultatie_services
from consultaties.models import Consultatie
from kern.workflow import SYSTEEM
from reacties import services as reactie_services
from reacties.models import Reactie
from tests import factories

TOELICHTING = "Met een toelichting."


def definitief_rapport(consultatie):
    """A definitief version with the real frozen content (no PDF needed for the workflow)."""
    from rapporten.models import Rapport
    from rapporten.snapshot import build_snapshot

    return Rapport.objects.create(
        consultatie=consultatie, versie=1, status="definitief", snapshot=build_snapshot(consultatie)
    )


def verwerk_alle_kernpunten(consultatie):
    """The ministry records a verwerking for every kernpunt of the sent paper."""
    from rapporten.services import verwerking_vastleggen

    rapport = consultatie.rapporten.get(status="verzonden")
    medewerker = factories.ministerie_medewerker(consultatie.ministerie)
    for kernpunt_id in rapport.kernpunt_ids:
        verwerking_vastleggen(
            rapport=rapport,
            actor=medewerker,
            kernpunt=kernpunt_id,
            uitkomst="deels_overgenomen",
            toelichting=TOELICHTING,
        )


def consultatie_in(status: str, *, secretaris, ministerie, organisaties) -> Consultatie:
    """A consultation in ``status``; a ``concept`` one is ready to be opened, a ``gesloten``
    one has a definitief report so that it can be sent."""
    c = factories.consultatie(
        secretaris_gebruiker=secretaris, ministerie=ministerie, organisaties=organisaties
    )
    if status == "concept":
        return c
    c = consultatie_services.consultatie_openstellen(consultatie=c, actor=secretaris)
    if status == "open":
        return c
    if status == "ingetrokken":
        return consultatie_services.consultatie_intrekken(
            consultatie=c, actor=secretaris, toelichting=TOELICHTING
        )
    c = consultatie_services.consultatie_sluiten(consultatie=c, actor=secretaris)
    definitief_rapport(c)
    if status == "gesloten":
        return c
    from rapporten.services import rapport_verzenden_voor_consultatie

    rapport_verzenden_voor_consultatie(consultatie=c, actor=secretaris)
    c = Consultatie.objects.get(pk=c.pk)
    if status == "verzonden":
        return c
    assert status == "afgerond", status
    verwerk_alle_kernpunten(c)
    return consultatie_services.consultatie_afronden(consultatie=c, actor=secretaris)


def reactie_in(status: str, reactie: Reactie, *, opsteller, accordeerder, secretaris) -> Reactie:
    """Bring an invited response of an open consultation into ``status``. The opsteller
    sends it for approval, so ``accordeerder`` may submit it (four-eyes)."""
    if status == "uitgenodigd":
        return reactie
    if status == "afgezien":
        return reactie_services.reactie_afzien(
            reactie=reactie, actor=accordeerder, toelichting=TOELICHTING
        )
    if status == "verlopen":
        return reactie_services.reactie_laten_verlopen(reactie=reactie, actor=SYSTEEM)
    reactie = reactie_services.reactie_starten(reactie=reactie, actor=opsteller)
    reactie = factories.vul_reactie_in(reactie, opsteller)
    if status == "in_voorbereiding":
        return reactie
    reactie = reactie_services.reactie_ter_accordering(reactie=reactie, actor=opsteller)
    if status == "ter_accordering":
        return reactie
    reactie = reactie_services.reactie_indienen(reactie=reactie, actor=accordeerder)
    if status == "ingediend":
        return reactie
    assert status == "geaccepteerd", status
    return reactie_services.reactie_accepteren(reactie=reactie, actor=secretaris)


def in_de_toekomst(**delta):
    return timezone.now() + timedelta(**(delta or {"days": 30}))

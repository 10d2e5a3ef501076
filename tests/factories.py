"""Factories: a network in one line. Domain state is reached through the services, so
tests start from states the workflow can really produce."""

from datetime import timedelta

import factory
from django.core.files.base import ContentFile
from django.utils import timezone

from consultaties import services as consultatie_services
from consultaties.models import Consultatie, Instrument
from organisaties.models import Gebruiker, Netwerk, Organisatie, Rol, Soort
from reacties import services as reactie_services
from reacties.models import Dimensie

#: The smallest valid PDF header is enough for the content check.
PDF_BYTES = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


class OrganisatieFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisatie
        django_get_or_create = ("afkorting",)

    naam = factory.Sequence(lambda n: f"Uitvoeringsorganisatie {n}")
    afkorting = factory.Sequence(lambda n: f"ORG{n}")
    soort = Soort.UITVOERINGSORGANISATIE
    netwerk = Netwerk.MANIFESTGROEP


class MinisterieFactory(OrganisatieFactory):
    naam = factory.Sequence(lambda n: f"Ministerie {n}")
    afkorting = factory.Sequence(lambda n: f"MIN{n}")
    soort = Soort.MINISTERIE
    netwerk = Netwerk.OVERIG


class SecretariaatFactory(OrganisatieFactory):
    naam = "Secretariaat Netwerk van Publieke Dienstverleners"
    afkorting = "SEC"
    soort = Soort.SECRETARIAAT
    netwerk = Netwerk.OVERIG


class GebruikerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Gebruiker
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"gebruiker{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.nl")
    organisatie = factory.SubFactory(OrganisatieFactory)
    rol = Rol.OPSTELLER
    password = factory.PostGenerationMethodCall("set_password", "geheim-wachtwoord-123")

    @factory.post_generation
    def _opslaan(obj, create, extracted, **kwargs):
        if create:
            obj.save()


def opsteller(organisatie, username=None):
    return GebruikerFactory(
        username=username or f"{organisatie.afkorting.lower()}-opsteller",
        organisatie=organisatie,
        rol=Rol.OPSTELLER,
    )


def accordeerder(organisatie, username=None):
    return GebruikerFactory(
        username=username or f"{organisatie.afkorting.lower()}-accordeerder",
        organisatie=organisatie,
        rol=Rol.ACCORDEERDER,
    )


def beheerder(organisatie, username=None):
    """An organisation's own account manager (#18)."""
    return GebruikerFactory(
        username=username or f"{organisatie.afkorting.lower()}-beheerder",
        organisatie=organisatie,
        rol=Rol.BEHEERDER,
    )


def secretaris(username="secretaris"):
    return GebruikerFactory(
        username=username, organisatie=SecretariaatFactory(), rol=Rol.SECRETARIS
    )


def ministerie_medewerker(ministerie, username=None):
    return GebruikerFactory(
        username=username or f"{ministerie.afkorting.lower()}-ministerie",
        organisatie=ministerie,
        rol=Rol.MINISTERIE,
    )


def pdf_upload(naam="concept.pdf", inhoud=PDF_BYTES):
    return ContentFile(inhoud, name=naam)


def consultatie(
    *,
    secretaris_gebruiker,
    ministerie,
    organisaties=(),
    termijn=None,
    open=False,
    vragen=(),
    **velden,
) -> Consultatie:
    """A consultation created, invited and (optionally) opened through the services."""
    velden.setdefault("titel", "Wet betere dienstverlening")
    velden.setdefault("instrument", Instrument.WETSVOORSTEL)
    velden.setdefault("samenvatting", "Een voorstel om de dienstverlening te verbeteren.")
    c = consultatie_services.consultatie_aanmaken(
        actor=secretaris_gebruiker,
        ministerie=ministerie,
        termijn=termijn or timezone.now() + timedelta(days=14),
        vragen=list(vragen),
        **velden,
    )
    if organisaties:
        consultatie_services.consultatie_uitnodigen(
            consultatie=c, actor=secretaris_gebruiker, organisaties=organisaties
        )
        consultatie_services.consultatie_document_toevoegen(
            consultatie=c, actor=secretaris_gebruiker, bestand=pdf_upload()
        )
    if open:
        c = consultatie_services.consultatie_openstellen(consultatie=c, actor=secretaris_gebruiker)
    return c


def volledige_inhoud(**extra) -> dict:
    """Everything ``ter_accordering`` needs, as keyword arguments of ``reactie_bijwerken``."""
    inhoud = {
        "velden": {
            "eindoordeel": "uitvoerbaar_onder_voorwaarden",
            "kernboodschap": "Uitvoerbaar met een invoeringstermijn van 18 maanden.",
            "voorwaarden": "Tijdige gegevenslevering.",
            "risico_procesverstoringen": "gemiddeld",
        },
        "beoordelingen": {
            d.value: {"gevolgen": "beperkt", "toelichting": "Beperkt."} for d in Dimensie
        },
    }
    inhoud.update(extra)
    return inhoud


def vul_reactie_in(reactie, actor):
    from reacties.models import Reactie

    reactie = Reactie.objects.get(pk=reactie.pk)
    return reactie_services.reactie_bijwerken(
        reactie=reactie, actor=actor, versie=reactie.versie, **volledige_inhoud()
    )

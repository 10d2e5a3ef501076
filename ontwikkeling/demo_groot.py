"""The large demo (``manage.py demo --groot``): 12 open consultations × every member
organisation, with responses in every state, extension requests and failed e-mails —
the daily scale of the secretariaat, to look at and to measure the work queue against.

Built through the real services like the small demo (audit trail and notifications
included); only the content of a toets is the minimum that ``ter_accordering`` needs, and
the e-mail failures are set on the outbox rows, as a failing mail server would leave them.
"""

from datetime import timedelta

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from consultaties import services
from consultaties.models import Consultatie, Instrument
from notificaties.models import Email, EmailStatus
from organisaties.models import Gebruiker, Organisatie
from reacties import services as reactie_services
from reacties.models import Dimensie, Reactie
from termijnen import services as termijn_services
from termijnen.verloop import laat_reacties_verlopen

from .demo import _pdf

ONDERWERPEN = [
    ("Wet stroomlijning inkomensondersteuning", "SZW", Instrument.WETSVOORSTEL),
    ("Besluit digitale bereikbaarheid overheid", "BZK", Instrument.AMVB),
    ("Regeling gegevensuitwisseling schuldhulp", "SZW", Instrument.MINISTERIELE_REGELING),
    ("Wet vernieuwing toezicht kinderopvang", "OCW", Instrument.WETSVOORSTEL),
    ("Wet herziening boetestelsel verkeer", "JENV", Instrument.WETSVOORSTEL),
    ("Besluit modernisering voertuigregistratie", "IENW", Instrument.AMVB),
    ("Wet eenvoudiger zorgtoeslag", "VWS", Instrument.WETSVOORSTEL),
    ("Regeling energietoeslag ondernemers", "EZ", Instrument.MINISTERIELE_REGELING),
    ("Wet fiscale vereenvoudiging huishoudens", "FIN", Instrument.WETSVOORSTEL),
    ("Wet versterking vreemdelingenketen", "JENV", Instrument.WETSVOORSTEL),
    ("Beleidsnota één overheidsloket", "BZK", Instrument.BELEIDSNOTA),
    ("Wet studievoorschot en levenlang leren", "OCW", Instrument.WETSVOORSTEL),
]

#: Termijn of each consultation in days from now: several close within 5 working days.
TERMIJN_DAGEN = [-1, -1, 2, 3, 4, 6, 8, 11, 14, 18, 22, 28]

#: The states of the 36 organisations of one consultation (rotated per consultation).
#: "verlopen" needs a passed termijn: in the consultations with TERMIJN_DAGEN < 0 the
#: others have an extension and it expires; elsewhere it stays uitgenodigd.
VERDELING = (
    ["uitgenodigd"] * 6
    + ["leeg"] * 4
    + ["in_voorbereiding"] * 4
    + ["ter_accordering"] * 5
    + ["ingediend"] * 7
    + ["geaccepteerd"] * 5
    + ["afgezien"] * 3
    + ["verlopen"] * 2
)

INHOUD = {
    "velden": {
        "eindoordeel": "uitvoerbaar_onder_voorwaarden",
        "kernboodschap": "Uitvoerbaar met een invoeringstermijn van ten minste 18 maanden en "
        "tijdige gegevenslevering door de ketenpartners.",
        "voorwaarden": "Wettelijke regeling van de gegevenslevering.",
        "risico_procesverstoringen": "gemiddeld",
    },
    "beoordelingen": {
        d.value: {"gevolgen": "beperkt", "toelichting": "Beperkte gevolgen voor de uitvoering."}
        for d in Dimensie
    },
}


def _gebruikers(afkorting: str):
    afk = afkorting.lower()
    gebruikers = {g.username: g for g in Gebruiker.objects.filter(username__startswith=f"{afk}-")}
    return gebruikers[f"{afk}-opsteller"], gebruikers[f"{afk}-accordeerder"]


def _breng_in_status(reactie: Reactie, doel: str, secretaris):
    if doel in ("uitgenodigd", "verlopen"):
        return
    opsteller, accordeerder = _gebruikers(reactie.organisatie.afkorting)
    if doel == "afgezien":
        reactie_services.reactie_afzien(
            reactie=reactie, actor=accordeerder, toelichting="Het voorstel raakt onze taken niet."
        )
        return
    reactie = reactie_services.reactie_starten(reactie=reactie, actor=opsteller)
    if doel == "leeg":
        return
    reactie = reactie_services.reactie_bijwerken(
        reactie=reactie, actor=opsteller, versie=reactie.versie, **INHOUD
    )
    if doel == "in_voorbereiding":
        return
    reactie = reactie_services.reactie_ter_accordering(reactie=reactie, actor=opsteller)
    if doel == "ter_accordering":
        return
    reactie = reactie_services.reactie_indienen(reactie=reactie, actor=accordeerder)
    if doel == "geaccepteerd":
        reactie_services.reactie_accepteren(reactie=reactie, actor=secretaris)


@transaction.atomic
def _bouw(index: int, secretaris, organisaties, document: bytes) -> Consultatie:
    titel, ministerie, instrument = ONDERWERPEN[index]
    nu = timezone.now()
    consultatie = services.consultatie_aanmaken(
        actor=secretaris,
        titel=titel,
        samenvatting=f"{titel}: conceptregeling ter uitvoeringstoets bij het hele netwerk.",
        instrument=instrument,
        ministerie=Organisatie.objects.get(afkorting=ministerie),
        beoogde_inwerkingtreding=timezone.localdate() + timedelta(days=540),
        termijn=nu + timedelta(days=30),
        vragen=[],
    )
    Consultatie.objects.filter(pk=consultatie.pk).update(kenmerk=f"GROOT-2026-{index + 1:02d}")
    consultatie.refresh_from_db()
    services.consultatie_uitnodigen(
        consultatie=consultatie, actor=secretaris, organisaties=organisaties
    )
    services.consultatie_document_toevoegen(
        consultatie=consultatie,
        actor=secretaris,
        bestand=ContentFile(document, name="concept.pdf"),
        titel=f"Concept {titel}",
    )
    consultatie = services.consultatie_openstellen(consultatie=consultatie, actor=secretaris)
    reacties = list(
        consultatie.reacties.select_related("organisatie").order_by("organisatie__naam")
    )
    doelen = {}
    for i, reactie in enumerate(reacties):
        doel = VERDELING[(i + 5 * index) % len(VERDELING)]
        doelen[reactie.pk] = doel
        _breng_in_status(reactie, doel, secretaris)
    # Two organisations still drafting ask for more time.
    for reactie in [r for r in reacties if doelen[r.pk] == "leeg"][:2]:
        termijn_services.verlenging_aanvragen(
            reactie=reactie,
            actor=_gebruikers(reactie.organisatie.afkorting)[0],
            reden="Ons bestuur vergadert pas na de termijn over de uitvoeringstoets.",
            gewenste_termijn=nu + timedelta(days=45),
        )
    dagen = TERMIJN_DAGEN[index]
    termijn = nu + timedelta(days=dagen, hours=2)
    if dagen < 0:
        # The termijn has passed; everyone but the "verlopen" ones has an extension, so
        # the consultation stays open and those two expire (the deadline job's own rule).
        Reactie.objects.filter(consultatie=consultatie).exclude(
            pk__in=[pk for pk, d in doelen.items() if d == "verlopen"]
        ).update(termijn_verlengd_tot=nu + timedelta(days=4))
        termijn = nu - timedelta(hours=3)
    Consultatie.objects.filter(pk=consultatie.pk).update(termijn=termijn)
    return consultatie


def laad_groot(aantal: int | None = None) -> list[Consultatie]:
    """Build the large demo's consultations that do not exist yet (idempotent); ``aantal``
    builds only the first few (the browser test)."""
    secretaris = Gebruiker.objects.get(username="secretaris")
    organisaties = list(Organisatie.objects.uitvoeringsorganisaties().order_by("naam"))
    bestaand = set(
        Consultatie.objects.filter(kenmerk__startswith="GROOT-").values_list("kenmerk", flat=True)
    )
    te_bouwen = [
        i for i in range(aantal or len(ONDERWERPEN)) if f"GROOT-2026-{i + 1:02d}" not in bestaand
    ]
    if not te_bouwen:
        return []
    document = _pdf("Conceptregeling", "Conceptversie ter uitvoeringstoets.")
    gebouwd = [_bouw(i, secretaris, organisaties, document) for i in te_bouwen]
    laat_reacties_verlopen(timezone.now())
    # A mail server that refused some messages: the secretariaat sees them on its queue.
    for email in Email.objects.order_by("-pk")[:6]:
        Email.objects.filter(pk=email.pk).update(
            status=EmailStatus.OPGEGEVEN,
            pogingen=Email.MAX_POGINGEN,
            laatste_fout="SMTPRecipientsRefused: 550 5.1.1 mailbox unavailable",
        )
    return gebouwd

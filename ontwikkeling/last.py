"""Years of realistic data for load tests and benchmarks (``manage.py genereer_last``).

Rows are written with ``bulk_create`` in batches: going through the services for 80,000
responses would take hours, and what we measure here is reading, not the workflow. The
states written are ones the workflow can reach (a closed consultation has no drafts).
"""

import random
from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from consultaties.models import Consultatie, Instrument, Status
from organisaties.models import Gebruiker, Organisatie, Rol, Soort
from reacties.models import (
    Beoordeling,
    Dimensie,
    Eindoordeel,
    Ernst,
    Gevolgen,
    Kernpunt,
    Kostenpost,
    Levensgebeurtenis,
    Onderschrijving,
    Reactie,
)
from reacties.models import Status as ReactieStatus

ONDERWERPEN = [
    "kinderopvangtoeslag",
    "huurtoeslag",
    "studiefinanciering",
    "inburgering",
    "AOW-leeftijd",
    "WW-premiedifferentiatie",
    "zorgtoeslag",
    "box 3",
    "kentekenregistratie",
    "rijbewijzen",
    "erfpacht",
    "natuurvergunningen",
    "alimentatie-inning",
    "verkeersboetes",
    "arbeidsmigratie",
    "bijstand",
    "pensioenuitvoering",
    "emissierechten",
    "huurbescherming",
    "jeugdzorg",
]
SOORTEN = ["Wet", "Besluit", "Regeling", "Wijzigingswet", "Verzamelwet"]
ALINEA = (
    "Het voorstel raakt de kern van onze dienstverlening. Burgers moeten vaker zelf gegevens "
    "aanleveren en wijzigingen doorgeven, wat bij mensen met een beperkt doenvermogen leidt "
    "tot fouten, terugvorderingen en schulden. Voor de uitvoering betekent het aanpassingen "
    "in de systemen voor gegevensuitwisseling met de ketenpartners, nieuwe werkinstructies, "
    "opleiding van medewerkers en extra capaciteit in het klantcontact tijdens de invoering. "
)


def _tekst(rng: random.Random, alineas: int) -> str:
    return "\n\n".join(ALINEA * rng.randint(1, 3) for _ in range(alineas)).strip()


#: How a consultation's age maps to its state: older ones are finished.
def _status_voor(leeftijd_dagen: int, rng: random.Random) -> str:
    if leeftijd_dagen > 120:
        return rng.choices([Status.AFGEROND, Status.VERZONDEN, Status.INGETROKKEN], [80, 15, 5])[0]
    if leeftijd_dagen > 40:
        return rng.choices([Status.VERZONDEN, Status.GESLOTEN, Status.INGETROKKEN], [60, 35, 5])[0]
    if leeftijd_dagen > 10:
        return rng.choices([Status.OPEN, Status.GESLOTEN], [70, 30])[0]
    return rng.choices([Status.CONCEPT, Status.OPEN], [40, 60])[0]


def _reactie_status(consultatie_status: str, rng: random.Random) -> str:
    if consultatie_status == Status.CONCEPT:
        return ReactieStatus.UITGENODIGD
    if consultatie_status == Status.OPEN:
        return rng.choices(
            [
                ReactieStatus.UITGENODIGD,
                ReactieStatus.IN_VOORBEREIDING,
                ReactieStatus.TER_ACCORDERING,
                ReactieStatus.INGEDIEND,
                ReactieStatus.AFGEZIEN,
            ],
            [20, 35, 15, 25, 5],
        )[0]
    if consultatie_status == Status.INGETROKKEN:
        return rng.choice([ReactieStatus.UITGENODIGD, ReactieStatus.IN_VOORBEREIDING])
    return rng.choices(
        [
            ReactieStatus.GEACCEPTEERD,
            ReactieStatus.INGEDIEND,
            ReactieStatus.AFGEZIEN,
            ReactieStatus.VERLOPEN,
        ],
        [75, 5, 10, 10],
    )[0]


MET_INHOUD = {
    ReactieStatus.IN_VOORBEREIDING,
    ReactieStatus.TER_ACCORDERING,
    ReactieStatus.INGEDIEND,
    ReactieStatus.GEACCEPTEERD,
}


def genereer(
    aantal: int,
    *,
    organisaties_per_consultatie: int = 40,
    seed: int = 2026,
    voortgang=None,
    batch: int = 50,
    alleen_open: bool = False,
    jaren: float = 5,
) -> dict:
    """Create ``aantal`` consultations with responses, assessments, costs, kernpunten and
    endorsements. Returns counts. ``voortgang(n)`` is called after each batch.

    ``alleen_open`` makes every consultation open with a termijn in the coming 30 days:
    the load the deadline job sees on a busy day. ``jaren`` is the history the consultations
    are spread over: the same number over fewer years is a busier network, fewer over fewer
    years the same network with less history (the running work depends on the rate only)."""
    rng = random.Random(seed)
    leden = list(Organisatie.objects.filter(soort=Soort.UITVOERINGSORGANISATIE))
    ministeries = list(Organisatie.objects.filter(soort=Soort.MINISTERIE))
    secretaris = Gebruiker.objects.filter(rol=Rol.SECRETARIS).first()
    if not leden or not ministeries or secretaris is None:
        raise ValueError("Laad eerst het netwerk: python manage.py demo")
    ondertekenaars = {
        g.organisatie_id: g
        for g in Gebruiker.objects.filter(rol=Rol.ACCORDEERDER).select_related("organisatie")
    }
    nu = timezone.now()
    start = Consultatie.objects.filter(kenmerk__startswith="LAST-").count()
    totalen = dict.fromkeys(
        ["consultaties", "reacties", "beoordelingen", "kosten", "kernpunten", "onderschrijvingen"],
        0,
    )
    for begin in range(0, aantal, batch):
        grootte = min(batch, aantal - begin)
        with transaction.atomic():
            consultaties = []
            for i in range(grootte):
                nummer = start + begin + i + 1
                leeftijd = (
                    rng.randint(-30, -1) if alleen_open else rng.randint(0, round(jaren * 365))
                )
                onderwerp = rng.choice(ONDERWERPEN)
                consultaties.append(
                    Consultatie(
                        kenmerk=f"LAST-{nummer:06d}",
                        titel=f"{rng.choice(SOORTEN)} {onderwerp} {2021 + leeftijd % 6}",
                        samenvatting=_tekst(rng, 2),
                        instrument=rng.choice(Instrument.values),
                        ministerie=rng.choice(ministeries),
                        beoogde_inwerkingtreding=(nu + timedelta(days=365 - leeftijd)).date(),
                        termijn=nu - timedelta(days=leeftijd) + timedelta(days=28)
                        if not alleen_open
                        else nu + timedelta(days=-leeftijd, hours=rng.randint(1, 23)),
                        status=Status.OPEN if alleen_open else _status_voor(leeftijd, rng),
                        bestuurlijke_samenvatting=_tekst(rng, 2),
                        aangemaakt_door=secretaris,
                    )
                )
            consultaties = Consultatie.objects.bulk_create(consultaties)
            reacties = []
            for consultatie in consultaties:
                for organisatie in rng.sample(leden, min(organisaties_per_consultatie, len(leden))):
                    status = _reactie_status(consultatie.status, rng)
                    inhoud = status in MET_INHOUD
                    ondertekenaar = ondertekenaars.get(organisatie.pk)
                    reacties.append(
                        Reactie(
                            consultatie=consultatie,
                            organisatie=organisatie,
                            status=status,
                            eindoordeel=rng.choice(Eindoordeel.values) if inhoud else "",
                            kernboodschap=_tekst(rng, 2) if inhoud else "",
                            voorwaarden=_tekst(rng, 1) if inhoud else "",
                            risico_procesverstoringen=rng.choice(["klein", "gemiddeld", "groot"])
                            if inhoud
                            else "",
                            fte_incidenteel=Decimal(rng.randint(0, 400)) / 10 if inhoud else None,
                            fte_structureel=Decimal(rng.randint(0, 200)) / 10 if inhoud else None,
                            invoering_mogelijk_per=(
                                consultatie.termijn + timedelta(days=rng.randint(180, 900))
                            ).date()
                            if inhoud
                            else None,
                            doorlooptijd_maanden=rng.randint(6, 36) if inhoud else None,
                            beslag_op_portfolio=_tekst(rng, 1) if inhoud else "",
                            helpt_burger=rng.choice(["ja", "deels", "nee"]) if inhoud else "",
                            burgerperspectief=_tekst(rng, 1) if inhoud else "",
                            levensgebeurtenissen=rng.sample(Levensgebeurtenis.values, 2)
                            if inhoud
                            else [],
                            ondertekenaar_naam=str(ondertekenaar)
                            if inhoud and ondertekenaar
                            else "",
                            ondertekenaar_functie="Lid raad van bestuur" if inhoud else "",
                            afzien_reden="Het voorstel raakt onze taken niet."
                            if status == ReactieStatus.AFGEZIEN
                            else "",
                            ingediend_op=consultatie.termijn - timedelta(hours=rng.randint(1, 400))
                            if status in (ReactieStatus.INGEDIEND, ReactieStatus.GEACCEPTEERD)
                            else None,
                            ingediend_door=ondertekenaar
                            if status in (ReactieStatus.INGEDIEND, ReactieStatus.GEACCEPTEERD)
                            else None,
                        )
                    )
            reacties = Reactie.objects.bulk_create(reacties, batch_size=2000)
            met_inhoud = [r for r in reacties if r.status in MET_INHOUD]
            beoordelingen = [
                Beoordeling(
                    reactie=r,
                    dimensie=d,
                    gevolgen=rng.choice(Gevolgen.values),
                    toelichting=_tekst(rng, 1),
                )
                for r in met_inhoud
                for d in Dimensie.values
            ]
            Beoordeling.objects.bulk_create(beoordelingen, batch_size=5000)
            kosten = [
                Kostenpost(
                    reactie=r,
                    categorie=categorie,
                    soort=soort,
                    bedrag=Decimal(rng.randint(10, 5000) * 1000),
                )
                for r in met_inhoud
                for categorie, soort in (
                    ("automatisering", "incidenteel"),
                    ("dienstverlening", "structureel"),
                )
            ]
            Kostenpost.objects.bulk_create(kosten, batch_size=5000)
            kernpunten = Kernpunt.objects.bulk_create(
                [
                    Kernpunt(
                        reactie=r,
                        dimensie=rng.choice(Dimensie.values),
                        tekst=_tekst(rng, 1),
                        artikel=f"Artikel {rng.randint(1, 40)}",
                        voorgestelde_wijziging=_tekst(rng, 1),
                        ernst=rng.choice(Ernst.values),
                    )
                    for r in met_inhoud
                    for _ in range(rng.randint(1, 3))
                ],
                batch_size=5000,
            )
            per_consultatie = {}
            for r in reacties:
                per_consultatie.setdefault(r.consultatie_id, []).append(r.organisatie)
            onderschrijvingen = []
            for kernpunt in kernpunten:
                consultatie = kernpunt.reactie.consultatie
                if consultatie.status not in (Status.GESLOTEN, Status.VERZONDEN, Status.AFGEROND):
                    continue
                andere = [
                    o
                    for o in per_consultatie[consultatie.pk]
                    if o.pk != kernpunt.reactie.organisatie_id
                ]
                for organisatie in rng.sample(andere, rng.randint(0, min(4, len(andere)))):
                    onderschrijvingen.append(
                        Onderschrijving(
                            kernpunt=kernpunt,
                            organisatie=organisatie,
                            door=ondertekenaars.get(organisatie.pk) or secretaris,
                        )
                    )
            Onderschrijving.objects.bulk_create(onderschrijvingen, batch_size=5000)
        totalen["consultaties"] += len(consultaties)
        totalen["reacties"] += len(reacties)
        totalen["beoordelingen"] += len(beoordelingen)
        totalen["kosten"] += len(kosten)
        totalen["kernpunten"] += len(kernpunten)
        totalen["onderschrijvingen"] += len(onderschrijvingen)
        if voortgang:
            voortgang(grootte)
    return totalen

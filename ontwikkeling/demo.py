"""Demo consultations in every state, built through the real services so the demo shows
exactly what the workflow produces (audit trail included)."""

from datetime import timedelta
from decimal import Decimal

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from consultaties import services
from consultaties.models import Consultatie, Instrument
from organisaties.models import Gebruiker, Organisatie
from reacties import services as reactie_services
from reacties.models import Dimensie, Reactie

SCENARIO_S = [
    {
        "kenmerk": "DEMO-2026-01",
        "titel": "Wet vereenvoudiging kinderopvangtoeslag",
        "ministerie": "SZW",
        "instrument": Instrument.WETSVOORSTEL,
        "samenvatting": (
            "Het kabinet wil de kinderopvangtoeslag vervangen door een directe financiering "
            "van kinderopvangorganisaties. Ouders vragen geen toeslag meer aan; de "
            "inkomensafhankelijke eigen bijdrage vervalt grotendeels."
        ),
        "doel": "concept",
        "organisaties": ["BD", "TSL", "SVB", "UWV"],
        "vragen": ["Welke overgangstermijn acht u minimaal nodig?"],
    },
    {
        "kenmerk": "DEMO-2026-02",
        "titel": "Wet modernisering huurtoeslag en woningwaardering",
        "ministerie": "BZK",
        "instrument": Instrument.WETSVOORSTEL,
        "samenvatting": (
            "De huurtoeslag wordt hervormd: de kwaliteitskortingsgrenzen vervallen en de "
            "toeslag wordt afhankelijk van het actuele maandinkomen. De Huurcommissie krijgt "
            "een rol bij geschillen over de woningwaardering."
        ),
        "doel": "open",
        "organisaties": ["TSL", "BD", "HC", "UWV", "SVB", "LBIO", "WK", "LOGIUS"],
        "vragen": [
            "Is invoering per 1 januari 2028 haalbaar?",
            "Welke gegevens heeft u van andere organisaties nodig voor het actuele maandinkomen?",
        ],
        "stappen": {
            "TSL": "ingediend",
            "BD": "ter_accordering",
            "HC": "in_voorbereiding",
            "UWV": "in_voorbereiding_leeg",
            "LBIO": "afgezien",
        },
    },
    {
        "kenmerk": "DEMO-2026-03",
        "titel": "Wet herziening studiefinanciering en leenstelsel",
        "ministerie": "OCW",
        "instrument": Instrument.WETSVOORSTEL,
        "samenvatting": (
            "Herinvoering van een basisbeurs voor uitwonende studenten in het hoger "
            "onderwijs, met een aanvullende beurs afhankelijk van het ouderlijk inkomen en "
            "een tegemoetkoming voor studenten die onder het leenstelsel studeerden."
        ),
        "doel": "gesloten",
        "organisaties": ["DUO", "BD", "SVB", "UWV", "CJIB", "NUFFIC", "LOGIUS"],
        "vragen": ["Hoe beoordeelt u de controle op de uitwonendheid?"],
        "stappen": {
            "DUO": "geaccepteerd",
            "BD": "geaccepteerd",
            "SVB": "ingediend",
            "CJIB": "geaccepteerd",
            "NUFFIC": "afgezien",
            "LOGIUS": "verlopen",
        },
    },
    {
        "kenmerk": "DEMO-2026-05",
        "titel": "Wet vereenvoudiging bijstand en re-integratie",
        "ministerie": "SZW",
        "instrument": Instrument.WETSVOORSTEL,
        "samenvatting": (
            "De bijstand wordt eenvoudiger: minder verplichtingen bij de aanvraag, een "
            "vaste bijverdienregeling en ruimere mogelijkheden voor maatwerk bij "
            "terugvordering. UWV en gemeenten werken samen aan één re-integratieloket."
        ),
        "doel": "verzonden",
        # The ministry recorded its verwerking, so the hertoets DEMO-2026-06 shows it next
        # to UWV's opgelost / deels / niet opgelost.
        "verwerkt": True,
        "organisaties": ["UWV", "SVB", "BD", "CJIB", "DUO", "LOGIUS"],
        "vragen": ["Hoe beoordeelt u de samenwerking in één re-integratieloket?"],
        "stappen": {
            "UWV": "geaccepteerd",
            "SVB": "geaccepteerd",
            "BD": "geaccepteerd",
            "CJIB": "geaccepteerd",
            "DUO": "afgezien",
            "LOGIUS": "verlopen",
        },
    },
    {
        # A re-toets of DEMO-2026-05 after its paper went to the ministry: UWV's response
        # started from its earlier toets and was changed where the nota van wijziging helps.
        "kenmerk": "DEMO-2026-06",
        "titel": "Nota van wijziging Wet vereenvoudiging bijstand en re-integratie",
        "ministerie": "SZW",
        "instrument": Instrument.NOTA_VAN_WIJZIGING,
        "vorige": "DEMO-2026-05",
        "samenvatting": (
            "Na de gezamenlijke uitvoeringstoets wijzigt het kabinet het wetsvoorstel: het "
            "re-integratieloket wordt gefaseerd ingevoerd, eerst in vier arbeidsmarktregio's, "
            "en de gegevenslevering door gemeenten wordt wettelijk geregeld."
        ),
        "doel": "open",
        "organisaties": ["UWV", "SVB", "BD", "CJIB"],
        "stappen": {"UWV": "hertoets_gewijzigd"},
    },
    {
        "kenmerk": "DEMO-2025-06",
        "titel": "Besluit gegevensdeling bij schuldhulpverlening",
        "ministerie": "SZW",
        "instrument": Instrument.AMVB,
        "samenvatting": (
            "Uitvoeringsorganisaties melden betalingsachterstanden vroeg aan gemeenten, "
            "zodat schuldhulp eerder begint. Het besluit regelt welke gegevens worden "
            "gedeeld en hoe lang ze worden bewaard."
        ),
        "doel": "afgerond",
        "organisaties": ["CJIB", "BD", "UWV", "SVB", "DUO"],
        "stappen": {
            "CJIB": "geaccepteerd",
            "BD": "geaccepteerd",
            "UWV": "geaccepteerd",
            "SVB": "afgezien",
        },
    },
    {
        "kenmerk": "DEMO-2026-04",
        "titel": "Besluit digitale inning verkeersboetes",
        "ministerie": "JENV",
        "instrument": Instrument.AMVB,
        "samenvatting": (
            "Verkeersboetes worden standaard digitaal verstuurd via de Berichtenbox; papieren "
            "post wordt de uitzondering. Betalingsregelingen worden automatisch aangeboden."
        ),
        "doel": "ingetrokken",
        "organisaties": ["CJIB", "RDW", "LOGIUS"],
    },
]

KERNBOODSCHAPPEN = [
    "Het voorstel is uitvoerbaar, mits de gegevensuitwisseling tijdig wordt geregeld en "
    "er een invoeringstermijn van ten minste achttien maanden komt.",
    "Het voorstel vergroot de complexiteit voor burgers: de afhankelijkheid van actuele "
    "inkomensgegevens leidt tot meer terugvorderingen. Wij adviseren een vaste peildatum.",
    "De beoogde invoeringsdatum is niet haalbaar naast de lopende vernieuwing van ons "
    "ICT-landschap. Met een gefaseerde invoering is het voorstel uitvoerbaar.",
    "Wij onderschrijven de doelen van het voorstel. De hardheidsclausule moet ruimer, "
    "zodat wij maatwerk kunnen bieden aan mensen die klem komen te zitten.",
]
GEVOLGEN_REEKS = [
    "beperkt",
    "middelgroot",
    "ingrijpend",
    "nvt",
    "beperkt",
    "middelgroot",
    "beperkt",
    "beperkt",
    "ingrijpend",
    "middelgroot",
]


def _gebruiker(username):
    return Gebruiker.objects.get(username=username)


def _pdf(titel: str, tekst: str) -> bytes:
    from django.utils.html import escape
    from weasyprint import HTML

    html = (
        f'<html lang="nl"><head><title>{escape(titel)}</title></head><body>'
        f"<h1>{escape(titel)}</h1><p>Conceptversie ter consultatie.</p><p>{escape(tekst)}</p>"
        "<h2>Artikel 1</h2><p>In deze wet en de daarop berustende bepalingen wordt verstaan "
        "onder ...</p></body></html>"
    )
    return HTML(string=html).write_pdf()


def _vul_in(reactie: Reactie, opsteller, index: int):
    vragen = list(reactie.consultatie.vragen.all())
    eindoordelen = [
        "uitvoerbaar_onder_voorwaarden",
        "uitvoerbaar",
        "niet_uitvoerbaar",
        "uitvoerbaar_onder_voorwaarden",
    ]
    reactie_services.reactie_bijwerken(
        reactie=reactie,
        actor=opsteller,
        versie=reactie.versie,
        velden={
            "eindoordeel": eindoordelen[index % 4],
            "kernboodschap": KERNBOODSCHAPPEN[index % 4],
            "voorwaarden": "Tijdige en volledige gegevenslevering door de ketenpartners; "
            "een invoeringstermijn van ten minste 18 maanden na publicatie.",
            "risico_procesverstoringen": ["klein", "gemiddeld", "groot"][index % 3],
            "fte_incidenteel": Decimal(4 + index * 3),
            "fte_structureel": Decimal(1 + index),
            "invoering_mogelijk_per": timezone.localdate().replace(month=1, day=1)
            + timedelta(days=365 * (1 + index % 3)),
            "doorlooptijd_maanden": 12 + 6 * (index % 3),
            "beslag_op_portfolio": "Verdringt de tweede fase van de vernieuwing van het "
            "klantportaal met ongeveer een half jaar.",
            "helpt_burger": ["ja", "deels", "nee"][index % 3],
            "burgerperspectief": "Burgers hoeven minder zelf aan te vragen, maar krijgen "
            "vaker te maken met correcties achteraf.",
            "doenvermogentoets_uitgevoerd": index % 2 == 0,
            "doenvermogen_conclusie": "Het voorstel vraagt veel van mensen met weinig "
            "financiële buffer; een vaste peildatum helpt.",
            "levensgebeurtenissen": [
                ["studeren", "werk_verliezen"],
                ["verhuizen", "schulden"],
                ["geboorte", "scheiden"],
                ["pensioen"],
            ][index % 4],
            "aantal_burgers": [450_000, 1_200_000, 80_000, 15_000][index % 4],
            "aantal_bedrijven": [None, 25_000, None, 3_000][index % 4],
            "prijspeil": timezone.localdate().year,
            "ondertekenaar_naam": f"mr. A. de Vries ({reactie.organisatie.afkorting})",
            "ondertekenaar_functie": "Lid raad van bestuur",
        },
        beoordelingen={
            dimensie: {
                "gevolgen": GEVOLGEN_REEKS[(i + index) % len(GEVOLGEN_REEKS)],
                "toelichting": f"Toelichting op {dimensie.label.lower()} vanuit "
                f"{reactie.organisatie.naam}.",
            }
            for i, dimensie in enumerate(Dimensie)
        },
        kosten=[
            {
                "categorie": "automatisering",
                "soort": "incidenteel",
                "jaar": 0,
                "bedrag": Decimal(1_000_000 + index * 150_000),
                "toelichting": "Aanpassing systemen",
            },
            {
                "categorie": "automatisering",
                "soort": "incidenteel",
                "jaar": 1,
                "bedrag": Decimal(500_000 + index * 100_000),
                "toelichting": "Aanpassing systemen, tweede fase",
            },
            {
                "categorie": "dienstverlening",
                "soort": "incidenteel",
                "jaar": 1,
                "bedrag": Decimal(150_000),
                "toelichting": "Voorlichting en extra klantcontact bij de invoering",
            },
            {
                "categorie": "dienstverlening",
                "soort": "structureel",
                "bedrag": Decimal(400_000 + index * 50_000),
                "toelichting": "Extra klantcontact",
            },
        ],
        antwoorden={
            v.pk: "Zie onze toelichting bij de dimensie invoeringstermijn." for v in vragen
        },
    )
    reactie = Reactie.objects.get(pk=reactie.pk)
    reactie_services.kernpunt_toevoegen(
        reactie=reactie,
        actor=opsteller,
        dimensie=["ict", "burgers_en_bedrijven", "juridisch"][index % 3],
        tekst=[
            "Leg de gegevenslevering door ketenpartners wettelijk vast, met een vaste peildatum.",
            "Voorkom terugvorderingen: stel de toeslag vast op basis van een vaste peildatum.",
            "Verruim de hardheidsclausule zodat maatwerk mogelijk is.",
        ][index % 3],
        artikel=f"Artikel {index + 2}",
        voorgestelde_wijziging="Voeg een tweede lid toe.",
        ernst=["zwaarwegend", "belangrijk", "aandachtspunt"][index % 3],
    )
    return Reactie.objects.get(pk=reactie.pk)


def _wijzig_hertoets(reactie: Reactie, opsteller):
    """Starting copied the earlier toets; change what the nota van wijziging changes, so
    the response page shows the differences."""
    reactie = Reactie.objects.get(pk=reactie.pk)
    # Per kernpunt of the earlier toets: does the nota van wijziging resolve it?
    oordelen = [
        ("opgelost", "De nota van wijziging regelt de gegevenslevering door gemeenten."),
        (
            "deels_opgelost",
            "Gefaseerd invoeren helpt; de termijn voor de laatste regio's blijft krap.",
        ),
        ("niet_opgelost", ""),
    ]
    herbeoordelingen = {
        k["id"]: {"oordeel": oordelen[i % 3][0], "toelichting": oordelen[i % 3][1]}
        for i, k in enumerate(reactie_services.eerdere_kernpunten(reactie))
    }
    reactie_services.reactie_bijwerken(
        reactie=reactie,
        actor=opsteller,
        versie=reactie.versie,
        herbeoordelingen=herbeoordelingen,
        velden={
            "eindoordeel": "uitvoerbaar",
            "kernboodschap": "Met de gefaseerde invoering en de wettelijke regeling van de "
            "gegevenslevering uit de nota van wijziging is het voorstel uitvoerbaar.",
        },
        beoordelingen={
            "ict": {
                "gevolgen": "beperkt",
                "toelichting": "De gegevenslevering door gemeenten is nu wettelijk geregeld; "
                "de koppeling kan op het bestaande berichtenverkeer.",
            },
            "invoeringstermijn": {
                "gevolgen": "middelgroot",
                "toelichting": "Gefaseerd invoeren in vier regio's is haalbaar binnen de "
                "lopende vernieuwing.",
            },
        },
        kosten=[
            {
                "categorie": "automatisering",
                "soort": "incidenteel",
                "jaar": 0,
                "bedrag": Decimal(700_000),
                "toelichting": "Aanpassing systemen, eerste regio's",
            },
            {
                "categorie": "automatisering",
                "soort": "incidenteel",
                "jaar": 1,
                "bedrag": Decimal(400_000),
                "toelichting": "Aanpassing systemen, overige regio's",
            },
            {
                "categorie": "dienstverlening",
                "soort": "structureel",
                "bedrag": Decimal(400_000),
                "toelichting": "Extra klantcontact",
            },
        ],
    )


def _breng_in_status(reactie: Reactie, doel: str, index: int, secretaris):
    afk = reactie.organisatie.afkorting.lower()
    opsteller, accordeerder = _gebruiker(f"{afk}-opsteller"), _gebruiker(f"{afk}-accordeerder")
    if doel == "afgezien":
        reactie_services.reactie_afzien(
            reactie=reactie,
            actor=accordeerder,
            toelichting="Het voorstel raakt onze taken niet; wij zien af van een reactie.",
        )
        return
    if doel == "verlopen":
        return  # becomes verlopen when the consultation closes
    reactie = reactie_services.reactie_starten(reactie=reactie, actor=opsteller)
    if doel == "in_voorbereiding_leeg":
        return
    if doel == "hertoets_gewijzigd":
        _wijzig_hertoets(reactie, opsteller)
        return
    reactie = _vul_in(reactie, opsteller, index)
    if doel == "in_voorbereiding":
        return
    reactie = reactie_services.reactie_ter_accordering(reactie=reactie, actor=opsteller)
    if doel == "ter_accordering":
        return
    reactie = reactie_services.reactie_indienen(reactie=reactie, actor=accordeerder)
    if doel == "geaccepteerd":
        reactie_services.reactie_accepteren(reactie=reactie, actor=secretaris)


@transaction.atomic
def bouw_scenario(scenario: dict) -> Consultatie:
    secretaris = _gebruiker("secretaris")
    consultatie = services.consultatie_aanmaken(
        actor=secretaris,
        titel=scenario["titel"],
        samenvatting=scenario["samenvatting"],
        instrument=scenario["instrument"],
        ministerie=Organisatie.objects.get(afkorting=scenario["ministerie"]),
        beoogde_inwerkingtreding=timezone.localdate().replace(month=1, day=1) + timedelta(days=730),
        termijn=timezone.now() + timedelta(days=21),
        vragen=scenario.get("vragen", []),
        vorige_consultatie=(
            Consultatie.objects.get(kenmerk=scenario["vorige"]) if "vorige" in scenario else None
        ),
        # The ministry's own reference for the draft, as its request letter would cite it.
        kenmerk_ministerie=f"{scenario['ministerie']}/{scenario['kenmerk'][-7:]}-{len(scenario['titel']):04d}",
    )
    Consultatie.objects.filter(pk=consultatie.pk).update(kenmerk=scenario["kenmerk"])
    consultatie.refresh_from_db()
    services.consultatie_uitnodigen(
        consultatie=consultatie,
        actor=secretaris,
        organisaties=Organisatie.objects.filter(afkorting__in=scenario["organisaties"]),
    )
    services.consultatie_document_toevoegen(
        consultatie=consultatie,
        actor=secretaris,
        bestand=ContentFile(_pdf(scenario["titel"], scenario["samenvatting"]), name="concept.pdf"),
        titel=f"Concept {scenario['titel']}",
    )
    doel = scenario["doel"]
    if doel == "concept":
        return consultatie
    if doel == "ingetrokken":
        return services.consultatie_intrekken(
            consultatie=consultatie,
            actor=secretaris,
            toelichting="Het ministerie heeft het voorstel aangehouden na de verkiezingen.",
        )
    consultatie = services.consultatie_openstellen(consultatie=consultatie, actor=secretaris)
    reacties = {
        r.organisatie.afkorting: r for r in consultatie.reacties.select_related("organisatie")
    }
    for index, (afkorting, stap) in enumerate(scenario.get("stappen", {}).items()):
        _breng_in_status(reacties[afkorting], stap, index, secretaris)
    if doel in ("gesloten", "verzonden", "afgerond"):
        consultatie = services.consultatie_sluiten(
            consultatie=consultatie, actor=secretaris, toelichting="De termijn is verstreken."
        )
        # Let the demo history read as it would have happened: the termijn lies behind us.
        Consultatie.objects.filter(pk=consultatie.pk).update(
            termijn=timezone.now() - timedelta(days=2)
        )
    if doel in ("verzonden", "afgerond"):
        consultatie = _paper_verzenden(consultatie, secretaris, scenario)
    if doel == "afgerond" or scenario.get("verwerkt"):
        consultatie = _verwerken_en_afronden(
            consultatie, secretaris, scenario, afronden=doel == "afgerond"
        )
    return consultatie


def _paper_verzenden(consultatie: Consultatie, secretaris, scenario: dict) -> Consultatie:
    """Endorse each other's kernpunten, then make, finalise and send the paper."""
    from rapporten import services as rapport_services
    from reacties.models import Kernpunt

    kernpunten = list(
        Kernpunt.objects.filter(reactie__consultatie=consultatie, reactie__status="geaccepteerd")
        .select_related("reactie__organisatie")
        .order_by("pk")
    )
    afkortingen = [k.reactie.organisatie.afkorting for k in kernpunten]
    for index, kernpunt in enumerate(kernpunten):
        # Each organisation endorses the next one's point, so the paper shows support.
        andere = afkortingen[(index + 1) % len(afkortingen)]
        if andere != kernpunt.reactie.organisatie.afkorting:
            reactie_services.kernpunt_onderschrijven(
                kernpunt=kernpunt, actor=_gebruiker(f"{andere.lower()}-opsteller")
            )
    rapport = rapport_services.rapport_aanmaken(
        consultatie=consultatie,
        actor=secretaris,
        bestuurlijke_samenvatting=(
            f"Het netwerk steunt het doel van '{scenario['titel']}', maar de uitvoering vraagt "
            "meer tijd dan het ministerie voorziet. De organisaties zijn het oneens over de "
            "haalbaarheid: een deel acht het voorstel onder voorwaarden uitvoerbaar, een deel "
            "niet.\n\nDe zwaarste punten betreffen de gegevenslevering in de keten en de "
            "ruimte voor maatwerk voor mensen die klem komen te zitten."
        ),
        aanbevelingen=(
            "1. Regel de gegevenslevering wettelijk, met een vaste peildatum.\n"
            "2. Kies een invoeringsdatum die alle organisaties halen, of voer gefaseerd in.\n"
            "3. Verruim de hardheidsclausule."
        ),
        op_achtergrond=False,
    )
    rapport = rapport_services.rapport_pdf_genereren(rapport_id=rapport.pk)
    rapport = rapport_services.rapport_definitief_maken(rapport=rapport, actor=secretaris)
    rapport = rapport_services.rapport_verzenden(rapport=rapport, actor=secretaris)
    return rapport.consultatie


def _verwerken_en_afronden(
    consultatie: Consultatie, secretaris, scenario: dict, *, afronden: bool = True
) -> Consultatie:
    from rapporten import services as rapport_services
    from rapporten.models import Uitkomst

    rapport = consultatie.rapporten.get(status="verzonden")
    ministerie = _gebruiker(f"{scenario['ministerie'].lower()}-ministerie")
    rapport = rapport_services.rapport_ontvangst_bevestigen(
        rapport=rapport, actor=ministerie, toelichting="Dank voor de gezamenlijke toets."
    )
    uitkomsten = list(Uitkomst)
    toelichtingen = {
        Uitkomst.OVERGENOMEN: "Overgenomen in de nota van toelichting en artikel 4.",
        Uitkomst.DEELS_OVERGENOMEN: "De termijn is verlengd, de peildatum blijft flexibel.",
        Uitkomst.NIET_OVERGENOMEN: "Past niet binnen het budgettaire kader.",
    }
    for index, kernpunt_id in enumerate(rapport.kernpunt_ids):
        uitkomst = uitkomsten[index % len(uitkomsten)]
        rapport_services.verwerking_vastleggen(
            rapport=rapport,
            actor=ministerie,
            kernpunt=kernpunt_id,
            uitkomst=uitkomst,
            toelichting=toelichtingen[uitkomst],
        )
    if not afronden:
        return consultatie
    return services.consultatie_afronden(
        consultatie=consultatie,
        actor=secretaris,
        toelichting="Het ministerie heeft alle kernpunten verwerkt.",
    )


def laad_ondertekenaars():
    """The chairs who sign the aanbiedingsbrief and the secretariat's contact person
    (idempotent; kept by the secretariat in the admin afterwards)."""
    from rapporten.models import Ondertekenaar

    for rol, netwerk, naam, functie, organisatie, email, telefoon in (
        (
            "voorzitter",
            "Manifestgroep",
            "drs. M. (Marieke) Jansen",
            "Voorzitter Manifestgroep",
            "Uitvoeringsinstituut Werknemersverzekeringen",
            "",
            "",
        ),
        (
            "voorzitter",
            "KleinLef",
            "ir. K. (Kees) de Boer",
            "Voorzitter KleinLef",
            "Landelijk Bureau Inning Onderhoudsbijdragen",
            "",
            "",
        ),
        (
            "voorzitter",
            "RBB Groep",
            "mr. R. (Rachida) El Amrani",
            "Voorzitter RBB Groep",
            "Dienst Justitiële Inrichtingen",
            "",
            "",
        ),
        (
            "contactpersoon",
            "",
            "S. (Sanne) Visser",
            "Senior adviseur secretariaat",
            "Secretariaat Netwerk van Publieke Dienstverleners",
            "secretariaat@demo.tegenkracht.example.nl",
            "070 123 45 67",
        ),
    ):
        Ondertekenaar.objects.update_or_create(
            rol=rol,
            naam=naam,
            defaults={
                "netwerk": netwerk,
                "functie": functie,
                "organisatie": organisatie,
                "email": email,
                "telefoon": telefoon,
            },
        )


def laad_demo_consultaties() -> list[Consultatie]:
    """Build every scenario that does not exist yet (idempotent)."""
    laad_ondertekenaars()
    gebouwd = []
    for scenario in SCENARIO_S:
        if not Consultatie.objects.filter(kenmerk=scenario["kenmerk"]).exists():
            gebouwd.append(bouw_scenario(scenario))
    from .demo_themas import laad_demo_themas

    laad_demo_themas()
    laad_demo_publicaties()
    return gebouwd


#: The sent demo papers in the public archive: one public at once, one from a later day
#: (as when the secretariat waits for the ministry to publish the bill).
DEMO_PUBLICATIES = {"DEMO-2025-06": None, "DEMO-2026-05": 14}


def laad_demo_publicaties() -> None:
    """Publish the sent demo papers through the real service (idempotent: a paper that was
    ever published or withdrawn is left as the secretariat left it)."""
    from audit.models import AuditEvent
    from rapporten import services as rapport_services
    from rapporten.models import Rapport

    secretaris = _gebruiker("secretaris")
    for kenmerk, over_dagen in DEMO_PUBLICATIES.items():
        rapport = Rapport.objects.filter(consultatie__kenmerk=kenmerk, status="verzonden").first()
        if rapport is None or AuditEvent.objects.voor(rapport).filter(actie="publiceren").exists():
            continue
        moment = None
        if over_dagen:
            moment = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
            moment += timedelta(days=over_dagen)
        rapport_services.rapport_publiceren(
            rapport=rapport, actor=secretaris, openbaar_vanaf=moment
        )


#: The organisation that logs in at the development identity provider in ``make demo-sso``
#: (not in any scenario above, so the password accounts of the others stay as documented).
SSO_DEMO_ORGANISATIE = "SBB"
SSO_DEMO_CLIENT = ("tegenkracht-demo", "demo-geheim-alleen-voor-lokaal")


@transaction.atomic
def laad_demo_accounts(sso_issuer: str | None = None) -> None:
    """The account management of #18: ``uwv-beheerder`` (UWV's own account manager), an
    open invitation from him and one from the secretariat (idempotent). With
    ``sso_issuer`` (the development provider, ontwikkeling/oidc/provider.mjs), SBB logs in
    there: its demo accounts type their e-mail address at the provider."""
    from organisaties import sso, uitnodigingen
    from organisaties.models import Rol, Uitnodiging
    from organisaties.netwerk import DEMO_WACHTWOORD

    uwv = Organisatie.objects.get(afkorting="UWV")
    beheerder, nieuw = Gebruiker.objects.get_or_create(
        username="uwv-beheerder",
        defaults={
            "organisatie": uwv,
            "rol": Rol.BEHEERDER,
            "first_name": "Bea",
            "last_name": "Beheerder (UWV)",
            "functie": "Functioneel beheerder",
            "email": "uwv-beheerder@demo.tegenkracht.example.nl",
        },
    )
    if nieuw:
        beheerder.set_password(DEMO_WACHTWOORD)
        beheerder.save(update_fields=["password"])
    if not Uitnodiging.objects.exists():
        uitnodigingen.uitnodiging_versturen(
            actor=beheerder,
            organisatie=uwv,
            rol=Rol.OPSTELLER,
            email="noor.nieuw@uwv.demo.tegenkracht.example.nl",
            voornaam="Noor",
            achternaam="Nieuw",
            functie="Beleidsadviseur",
        )
        uitnodigingen.uitnodiging_versturen(
            actor=_gebruiker("secretaris"),
            organisatie=Organisatie.objects.get(afkorting="SVB"),
            rol=Rol.BEHEERDER,
            email="beheer@svb.demo.tegenkracht.example.nl",
            voornaam="Bram",
            achternaam="Beheer",
        )
    if sso_issuer:
        client_id, client_secret = SSO_DEMO_CLIENT
        sso.sso_configureren(
            Organisatie.objects.get(afkorting=SSO_DEMO_ORGANISATIE),
            issuer=sso_issuer,
            client_id=client_id,
            client_secret=client_secret,
            naam="Staatsbosbeheer-account (testprovider)",
            scopes="openid email profile",
        )

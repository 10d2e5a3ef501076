"""Building closed consultations with accepted responses, through the real services."""

import hashlib
from datetime import date
from decimal import Decimal

from weasyprint import HTML

from consultaties import services as consultatie_services
from rapporten import pdf
from rapporten import services as rapport_services
from rapporten.models import Rapport
from reacties import services as reactie_services
from reacties.models import Dimensie, Reactie
from tests import factories

HOSTIEL = [
    '<img src="file:///etc/passwd">',
    '<link rel="stylesheet" href="http://evil.example/x.css">',
    "<script>alert(1)</script>",
    "<style>body{background:url(https://evil.example/bg.png)}</style>",
]


def inhoud(eindoordeel="uitvoerbaar", gevolgen=None, kernboodschap="Uitvoerbaar.", **velden):
    gevolgen = gevolgen or {}
    return {
        "velden": {
            "eindoordeel": eindoordeel,
            "kernboodschap": kernboodschap,
            "voorwaarden": "Tijdige gegevenslevering.",
            "risico_procesverstoringen": "gemiddeld",
            **velden,
        },
        "beoordelingen": {
            d.value: {
                "gevolgen": gevolgen.get(d.value, "beperkt"),
                "toelichting": f"Toelichting {d.label}.",
            }
            for d in Dimensie
        },
    }


def accepteer(reactie, secretaris, *, kosten=None, kernpunten=(), **kwargs):
    """Start, fill in, send for approval, submit (four-eyes) and accept one response."""
    org = reactie.organisatie
    opsteller = factories.opsteller(org)
    accordeerder = factories.accordeerder(org)
    reactie = reactie_services.reactie_starten(reactie=reactie, actor=opsteller)
    reactie = reactie_services.reactie_bijwerken(
        reactie=reactie, actor=opsteller, versie=reactie.versie, kosten=kosten or [], **kwargs
    )
    for kp in kernpunten:
        reactie_services.kernpunt_toevoegen(reactie=reactie, actor=opsteller, **kp)
    reactie = Reactie.objects.get(pk=reactie.pk)
    reactie = reactie_services.reactie_ter_accordering(reactie=reactie, actor=opsteller)
    reactie = reactie_services.reactie_indienen(reactie=reactie, actor=accordeerder)
    return reactie_services.reactie_accepteren(reactie=reactie, actor=secretaris)


def gesloten_consultatie(secretaris, ministerie, organisaties, **velden):
    """A closed consultation where every organisation's response was accepted."""
    consultatie = factories.consultatie(
        secretaris_gebruiker=secretaris,
        ministerie=ministerie,
        organisaties=organisaties,
        open=True,
        beoogde_inwerkingtreding=date(2028, 1, 1),
        **velden,
    )
    for index, reactie in enumerate(consultatie.reacties.select_related("organisatie")):
        accepteer(
            reactie,
            secretaris,
            kosten=[
                {"categorie": "automatisering", "soort": "incidenteel", "bedrag": Decimal(1000)},
            ],
            kernpunten=[
                {"dimensie": "ict", "tekst": f"Kernpunt van {reactie.organisatie.afkorting}"}
            ],
            **inhoud(invoering_mogelijk_per=date(2027, 1, 1 + index), fte_incidenteel=Decimal(2)),
        )
    return consultatie_services.consultatie_sluiten(consultatie=consultatie, actor=secretaris)


def maak_rapport(consultatie, secretaris, **kwargs) -> Rapport:
    """A new version of the paper, generated in the foreground."""
    rapport = rapport_services.rapport_aanmaken(
        consultatie=consultatie, actor=secretaris, op_achtergrond=False, **kwargs
    )
    return rapport_services.rapport_pdf_genereren(rapport_id=rapport.pk)


_KLEINE_PDF: dict = {}


def kleine_pdf(
    snapshot, *, versie, inhoud_sha256, status_label, definitief_op=None, voortgang=None
):
    """Stands in for ``pdf.render_pdf`` (fixture ``snelle_pdf``): a one-page PDF that still
    differs per version and content."""
    if not _KLEINE_PDF:
        _KLEINE_PDF["pdf"] = HTML(string="<p>paper</p>").write_pdf()
    inhoud = _KLEINE_PDF["pdf"] + f"% {inhoud_sha256} {versie} {status_label}".encode()
    return pdf.Resultaat(pdf=inhoud, paginas=1, sha256=hashlib.sha256(inhoud).hexdigest())

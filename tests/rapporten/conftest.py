import pytest
from weasyprint import HTML

from rapporten import pdf, services
from rapporten.models import Rapport
from tests import factories

from .helpers import gesloten_consultatie

_KLEINE_PDF: dict = {}


@pytest.fixture
def snelle_pdf(monkeypatch):
    """Service and view tests are about the workflow, not the layout (test_pdf.py covers
    that): render a one-page PDF instead of the whole paper to keep the suite fast."""
    if not _KLEINE_PDF:
        _KLEINE_PDF["pdf"] = HTML(string="<p>paper</p>").write_pdf()

    def render_pdf(
        snapshot, *, versie, inhoud_sha256, status_label, definitief_op=None, voortgang=None
    ):
        inhoud = _KLEINE_PDF["pdf"] + f"% {inhoud_sha256} {versie} {status_label}".encode()
        import hashlib

        return pdf.Resultaat(pdf=inhoud, paginas=1, sha256=hashlib.sha256(inhoud).hexdigest())

    monkeypatch.setattr(pdf, "render_pdf", render_pdf)


@pytest.fixture
def org_c(db):
    return factories.OrganisatieFactory(afkorting="DUO", naam="DUO")


@pytest.fixture
def ander_ministerie(db):
    return factories.MinisterieFactory(afkorting="BZK", naam="Ministerie van BZK")


@pytest.fixture
def andere_ministerie_gebruiker(ander_ministerie):
    return factories.ministerie_medewerker(ander_ministerie)


@pytest.fixture
def gesloten(secretaris, ministerie, org_a, org_b):
    return gesloten_consultatie(secretaris, ministerie, [org_a, org_b])


def maak_rapport(consultatie, secretaris, **kwargs) -> Rapport:
    rapport = services.rapport_aanmaken(
        consultatie=consultatie, actor=secretaris, op_achtergrond=False, **kwargs
    )
    return services.rapport_pdf_genereren(rapport_id=rapport.pk)


@pytest.fixture
def concept(gesloten, secretaris, snelle_pdf):
    return maak_rapport(gesloten, secretaris)


@pytest.fixture
def definitief(concept, secretaris):
    return services.rapport_definitief_maken(rapport=concept, actor=secretaris)


@pytest.fixture
def verzonden(definitief, secretaris):
    return services.rapport_verzenden(rapport=definitief, actor=secretaris)

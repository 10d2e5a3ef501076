"""OWASP ASVS 4.0 level 2, V12 (files) beyond the issue's list: a quota per response and
per consultation (12.1.3) and an optional malware scan of every upload (12.4.2)."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from consultaties import services as consultatie_services
from reacties import services
from tests import factories

EICAR = b"X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"


def eicar_scanner(upload):
    """A stand-in for a real scanner adapter: flags the EICAR test string."""
    return "EICAR-testvirus" if EICAR in upload.read() else None


def kapotte_scanner(upload):
    raise ConnectionError("clamd onbereikbaar")


@pytest.fixture
def concept(reactie_a, opsteller_a):
    return services.reactie_starten(reactie=reactie_a, actor=opsteller_a)


@pytest.mark.django_db
def test_aantal_bijlagen_per_reactie_is_begrensd(concept, opsteller_a, settings):
    settings.MAX_BIJLAGEN_PER_REACTIE = 2
    for _ in range(2):
        services.reactie_bijlage_toevoegen(
            reactie=concept, actor=opsteller_a, bestand=factories.pdf_upload()
        )
    with pytest.raises(ValidationError, match="het maximum is 2"):
        services.reactie_bijlage_toevoegen(
            reactie=concept, actor=opsteller_a, bestand=factories.pdf_upload()
        )
    assert concept.bijlagen.count() == 2


@pytest.mark.django_db
def test_totale_grootte_van_bijlagen_is_begrensd(concept, opsteller_a, settings):
    settings.MAX_BIJLAGEN_BYTES_PER_REACTIE = len(factories.PDF_BYTES) * 2 - 1
    services.reactie_bijlage_toevoegen(
        reactie=concept, actor=opsteller_a, bestand=factories.pdf_upload()
    )
    with pytest.raises(ValidationError, match="te groot"):
        services.reactie_bijlage_toevoegen(
            reactie=concept, actor=opsteller_a, bestand=factories.pdf_upload()
        )


@pytest.mark.django_db
def test_aantal_documenten_per_consultatie_is_begrensd(open_consultatie, secretaris, settings):
    settings.MAX_DOCUMENTEN_PER_CONSULTATIE = open_consultatie.documenten.count()
    with pytest.raises(ValidationError, match="het maximum"):
        consultatie_services.consultatie_document_toevoegen(
            consultatie=open_consultatie, actor=secretaris, bestand=factories.pdf_upload()
        )


@pytest.mark.django_db
def test_virusscanner_weigert_besmet_bestand(concept, opsteller_a, settings):
    settings.UPLOAD_VIRUSSCANNER = f"{__name__}.eicar_scanner"
    besmet = ContentFile(factories.PDF_BYTES + EICAR, name="besmet.pdf")
    with pytest.raises(ValidationError, match="virusscanner"):
        services.reactie_bijlage_toevoegen(reactie=concept, actor=opsteller_a, bestand=besmet)
    schoon = services.reactie_bijlage_toevoegen(
        reactie=concept, actor=opsteller_a, bestand=factories.pdf_upload()
    )
    assert schoon.bestand.read() == factories.PDF_BYTES  # the scan left the file intact


@pytest.mark.django_db
def test_onbereikbare_scanner_laat_niets_door(concept, opsteller_a, settings):
    settings.UPLOAD_VIRUSSCANNER = f"{__name__}.kapotte_scanner"
    with pytest.raises(ValidationError, match="niet op virussen"):
        services.reactie_bijlage_toevoegen(
            reactie=concept, actor=opsteller_a, bestand=factories.pdf_upload()
        )
    assert not concept.bijlagen.exists()

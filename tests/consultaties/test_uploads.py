import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from consultaties import services
from reacties import services as reactie_services
from tests import factories


def _zip(bestanden: dict) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archief:
        for naam, inhoud in bestanden.items():
            archief.writestr(naam, inhoud)
    return buffer.getvalue()


DOCX = _zip({"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>"})
ODT = _zip({"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<office/>"})
GEWONE_ZIP = _zip({"leesmij.txt": "hallo"})
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 64
HTML = b"<html><script>alert(1)</script></html>"


@pytest.fixture
def concept(secretaris, ministerie, org_a):
    return factories.consultatie(secretaris_gebruiker=secretaris, ministerie=ministerie)


@pytest.mark.parametrize(
    "inhoud, naam, verwacht",
    [
        (factories.PDF_BYTES, "concept.pdf", "application/pdf"),
        (
            DOCX,
            "concept.docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        (ODT, "concept.odt", "application/vnd.oasis.opendocument.text"),
        (factories.PDF_BYTES, "zonder-extensie", "application/pdf"),
    ],
)
@pytest.mark.django_db
def test_pdf_docx_en_odt_worden_op_inhoud_herkend(concept, secretaris, inhoud, naam, verwacht):
    document = services.consultatie_document_toevoegen(
        consultatie=concept, actor=secretaris, bestand=ContentFile(inhoud, name=naam)
    )
    assert document.content_type == verwacht
    assert document.bestand.read() == inhoud


@pytest.mark.parametrize(
    "inhoud, naam",
    [
        (EXE, "concept.pdf"),
        (GEWONE_ZIP, "concept.docx"),
        (HTML, "concept.pdf"),
        (b"tekst", "a.odt"),
    ],
)
@pytest.mark.django_db
def test_andere_bestanden_worden_geweigerd_ook_met_goede_naam(concept, secretaris, inhoud, naam):
    with pytest.raises(ValidationError) as fout:
        services.consultatie_document_toevoegen(
            consultatie=concept, actor=secretaris, bestand=ContentFile(inhoud, name=naam)
        )
    assert "PDF-, DOCX- of ODT" in str(fout.value)
    assert not concept.documenten.exists()


@pytest.mark.django_db
def test_leeg_bestand_wordt_geweigerd(concept, secretaris):
    with pytest.raises(ValidationError, match="leeg"):
        services.consultatie_document_toevoegen(
            consultatie=concept, actor=secretaris, bestand=ContentFile(b"", name="leeg.pdf")
        )


@pytest.mark.django_db
def test_te_groot_bestand_wordt_geweigerd(concept, secretaris, settings):
    settings.MAX_UPLOAD_BYTES = 1024
    groot = factories.PDF_BYTES + b"0" * 2048
    with pytest.raises(ValidationError, match="te groot"):
        services.consultatie_document_toevoegen(
            consultatie=concept, actor=secretaris, bestand=ContentFile(groot, name="groot.pdf")
        )


@pytest.mark.django_db
def test_opgeslagen_naam_komt_niet_van_de_gebruiker(concept, secretaris):
    document = services.consultatie_document_toevoegen(
        consultatie=concept,
        actor=secretaris,
        bestand=ContentFile(factories.PDF_BYTES, name="../../etc/passwd.pdf"),
    )
    assert ".." not in document.bestand.name
    assert "passwd" not in document.bestand.name
    assert document.bestand.name.startswith(f"documenten/{concept.pk}/")
    assert document.bestandsnaam == "passwd.pdf"


@pytest.mark.django_db
def test_document_alleen_via_view_voor_wie_de_consultatie_mag_zien(
    client, secretaris, ministerie, org_a, org_b, opsteller_a, opsteller_b, ministerie_gebruiker
):
    c = factories.consultatie(
        secretaris_gebruiker=secretaris, ministerie=ministerie, organisaties=[org_a]
    )
    document = c.documenten.get()
    url = f"/consultaties/{c.pk}/documenten/{document.pk}/"
    # Concept: only the secretariaat.
    for gebruiker in (opsteller_a, opsteller_b, ministerie_gebruiker):
        client.force_login(gebruiker)
        assert client.get(url).status_code == 404
    services.consultatie_openstellen(consultatie=c, actor=secretaris)
    client.force_login(opsteller_a)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == factories.PDF_BYTES
    assert response["Content-Disposition"].startswith("attachment")
    assert "sandbox" in response["Content-Security-Policy"]
    client.force_login(opsteller_b)  # not invited
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302  # to the login page


@pytest.mark.django_db
def test_bijlage_op_inhoud_gecontroleerd_en_alleen_zichtbaar_voor_eigen_organisatie(
    client, reactie_a, opsteller_a, opsteller_b
):
    reactie = reactie_services.reactie_starten(reactie=reactie_a, actor=opsteller_a)
    with pytest.raises(ValidationError):
        reactie_services.reactie_bijlage_toevoegen(
            reactie=reactie, actor=opsteller_a, bestand=ContentFile(EXE, name="notitie.pdf")
        )
    bijlage = reactie_services.reactie_bijlage_toevoegen(
        reactie=reactie, actor=opsteller_a, bestand=ContentFile(DOCX, name="notitie.docx")
    )
    url = f"/reacties/{reactie.pk}/bijlagen/{bijlage.pk}/"
    client.force_login(opsteller_a)
    assert client.get(url).status_code == 200
    client.force_login(opsteller_b)
    assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_andere_organisatie_kan_geen_bijlage_toevoegen(reactie_a, opsteller_a, opsteller_b):
    from django.core.exceptions import PermissionDenied

    reactie = reactie_services.reactie_starten(reactie=reactie_a, actor=opsteller_a)
    with pytest.raises(PermissionDenied):
        reactie_services.reactie_bijlage_toevoegen(
            reactie=reactie, actor=opsteller_b, bestand=ContentFile(DOCX, name="x.docx")
        )

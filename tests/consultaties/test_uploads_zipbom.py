"""Archive bombs: DOCX and ODT are ZIP containers, checked without unpacking them whole
(limits on entries, unpacked size and compression ratio; bounded chunks). The bombs are
made here, small on disk."""

import functools
import io
import os
import tracemalloc
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from consultaties import services
from consultaties.uploads import controleer_upload
from reacties import services as reactie_services
from tests import factories
from tests.apihulp import api_client

ODT_MIME = "application/vnd.oasis.opendocument.text"
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@functools.cache
def _bom(soort: str, uitgepakt: int, *, onderdelen: int = 1) -> bytes:
    """A valid-looking DOCX or ODT whose content.xml/document.xml is ``uitgepakt`` zeros,
    written in chunks so making it costs no memory either."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as archief:
        if soort == "odt":
            archief.writestr("mimetype", ODT_MIME, compress_type=zipfile.ZIP_STORED)
            naam = "content.xml"
        else:
            archief.writestr("[Content_Types].xml", "<Types/>")
            naam = "word/document.xml"
        per_onderdeel = uitgepakt // onderdelen
        for i in range(onderdelen):
            with archief.open(naam if i == 0 else f"{naam}.{i}", "w", force_zip64=True) as doel:
                blok = b"\0" * (1024 * 1024)
                geschreven = 0
                while geschreven < per_onderdeel:
                    deel = blok[: per_onderdeel - geschreven]
                    doel.write(deel)
                    geschreven += len(deel)
    return buffer.getvalue()


@pytest.fixture
def concept(secretaris, ministerie):
    return factories.consultatie(secretaris_gebruiker=secretaris, ministerie=ministerie)


@pytest.mark.django_db
@pytest.mark.parametrize("soort", ["odt", "docx"])
def test_bom_van_honderden_megabytes_wordt_geweigerd_zonder_geheugen_te_vreten(
    concept, secretaris, soort
):
    bom = _bom(soort, 300 << 20)  # 300 MiB unpacked, three times the limit
    assert len(bom) < 2 * 1024 * 1024  # about 1 MB on disk
    tracemalloc.start()
    try:
        with pytest.raises(ValidationError) as fout:
            services.consultatie_document_toevoegen(
                consultatie=concept, actor=secretaris, bestand=ContentFile(bom, name=f"x.{soort}")
            )
        _, piek = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert "zip-bom" in str(fout.value)
    assert piek < 20 * 1024 * 1024, piek
    assert not concept.documenten.exists()


@pytest.mark.django_db
def test_verhouding_telt_ook_onder_de_groottegrens(settings):
    """30 MB of zeros stays under the 100 MB limit but compresses ~1000×: refused."""
    bom = _bom("docx", 30 * 1024 * 1024)
    with pytest.raises(ValidationError, match="zip-bom"):
        controleer_upload(ContentFile(bom, name="x.docx"))


@pytest.mark.django_db
def test_uitgepakte_grootte_wordt_geteld_ook_zonder_compressie(settings):
    """Random bytes hardly compress (no ratio alarm): the unpacked total still counts."""
    settings.UPLOAD_ZIP_MAX_UITGEPAKT = 2 * 1024 * 1024
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archief:
        archief.writestr("[Content_Types].xml", "<Types/>")
        archief.writestr("word/document.xml", "<w:document/>")
        archief.writestr("word/media/foto.bin", os.urandom(3 * 1024 * 1024))
    with pytest.raises(ValidationError, match="zip-bom"):
        controleer_upload(ContentFile(buffer.getvalue(), name="x.docx"))


@pytest.mark.django_db
def test_te_veel_onderdelen_wordt_geweigerd(settings):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archief:
        archief.writestr("[Content_Types].xml", "<Types/>")
        for i in range(settings.UPLOAD_ZIP_MAX_BESTANDEN + 1):
            archief.writestr(f"word/leeg{i}.xml", "")
    with pytest.raises(ValidationError, match="te veel onderdelen"):
        controleer_upload(ContentFile(buffer.getvalue(), name="x.docx"))


@pytest.mark.django_db
def test_gewoon_document_met_goed_comprimeerbare_tekst_blijft_welkom():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archief:
        archief.writestr("[Content_Types].xml", "<Types/>")
        archief.writestr("word/document.xml", "<w:p>Artikel 1. Uitvoerbaar.</w:p>" * 20000)
    soort, _ = controleer_upload(ContentFile(buffer.getvalue(), name="x.docx"))
    assert soort == DOCX_MIME


@pytest.mark.django_db
def test_bom_als_bijlage_bij_een_reactie_geeft_400_in_de_api(reactie_a, opsteller_a):
    reactie = reactie_services.reactie_starten(reactie=reactie_a, actor=opsteller_a)
    with pytest.raises(ValidationError) as fout:
        reactie_services.reactie_bijlage_toevoegen(
            reactie=reactie, actor=opsteller_a, bestand=ContentFile(_bom("odt", 300 << 20), "x.odt")
        )
    assert "zip-bom" in str(fout.value.message_dict["bestand"])
    assert not reactie.bijlagen.exists()


@pytest.mark.django_db
def test_bom_als_document_in_de_api_is_400(secretaris, concept):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = api_client(secretaris).post(
        f"/api/v1/consultaties/{concept.pk}/documenten",
        {"bestand": SimpleUploadedFile("x.docx", _bom("docx", 300 << 20))},
        format="multipart",
    )
    assert response.status_code == 400
    assert "zip-bom" in str(response.json())

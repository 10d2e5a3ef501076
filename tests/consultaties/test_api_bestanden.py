"""Files through the API (issue 16): the draft documents of a consultation listed and
downloaded with the consultation's visibility, and uploads of documents and response
attachments refused exactly as on the web (``consultaties/uploads.py``: content, size,
ZIP bombs, quota), whatever name or type the client claims."""

import io
import zipfile

import pytest
from django.core.files.base import ContentFile

from consultaties.models import Document
from reacties import services as reactie_services
from tests import factories
from tests.apihulp import api_client, assert_probleem

pytestmark = pytest.mark.django_db

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _zip(bestanden: dict) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archief:
        for naam, inhoud in bestanden.items():
            archief.writestr(naam, inhoud)
    return buffer.getvalue()


DOCX = _zip({"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>"})
#: A DOCX whose document unpacks to 8 MiB of zeros (about 8 kB on disk).
DOCX_BOM = _zip({"[Content_Types].xml": "<Types/>", "word/document.xml": b"\0" * (8 << 20)})
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 64
HTML = b"<html><script>alert(document.cookie)</script></html>"
GEWONE_ZIP = _zip({"leesmij.txt": "hallo"})


# --- the draft documents of a consultation ------------------------------------------------


def documenten(consultatie):
    return f"/api/v1/consultaties/{consultatie.pk}/documenten"


@pytest.mark.parametrize(
    "wie", ["secretaris", "opsteller_a", "accordeerder_b", "ministerie_gebruiker"]
)
def test_wie_de_consultatie_ziet_leest_en_downloadt_haar_documenten(request, open_consultatie, wie):
    client = api_client(request.getfixturevalue(wie))
    [document] = client.get(documenten(open_consultatie)).json()
    assert document["versie"] == 1
    assert document["contentType"] == "application/pdf"
    assert document["download"].endswith(f"{documenten(open_consultatie)}/{document['id']}")
    response = client.get(document["download"], HTTP_ACCEPT="application/pdf")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == factories.PDF_BYTES
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="concept.pdf"'
    assert "sandbox" in response["Content-Security-Policy"]
    assert response["Cache-Control"].startswith("private, no-store")


def test_documenten_staan_ook_in_de_consultatie_met_downloadlink(open_consultatie, opsteller_a):
    data = api_client(opsteller_a).get(f"/api/v1/consultaties/{open_consultatie.pk}").json()
    [document] = data["documenten"]
    assert document["download"].endswith(f"/documenten/{document['id']}")


def test_documenten_oudste_versie_eerst(open_consultatie, secretaris):
    client = api_client(secretaris)
    for titel in ("Tweede", "Derde"):
        response = client.post(
            documenten(open_consultatie),
            {"bestand": factories.pdf_upload(), "titel": titel},
            format="multipart",
        )
        assert response.status_code == 201, response.json()
        assert response.json()["download"]
    lijst = client.get(documenten(open_consultatie)).json()
    assert [d["versie"] for d in lijst] == [1, 2, 3]
    assert [d["titel"] for d in lijst][1:] == ["Tweede", "Derde"]


@pytest.mark.parametrize("wie", ["opsteller_c", "ander_ministerie_gebruiker"])
def test_niet_uitgenodigd_of_ander_ministerie_krijgt_404(request, open_consultatie, wie):
    client = api_client(request.getfixturevalue(wie))
    document = open_consultatie.documenten.get()
    assert_probleem(client.get(documenten(open_consultatie)), 404)
    assert_probleem(client.get(f"{documenten(open_consultatie)}/{document.pk}"), 404)


def test_concept_is_404_voor_uitgenodigde_organisatie_en_ministerie(
    secretaris, ministerie, org_a, opsteller_a, ministerie_gebruiker
):
    concept = factories.consultatie(
        secretaris_gebruiker=secretaris, ministerie=ministerie, organisaties=[org_a]
    )
    document = concept.documenten.get()
    for user in (opsteller_a, ministerie_gebruiker):
        assert_probleem(api_client(user).get(documenten(concept)), 404)
        assert_probleem(api_client(user).get(f"{documenten(concept)}/{document.pk}"), 404)
    assert api_client(secretaris).get(f"{documenten(concept)}/{document.pk}").status_code == 200


def test_document_van_een_andere_consultatie_is_404(
    open_consultatie, secretaris, ministerie, org_a, opsteller_a
):
    ander = factories.consultatie(
        secretaris_gebruiker=secretaris, ministerie=ministerie, organisaties=[org_a], open=True
    )
    vreemd = ander.documenten.get()
    assert_probleem(api_client(opsteller_a).get(f"{documenten(open_consultatie)}/{vreemd.pk}"), 404)
    assert_probleem(
        api_client(opsteller_a).get(f"{documenten(open_consultatie)}/999999999999999999"), 404
    )


def test_alleen_het_secretariaat_voegt_documenten_toe(
    open_consultatie, opsteller_a, ministerie_gebruiker
):
    for user in (opsteller_a, ministerie_gebruiker):
        response = api_client(user).post(
            documenten(open_consultatie), {"bestand": factories.pdf_upload()}, format="multipart"
        )
        assert_probleem(response, 403)
    assert open_consultatie.documenten.count() == 1


def test_documentenlijst_met_vast_aantal_queries(
    open_consultatie, secretaris, opsteller_a, django_assert_num_queries
):
    client = api_client(opsteller_a)
    with django_assert_num_queries(3):  # token with user, consultation, documents
        client.get(documenten(open_consultatie))
    for _ in range(4):
        api_client(secretaris).post(
            documenten(open_consultatie), {"bestand": factories.pdf_upload()}, format="multipart"
        )
    with django_assert_num_queries(3):
        assert len(client.get(documenten(open_consultatie)).json()) == 5


# --- hostile uploads, the same for documents and attachments -------------------------------


@pytest.fixture
def concept_reactie(reactie_a, opsteller_a):
    return reactie_services.reactie_starten(reactie=reactie_a, actor=opsteller_a)


@pytest.fixture(params=["document", "bijlage"])
def upload(request, open_consultatie, secretaris, concept_reactie, opsteller_a):
    """Upload a file through the API to a consultation's documents or to a draft's
    attachments; returns (post, the stored queryset)."""
    if request.param == "document":
        url, user, opgeslagen = (
            documenten(open_consultatie),
            secretaris,
            open_consultatie.documenten.all(),
        )
    else:
        url, user, opgeslagen = (
            f"/api/v1/reacties/{concept_reactie.pk}/bijlagen",
            opsteller_a,
            concept_reactie.bijlagen.all(),
        )
    client = api_client(user)

    def post(inhoud, naam="bestand.pdf", **extra):
        return client.post(
            url, {"bestand": ContentFile(inhoud, name=naam), **extra}, format="multipart"
        )

    post.client, post.url = client, url
    post.opgeslagen = opgeslagen
    post.aantal = opgeslagen.count()
    return post


def _bestand_fout(response, tekst):
    data = assert_probleem(response, 400)
    [fout] = data["invalidParams"]
    assert fout["name"] == "bestand"
    assert tekst in fout["reason"], fout["reason"]
    return fout


@pytest.mark.parametrize(
    ("inhoud", "naam"),
    [
        (EXE, "rapport.pdf"),
        (HTML, "rapport.pdf"),
        (GEWONE_ZIP, "rapport.docx"),
        (b"%PDX-1.4 geen pdf", "rapport.pdf"),
        (b"PK\x03\x04 kapotte zip", "rapport.docx"),
        (b"gewone tekst", "rapport.odt"),
    ],
)
def test_verkeerde_inhoud_met_goede_naam_wordt_geweigerd(upload, inhoud, naam):
    _bestand_fout(upload(inhoud, naam), "PDF-, DOCX- of ODT")
    assert upload.opgeslagen.count() == upload.aantal


def test_zip_bom_wordt_geweigerd(upload, settings):
    settings.UPLOAD_ZIP_MAX_UITGEPAKT = 4 << 20  # 4 MiB; the bomb unpacks to 8 MiB
    assert len(DOCX_BOM) < 64 * 1024
    _bestand_fout(upload(DOCX_BOM, "rapport.docx"), "zip-bom")
    assert upload.opgeslagen.count() == upload.aantal


def test_zip_met_te_veel_onderdelen_wordt_geweigerd(upload, settings):
    settings.UPLOAD_ZIP_MAX_BESTANDEN = 10
    veel = _zip(
        {"[Content_Types].xml": "<Types/>", **{f"word/deel{i}.xml": "<x/>" for i in range(20)}}
    )
    _bestand_fout(upload(veel, "rapport.docx"), "te veel onderdelen")


def test_te_groot_bestand_wordt_geweigerd(upload, settings):
    settings.MAX_UPLOAD_BYTES = 2048
    _bestand_fout(upload(factories.PDF_BYTES + b"0" * 4096, "groot.pdf"), "te groot")
    assert upload.opgeslagen.count() == upload.aantal


def test_leeg_bestand_wordt_geweigerd(upload):
    _bestand_fout(upload(b"", "leeg.pdf"), "leeg")


@pytest.mark.parametrize(
    ("naam", "bewaard"),
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("..\\..\\windows\\win.ini.pdf", "win.ini.pdf"),
        ("/etc/shadow", "shadow"),
        ("C:\\Users\\x\\..\\rapport.pdf", "rapport.pdf"),
        ("nul\x00byte.pdf", None),
        ('rap"port\r\nSet-Cookie: x=1.pdf', None),
        ("ü" * 300 + ".pdf", None),
    ],
)
def test_padnamen_worden_alleen_weergavenaam_en_lekken_niet(upload, naam, bewaard):
    response = upload(factories.PDF_BYTES, naam)
    assert response.status_code == 201, response.content[:300]
    data = response.json()
    if bewaard is not None:
        assert data["bestandsnaam"] == bewaard
    assert not set(data["bestandsnaam"]) & set('/\\"\r\n\x00')
    assert len(data["bestandsnaam"]) <= 200
    opgeslagen = upload.opgeslagen.get(pk=data["id"])
    assert ".." not in opgeslagen.bestand.name and "etc" not in opgeslagen.bestand.name
    download = api_client(opgeslagen.geupload_door).get(data["download"])
    assert download.status_code == 200
    kop = download["Content-Disposition"]
    assert "\r" not in kop and "\n" not in kop and "/" not in kop
    assert b"".join(download.streaming_content) == factories.PDF_BYTES


def test_naam_van_alleen_puntjes_is_geen_bestand(upload):
    # The multipart parser drops a file called ".." altogether: no file, a 400.
    _bestand_fout(upload(factories.PDF_BYTES, ".."), "geen bestand")
    assert upload.opgeslagen.count() == upload.aantal


def test_docx_wordt_op_inhoud_herkend_ook_met_pdf_naam(upload):
    response = upload(DOCX, "eigenlijk-word.pdf")
    assert response.status_code == 201, response.content[:300]
    assert response.json()["contentType"] == DOCX_MIME


def test_onbekend_veld_naast_het_bestand_is_400(upload):
    data = assert_probleem(upload(factories.PDF_BYTES, "a.pdf", pad="../x"), 400)
    assert [p["name"] for p in data["invalidParams"]] == ["pad"]


def test_tekst_in_plaats_van_een_bestand_is_400(upload):
    response = upload.client.post(upload.url, {"bestand": "gewone tekst"}, format="multipart")
    data = assert_probleem(response, 400)
    assert [p["name"] for p in data["invalidParams"]] == ["bestand"]
    assert upload.opgeslagen.count() == upload.aantal


def test_quotum_bijlagen_per_reactie(concept_reactie, opsteller_a, settings):
    settings.MAX_BIJLAGEN_PER_REACTIE = 2
    client = api_client(opsteller_a)
    url = f"/api/v1/reacties/{concept_reactie.pk}/bijlagen"
    for _ in range(2):
        assert (
            client.post(url, {"bestand": factories.pdf_upload()}, format="multipart").status_code
            == 201
        )
    response = client.post(url, {"bestand": factories.pdf_upload()}, format="multipart")
    _bestand_fout(response, "het maximum is 2")
    assert concept_reactie.bijlagen.count() == 2


def test_quotum_bytes_per_reactie(concept_reactie, opsteller_a, settings):
    settings.MAX_BIJLAGEN_BYTES_PER_REACTIE = len(factories.PDF_BYTES) * 2 - 1
    client = api_client(opsteller_a)
    url = f"/api/v1/reacties/{concept_reactie.pk}/bijlagen"
    assert (
        client.post(url, {"bestand": factories.pdf_upload()}, format="multipart").status_code == 201
    )
    _bestand_fout(
        client.post(url, {"bestand": factories.pdf_upload()}, format="multipart"), "te groot"
    )


def test_quotum_documenten_per_consultatie(open_consultatie, secretaris, settings):
    settings.MAX_DOCUMENTEN_PER_CONSULTATIE = 1
    response = api_client(secretaris).post(
        documenten(open_consultatie), {"bestand": factories.pdf_upload()}, format="multipart"
    )
    _bestand_fout(response, "het maximum is 1")
    assert Document.objects.filter(consultatie=open_consultatie).count() == 1


def test_virusscanner_weigert_ook_via_de_api(concept_reactie, opsteller_a, settings):
    settings.UPLOAD_VIRUSSCANNER = "tests.consultaties.test_uploads_quotum.eicar_scanner"
    eicar = (
        factories.PDF_BYTES
        + b"X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"
    )
    response = api_client(opsteller_a).post(
        f"/api/v1/reacties/{concept_reactie.pk}/bijlagen",
        {"bestand": ContentFile(eicar, name="besmet.pdf")},
        format="multipart",
    )
    _bestand_fout(response, "virusscanner")
    assert not concept_reactie.bijlagen.exists()

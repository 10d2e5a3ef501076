"""Checking uploaded draft texts and attachments by their content, not their name."""

import hashlib
import zipfile

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.template.defaultfilters import filesizeformat
from django.utils import timezone

#: MIME types we accept, as detected from the bytes.
TOEGESTANE_TYPES = {
    "application/pdf": "PDF",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "DOCX",
    "application/vnd.oasis.opendocument.text": "ODT",
}


def _zip_soort(upload) -> str | None:
    """DOCX and ODT are ZIP containers; look inside to tell them apart from any ZIP."""
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archief:
            namen = set(archief.namelist())
            if "mimetype" in namen:
                mimetype = archief.read("mimetype").decode("ascii", "replace").strip()
                if mimetype == "application/vnd.oasis.opendocument.text":
                    return mimetype
            if "[Content_Types].xml" in namen and any(n.startswith("word/") for n in namen):
                return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    except (zipfile.BadZipFile, OSError, KeyError):
        return None
    finally:
        upload.seek(0)
    return None


def controleer_upload(upload) -> tuple[str, str]:
    """Validate an uploaded file; return ``(content_type, sha256)`` or raise ValidationError."""
    if upload.size == 0:
        raise ValidationError("Het bestand is leeg.", code="leeg")
    if upload.size > settings.MAX_UPLOAD_BYTES:
        raise ValidationError(
            f"Het bestand is te groot ({filesizeformat(upload.size)}); "
            f"het maximum is {filesizeformat(settings.MAX_UPLOAD_BYTES)}.",
            code="te_groot",
        )
    upload.seek(0)
    kop = upload.read(8192)
    upload.seek(0)
    soort = filetype.guess_mime(kop)
    if soort in ("application/zip", None) or soort not in TOEGESTANE_TYPES:
        soort = _zip_soort(upload) if kop.startswith(b"PK") else soort
    if soort not in TOEGESTANE_TYPES:
        raise ValidationError(
            "Dit bestandstype is niet toegestaan. Lever een PDF-, DOCX- of ODT-bestand aan.",
            code="bestandstype",
        )
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return soort, digest.hexdigest()


def veilige_naam(naam: str) -> str:
    """The original name, kept only as display metadata."""
    from django.utils.text import get_valid_filename

    naam = (naam or "bestand").replace("\\", "/").rsplit("/", 1)[-1][:200]
    try:
        return get_valid_filename(naam)
    except Exception:  # noqa: BLE001 - names like '..' are refused by Django
        return "bestand"


class GeuploadBestand(models.Model):
    """An uploaded file and what we know of it: a draft text (``Document``) or an
    attachment of a response (``reacties.Bijlage``). Subclasses set ``bestand``'s
    ``upload_to`` (never derived from the uploaded name)."""

    bestand = models.FileField("bestand")
    bestandsnaam = models.CharField("oorspronkelijke bestandsnaam", max_length=255)
    content_type = models.CharField("bestandstype", max_length=100)
    grootte = models.PositiveBigIntegerField("grootte in bytes")
    sha256 = models.CharField("sha256", max_length=64)
    geupload_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    geupload_op = models.DateTimeField("geüpload op", default=timezone.now)

    class Meta:
        abstract = True

    def neem_upload(self, upload, *, door, opslagnaam: str):
        """Check ``upload`` by its content (a ``ValidationError`` on ``bestand``), record
        its metadata and store it; the caller saves the row."""
        try:
            self.content_type, self.sha256 = controleer_upload(upload)
        except ValidationError as fout:
            raise ValidationError({"bestand": fout.messages}) from fout
        self.bestandsnaam = veilige_naam(upload.name)
        self.grootte = upload.size
        self.geupload_door = door
        self.bestand.save(opslagnaam, upload, save=False)

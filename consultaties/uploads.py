"""Checking uploaded draft texts and attachments by their content, not their name."""

import hashlib
import logging
import zipfile
import zlib

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

#: MIME types we accept, as detected from the bytes.
TOEGESTANE_TYPES = {
    "application/pdf": "PDF",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "DOCX",
    "application/vnd.oasis.opendocument.text": "ODT",
}


#: Reading a ZIP entry happens in chunks of this size: memory stays bounded whatever it
#: claims or really holds.
_BLOK = 64 * 1024

ZIP_BOM = gettext_noop(
    "Dit bestand pakt uit tot veel meer dan het zelf groot is (mogelijk een zip-bom) en "
    "wordt daarom geweigerd. Lever een gewoon PDF-, DOCX- of ODT-bestand aan."
)


class _ZipTeGroot(Exception):
    """The container exceeds a limit; the message says which."""


def _controleer_zip(archief: zipfile.ZipFile, gecomprimeerd: int) -> None:
    """Check a DOCX/ODT container without unpacking it whole.

    Limits on the number of entries, the total unpacked size and the compression ratio
    (``UPLOAD_ZIP_*`` settings). The metadata is checked first (cheap), then every entry
    is decompressed in bounded chunks, counting the bytes actually produced, so a lying
    central directory gains nothing and memory never holds more than one chunk.
    """
    max_bestanden = settings.UPLOAD_ZIP_MAX_BESTANDEN
    max_uitgepakt = settings.UPLOAD_ZIP_MAX_UITGEPAKT
    max_verhouding = settings.UPLOAD_ZIP_MAX_VERHOUDING
    # Small documents compress well too; a ratio only means a bomb beyond this size.
    verhouding_vanaf = 1024 * 1024

    def te_veel(uitgepakt: int) -> bool:
        return uitgepakt > max_uitgepakt or (
            uitgepakt > verhouding_vanaf and uitgepakt > max_verhouding * max(gecomprimeerd, 1)
        )

    inhoud = archief.infolist()
    if len(inhoud) > max_bestanden:
        raise _ZipTeGroot(
            gettext(
                "Dit bestand bevat te veel onderdelen (%(aantal)s; het maximum is "
                "%(maximum)s) en wordt daarom geweigerd."
            )
            % {"aantal": len(inhoud), "maximum": max_bestanden}
        )
    if te_veel(sum(info.file_size for info in inhoud)):
        raise _ZipTeGroot(gettext(ZIP_BOM))
    uitgepakt = 0
    for info in inhoud:
        if info.is_dir():
            continue
        with archief.open(info) as onderdeel:
            while blok := onderdeel.read(_BLOK):
                uitgepakt += len(blok)
                if te_veel(uitgepakt):
                    raise _ZipTeGroot(gettext(ZIP_BOM))


def _zip_soort(upload) -> str | None:
    """DOCX and ODT are ZIP containers: check the container (see ``_controleer_zip``) and
    look inside to tell them apart from any other ZIP."""
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archief:
            _controleer_zip(archief, upload.size)
            namen = set(archief.namelist())
            if "mimetype" in namen:
                with archief.open("mimetype") as bestand:
                    mimetype = bestand.read(100).decode("ascii", "replace").strip()
                if mimetype == "application/vnd.oasis.opendocument.text":
                    return mimetype
            if "[Content_Types].xml" in namen and any(n.startswith("word/") for n in namen):
                return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    except _ZipTeGroot as fout:
        raise ValidationError(str(fout), code="zip_bom") from fout
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        OSError,
        KeyError,
        EOFError,
        ValueError,
        NotImplementedError,  # an unsupported compression method
        RuntimeError,  # an encrypted entry
        zlib.error,
    ):
        return None
    finally:
        upload.seek(0)
    return None


def controleer_upload(upload) -> tuple[str, str]:
    """Validate an uploaded file; return ``(content_type, sha256)`` or raise ValidationError."""
    if upload.size == 0:
        raise ValidationError(gettext("Het bestand is leeg."), code="leeg")
    if upload.size > settings.MAX_UPLOAD_BYTES:
        raise ValidationError(
            gettext("Het bestand is te groot (%(grootte)s); het maximum is %(maximum)s.")
            % {
                "grootte": filesizeformat(upload.size),
                "maximum": filesizeformat(settings.MAX_UPLOAD_BYTES),
            },
            code="te_groot",
        )
    upload.seek(0)
    kop = upload.read(8192)
    upload.seek(0)
    soort = filetype.guess_mime(kop)
    if kop.startswith(b"PK"):
        # Every ZIP container is checked, also one the header sniffing already calls DOCX.
        soort = _zip_soort(upload)
    if soort not in TOEGESTANE_TYPES:
        raise ValidationError(
            gettext(
                "Dit bestandstype is niet toegestaan. Lever een PDF-, DOCX- of ODT-bestand aan."
            ),
            code="bestandstype",
        )
    if settings.UPLOAD_VIRUSSCANNER:
        _scan(upload)
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return soort, digest.hexdigest()


def _scan(upload) -> None:
    """Hand the file to the configured scanner (``UPLOAD_VIRUSSCANNER``). A scanner that
    fails counts as a refusal: an unscanned file is not accepted when scanning is on."""
    scanner = import_string(settings.UPLOAD_VIRUSSCANNER)
    upload.seek(0)
    try:
        reden = scanner(upload)
    except ValidationError:
        raise
    except Exception as fout:  # noqa: BLE001 - any scanner failure refuses the file
        logger.exception("Virusscanner faalde")
        raise ValidationError(
            gettext(
                "Het bestand kon niet op virussen worden gecontroleerd; probeer het later opnieuw."
            ),
            code="scan_mislukt",
        ) from fout
    finally:
        upload.seek(0)
    if reden:
        raise ValidationError(
            gettext("Het bestand is geweigerd door de virusscanner (%(reden)s).")
            % {"reden": reden},
            code="virus",
        )


def controleer_quotum(bestaande, nieuw_bytes: int, *, max_aantal: int, max_bytes=None) -> None:
    """Refuse an upload that would take a response or consultation over its quota."""
    from django.db.models import Sum

    aantal = bestaande.count()
    if aantal >= max_aantal:
        raise ValidationError(
            gettext("Er zijn al %(aantal)s bestanden; het maximum is %(maximum)s.")
            % {"aantal": aantal, "maximum": max_aantal},
            code="quotum",
        )
    if max_bytes is not None:
        totaal = (bestaande.aggregate(s=Sum("grootte"))["s"] or 0) + nieuw_bytes
        if totaal > max_bytes:
            raise ValidationError(
                gettext(
                    "Samen worden de bestanden te groot (%(grootte)s); het maximum is %(maximum)s."
                )
                % {"grootte": filesizeformat(totaal), "maximum": filesizeformat(max_bytes)},
                code="quotum",
            )


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

    bestand = models.FileField(_("bestand"))
    bestandsnaam = models.CharField(_("oorspronkelijke bestandsnaam"), max_length=255)
    content_type = models.CharField(_("bestandstype"), max_length=100)
    grootte = models.PositiveBigIntegerField(_("grootte in bytes"))
    sha256 = models.CharField(_("sha256"), max_length=64)
    geupload_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    geupload_op = models.DateTimeField(_("geüpload op"), default=timezone.now)

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

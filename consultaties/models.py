import hashlib
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db import models
from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, FSMModelMixin, transition

from audit.models import Mijlpalen
from kern.keuzelabels import Keuzelabels
from kern.na_lezen import NaLezenQuerySet
from kern.tellingen import TellingBron, TellingBronQuerySet
from kern.wijzigingen import GewijzigdOpBijgehouden
from kern.workflow import fsm_permissie
from organisaties.models import Organisatie, Soort
from tegenkracht.validatie import ZonderStuurtekens

from . import permissions
from .uploads import GeuploadBestand

#: A termijn lies in the future and at most this many years ahead. Beyond it is a typo
#: (year 1, 20255): PostgreSQL would store year 1 as a BC timestamp it cannot read back.
TERMIJN_HOOGSTENS_JAREN = 3
#: Calendar dates a user enters (beoogde inwerkingtreding, invoering mogelijk per).
VROEGSTE_DATUM = date(1900, 1, 1)
LAATSTE_DATUM = date(2100, 12, 31)


def termijn_fout(termijn, nu: datetime | None = None) -> str | None:
    """Why ``termijn`` is no acceptable new deadline, or None. One rule for creating,
    editing, reopening and extending — forms, API and admin alike (they call services)."""
    if not isinstance(termijn, datetime) or timezone.is_naive(termijn):
        return gettext("Geef een datum en tijd op.")
    nu = nu or timezone.now()
    try:
        if termijn <= nu:
            return gettext("Kies een termijn in de toekomst.")
        te_ver = termijn > nu + timedelta(days=365 * TERMIJN_HOOGSTENS_JAREN + 1)
    except OverflowError:  # the year 1 or 9999 in a far time zone
        te_ver = True
    if te_ver:
        return gettext("Kies een termijn binnen %(jaren)s jaar; controleer het jaartal.") % {
            "jaren": TERMIJN_HOOGSTENS_JAREN
        }
    return None


def datum_fout(datum) -> str | None:
    """Why a calendar date the user entered is out of range (1900–2100), or None."""
    if isinstance(datum, str):
        try:
            datum = date.fromisoformat(datum)
        except ValueError:
            return None  # not a date at all: the field's own validation says so
    if not isinstance(datum, date):
        return None
    if isinstance(datum, datetime):
        datum = datum.date()
    if not VROEGSTE_DATUM <= datum <= LAATSTE_DATUM:
        return gettext("Kies een datum tussen %(van)s en %(tot)s; controleer het jaartal.") % {
            "van": VROEGSTE_DATUM.year,
            "tot": LAATSTE_DATUM.year,
        }
    return None


class Instrument(models.TextChoices):
    WETSVOORSTEL = "wetsvoorstel", _("Wetsvoorstel")
    AMVB = "amvb", _("Algemene maatregel van bestuur")
    MINISTERIELE_REGELING = "ministeriele_regeling", _("Ministeriële regeling")
    NOTA_VAN_WIJZIGING = "nota_van_wijziging", _("Nota van wijziging")
    AMENDEMENT = "amendement", _("Amendement")
    BELEIDSNOTA = "beleidsnota", _("Beleidsnota of beleidsvoornemen")

    @classmethod
    def retoetsen(cls):
        return (cls.NOTA_VAN_WIJZIGING, cls.AMENDEMENT)


class Status(models.TextChoices):
    CONCEPT = "concept", _("Concept")
    OPEN = "open", _("Open")
    GESLOTEN = "gesloten", _("Gesloten")
    VERZONDEN = "verzonden", _("Verzonden")
    AFGEROND = "afgerond", _("Afgerond")
    INGETROKKEN = "ingetrokken", _("Ingetrokken")


#: The details of a consultation the secretaris enters (form, service and API alike).
GEGEVENS_VELDEN = (
    "titel",
    "samenvatting",
    "instrument",
    "ministerie",
    "beoogde_inwerkingtreding",
    "termijn",
    "vorige_consultatie",
    "kenmerk_ministerie",
    "internetconsultatie_url",
    "kamerstuk_url",
)
#: Everything a service may change: the details and the texts for the paper.
BEWERKBARE_VELDEN = (*GEGEVENS_VELDEN, "bestuurlijke_samenvatting", "aanbevelingen")

#: States in which submitted responses of other organisations may be read by members.
GESLOTEN_STATUSSEN = (Status.GESLOTEN, Status.VERZONDEN, Status.AFGEROND)
#: What invited organisations and the ministry read on a consultation's timeline, with
#: the notes (addressed to them), from its opening on. The rest is the secretariaat's own
#: work: the concept phase, changes of the details, the paper's versions.
PUBLIEKE_MIJLPALEN = frozenset(
    {
        "openstellen",
        "uitgenodigd",
        "document_toegevoegd",
        "termijn_verlengd",
        "sluiten",
        "heropenen",
        "verzenden",
        "afronden",
        "intrekken",
    }
)


class Paperregels:
    """The paper's rules that a consultation's transitions ask (sending needs a definitief
    paper, completing a verwerking of every kernpunt). They are rapporten's
    (``rapporten.regels``), which fills them in its ``AppConfig.ready``: consultaties sits
    below rapporten in the app graph and does not import it."""

    def _niet_geregistreerd(self, *args, **kwargs):
        raise RuntimeError("rapporten is niet geïnstalleerd: de paperregels ontbreken.")

    heeft_definitief_rapport = verwerking_compleet = met_verwerkingsstand = _niet_geregistreerd


PAPERREGELS = Paperregels()


class ConsultatieQuerySet(NaLezenQuerySet, TellingBronQuerySet):
    # What to load once the rows are read (kern.na_lezen): :meth:`met_uitgenodigden` and
    # :meth:`met_verwerkingsstand_per_rij`.

    def _laad_uitgenodigden(self, consultaties) -> None:
        """Set ``uitgenodigde_organisatie_ids`` (sorted) on each consultation: one query over
        the invitations' keys, no model instance per invitation."""
        per_consultatie = {c.pk: [] for c in consultaties}
        reactie = self.model._meta.get_field("reacties").related_model
        for consultatie_id, organisatie_id in (
            reactie.objects.filter(consultatie_id__in=per_consultatie)
            .order_by()
            .values_list("consultatie_id", "organisatie_id")
        ):
            per_consultatie[consultatie_id].append(organisatie_id)
        for consultatie in consultaties:
            consultatie.uitgenodigde_organisatie_ids = sorted(per_consultatie[consultatie.pk])

    def _laad_verwerkingsstand(self, consultaties) -> None:
        stand = dict(
            self.model._default_manager.filter(pk__in=[c.pk for c in consultaties])
            .met_verwerkingsstand()
            .order_by()
            .values_list("pk", "onverwerkte_kernpunten")
        )
        for consultatie in consultaties:
            consultatie.onverwerkte_kernpunten = stand[consultatie.pk]

    def zichtbaar_voor(self, user):
        """What ``user`` may see. Everything else answers 404."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_secretaris:
            return self.all()
        if user.is_ministerie:
            return self.opengesteld().filter(ministerie_id=user.organisatie_id)
        if user.is_organisatie_medewerker:
            return self.opengesteld().filter(reacties__organisatie_id=user.organisatie_id)
        return self.none()

    def met_verwerkingsstand(self):
        """Annotate whether the sent paper still has kernpunten without a verwerking (the
        paper's rule: ``rapporten.regels.met_verwerkingsstand``)."""
        return PAPERREGELS.met_verwerkingsstand(self)

    def met_verwerkingsstand_per_rij(self):
        """:meth:`met_verwerkingsstand` for the rows read only, in one query once they are
        read. As an annotation SQLite computed it for every row before sorting and cutting
        the page (PostgreSQL computes it after): a ministry's whole history per page."""
        return self._met_na_lezen("verwerkingsstand")

    def met_uitgenodigden(self):
        """Load the invited organisations (``Consultatie.uitgenodigde_organisatie_ids``)
        with the rows, in one query like a prefetch. Not a prefetch of ``reacties``: that
        made a model instance and a related queryset per invitation, 720 for a page of 20
        consultations of the whole network, more than the rest of the page cost."""
        return self._met_na_lezen("uitgenodigden")

    def met_versies(self):
        """Prefetch the paper's versions (``rapporten``) for the allowed actions, which ask
        only whether one is definitive: a version's snapshot is hundreds of kB of JSON and
        stays unread."""
        rapport = self.model._meta.get_field("rapporten").related_model
        return self.prefetch_related(
            Prefetch("rapporten", queryset=rapport.objects.zonder_inhoud())
        )

    def opengesteld(self):
        """Consultations that were opened at some time: not a concept, and not one that
        was withdrawn while still a concept."""
        return self.filter(opengesteld_q())


def opengesteld_q(pad: str = "") -> Q:
    """``opengesteld`` as a condition on the consultation reached through ``pad`` (e.g.
    ``"reactie__consultatie__"``), so querysets of other models filter by a join instead
    of an IN-subquery over every consultation. ``geopend_op`` records the opening."""
    return ~Q(**{f"{pad}status": Status.CONCEPT}) & ~Q(
        **{f"{pad}status": Status.INGETROKKEN, f"{pad}geopend_op__isnull": True}
    )


def volgend_kenmerk() -> str:
    jaar = timezone.localdate().year
    prefix = f"TK-{jaar}-"
    laatste = (
        Consultatie.objects.filter(kenmerk__startswith=prefix)
        .order_by("-kenmerk")
        .values_list("kenmerk", flat=True)
        .first()
    )
    volgnummer = int(laatste.removeprefix(prefix)) + 1 if laatste else 1
    return f"{prefix}{volgnummer:04d}"


class Consultatie(
    TellingBron, Keuzelabels, GewijzigdOpBijgehouden, ZonderStuurtekens, FSMModelMixin, models.Model
):
    #: Who may see the consultation's responses depends on these: a change makes the
    #: remembered totals of responses stale (``kern.tellingen``). A consultation with
    #: responses cannot be deleted (they protect it), so its deletion changes no total.
    telling_velden = frozenset({"status", "geopend_op", "ministerie", "ministerie_id"})

    kenmerk = models.CharField("kenmerk", max_length=32, unique=True)
    titel = models.CharField("titel", max_length=300)
    samenvatting = models.TextField("samenvatting", blank=True)
    instrument = models.CharField("soort regeling", max_length=32, choices=Instrument.choices)
    ministerie = models.ForeignKey(
        Organisatie,
        verbose_name="ministerie",
        on_delete=models.PROTECT,
        related_name="aangevraagde_consultaties",
        limit_choices_to={"soort": Soort.MINISTERIE},
    )
    beoogde_inwerkingtreding = models.DateField("beoogde inwerkingtreding", null=True, blank=True)
    termijn = models.DateTimeField(
        "termijn", help_text="Uiterste moment van indienen (Nederlandse tijd)."
    )
    status = FSMField(
        "status", default=Status.CONCEPT, choices=Status.choices, protected=True, db_index=True
    )
    geopend_op = models.DateTimeField(
        "opengesteld op",
        null=True,
        blank=True,
        editable=False,
        help_text="Wanneer de consultatie werd opengesteld en de uitnodigingen uitgingen.",
    )
    vorige_consultatie = models.ForeignKey(
        "self",
        verbose_name="eerdere consultatie (bij een hertoets)",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="hertoetsen",
    )
    kenmerk_ministerie = models.CharField(
        "kenmerk van het ministerie",
        max_length=100,
        blank=True,
        help_text="Het eigen kenmerk van het ministerie voor het ontwerp; staat in de "
        "aanbiedingsbrief.",
    )
    internetconsultatie_url = models.URLField("internetconsultatie", blank=True)
    kamerstuk_url = models.URLField("kamerstuk", blank=True)
    bestuurlijke_samenvatting = models.TextField(
        "bestuurlijke samenvatting",
        blank=True,
        help_text="Door het secretariaat, voor het gezamenlijke position paper.",
    )
    aanbevelingen = models.TextField("aanbevelingen", blank=True)
    versie = models.PositiveIntegerField(
        "versie",
        default=1,
        help_text="Verhoogd bij elke wijziging van de gegevens; een verouderde wijziging "
        "wordt geweigerd.",
    )
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    aangemaakt_op = models.DateTimeField("aangemaakt op", auto_now_add=True)
    gewijzigd_op = models.DateTimeField("gewijzigd op", auto_now=True, db_index=True)

    objects = ConsultatieQuerySet.as_manager()

    #: What a row of a list of consultations shows (``.only()``): no texts.
    LIJSTVELDEN = ("pk", "kenmerk", "titel", "termijn", "status", "ministerie__afkorting")

    class Meta:
        verbose_name = "consultatie"
        verbose_name_plural = "consultaties"
        ordering = ["-termijn", "-pk"]
        indexes = [
            models.Index(fields=["status", "termijn"]),
            # The lists' order: a page of consultations (of an organisation, through its
            # (organisatie, consultatie) index) is read along it instead of sorting them all.
            models.Index(fields=["-termijn", "-id"], name="consultatie_termijn_nieuwste"),
            # What visibility asks of each consultation joined to an organisation's
            # responses (the list's count): read from this index, not from the wide rows.
            models.Index(fields=["id", "status", "geopend_op"], name="consultatie_zichtbaar"),
        ]

    def __str__(self):
        return f"{self.kenmerk} {self.titel}"

    def save(self, *args, **kwargs):
        if not self.kenmerk:
            self.kenmerk = volgend_kenmerk()
        super().save(*args, **kwargs)

    def tijdlijn_inzage(self, user) -> Mijlpalen | None:
        """Which part of the timeline ``user`` reads (see ``AuditEvent.zichtbaar_voor``):
        the secretariaat everything; anyone else who sees the consultation (invited
        organisations, the ministry) the public milestones since its opening."""
        if permissions.is_secretaris(user, self):
            return None
        return Mijlpalen(PUBLIEKE_MIJLPALEN, met_toelichting=True, vanaf=self.geopend_op)

    # --- conditions -------------------------------------------------------------

    def termijn_in_toekomst(self) -> bool:
        return self.termijn is not None and self.termijn > timezone.now()

    def termijn_verstreken(self) -> bool:
        return not self.termijn_in_toekomst()

    def heeft_uitnodigingen(self) -> bool:
        geladen = getattr(self, "uitgenodigde_organisatie_ids", None)  # met_uitgenodigden
        return bool(geladen) if geladen is not None else self.reacties.exists()

    def heeft_document(self) -> bool:
        return self.documenten.exists()

    def heeft_definitief_rapport(self) -> bool:
        return PAPERREGELS.heeft_definitief_rapport(self)

    def verwerking_compleet(self) -> bool:
        return PAPERREGELS.verwerking_compleet(self)

    def is_gesloten(self) -> bool:
        return self.status in GESLOTEN_STATUSSEN

    @property
    def is_hertoets(self) -> bool:
        return self.instrument in Instrument.retoetsen()

    # --- transitions (state only; side effects live in services) --------------------

    @transition(
        field=status,
        source=Status.CONCEPT,
        target=Status.OPEN,
        conditions=[heeft_uitnodigingen, heeft_document, termijn_in_toekomst],
        permission=fsm_permissie(permissions.is_secretaris),
    )
    def openstellen(self):
        self.geopend_op = timezone.now()

    @transition(
        field=status,
        source=Status.OPEN,
        target=Status.GESLOTEN,
        permission=fsm_permissie(permissions.is_systeem_of_secretaris),
    )
    def sluiten(self):
        pass

    @transition(
        field=status,
        source=Status.GESLOTEN,
        target=Status.OPEN,
        permission=fsm_permissie(permissions.is_secretaris),
    )
    def heropenen(self, termijn=None):
        # The service validates that the new termijn lies in the future.
        self.termijn = termijn

    @transition(
        field=status,
        source=Status.GESLOTEN,
        target=Status.VERZONDEN,
        conditions=[heeft_definitief_rapport],
        permission=fsm_permissie(permissions.is_secretaris),
    )
    def verzenden(self):
        pass

    @transition(
        field=status,
        source=Status.VERZONDEN,
        target=Status.AFGEROND,
        conditions=[verwerking_compleet],
        permission=fsm_permissie(permissions.is_secretaris),
    )
    def afronden(self):
        pass

    @transition(
        field=status,
        source=[Status.CONCEPT, Status.OPEN, Status.GESLOTEN],
        target=Status.INGETROKKEN,
        permission=fsm_permissie(permissions.is_secretaris),
    )
    def intrekken(self):
        pass


class Vraag(models.Model):
    """A specific question the ministry poses to every organisation."""

    consultatie = models.ForeignKey(Consultatie, on_delete=models.CASCADE, related_name="vragen")
    volgorde = models.PositiveIntegerField("volgorde", default=1)
    tekst = models.TextField("vraag")

    class Meta:
        verbose_name = "vraag van het ministerie"
        verbose_name_plural = "vragen van het ministerie"
        ordering = ["consultatie", "volgorde", "pk"]

    def __str__(self):
        return self.tekst[:80]


def document_pad(instance, filename):
    # Never trust the uploaded name for the path; keep it only as metadata.
    return f"documenten/{instance.consultatie_id}/v{instance.versie}-{instance.sha256[:16]}.bin"


class DocumentQuerySet(models.QuerySet):
    def zichtbaar_voor(self, user):
        """The documents of the consultations ``user`` may see."""
        return self.filter(consultatie__in=Consultatie.objects.zichtbaar_voor(user).values("pk"))


class Document(GeuploadBestand):
    """A version of the draft text under consultation."""

    consultatie = models.ForeignKey(
        Consultatie, on_delete=models.CASCADE, related_name="documenten"
    )
    versie = models.PositiveIntegerField("versie")
    titel = models.CharField("titel", max_length=300)
    bestand = models.FileField("bestand", upload_to=document_pad)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        verbose_name = "document"
        verbose_name_plural = "documenten"
        ordering = ["consultatie", "-versie"]
        constraints = [
            models.UniqueConstraint(fields=["consultatie", "versie"], name="uniek_documentversie")
        ]

    def __str__(self):
        return f"{self.titel} (versie {self.versie})"

    @staticmethod
    def bereken_sha256(fileobj) -> str:
        digest = hashlib.sha256()
        for chunk in fileobj.chunks():
            digest.update(chunk)
        fileobj.seek(0)
        return digest.hexdigest()

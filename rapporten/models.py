"""Versions of the joint position paper, the ministry's receipt and its verwerking."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.fields.json import KeyTransform
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, FSMModelMixin, transition

from audit.models import Mijlpalen
from consultaties.models import Consultatie
from consultaties.models import Status as ConsultatieStatus
from kern.keuzelabels import Keuzelabels
from kern.tellingen import TellingBron, TellingBronQuerySet
from kern.wijzigingen import GewijzigdOpBijgehouden
from kern.workflow import fsm_permissie
from organisaties.models import Netwerk
from reacties.models import Reactie

from . import permissions

#: What the ministry and the contributing organisations read on the timeline of the sent
#: paper, with the notes (addressed to them: the sending, the receipt, the verwerking).
#: How the versions were made stays with the secretariaat.
PUBLIEKE_MIJLPALEN = frozenset(
    {"verzenden", "ontvangst_bevestigd", "verwerking_vastgelegd", "verwerking_gewijzigd"}
)


class Status(models.TextChoices):
    CONCEPT = "concept", _("Concept")
    DEFINITIEF = "definitief", _("Definitief")
    VERZONDEN = "verzonden", _("Verzonden")


class GeneratieStatus(models.TextChoices):
    WACHTRIJ = "wachtrij", _("In de wachtrij")
    BEZIG = "bezig", _("Bezig")
    KLAAR = "klaar", _("Klaar")
    MISLUKT = "mislukt", _("Mislukt")


class Uitkomst(models.TextChoices):
    OVERGENOMEN = "overgenomen", _("Overgenomen")
    DEELS_OVERGENOMEN = "deels_overgenomen", _("Deels overgenomen")
    NIET_OVERGENOMEN = "niet_overgenomen", _("Niet overgenomen")


#: What a version freezes. Once it is definitief none of these may change.
BEVROREN_VELDEN = frozenset(
    {"snapshot", "inhoud_sha256", "pdf", "sha256", "versie", "consultatie", "kernpuntnummers"}
)


class RapportOnveranderlijk(Exception):
    """An attempt to change the frozen content of a definitief or verzonden version."""


#: A version that is definitief or has been sent: its content is final.
DEFINITIEVE_STATUSSEN = (Status.DEFINITIEF, Status.VERZONDEN)


class RapportQuerySet(TellingBronQuerySet):
    def definitief(self):
        """Versions whose content is final (what a consultation needs to be sent)."""
        return self.filter(status__in=DEFINITIEVE_STATUSSEN)

    def zonder_inhoud(self):
        """Only what a list or an allowed action reads of a version (number and state):
        its snapshot is hundreds of kB of JSON, decoded on every load."""
        return self.only("id", "consultatie_id", "versie", "status")

    def met_snapshotkernpunten(self):
        """For the page of a version: of its snapshot only the kernpunten it lists
        (``snapshot_kernpunten``), extracted by the database; the rest of the snapshot (the
        contributions, four fifths of it) stays unread unless asked for."""
        return self.defer("snapshot").annotate(
            snapshot_kernpunten=KeyTransform("kernpunten", "snapshot")
        )

    def zichtbaar_voor(self, user):
        """The secretaris sees every version; the ministry only the version sent to it, of
        its own consultations; a member organisation only the version sent to the ministry
        of a consultation it contributed to (its response was accepted into the paper), so
        the network sees what the ministry did with its points. Concept and unsent
        definitive versions stay with the secretariat. Everything else answers 404."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_secretaris:
            return self.all()
        # The consultation asked per paper by key (EXISTS), not joined: joined, SQLite
        # started from every sent consultation of the years to list a page of papers.
        verstuurd = Consultatie.objects.filter(
            pk=models.OuterRef("consultatie_id"),
            status__in=(ConsultatieStatus.VERZONDEN, ConsultatieStatus.AFGEROND),
        )
        verzonden = self.filter(status=Status.VERZONDEN)
        if user.is_ministerie:
            return verzonden.filter(
                models.Exists(verstuurd.filter(ministerie_id=user.organisatie_id))
            )
        if user.is_organisatie_medewerker and user.organisatie_id:
            from .regels import reacties_in_paper_q

            # Per paper by key (EXISTS on the consultation's response of this organisation):
            # as ``consultatie_id__in`` SQLite first listed the consultations of every
            # response the organisation had accepted over the years.
            bijgedragen = Reactie.objects.filter(
                reacties_in_paper_q(),
                organisatie_id=user.organisatie_id,
                consultatie_id=models.OuterRef("consultatie_id"),
            )
            return verzonden.filter(models.Exists(verstuurd), models.Exists(bijgedragen))
        return self.none()

    def openbaar(self, nu=None):
        """The papers anyone may read without logging in: the version sent to the ministry
        whose publication moment has come (``Rapport.openbaar_vanaf``), of a consultation
        that was sent. A publication set for later, a withdrawn one, a concept, an unsent
        definitive version or any other version of the consultation is not among them."""
        return self.filter(
            status=Status.VERZONDEN,
            publicatie__openbaar_vanaf__lte=nu or timezone.now(),
            consultatie__status__in=(ConsultatieStatus.VERZONDEN, ConsultatieStatus.AFGEROND),
        )

    def kernpuntnummers_voor(self, consultatie_id: int) -> dict[int, str]:
        """Kernpunt id → number (K1, K2, …) as fixed by the consultation's paper: the version
        sent to the ministry, else the newest definitief one; {} while only concepts exist
        (their numbers may still change). One small query."""
        rij = (
            self.filter(consultatie_id=consultatie_id)
            .exclude(status=Status.CONCEPT)
            .order_by(
                models.Case(models.When(status=Status.VERZONDEN, then=0), default=1), "-versie"
            )
            .values_list("kernpuntnummers", flat=True)
            .first()
        )
        return {int(k): v for k, v in (rij or {}).items()}

    def update(self, **kwargs):
        if BEVROREN_VELDEN & set(kwargs) and self.exclude(status=Status.CONCEPT).exists():
            raise RapportOnveranderlijk("Een definitieve versie verandert nooit.")
        return super().update(**kwargs)


def pdf_pad(instance, filename):
    # Never derive the path from user text; the id and version are enough.
    return f"rapporten/{instance.consultatie_id}/rapport-{instance.pk}-v{instance.versie}.pdf"


class Rapport(TellingBron, GewijzigdOpBijgehouden, FSMModelMixin, models.Model):
    """One numbered version of the joint position paper.

    The ``snapshot`` freezes everything the paper shows; the PDF renders from it alone,
    so later edits of responses or of the consultation never change a version.
    """

    #: Who may see a version depends on its status (and on its consultation's and the
    #: responses' fields, which keep their own): the list's remembered totals
    #: (``kern.tellingen``) are counted again after a change to it.
    telling_velden = frozenset({"status"})

    consultatie = models.ForeignKey(
        Consultatie, verbose_name="consultatie", on_delete=models.PROTECT, related_name="rapporten"
    )
    versie = models.PositiveIntegerField("versie")
    status = FSMField(
        "status", default=Status.CONCEPT, choices=Status.choices, protected=True, db_index=True
    )
    snapshot = models.JSONField("snapshot", default=dict, blank=True)
    inhoud_sha256 = models.CharField(
        "inhoudshash", max_length=64, blank=True, help_text="sha256 van de bevroren inhoud."
    )
    kernpuntnummers = models.JSONField(
        "kernpuntnummers",
        default=dict,
        blank=True,
        help_text="Kernpunt-id → nummer (K1, K2, …) in deze versie; een kopie uit de snapshot "
        "zodat pagina's de nummers tonen zonder de hele snapshot te lezen.",
    )
    pdf = models.FileField("pdf", upload_to=pdf_pad, blank=True)
    sha256 = models.CharField("sha256 van de pdf", max_length=64, blank=True)
    paginas = models.PositiveIntegerField("aantal pagina's", null=True, blank=True)

    generatie_status = models.CharField(
        "generatie",
        max_length=16,
        choices=GeneratieStatus.choices,
        default=GeneratieStatus.WACHTRIJ,
    )
    voortgang = models.CharField("voortgang", max_length=200, blank=True)
    foutmelding = models.TextField("foutmelding", blank=True)
    gegenereerd_op = models.DateTimeField("pdf gemaakt op", null=True, blank=True)
    hartslag_op = models.DateTimeField(
        "laatste teken van leven",
        null=True,
        blank=True,
        help_text="Bijgewerkt bij het in de wachtrij zetten en terwijl een worker de PDF "
        "maakt; blijft het te lang stil, dan is de worker verdwenen.",
    )

    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    aangemaakt_op = models.DateTimeField("aangemaakt op", auto_now_add=True)
    gewijzigd_op = models.DateTimeField("gewijzigd op", auto_now=True, db_index=True)
    definitief_op = models.DateTimeField("definitief gemaakt op", null=True, blank=True)
    verzonden_op = models.DateTimeField("verzonden op", null=True, blank=True)
    ontvangen_op = models.DateTimeField("ontvangst bevestigd op", null=True, blank=True)
    ontvangen_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    ontvangst_toelichting = models.TextField("toelichting bij ontvangst", blank=True)
    objects = RapportQuerySet.as_manager()

    class Meta:
        verbose_name = "rapport"
        verbose_name_plural = "rapporten"
        ordering = ["consultatie", "-versie"]
        constraints = [
            models.UniqueConstraint(fields=["consultatie", "versie"], name="uniek_rapportversie"),
            models.UniqueConstraint(
                fields=["consultatie"],
                condition=Q(status="verzonden"),
                name="een_verzonden_rapport_per_consultatie",
            ),
        ]
        indexes = [
            # The API list's order (newest first): a page read from the index; without it
            # SQLite joined every version to its consultation and sorted them all.
            models.Index(fields=["-aangemaakt_op", "-id"], name="rapport_nieuwste"),
        ]

    def __str__(self):
        return f"Position paper {self.consultatie.kenmerk} versie {self.versie}"

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if self.pk is not None and (update_fields is None or BEVROREN_VELDEN & set(update_fields)):
            opgeslagen = type(self).objects.filter(pk=self.pk).values_list("status", flat=True)
            if opgeslagen and opgeslagen[0] != Status.CONCEPT:
                raise RapportOnveranderlijk(
                    "Een definitieve versie verandert nooit; maak een nieuwe versie."
                )
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self.status != Status.CONCEPT:
            raise RapportOnveranderlijk("Een definitieve versie kan niet worden verwijderd.")
        return super().delete(*args, **kwargs)

    def tijdlijn_inzage(self, user) -> Mijlpalen | None:
        """Which part of the timeline ``user`` reads (see ``AuditEvent.zichtbaar_voor``):
        the secretariaat everything, the ministry and the contributing organisations (who
        see only the sent paper) its public milestones."""
        if permissions.is_secretaris(user, self):
            return None
        return Mijlpalen(PUBLIEKE_MIJLPALEN, met_toelichting=True)

    # --- conditions ---------------------------------------------------------------

    def pdf_gereed(self) -> bool:
        return self.generatie_status == GeneratieStatus.KLAAR and bool(self.pdf and self.sha256)

    def consultatie_gesloten(self) -> bool:
        return self.consultatie.status == ConsultatieStatus.GESLOTEN

    @property
    def is_definitief(self) -> bool:
        return self.status in DEFINITIEVE_STATUSSEN

    @property
    def openbaar_vanaf(self):
        """When this version is or becomes public; ``None``: not published."""
        try:
            return self.publicatie.openbaar_vanaf
        except Publicatie.DoesNotExist:
            return None

    @property
    def is_openbaar(self) -> bool:
        """Public now (the moment has come); see ``RapportQuerySet.openbaar``."""
        return (
            self.status == Status.VERZONDEN
            and self.openbaar_vanaf is not None
            and self.openbaar_vanaf <= timezone.now()
        )

    @property
    def publicatie_gepland(self) -> bool:
        """Set to become public at a later moment (which can still change)."""
        return self.openbaar_vanaf is not None and self.openbaar_vanaf > timezone.now()

    @property
    def is_bezig(self) -> bool:
        return self.generatie_status in (GeneratieStatus.WACHTRIJ, GeneratieStatus.BEZIG)

    @property
    def kernpunt_ids(self) -> list[int]:
        return [k["id"] for k in self.snapshot.get("kernpunten", [])]

    # --- transitions (state only; side effects live in services) ---------------------
    # The services check the conditions first with a clear 409 message; as conditions
    # here they decide which actions are offered (``toegestane_acties``).

    @transition(
        field=status,
        source=Status.CONCEPT,
        target=Status.DEFINITIEF,
        conditions=[pdf_gereed],
        permission=fsm_permissie(permissions.is_secretaris),
    )
    def definitief_maken(self):
        pass

    @transition(
        field=status,
        source=Status.DEFINITIEF,
        target=Status.VERZONDEN,
        conditions=[consultatie_gesloten],
        permission=fsm_permissie(permissions.is_secretaris),
    )
    def verzenden(self):
        pass


class VerwerkingQuerySet(models.QuerySet):
    def zichtbaar_voor(self, user):
        """What the ministry recorded is read with the paper it was recorded on.

        Asked per row by key (EXISTS): as ``rapport__in`` SQLite first listed every paper
        the user may read, for an organisation one per response of the years."""
        return self.filter(
            models.Exists(
                Rapport.objects.zichtbaar_voor(user).filter(pk=models.OuterRef("rapport_id"))
            )
        )


class Verwerking(Keuzelabels, models.Model):
    """What the ministry did with one kernpunt of the paper sent to it."""

    rapport = models.ForeignKey(Rapport, on_delete=models.PROTECT, related_name="verwerkingen")
    kernpunt = models.ForeignKey(
        "reacties.Kernpunt", on_delete=models.PROTECT, related_name="verwerkingen"
    )
    uitkomst = models.CharField("uitkomst", max_length=32, choices=Uitkomst.choices)
    toelichting = models.TextField("toelichting")
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    vastgelegd_op = models.DateTimeField("vastgelegd op", auto_now=True)

    objects = VerwerkingQuerySet.as_manager()

    class Meta:
        verbose_name = "verwerking"
        verbose_name_plural = "verwerkingen"
        ordering = ["rapport", "kernpunt"]
        constraints = [
            models.UniqueConstraint(
                fields=["rapport", "kernpunt"], name="een_verwerking_per_kernpunt"
            )
        ]

    def __str__(self):
        return f"{self.get_uitkomst_display()}: kernpunt #{self.kernpunt_id}"


class Publicatie(models.Model):
    """The secretariat's decision to publish the paper sent to the ministry in the public
    archive, from ``openbaar_vanaf`` on (at once, or e.g. the day the ministry publishes the
    bill). Withdrawing removes the row; the audit trail of the paper keeps the history.
    Its own table, so the archive filters and sorts without reading the paper's snapshot.
    Changed only through ``rapporten.services.rapport_publiceren`` and
    ``rapport_publicatie_intrekken``."""

    rapport = models.OneToOneField(Rapport, on_delete=models.PROTECT, related_name="publicatie")
    openbaar_vanaf = models.DateTimeField("openbaar vanaf", db_index=True)
    gewijzigd_op = models.DateTimeField("gewijzigd op", auto_now=True)

    class Meta:
        verbose_name = "publicatie"
        verbose_name_plural = "publicaties"
        ordering = ["-openbaar_vanaf"]

    def __str__(self):
        return f"Publicatie van rapport #{self.rapport_id} vanaf {self.openbaar_vanaf:%Y-%m-%d}"


class OndertekenaarRol(models.TextChoices):
    VOORZITTER = "voorzitter", "Voorzitter (ondertekent de aanbiedingsbrief)"
    CONTACTPERSOON = "contactpersoon", "Contactpersoon"


class Ondertekenaar(models.Model):
    """Who signs the aanbiedingsbrief for a network (its chair), and the contact person(s)
    of the secretariat the ministry can call. Kept by the secretariat in the admin; each
    new version of a paper freezes the active ones in its snapshot."""

    rol = models.CharField("rol", max_length=16, choices=OndertekenaarRol.choices)
    netwerk = models.CharField(
        "netwerk",
        max_length=32,
        choices=Netwerk.choices,
        blank=True,
        help_text="Bij een voorzitter: het netwerk dat hij of zij voorzit. Een voorzitter "
        "tekent als een organisatie uit dat netwerk bijdraagt.",
    )
    naam = models.CharField("naam", max_length=200)
    functie = models.CharField("functie", max_length=200, blank=True)
    organisatie = models.CharField("organisatie", max_length=200, blank=True)
    email = models.EmailField("e-mail", blank=True)
    telefoon = models.CharField("telefoon", max_length=40, blank=True)
    actief = models.BooleanField("actief", default=True)
    volgorde = models.PositiveSmallIntegerField("volgorde", default=0)

    class Meta:
        verbose_name = "ondertekenaar of contactpersoon"
        verbose_name_plural = "ondertekenaars en contactpersonen"
        ordering = ["rol", "volgorde", "naam"]

    def __str__(self):
        return f"{self.naam} ({self.get_rol_display().split(' (')[0].lower()})"

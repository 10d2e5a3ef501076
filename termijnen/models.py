"""Extension requests: an organisation asks the secretariaat for more time."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, FSMModelMixin, transition

from kern.workflow import fsm_permissie
from organisaties.permissions import is_secretaris
from reacties.models import Reactie


class VerzoekStatus(models.TextChoices):
    AANGEVRAAGD = "aangevraagd", _("Aangevraagd")
    TOEGEKEND = "toegekend", _("Toegekend")
    AFGEWEZEN = "afgewezen", _("Afgewezen")


class VerlengingsverzoekQuerySet(models.QuerySet):
    def zichtbaar_voor(self, user):
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_secretaris:
            return self.all()
        if user.is_organisatie_medewerker:
            return self.filter(reactie__organisatie_id=user.organisatie_id)
        return self.none()

    def open(self):
        return self.filter(status=VerzoekStatus.AANGEVRAAGD)


class Verlengingsverzoek(FSMModelMixin, models.Model):
    """An organisation asks the secretariaat for more time on its response."""

    reactie = models.ForeignKey(
        Reactie, on_delete=models.CASCADE, related_name="verlengingsverzoeken"
    )
    reden = models.TextField("reden")
    gewenste_termijn = models.DateTimeField("gewenste termijn", null=True, blank=True)
    aangevraagd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    aangevraagd_op = models.DateTimeField("aangevraagd op", default=timezone.now)
    status = FSMField(
        "status",
        default=VerzoekStatus.AANGEVRAAGD,
        choices=VerzoekStatus.choices,
        protected=True,
        db_index=True,
    )
    nieuwe_termijn = models.DateTimeField("toegekende termijn", null=True, blank=True)
    besluit_toelichting = models.TextField("toelichting bij het besluit", blank=True)
    beslist_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    beslist_op = models.DateTimeField("beslist op", null=True, blank=True)

    objects = VerlengingsverzoekQuerySet.as_manager()

    class Meta:
        verbose_name = "verlengingsverzoek"
        verbose_name_plural = "verlengingsverzoeken"
        # Moved here from notificaties: the table keeps its name, so the data stays put.
        db_table = "notificaties_verlengingsverzoek"
        ordering = ["-aangevraagd_op", "-pk"]
        indexes = [
            # The list's default order (open first, newest first): a page of 25 read from
            # the index instead of sorting every request of the years.
            models.Index(
                fields=["status", "-aangevraagd_op", "-id"], name="verzoek_status_nieuwste"
            ),
        ]
        constraints = [
            # One pending request per response: a second one would only confuse.
            models.UniqueConstraint(
                fields=["reactie"],
                condition=Q(status="aangevraagd"),
                name="een_open_verlengingsverzoek_per_reactie",
            )
        ]

    def __str__(self):
        return f"Verlenging voor {self.reactie} ({self.get_status_display().lower()})"

    @transition(
        field=status,
        source=VerzoekStatus.AANGEVRAAGD,
        target=VerzoekStatus.TOEGEKEND,
        permission=fsm_permissie(is_secretaris),
    )
    def toekennen(self, door=None, termijn=None, toelichting=""):
        self.beslist_door = door
        self.beslist_op = timezone.now()
        self.nieuwe_termijn = termijn
        self.besluit_toelichting = toelichting

    @transition(
        field=status,
        source=VerzoekStatus.AANGEVRAAGD,
        target=VerzoekStatus.AFGEWEZEN,
        permission=fsm_permissie(is_secretaris),
    )
    def afwijzen(self, door=None, toelichting=""):
        self.beslist_door = door
        self.beslist_op = timezone.now()
        self.besluit_toelichting = toelichting

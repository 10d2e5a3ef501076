"""The append-only audit trail: every transition and every significant change."""

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.query import ModelIterable
from django.utils import timezone


class AuditTrailOnveranderlijk(Exception):
    """Raised on any attempt to change or delete an audit event."""


@dataclass(frozen=True)
class Mijlpalen:
    """The part of an object's timeline an outsider reads (see ``tijdlijn_inzage``):
    only these actions, only from ``vanaf`` on (nothing of a concept phase), and their
    notes only when ``met_toelichting`` (notes addressed to every reader, as a
    consultation's). Internal data and, without notes, the from-state are left out."""

    acties: frozenset[str]
    met_toelichting: bool = False
    vanaf: datetime | None = None


class _AlleenMijlpalen(ModelIterable):
    """Events for an outsider: the milestone, its time and actor, nothing internal.

    The blanked instances cannot be written back: an existing event refuses ``save``.
    """

    def __iter__(self):
        for event in super().__iter__():
            event.toelichting = ""
            event.gegevens = {}
            event.van_status = ""
            yield event


class _ZonderGegevens(ModelIterable):
    """Events for an outsider who may read the notes: still without internal data."""

    def __iter__(self):
        for event in super().__iter__():
            event.gegevens = {}
            yield event


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AuditTrailOnveranderlijk("De audittrail kan niet worden gewijzigd.")

    def delete(self):
        raise AuditTrailOnveranderlijk("De audittrail kan niet worden verwijderd.")

    def voor(self, obj):
        queryset = self.filter(
            content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk
        ).select_related("actor", "actor__organisatie")
        queryset._tijdlijn_van = obj
        return queryset

    def zichtbaar_voor(self, user):
        """The part of ``voor(obj)``'s timeline that ``user`` may read.

        The object's model decides, in one place, through ``tijdlijn_inzage(user)``:
        ``None`` means the whole timeline with its notes; otherwise it returns the
        :class:`Mijlpalen` the user gets. Pages, API and paper all ask here. A model
        without that method shows its timeline to whoever sees it.
        """
        obj = getattr(self, "_tijdlijn_van", None)
        if obj is None:
            raise TypeError("zichtbaar_voor() needs voor(obj) first: the object has the rule.")
        inzage = getattr(obj, "tijdlijn_inzage", None)
        mijlpalen = inzage(user) if inzage is not None else None
        if mijlpalen is None:
            return self
        queryset = self.filter(actie__in=mijlpalen.acties)
        if mijlpalen.vanaf is not None:
            queryset = queryset.filter(tijdstip__gte=mijlpalen.vanaf)
        queryset._iterable_class = (
            _ZonderGegevens if mijlpalen.met_toelichting else _AlleenMijlpalen
        )
        return queryset

    def _clone(self):
        kloon = super()._clone()
        kloon._tijdlijn_van = getattr(self, "_tijdlijn_van", None)
        return kloon


class AuditEvent(models.Model):
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField()
    object = GenericForeignKey("content_type", "object_id")
    actie = models.CharField("actie", max_length=64)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="door",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Leeg wanneer het systeem de actie uitvoerde (bijvoorbeeld de termijnbewaking).",
    )
    tijdstip = models.DateTimeField("tijdstip", default=timezone.now, db_index=True)
    van_status = models.CharField("van status", max_length=32, blank=True)
    naar_status = models.CharField("naar status", max_length=32, blank=True)
    toelichting = models.TextField("toelichting", blank=True)
    gegevens = models.JSONField("gegevens", default=dict, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = "auditgebeurtenis"
        verbose_name_plural = "auditgebeurtenissen"
        ordering = ["tijdstip", "pk"]
        indexes = [
            models.Index(fields=["content_type", "object_id", "tijdstip"]),
            # The newest events of one kind (the refused SSO logins on the invitations
            # page). Without it SQLite walked the tijdstip index back through all 450,000
            # events of five years when there were none of that kind.
            models.Index(fields=["actie", "tijdstip"], name="audit_actie_tijdstip"),
        ]

    def __str__(self):
        return f"{self.tijdstip:%Y-%m-%d %H:%M} {self.actie}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AuditTrailOnveranderlijk("Een auditgebeurtenis kan niet worden gewijzigd.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AuditTrailOnveranderlijk("Een auditgebeurtenis kan niet worden verwijderd.")

    @property
    def is_transitie(self):
        return bool(self.van_status or self.naar_status) and self.van_status != self.naar_status

from django.conf import settings
from django.db import models
from django_fsm import FSMField, FSMModelMixin, transition

from consultaties.models import Consultatie


class Status(models.TextChoices):
    CONCEPT = "concept", "Concept"
    DEFINITIEF = "definitief", "Definitief"
    VERZONDEN = "verzonden", "Verzonden"


class Rapport(FSMModelMixin, models.Model):
    """One numbered version of the joint position paper."""

    consultatie = models.ForeignKey(Consultatie, on_delete=models.PROTECT, related_name="rapporten")
    versie = models.PositiveIntegerField("versie")
    status = FSMField("status", default=Status.CONCEPT, choices=Status.choices, protected=True)
    snapshot = models.JSONField("snapshot", default=dict, blank=True)
    pdf = models.FileField("pdf", upload_to="rapporten/", blank=True)
    sha256 = models.CharField("sha256", max_length=64, blank=True)
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    aangemaakt_op = models.DateTimeField("aangemaakt op", auto_now_add=True)

    class Meta:
        verbose_name = "rapport"
        verbose_name_plural = "rapporten"
        ordering = ["consultatie", "-versie"]
        constraints = [
            models.UniqueConstraint(fields=["consultatie", "versie"], name="uniek_rapportversie")
        ]

    def __str__(self):
        return f"Position paper {self.consultatie.kenmerk} versie {self.versie}"

    @transition(field=status, source=Status.CONCEPT, target=Status.DEFINITIEF)
    def definitief_maken(self):
        pass

    @transition(field=status, source=Status.DEFINITIEF, target=Status.VERZONDEN)
    def verzenden(self):
        pass

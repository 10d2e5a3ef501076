from django.conf import settings
from django.db import models
from django.utils import timezone


class NotificatieQuerySet(models.QuerySet):
    def ongelezen(self):
        return self.filter(gelezen_op__isnull=True)


class Notificatie(models.Model):
    """A message to one user, shown in the app and (optionally) sent by e-mail."""

    ontvanger = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notificaties"
    )
    soort = models.CharField("soort", max_length=64)
    onderwerp = models.CharField("onderwerp", max_length=300)
    tekst = models.TextField("tekst")
    link = models.CharField("link", max_length=300, blank=True)
    aangemaakt_op = models.DateTimeField("aangemaakt op", default=timezone.now, db_index=True)
    gelezen_op = models.DateTimeField("gelezen op", null=True, blank=True)
    gemaild_op = models.DateTimeField("gemaild op", null=True, blank=True)

    objects = NotificatieQuerySet.as_manager()

    class Meta:
        verbose_name = "notificatie"
        verbose_name_plural = "notificaties"
        ordering = ["-aangemaakt_op", "-pk"]

    def __str__(self):
        return self.onderwerp

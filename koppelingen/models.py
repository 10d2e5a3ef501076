"""Webhook subscriptions of an organisation, and every delivery with its attempts."""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .permissions import kan_abonnementen_beheren

GEHEIM_VOORVOEGSEL = "whsec_"


def nieuw_geheim() -> str:
    """A signing secret in the Standard Webhooks format: ``whsec_`` + base64 of 32 bytes."""
    import base64

    return GEHEIM_VOORVOEGSEL + base64.b64encode(secrets.token_bytes(32)).decode()


class AbonnementQuerySet(models.QuerySet):
    def zichtbaar_voor(self, user):
        """An organisation manages its own subscriptions; nobody sees another's (404)."""
        if not kan_abonnementen_beheren(user):
            return self.none()
        return self.filter(organisatie_id=user.organisatie_id)


class Abonnement(models.Model):
    """A URL that receives the events its ``eigenaar`` may see.

    The events are chosen per subscription (``soorten``; empty: all). Who gets which event
    is decided at delivery by the owner's visibility (``zichtbaar_voor``): the same rules as
    pages and API, so a subscription never sees more than its owner.
    """

    organisatie = models.ForeignKey(
        "organisaties.Organisatie",
        on_delete=models.CASCADE,
        related_name="abonnementen",
        verbose_name=_("organisatie"),
    )
    eigenaar = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="abonnementen",
        verbose_name=_("aangemaakt door"),
        help_text=_("Het abonnement ontvangt wat deze gebruiker mag zien."),
    )
    url = models.URLField(_("URL"), max_length=500)
    omschrijving = models.CharField(_("omschrijving"), max_length=200, blank=True)
    soorten = models.JSONField(_("gebeurtenissen"), default=list, blank=True)
    # Stored in clear because signing needs it (HMAC); shown once, never again.
    geheim = models.CharField(max_length=100, default=nieuw_geheim, editable=False)
    #: The previous secret still signs (as a second signature) until this moment.
    vorig_geheim = models.CharField(max_length=100, blank=True, editable=False)
    vorig_geheim_tot = models.DateTimeField(null=True, blank=True, editable=False)
    actief = models.BooleanField(_("actief"), default=True)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    gewijzigd_op = models.DateTimeField(_("gewijzigd op"), auto_now=True, db_index=True)

    objects = AbonnementQuerySet.as_manager()

    class Meta:
        verbose_name = _("abonnement")
        verbose_name_plural = _("abonnementen")
        ordering = ["-aangemaakt_op", "-pk"]

    def __str__(self):
        return self.url

    def save(self, *args, update_fields=None, **kwargs):
        if update_fields is not None:
            update_fields = {*update_fields, "gewijzigd_op"}
        super().save(*args, update_fields=update_fields, **kwargs)

    def ontvangt(self, soort: str) -> bool:
        return not self.soorten or soort in self.soorten


class AfleveringStatus(models.TextChoices):
    WACHTRIJ = "wachtrij", _("In de wachtrij")
    BEZIG = "bezig", _("Bezig")
    AFGELEVERD = "afgeleverd", _("Afgeleverd")
    MISLUKT = "mislukt", _("Mislukt, wordt opnieuw geprobeerd")
    OPGEGEVEN = "opgegeven", _("Opgegeven")


class Aflevering(models.Model):
    """One event for one subscription. The body is fixed when the event happens, so each
    attempt sends the same bytes with the same id (a receiver can deduplicate)."""

    abonnement = models.ForeignKey(
        Abonnement, on_delete=models.CASCADE, related_name="afleveringen"
    )
    gebeurtenis_id = models.UUIDField(_("gebeurtenis-id"))
    soort = models.CharField(_("gebeurtenis"), max_length=100)
    onderwerp = models.CharField(_("onderwerp"), max_length=100)
    bericht = models.TextField(_("bericht"))
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=AfleveringStatus.choices,
        default=AfleveringStatus.WACHTRIJ,
    )
    pogingen = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    volgende_poging_op = models.DateTimeField(_("volgende poging"), null=True, blank=True)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    bijgewerkt_op = models.DateTimeField(_("bijgewerkt op"), auto_now=True)
    afgeleverd_op = models.DateTimeField(_("afgeleverd op"), null=True, blank=True)

    class Meta:
        verbose_name = _("aflevering")
        verbose_name_plural = _("afleveringen")
        ordering = ["-aangemaakt_op", "-pk"]
        indexes = [
            models.Index(fields=["abonnement", "-aangemaakt_op"]),
            models.Index(fields=["status", "volgende_poging_op"]),
            models.Index(fields=["aangemaakt_op"]),
        ]

    def __str__(self):
        return f"{self.soort} → {self.abonnement_id}"


class Poging(models.Model):
    """One HTTP attempt and its outcome: the status code, or the error."""

    aflevering = models.ForeignKey(
        Aflevering, on_delete=models.CASCADE, related_name="pogingen_log"
    )
    tijdstip = models.DateTimeField(_("tijdstip"))
    statuscode = models.PositiveSmallIntegerField(_("statuscode"), null=True, blank=True)
    fout = models.CharField(_("fout"), max_length=500, blank=True)
    duur_ms = models.PositiveIntegerField(_("duur (ms)"), default=0)
    gelukt = models.BooleanField(_("gelukt"), default=False)

    class Meta:
        verbose_name = _("poging")
        verbose_name_plural = _("pogingen")
        ordering = ["tijdstip", "pk"]

    def __str__(self):
        return f"{self.tijdstip:%Y-%m-%d %H:%M:%S} {self.statuscode or self.fout}"

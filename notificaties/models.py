import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from organisaties.models import Organisatie
from reacties.models import Reactie
from termijnen.kalender import KRITIEK_WERKDAGEN, RISICO_WERKDAGEN


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
        indexes = [
            models.Index(fields=["ontvanger", "gelezen_op"]),
            # The list's order per user: a page read from the index, not a sort of every
            # notification a user got in years (the secretaris gets tens of thousands).
            models.Index(
                fields=["ontvanger", "-aangemaakt_op", "-id"], name="notificatie_nieuwste"
            ),
        ]

    def __str__(self):
        return self.onderwerp


class EmailStatus(models.TextChoices):
    WACHTRIJ = "wachtrij", _("In de wachtrij")
    BEZIG = "bezig", _("Wordt verstuurd")
    VERZONDEN = "verzonden", _("Verzonden")
    MISLUKT = "mislukt", _("Mislukt, wordt opnieuw geprobeerd")
    OPGEGEVEN = "opgegeven", _("Mislukt, niet meer geprobeerd")


class EmailQuerySet(models.QuerySet):
    def mislukt(self):
        return self.filter(status__in=(EmailStatus.MISLUKT, EmailStatus.OPGEGEVEN))


class Email(models.Model):
    """One e-mail to send, rendered when the event happened, sent by a background task.

    The row is the outbox: the task claims it (``wachtrij`` → ``bezig``), sends it and
    records the outcome; failures get a next attempt with backoff, picked up by
    ``verwerk_termijnen``, until ``MAX_POGINGEN``.
    """

    MAX_POGINGEN = 6

    notificatie = models.OneToOneField(
        Notificatie, on_delete=models.SET_NULL, null=True, blank=True, related_name="email"
    )
    aan = models.EmailField("aan")
    onderwerp = models.CharField("onderwerp", max_length=300)
    tekst = models.TextField("tekst")
    html = models.TextField("html")
    status = models.CharField(
        "status",
        max_length=16,
        choices=EmailStatus.choices,
        default=EmailStatus.WACHTRIJ,
        db_index=True,
    )
    pogingen = models.PositiveIntegerField("pogingen", default=0)
    volgende_poging_op = models.DateTimeField("volgende poging op", null=True, blank=True)
    laatste_fout = models.TextField("laatste fout", blank=True)
    aangemaakt_op = models.DateTimeField("aangemaakt op", default=timezone.now)
    bijgewerkt_op = models.DateTimeField("bijgewerkt op", default=timezone.now)
    verzonden_op = models.DateTimeField("verzonden op", null=True, blank=True)

    objects = EmailQuerySet.as_manager()

    class Meta:
        verbose_name = "e-mail"
        verbose_name_plural = "e-mails"
        ordering = ["-aangemaakt_op", "-pk"]
        indexes = [
            models.Index(fields=["status", "volgende_poging_op"]),
            # The few failed ones among years of sent e-mails, newest first (the
            # secretaris's start page and menu): read from the index, not a scan.
            models.Index(fields=["status", "-aangemaakt_op", "-id"], name="email_status_nieuwste"),
        ]

    def __str__(self):
        return f"{self.aan}: {self.onderwerp}"


class HerinneringSoort(models.TextChoices):
    ZEVEN_WERKDAGEN = "7_werkdagen", _("Herinnering 7 werkdagen voor de termijn")
    TWEE_WERKDAGEN = "2_werkdagen", _("Herinnering 2 werkdagen voor de termijn (met escalatie)")


#: Working days before the termijn for each reminder, latest stage last.
#: The reminders go out when a response reaches risk, and critical (``termijnen.kalender``).
HERINNERING_WERKDAGEN = {
    HerinneringSoort.ZEVEN_WERKDAGEN: RISICO_WERKDAGEN,
    HerinneringSoort.TWEE_WERKDAGEN: KRITIEK_WERKDAGEN,
}


class Herinnering(models.Model):
    """A reminder sent for one response. The unique constraint is what makes the deadline
    job safe to run every minute and twice at once: the row is created in the same
    transaction as the messages, so a second run cannot send it again."""

    reactie = models.ForeignKey(Reactie, on_delete=models.CASCADE, related_name="herinneringen")
    soort = models.CharField("soort", max_length=16, choices=HerinneringSoort.choices)
    termijn = models.DateTimeField("termijn waarvoor herinnerd is")
    verstuurd_op = models.DateTimeField("verstuurd op", default=timezone.now)
    geescaleerd = models.BooleanField("ook naar de accordeerders", default=False)

    class Meta:
        verbose_name = "herinnering"
        verbose_name_plural = "herinneringen"
        ordering = ["reactie", "verstuurd_op"]
        constraints = [
            models.UniqueConstraint(fields=["reactie", "soort"], name="een_herinnering_per_soort")
        ]

    def __str__(self):
        return f"{self.get_soort_display()} ({self.reactie})"


def nieuw_token() -> str:
    return secrets.token_urlsafe(32)


class AgendaToken(models.Model):
    """The secret in an organisation's calendar feed URL (calendar apps cannot log in).

    It grants reading that organisation's deadlines only; regenerating it invalidates
    every subscription made with the old one.
    """

    organisatie = models.OneToOneField(
        Organisatie, on_delete=models.CASCADE, related_name="agenda_token"
    )
    token = models.CharField("token", max_length=64, unique=True, default=nieuw_token)
    aangemaakt_op = models.DateTimeField("aangemaakt op", default=timezone.now)

    class Meta:
        verbose_name = "agendatoken"
        verbose_name_plural = "agendatokens"

    def __str__(self):
        return f"Agenda van {self.organisatie.afkorting}"


class Bezorging(models.TextChoices):
    DIRECT = "direct", _("Meteen per e-mail")
    DAGELIJKS = "dagelijks", _("Eén keer per dag een overzicht per e-mail")
    ALLEEN_APP = "alleen_app", _("Alleen in Tegenkracht, geen e-mail")


#: Kinds that are always e-mailed at once, whatever a user chose: deadline reminders (the
#: 2-working-day one is the escalation), an expired termijn and the security of an account.
ALTIJD_METEEN = frozenset(
    {"herinnering", "reactie_verlopen", "account_aangemaakt", "account_beveiliging"}
)


class Meldingsvoorkeur(models.Model):
    """How a user wants the non-critical notifications: an e-mail each, a daily digest, or
    in the app only. Without a row: an e-mail each (the default)."""

    gebruiker = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="meldingsvoorkeur"
    )
    bezorging = models.CharField(
        "bezorging", max_length=16, choices=Bezorging.choices, default=Bezorging.DIRECT
    )
    #: The digest covers notifications after this moment (the last digest, or the switch).
    overzicht_sinds = models.DateTimeField("overzicht sinds", default=timezone.now)
    gewijzigd_op = models.DateTimeField("gewijzigd op", default=timezone.now)

    class Meta:
        verbose_name = "meldingsvoorkeur"
        verbose_name_plural = "meldingsvoorkeuren"
        indexes = [models.Index(fields=["bezorging", "overzicht_sinds"])]

    def __str__(self):
        return f"{self.gebruiker}: {self.get_bezorging_display()}"

"""Notifications, the e-mail outbox and calendar tokens.

E-mail: :func:`verstuur` renders ``templates/notificaties/<soort>{,_onderwerp}.txt`` and
``.html`` once, stores an in-app :class:`Notificatie` and an :class:`Email` per recipient
and, after commit, enqueues a task per e-mail. The task claims the row, sends it and
records the outcome; a failure is retried with backoff by the deadline job.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from audit.acties import actie as audit_actie
from audit.services import registreer
from kern.workflow import (
    TransitieNietToegestaan,
)
from organisaties.models import Gebruiker, Rol
from reacties.models import LOPENDE_STATUSSEN, Reactie

from . import permissions
from .models import AgendaToken, Email, EmailStatus, Notificatie, nieuw_token

logger = logging.getLogger(__name__)

HERINNERING_VERSTUURD = audit_actie("herinnering_verstuurd", _("Herinnering verstuurd"))
AGENDATOKEN_VERNIEUWD = audit_actie("agendatoken_vernieuwd", _("Agendalink vernieuwd"))

#: Minutes to wait before attempt n+1 after the n-th failure.
BACKOFF_MINUTEN = (1, 5, 15, 60, 240)
#: A claimed e-mail not finished after this long is considered lost (crashed worker).
BEZIG_VERLOOPT_NA = timedelta(minutes=10)
#: A queued e-mail not picked up after this long is enqueued again (lost task).
WACHTRIJ_OPNIEUW_NA = timedelta(minutes=15)


def medewerkers(organisatie_id, rollen=(Rol.OPSTELLER, Rol.ACCORDEERDER)):
    return Gebruiker.objects.filter(organisatie_id=organisatie_id, rol__in=rollen, is_active=True)


def secretarissen():
    return Gebruiker.objects.filter(rol=Rol.SECRETARIS, is_active=True)


def ministerie_medewerkers(ministerie_id):
    return Gebruiker.objects.filter(
        organisatie_id=ministerie_id, rol=Rol.MINISTERIE, is_active=True
    )


# --- notifications and the e-mail outbox ------------------------------------------------


def _enqueue_emails(email_ids: list[int]):
    from . import tasks

    for email_id in email_ids:
        tasks.email_versturen.enqueue(email_id=email_id)


@transaction.atomic
def verstuur(ontvangers, soort: str, context: dict, link: str = "") -> list[Notificatie]:
    """Create an in-app notification for each recipient and queue an e-mail to those with
    an address. The e-mails go out after commit, from a background task."""
    context = {**context, "site_url": settings.SITE_URL, "link": link}
    onderwerp = render_to_string(f"notificaties/{soort}_onderwerp.txt", context).strip()
    tekst = render_to_string(f"notificaties/{soort}.txt", context)
    html = render_to_string(f"notificaties/{soort}.html", {**context, "onderwerp": onderwerp})
    verstuurd, email_ids = [], []
    for ontvanger in ontvangers:
        notificatie = Notificatie.objects.create(
            ontvanger=ontvanger, soort=soort, onderwerp=onderwerp[:300], tekst=tekst, link=link
        )
        if ontvanger.email:
            email = Email.objects.create(
                notificatie=notificatie,
                aan=ontvanger.email,
                onderwerp=onderwerp[:300],
                tekst=tekst,
                html=html,
            )
            email_ids.append(email.pk)
        verstuurd.append(notificatie)
    if email_ids:
        transaction.on_commit(lambda: _enqueue_emails(email_ids))
    return verstuurd


def _wachttijd(pogingen: int) -> timedelta:
    return timedelta(minutes=BACKOFF_MINUTEN[min(pogingen, len(BACKOFF_MINUTEN)) - 1])


def email_versturen(email_id: int) -> bool:
    """Send one queued e-mail. Returns whether it went out.

    The conditional update claims the row, so two workers (or a duplicate task) never
    send the same e-mail twice. The SMTP conversation happens outside any transaction.
    """
    nu = timezone.now()
    geclaimd = Email.objects.filter(pk=email_id, status=EmailStatus.WACHTRIJ).update(
        status=EmailStatus.BEZIG, pogingen=F("pogingen") + 1, bijgewerkt_op=nu
    )
    if not geclaimd:
        return False
    email = Email.objects.get(pk=email_id)
    bericht = EmailMultiAlternatives(email.onderwerp, email.tekst, to=[email.aan])
    bericht.attach_alternative(email.html, "text/html")
    try:
        bericht.send()
    except Exception as fout:  # any transport error: record it and retry later
        logger.warning("E-mail %s aan %s mislukt: %s", email.pk, email.aan, fout)
        email.laatste_fout = f"{type(fout).__name__}: {fout}"[:2000]
        email.bijgewerkt_op = timezone.now()
        if email.pogingen >= Email.MAX_POGINGEN:
            email.status = EmailStatus.OPGEGEVEN
            email.volgende_poging_op = None
        else:
            email.status = EmailStatus.MISLUKT
            email.volgende_poging_op = email.bijgewerkt_op + _wachttijd(email.pogingen)
        email.save(update_fields=["status", "laatste_fout", "bijgewerkt_op", "volgende_poging_op"])
        return False
    email.status = EmailStatus.VERZONDEN
    email.verzonden_op = email.bijgewerkt_op = timezone.now()
    email.volgende_poging_op = None
    email.save(update_fields=["status", "verzonden_op", "bijgewerkt_op", "volgende_poging_op"])
    if email.notificatie_id:
        Notificatie.objects.filter(pk=email.notificatie_id).update(gemaild_op=email.verzonden_op)
    return True


def _opnieuw_in_wachtrij(queryset, nu) -> list[int]:
    """Move the rows of ``queryset`` back to the queue; only rows this call moved are
    returned, so concurrent runs never enqueue one e-mail twice."""
    ids = []
    for email_id, status in queryset.values_list("pk", "status"):
        if (
            Email.objects.filter(pk=email_id, status=status).update(
                status=EmailStatus.WACHTRIJ, bijgewerkt_op=nu, volgende_poging_op=None
            )
            == 1
        ):
            ids.append(email_id)
    return ids


def emails_opnieuw_inplannen(nu=None) -> int:
    """Retry failed e-mails whose backoff has passed, recover lost ones. Idempotent."""
    nu = nu or timezone.now()
    ids = _opnieuw_in_wachtrij(
        Email.objects.filter(status=EmailStatus.MISLUKT, volgende_poging_op__lte=nu), nu
    )
    # A worker that died mid-send left the row claimed: count it as a failed attempt.
    Email.objects.filter(status=EmailStatus.BEZIG, bijgewerkt_op__lt=nu - BEZIG_VERLOOPT_NA).update(
        status=EmailStatus.MISLUKT,
        laatste_fout="Versturen niet afgerond (worker gestopt?).",
        volgende_poging_op=nu,
        bijgewerkt_op=nu,
    )
    # Queued but never picked up (task lost): enqueue again; the claim prevents doubles.
    verloren = list(
        Email.objects.filter(
            status=EmailStatus.WACHTRIJ, bijgewerkt_op__lt=nu - WACHTRIJ_OPNIEUW_NA
        ).values_list("pk", flat=True)
    )
    Email.objects.filter(pk__in=verloren).update(bijgewerkt_op=nu)
    ids += verloren
    if ids:
        transaction.on_commit(lambda: _enqueue_emails(ids))
    return len(ids)


@transaction.atomic
def email_opnieuw_proberen(*, email: Email, actor) -> Email:
    """The secretaris sends a failed e-mail again, now."""
    if not permissions.is_secretaris(actor, email):
        raise PermissionDenied(gettext("U mag deze actie niet uitvoeren."))
    ids = _opnieuw_in_wachtrij(
        Email.objects.filter(pk=email.pk, status__in=(EmailStatus.MISLUKT, EmailStatus.OPGEGEVEN)),
        timezone.now(),
    )
    if not ids:
        raise TransitieNietToegestaan(email, "opnieuw", gettext("Deze e-mail is niet mislukt."))
    transaction.on_commit(lambda: _enqueue_emails(ids))
    email.refresh_from_db()
    return email


def notificatie_gelezen(*, notificatie: Notificatie, actor) -> None:
    if notificatie.ontvanger_id != actor.pk:
        raise PermissionDenied(gettext("Dit is niet uw notificatie."))
    Notificatie.objects.filter(pk=notificatie.pk, gelezen_op__isnull=True).update(
        gelezen_op=timezone.now()
    )


def alle_notificaties_gelezen(*, actor) -> int:
    return actor.notificaties.ongelezen().update(gelezen_op=timezone.now())


# --- calendar feed token ----------------------------------------------------------------


def agenda_token(organisatie) -> AgendaToken:
    token, _ = AgendaToken.objects.get_or_create(organisatie=organisatie)
    return token


@transaction.atomic
def agenda_token_vernieuwen(*, organisatie, actor) -> AgendaToken:
    """Replace the organisation's feed token: old subscriptions stop working."""
    if not (permissions.kan_agenda_beheren(actor) and actor.organisatie_id == organisatie.pk):
        raise PermissionDenied(gettext("U mag deze actie niet uitvoeren."))
    token = agenda_token(organisatie)
    token.token = nieuw_token()
    token.aangemaakt_op = timezone.now()
    token.save(update_fields=["token", "aangemaakt_op"])
    registreer(organisatie, actor=actor, actie=AGENDATOKEN_VERNIEUWD)
    return token


def lopende_reacties_van(organisatie_id):
    """Everything the organisation still has to answer, in open consultations."""
    from consultaties.models import Status as ConsultatieStatus

    return Reactie.objects.filter(
        organisatie_id=organisatie_id,
        status__in=LOPENDE_STATUSSEN,
        consultatie__status=ConsultatieStatus.OPEN,
    )

"""Notifications, the e-mail outbox and calendar tokens.

E-mail: :func:`verstuur` renders ``templates/notificaties/<soort>{,_onderwerp}.txt`` and
``.html`` once, stores an in-app :class:`Notificatie` and an :class:`Email` per recipient
and, after commit, enqueues a task per e-mail. The task claims the row, sends it and
records the outcome; a failure is retried with backoff by the deadline job.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from audit.acties import actie as audit_actie
from audit.models import AuditEvent
from audit.services import registreer
from consultaties.models import Status as ConsultatieStatus
from kern.bulk import Resultaat, per_item
from kern.workflow import (
    TransitieNietToegestaan,
)
from organisaties.models import Gebruiker, Rol
from reacties.models import LOPENDE_STATUSSEN, Reactie
from reacties.permissions import kan_herinneren
from termijnen.kalender import lokale_datum, resterende_werkdagen

from . import permissions
from .models import (
    ALTIJD_METEEN,
    AgendaToken,
    Bezorging,
    Email,
    EmailStatus,
    Meldingsvoorkeur,
    Notificatie,
    nieuw_token,
)

logger = logging.getLogger(__name__)

HERINNERING_VERSTUURD = audit_actie("herinnering_verstuurd", _("Herinnering verstuurd"))
AGENDATOKEN_VERNIEUWD = audit_actie("agendatoken_vernieuwd", _("Agendalink vernieuwd"))
HERINNERD_DOOR_SECRETARIAAT = audit_actie(
    "herinnerd_door_secretariaat", _("Herinnerd door het secretariaat")
)
#: The secretariaat reminds one organisation at most once in this period.
HERINNEREN_NA = timedelta(hours=20)
MELDINGSVOORKEUR_GEWIJZIGD = audit_actie(
    "meldingsvoorkeur_gewijzigd", _("Instelling voor e-mailberichten gewijzigd")
)

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


def _meteen_mailen(ontvangers, soort: str) -> set[int]:
    """The recipients (ids) who get this notification by e-mail at once: everyone for the
    kinds in ``ALTIJD_METEEN``, else those who did not choose a digest or the app only."""
    ids = {o.pk for o in ontvangers}
    if soort in ALTIJD_METEEN:
        return ids
    anders = Meldingsvoorkeur.objects.filter(gebruiker_id__in=ids).exclude(
        bezorging=Bezorging.DIRECT
    )
    return ids - set(anders.values_list("gebruiker_id", flat=True))


@transaction.atomic
def verstuur(ontvangers, soort: str, context: dict, link: str = "") -> list[Notificatie]:
    """Create an in-app notification for each recipient and queue an e-mail to those with
    an address who want it at once (see :class:`Meldingsvoorkeur`); the daily digest
    (:func:`dagoverzichten_versturen`) picks up the others' later. The e-mails go out after
    commit, from a background task."""
    context = {**context, "site_url": settings.SITE_URL, "link": link}
    onderwerp = render_to_string(f"notificaties/{soort}_onderwerp.txt", context).strip()
    tekst = render_to_string(f"notificaties/{soort}.txt", context)
    html = render_to_string(f"notificaties/{soort}.html", {**context, "onderwerp": onderwerp})
    ontvangers = list(ontvangers)
    meteen = _meteen_mailen(ontvangers, soort)
    verstuurd, email_ids = [], []
    for ontvanger in ontvangers:
        notificatie = Notificatie.objects.create(
            ontvanger=ontvanger, soort=soort, onderwerp=onderwerp[:300], tekst=tekst, link=link
        )
        if ontvanger.email and ontvanger.pk in meteen:
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


def verstuur_aan_adres(adres: str, soort: str, context: dict, link: str = "") -> int:
    """Queue one e-mail to an address that has no account yet (an invitation): no in-app
    notification, same outbox and retries. Returns the e-mail's id."""
    context = {**context, "site_url": settings.SITE_URL, "link": link}
    onderwerp = render_to_string(f"notificaties/{soort}_onderwerp.txt", context).strip()
    email = Email.objects.create(
        aan=adres,
        onderwerp=onderwerp[:300],
        tekst=render_to_string(f"notificaties/{soort}.txt", context),
        html=render_to_string(f"notificaties/{soort}.html", {**context, "onderwerp": onderwerp}),
    )
    transaction.on_commit(lambda: _enqueue_emails([email.pk]))
    return email.pk


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


# --- notification settings and the daily digest -----------------------------------------


def meldingsvoorkeur(gebruiker) -> Meldingsvoorkeur:
    """The user's setting (unsaved default when none was chosen yet)."""
    try:
        return gebruiker.meldingsvoorkeur
    except Meldingsvoorkeur.DoesNotExist:
        return Meldingsvoorkeur(gebruiker=gebruiker)


@transaction.atomic
def meldingsvoorkeur_opslaan(*, actor, bezorging: str) -> Meldingsvoorkeur:
    """A user chooses how to receive the non-critical notifications (only his own).

    Switching to the digest starts it from now: what was already mailed, or deliberately
    kept in the app, is not sent again."""
    if not actor.is_authenticated or not actor.is_active:
        raise PermissionDenied(gettext("U mag deze actie niet uitvoeren."))
    if bezorging not in Bezorging.values:
        raise ValidationError({"bezorging": gettext("Kies hoe u berichten wilt ontvangen.")})
    nu = timezone.now()
    voorkeur, _nieuw = Meldingsvoorkeur.objects.select_for_update().get_or_create(gebruiker=actor)
    van = voorkeur.bezorging
    if van == bezorging and not _nieuw:
        return voorkeur
    voorkeur.bezorging = bezorging
    voorkeur.gewijzigd_op = nu
    if bezorging == Bezorging.DAGELIJKS and (van != bezorging or _nieuw):
        voorkeur.overzicht_sinds = nu
    voorkeur.save(update_fields=["bezorging", "gewijzigd_op", "overzicht_sinds"])
    registreer(
        actor,
        actor=actor,
        actie=MELDINGSVOORKEUR_GEWIJZIGD,
        toelichting=str(Bezorging(bezorging).label),
        gegevens={"van": van, "naar": bezorging},
    )
    return voorkeur


def _in_overzicht(voorkeur: Meldingsvoorkeur, tot):
    return (
        Notificatie.objects.filter(
            ontvanger_id=voorkeur.gebruiker_id,
            aangemaakt_op__gt=voorkeur.overzicht_sinds,
            aangemaakt_op__lte=tot,
            email__isnull=True,
        )
        .exclude(soort__in=ALTIJD_METEEN)
        .order_by("aangemaakt_op", "pk")
    )


def dagoverzichten_versturen(nu=None) -> int:
    """Send each user who chose the daily digest one e-mail listing the notifications since
    his previous digest. Idempotent: at most one digest per user per (Dutch) day, also when
    two runs overlap (the user's row is locked and its moment moved on in one transaction).
    Returns the number of digests queued."""
    nu = nu or timezone.now()
    vandaag = lokale_datum(nu)
    kandidaten = (
        Meldingsvoorkeur.objects.filter(
            bezorging=Bezorging.DAGELIJKS, gebruiker__is_active=True, overzicht_sinds__lt=nu
        )
        .exclude(gebruiker__email="")
        .values_list("pk", flat=True)
    )
    aantal = 0
    for pk in list(kandidaten):
        with transaction.atomic():
            voorkeur = (
                Meldingsvoorkeur.objects.select_for_update().select_related("gebruiker").get(pk=pk)
            )
            if (
                voorkeur.bezorging != Bezorging.DAGELIJKS
                or lokale_datum(voorkeur.overzicht_sinds) >= vandaag
            ):
                continue  # another run was first today, or the user changed his mind
            notificaties = list(_in_overzicht(voorkeur, nu)[: OVERZICHT_MAXIMUM + 1])
            if notificaties:
                _verstuur_overzicht(voorkeur.gebruiker, notificaties)
                aantal += 1
            voorkeur.overzicht_sinds = nu
            voorkeur.save(update_fields=["overzicht_sinds"])
    return aantal


#: A digest lists at most this many notifications; the rest are in the app.
OVERZICHT_MAXIMUM = 50


def _verstuur_overzicht(gebruiker, notificaties: list[Notificatie]):
    context = {
        "gebruiker": gebruiker,
        "notificaties": notificaties[:OVERZICHT_MAXIMUM],
        "meer": len(notificaties) > OVERZICHT_MAXIMUM,
        "site_url": settings.SITE_URL,
        "link": "/notificaties/",
    }
    onderwerp = render_to_string("notificaties/dagoverzicht_onderwerp.txt", context).strip()
    email = Email.objects.create(
        aan=gebruiker.email,
        onderwerp=onderwerp[:300],
        tekst=render_to_string("notificaties/dagoverzicht.txt", context),
        html=render_to_string(
            "notificaties/dagoverzicht.html", {**context, "onderwerp": onderwerp}
        ),
    )
    transaction.on_commit(lambda: _enqueue_emails([email.pk]))


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


# --- reminding now ------------------------------------------------------------------------


@transaction.atomic
def reactie_herinneren(*, reactie: Reactie, actor, toelichting: str = "") -> Reactie:
    """The secretaris reminds an organisation that has not submitted yet, now: its
    opstellers and accordeerders get an in-app notification and an e-mail, and the
    response's timeline records it.

    Preconditions: the actor is the secretaris (403); the response still runs, in an open
    consultation, before its termijn, and the organisation was not reminded by the
    secretariaat in the last 20 hours (409); it has active users to remind (400)."""
    reactie = (
        Reactie.objects.select_for_update()
        .met_effectieve_termijn()
        .select_related("consultatie", "organisatie")
        .get(pk=reactie.pk)
    )
    if not permissions.is_secretaris(actor, reactie):
        raise PermissionDenied(gettext("Alleen het secretariaat kan organisaties herinneren."))
    if not kan_herinneren(actor, reactie):
        if reactie.consultatie.status != ConsultatieStatus.OPEN or not reactie.binnen_termijn():
            reden = gettext("de consultatie is niet meer open of de termijn is verstreken.")
        else:
            reden = gettext("de reactie staat op '%(status)s' en wacht niet op de organisatie.") % {
                "status": reactie.get_status_display().lower()
            }
        raise TransitieNietToegestaan(
            reactie, "herinneren", gettext("Herinneren kan niet: %(reden)s") % {"reden": reden}
        )
    nu = timezone.now()
    vorige = (
        AuditEvent.objects.voor(reactie)
        .filter(actie=HERINNERD_DOOR_SECRETARIAAT, tijdstip__gt=nu - HERINNEREN_NA)
        .order_by("-tijdstip")
        .values_list("tijdstip", flat=True)
        .first()
    )
    if vorige:
        raise TransitieNietToegestaan(
            reactie,
            "herinneren",
            gettext(
                "Deze organisatie is op %(moment)s al herinnerd; herinner haar niet vaker dan "
                "eens per dag."
            )
            % {"moment": timezone.localtime(vorige).strftime("%d-%m-%Y %H:%M")},
        )
    ontvangers = medewerkers(reactie.organisatie_id)
    if not ontvangers.exists():
        raise ValidationError(
            gettext("%(organisatie)s heeft geen actieve gebruikers om te herinneren.")
            % {"organisatie": reactie.organisatie.naam}
        )
    termijn = reactie.effectieve_termijn
    verstuur(
        ontvangers,
        "herinnering_secretariaat",
        {
            "reactie": reactie,
            "consultatie": reactie.consultatie,
            "termijn": termijn,
            "werkdagen": resterende_werkdagen(nu, termijn),
            "toelichting": (toelichting or "").strip(),
        },
        link=reverse("reacties:detail", args=[reactie.pk]),
    )
    registreer(
        reactie,
        actor=actor,
        actie=HERINNERD_DOOR_SECRETARIAAT,
        toelichting=toelichting,
        gegevens={"termijn": termijn.isoformat()},
    )
    return reactie


def reacties_herinneren(*, ids, actor, toelichting: str = "") -> list[Resultaat]:
    """Remind a selection of organisations, each through :func:`reactie_herinneren` in its
    own transaction; a refusal names the organisation and its reason, the rest go out."""
    return per_item(
        ids,
        Reactie.objects.zichtbaar_voor(actor).select_related("organisatie"),
        lambda reactie: reactie_herinneren(reactie=reactie, actor=actor, toelichting=toelichting),
        naam=lambda reactie: reactie.organisatie.naam,
        veld="reacties",
    )

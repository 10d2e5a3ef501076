"""Use cases of webhook subscriptions: managing them, fanning an event out to the
subscriptions that may see it, delivering each message, and retrying with backoff.

Web pages, the API and the background tasks all come through here.
"""

import logging
import time
import uuid
from datetime import datetime, timedelta

from cloudevents.core.bindings.http import to_structured
from cloudevents.core.formats.json import JSONFormat
from cloudevents.core.v1.event import CloudEvent
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from audit.acties import actie as audit_actie
from audit.services import registreer
from consultaties.models import Consultatie
from rapporten.models import Rapport
from reacties.models import Reactie
from tegenkracht.validatie import controleer_teksten

from . import bezorging, catalogus, ondertekening, permissions
from .models import Abonnement, Aflevering, AfleveringStatus, Poging, nieuw_geheim

logger = logging.getLogger(__name__)

AANGEMAAKT = audit_actie("abonnement_aangemaakt", _("Webhookabonnement aangemaakt"))
GEWIJZIGD = audit_actie("abonnement_gewijzigd", _("Webhookabonnement gewijzigd"))
VERWIJDERD = audit_actie("abonnement_verwijderd", _("Webhookabonnement verwijderd"))
GEHEIM_VERNIEUWD = audit_actie("abonnement_geheim_vernieuwd", _("Webhookgeheim vernieuwd"))

#: Limits per organisation, so one account cannot make the worker post without end.
MAX_ABONNEMENTEN = 20
#: How long a rotated secret still signs next to the new one.
VORIG_GEHEIM_GELDIG = timedelta(hours=24)
#: A claimed delivery whose worker died is retried after this.
BEZIG_VERLOOPT_NA = timedelta(minutes=5)
#: A queued delivery whose task was lost is enqueued again after this.
WACHTRIJ_OPNIEUW_NA = timedelta(minutes=10)

CONTENT_TYPE = JSONFormat().get_content_type()

_MODELLEN = {"consultatie": Consultatie, "reactie": Reactie, "rapport": Rapport}


def _vereis(toegestaan: bool):
    if not toegestaan:
        raise PermissionDenied(gettext("U mag deze actie niet uitvoeren."))


# --- managing subscriptions ----------------------------------------------------------


def _valideer(url=None, omschrijving=None, soorten=None) -> None:
    fouten = {}
    if url is not None:
        try:
            URLValidator(schemes=["http", "https"])(url)
            if len(url) > 500:
                raise ValidationError(gettext("Het adres is te lang (maximaal 500 tekens)."))
            bezorging.controleer_url(url)
        except ValidationError as fout:
            fouten["url"] = fout.messages
    if omschrijving is not None:
        if len(omschrijving) > 200:
            fouten["omschrijving"] = [gettext("Maximaal 200 tekens.")]
        else:
            try:
                controleer_teksten(omschrijving=omschrijving)
            except ValidationError as fout:
                fouten.update(fout.message_dict)
    if soorten is not None:
        onbekend = [s for s in soorten if s not in catalogus.PER_TYPE]
        if onbekend:
            fouten["soorten"] = [
                gettext("Onbekende gebeurtenis: %(soort)s.") % {"soort": ", ".join(onbekend)}
            ]
    if fouten:
        raise ValidationError(fouten)


@transaction.atomic
def abonnement_aanmaken(
    *, actor, url: str, omschrijving: str = "", soorten: list[str] = ()
) -> Abonnement:
    """A new subscription for the actor's organisation. The returned instance carries the
    secret; show it once: it is never shown again (only rotated)."""
    _vereis(permissions.kan_abonnementen_beheren(actor))
    soorten = list(dict.fromkeys(soorten or []))
    _valideer(url=url, omschrijving=omschrijving, soorten=soorten)
    if Abonnement.objects.filter(organisatie_id=actor.organisatie_id).count() >= MAX_ABONNEMENTEN:
        raise ValidationError(
            {
                "url": gettext("Uw organisatie heeft al %(aantal)d abonnementen.")
                % {"aantal": MAX_ABONNEMENTEN}
            }
        )
    abonnement = Abonnement.objects.create(
        organisatie_id=actor.organisatie_id,
        eigenaar=actor,
        url=url,
        omschrijving=omschrijving.strip(),
        soorten=soorten,
    )
    registreer(abonnement, actor=actor, actie=AANGEMAAKT, gegevens={"url": url})
    return abonnement


@transaction.atomic
def abonnement_bijwerken(*, abonnement: Abonnement, actor, **velden) -> Abonnement:
    """Change url, omschrijving, soorten or actief."""
    abonnement = Abonnement.objects.select_for_update().get(pk=abonnement.pk)
    _vereis(permissions.kan_abonnement_beheren(actor, abonnement))
    toegestaan = {"url", "omschrijving", "soorten", "actief"}
    velden = {k: v for k, v in velden.items() if k in toegestaan}
    if "soorten" in velden:
        velden["soorten"] = list(dict.fromkeys(velden["soorten"] or []))
    _valideer(
        url=velden.get("url"),
        omschrijving=velden.get("omschrijving"),
        soorten=velden.get("soorten"),
    )
    gewijzigd = [k for k, v in velden.items() if getattr(abonnement, k) != v]
    for veld in gewijzigd:
        setattr(abonnement, veld, velden[veld])
    if gewijzigd:
        abonnement.save(update_fields=gewijzigd)
        registreer(
            abonnement,
            actor=actor,
            actie=GEWIJZIGD,
            gegevens={"velden": gewijzigd, "url": abonnement.url, "actief": abonnement.actief},
        )
    return abonnement


@transaction.atomic
def abonnement_verwijderen(*, abonnement: Abonnement, actor) -> None:
    """Delete the subscription with its delivery log; undelivered messages are dropped."""
    abonnement = Abonnement.objects.select_for_update().get(pk=abonnement.pk)
    _vereis(permissions.kan_abonnement_beheren(actor, abonnement))
    registreer(abonnement, actor=actor, actie=VERWIJDERD, gegevens={"url": abonnement.url})
    abonnement.delete()


@transaction.atomic
def abonnement_geheim_vernieuwen(*, abonnement: Abonnement, actor) -> Abonnement:
    """A new signing secret (returned once). The old one keeps signing next to it for
    ``VORIG_GEHEIM_GELDIG``, so the receiver can switch without losing a message."""
    abonnement = Abonnement.objects.select_for_update().get(pk=abonnement.pk)
    _vereis(permissions.kan_abonnement_beheren(actor, abonnement))
    abonnement.vorig_geheim = abonnement.geheim
    abonnement.vorig_geheim_tot = timezone.now() + VORIG_GEHEIM_GELDIG
    abonnement.geheim = nieuw_geheim()
    abonnement.save(update_fields=["geheim", "vorig_geheim", "vorig_geheim_tot"])
    registreer(abonnement, actor=actor, actie=GEHEIM_VERNIEUWD)
    return abonnement


# --- fanning out an event ------------------------------------------------------------


def mag_ontvangen(user, soort: catalogus.Soort, obj) -> bool:
    """Whether ``user`` may learn of this event: the object is in its ``zichtbaar_voor``
    and, for a response, the action is on the part of its timeline the user reads
    (internal steps only for the own organisation and the secretariat)."""
    if soort.alleen_secretariaat and not user.is_secretaris:
        return False
    model = _MODELLEN[soort.object]
    if not model.objects.zichtbaar_voor(user).filter(pk=obj.pk).exists():
        return False
    inzage = getattr(obj, "tijdlijn_inzage", None)
    mijlpalen = inzage(user) if inzage is not None else None
    return mijlpalen is None or soort.actie in mijlpalen.acties


def _gegevens(soort: catalogus.Soort, obj, naar: str, extra: dict) -> dict:
    status = naar or obj.status
    if soort.object == "consultatie":
        gegevens = {"id": obj.pk, "kenmerk": obj.kenmerk, "status": status}
    elif soort.object == "reactie":
        gegevens = {
            "id": obj.pk,
            "consultatie": obj.consultatie_id,
            "organisatie": obj.organisatie_id,
            "status": status,
        }
    else:
        gegevens = {
            "id": obj.pk,
            "consultatie": obj.consultatie_id,
            "versie": obj.versie,
            "status": status,
        }
    return {**gegevens, **extra}


def bericht(soort: catalogus.Soort, obj, gegevens: dict, tijdstip: datetime, bericht_id) -> bytes:
    """The CloudEvent in structured JSON mode (NL GOV profile: source a URN, type reverse
    DNS, subject the object's id, dataref the API resource; the data only identifies)."""
    collectie = catalogus.COLLECTIES[soort.object]
    event = CloudEvent(
        attributes={
            "id": str(bericht_id),
            "source": settings.WEBHOOKS_BRON,
            "type": soort.type,
            "subject": str(obj.pk),
            "time": tijdstip,
            "datacontenttype": "application/json",
            "dataref": f"{settings.SITE_URL.rstrip('/')}/api/v1/{collectie}/{obj.pk}",
        },
        data=gegevens,
    )
    return to_structured(event, JSONFormat()).body


def gebeurtenis_verdelen(
    *,
    object: str,
    object_id: int,
    actie: str,
    naar: str = "",
    tijdstip: datetime | None = None,
    extra: dict | None = None,
) -> int:
    """Queue one message per active subscription whose owner may see the event. Returns
    the number queued. The delivery itself runs as its own task, after commit."""
    soort = catalogus.soort(object, actie)
    if soort is None:
        return 0
    abonnementen = [
        a
        for a in Abonnement.objects.filter(
            actief=True, eigenaar__is_active=True, eigenaar__organisatie_id=F("organisatie_id")
        ).select_related("eigenaar", "eigenaar__organisatie")
        if a.ontvangt(soort.type)
    ]
    if not abonnementen:
        return 0
    obj = _MODELLEN[object].objects.filter(pk=object_id).first()
    if obj is None:
        return 0
    ontvangers = [a for a in abonnementen if mag_ontvangen(a.eigenaar, soort, obj)]
    if not ontvangers:
        return 0
    bericht_id = uuid.uuid4()
    inhoud = bericht(
        soort, obj, _gegevens(soort, obj, naar, extra or {}), tijdstip or timezone.now(), bericht_id
    ).decode()
    afleveringen = Aflevering.objects.bulk_create(
        Aflevering(
            abonnement=a,
            gebeurtenis_id=bericht_id,
            soort=soort.type,
            onderwerp=str(obj.pk),
            bericht=inhoud,
        )
        for a in ontvangers
    )
    ids = [a.pk for a in afleveringen]
    transaction.on_commit(lambda: _enqueue(ids))
    return len(ids)


def _enqueue(ids):
    from . import tasks

    for aflevering_id in ids:
        tasks.aflevering_versturen.enqueue(aflevering_id=aflevering_id)


# --- delivering ----------------------------------------------------------------------


def wachttijd(pogingen: int) -> timedelta:
    """Exponential backoff after the n-th failed attempt, capped."""
    seconden = settings.WEBHOOKS_BACKOFF_SECONDEN * 2 ** max(pogingen - 1, 0)
    return timedelta(seconds=min(seconden, settings.WEBHOOKS_BACKOFF_MAX_SECONDEN))


def geldige_geheimen(abonnement: Abonnement, nu: datetime) -> list[str]:
    geheimen = [abonnement.geheim]
    if abonnement.vorig_geheim and abonnement.vorig_geheim_tot and abonnement.vorig_geheim_tot > nu:
        geheimen.append(abonnement.vorig_geheim)
    return geheimen


def aflevering_versturen(aflevering_id: int) -> bool:
    """Make one attempt to deliver a queued message; returns whether it arrived.

    The conditional update claims the row, so two workers never post the same attempt.
    The HTTP request happens outside any transaction; every attempt is logged with its
    status code or error. After ``WEBHOOKS_MAX_POGINGEN`` failures the message is given up.
    """
    nu = timezone.now()
    geclaimd = Aflevering.objects.filter(pk=aflevering_id, status=AfleveringStatus.WACHTRIJ).update(
        status=AfleveringStatus.BEZIG, pogingen=F("pogingen") + 1, bijgewerkt_op=nu
    )
    if not geclaimd:
        return False
    aflevering = Aflevering.objects.select_related("abonnement").get(pk=aflevering_id)
    abonnement = aflevering.abonnement
    if not abonnement.actief:
        uitkomst = bezorging.Uitkomst(None, gettext("Het abonnement staat uit."), 0)
    else:
        body = aflevering.bericht.encode()
        headers = {
            "Content-Type": CONTENT_TYPE,
            **ondertekening.headers(
                geldige_geheimen(abonnement, nu),
                str(aflevering.gebeurtenis_id),
                int(time.time()),
                body,
            ),
        }
        uitkomst = bezorging.post(abonnement.url, body, headers)
    klaar = timezone.now()
    Poging.objects.create(
        aflevering=aflevering,
        tijdstip=klaar,
        statuscode=uitkomst.statuscode,
        fout=uitkomst.fout,
        duur_ms=uitkomst.duur_ms,
        gelukt=uitkomst.gelukt,
    )
    if uitkomst.gelukt:
        aflevering.status = AfleveringStatus.AFGELEVERD
        aflevering.afgeleverd_op = klaar
        aflevering.volgende_poging_op = None
    elif aflevering.pogingen >= settings.WEBHOOKS_MAX_POGINGEN or not abonnement.actief:
        aflevering.status = AfleveringStatus.OPGEGEVEN
        aflevering.volgende_poging_op = None
    else:
        aflevering.status = AfleveringStatus.MISLUKT
        aflevering.volgende_poging_op = klaar + wachttijd(aflevering.pogingen)
        logger.info(
            "Webhook %s aan %s mislukt (%s); opnieuw om %s",
            aflevering.pk,
            abonnement.url,
            uitkomst.statuscode or uitkomst.fout,
            aflevering.volgende_poging_op,
        )
    aflevering.save(
        update_fields=["status", "afgeleverd_op", "volgende_poging_op", "bijgewerkt_op"]
    )
    return uitkomst.gelukt


def afleveringen_opruimen(nu: datetime | None = None) -> int:
    """Forget delivered and given-up messages older than ``WEBHOOKS_LOG_DAGEN`` (with
    their attempts), in batches, so the log does not grow without end."""
    nu = nu or timezone.now()
    grens = nu - timedelta(days=settings.WEBHOOKS_LOG_DAGEN)
    oud = Aflevering.objects.filter(
        aangemaakt_op__lt=grens,
        status__in=(AfleveringStatus.AFGELEVERD, AfleveringStatus.OPGEGEVEN),
    ).values_list("pk", flat=True)[:1000]
    return Aflevering.objects.filter(pk__in=list(oud)).delete()[1].get(Aflevering._meta.label, 0)


def afleveringen_opnieuw_inplannen(nu: datetime | None = None) -> int:
    """Queue again the failed messages whose backoff has passed, and recover lost ones.
    Idempotent; runs every minute with the deadline job."""
    nu = nu or timezone.now()
    ids = []
    for aflevering_id in Aflevering.objects.filter(
        status=AfleveringStatus.MISLUKT, volgende_poging_op__lte=nu
    ).values_list("pk", flat=True):
        # Only rows this call moved: concurrent runs never enqueue one message twice.
        if Aflevering.objects.filter(pk=aflevering_id, status=AfleveringStatus.MISLUKT).update(
            status=AfleveringStatus.WACHTRIJ, bijgewerkt_op=nu
        ):
            ids.append(aflevering_id)
    # A worker that died mid-post left the row claimed: count it as a failed attempt.
    Aflevering.objects.filter(
        status=AfleveringStatus.BEZIG, bijgewerkt_op__lt=nu - BEZIG_VERLOOPT_NA
    ).update(status=AfleveringStatus.MISLUKT, volgende_poging_op=nu, bijgewerkt_op=nu)
    verloren = list(
        Aflevering.objects.filter(
            status=AfleveringStatus.WACHTRIJ, bijgewerkt_op__lt=nu - WACHTRIJ_OPNIEUW_NA
        ).values_list("pk", flat=True)
    )
    Aflevering.objects.filter(pk__in=verloren).update(bijgewerkt_op=nu)
    ids += verloren
    if ids:
        transaction.on_commit(lambda: _enqueue(ids))
    return len(ids)

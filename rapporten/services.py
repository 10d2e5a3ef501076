"""Use cases on position papers. Views, commands, the API and tests all come through here.

Order of checks, as everywhere: the state (409) after the permission (403), content last
(400). Visibility (404) is the caller's first step, through ``Rapport.objects.zichtbaar_voor``.
"""

import hashlib
import logging
import threading
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.db.models import Max, Q
from django.utils import formats, timezone
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from audit.acties import AANGEMAAKT
from audit.acties import actie as audit_actie
from audit.services import registreer
from consultaties import services as consultatie_services
from consultaties.models import Consultatie
from consultaties.models import Status as ConsultatieStatus
from kern.gebeurtenissen import publiceer_na_commit
from kern.workflow import SYSTEEM, TransitieNietToegestaan, Werkstroom, voer_transitie_uit
from reacties.models import Kernpunt
from tegenkracht.validatie import controleer_teksten, stuurteken_fouten

from . import permissions
from .models import GeneratieStatus, Publicatie, Rapport, Status, Uitkomst, Verwerking
from .regels import reacties_in_paper_q
from .snapshot import build_snapshot, inhoud_hash

logger = logging.getLogger(__name__)

#: What can be done with a version of the paper: its two FSM transitions and the actions
#: that leave the status as it is, each declared once on its service below.
WERKSTROOM = Werkstroom("rapport")

RAPPORT_AANGEMAAKT = audit_actie("rapport_aangemaakt", _("Position paper gemaakt"))
PDF_GEMAAKT = audit_actie("pdf_gemaakt", _("PDF gemaakt"))
PDF_MISLUKT = audit_actie("pdf_mislukt", _("PDF mislukt: de verwerking is gestopt"))
ONTVANGST_BEVESTIGD = audit_actie("ontvangst_bevestigd", _("Ontvangst bevestigd"))
VERWERKING_VASTGELEGD = audit_actie("verwerking_vastgelegd", _("Verwerking vastgelegd"))
VERWERKING_GEWIJZIGD = audit_actie("verwerking_gewijzigd", _("Verwerking gewijzigd"))


def _vereis(toegestaan: bool):
    if not toegestaan:
        raise PermissionDenied(gettext("U mag deze actie niet uitvoeren."))


@transaction.atomic
def rapport_aanmaken(
    *,
    consultatie: Consultatie,
    actor,
    bestuurlijke_samenvatting: str | None = None,
    aanbevelingen: str | None = None,
    op_achtergrond: bool = True,
) -> Rapport:
    """A new concept version of the paper for a closed consultation.

    Optionally saves the secretaris's bestuurlijke samenvatting and aanbevelingen on the
    consultation first; then freezes the snapshot and queues the PDF generation (after
    commit, as a background task). With ``op_achtergrond=False`` the caller renders it
    (``rapport_pdf_genereren``), as the demo does.
    """
    consultatie = Consultatie.objects.select_for_update().get(pk=consultatie.pk)
    _vereis(permissions.kan_aanmaken(actor, consultatie))
    if consultatie.status != ConsultatieStatus.GESLOTEN:
        raise TransitieNietToegestaan(
            consultatie,
            "rapport_aanmaken",
            gettext(
                "Een position paper kan alleen worden gemaakt van een gesloten consultatie "
                "(status nu: '%(status)s')."
            )
            % {"status": consultatie.get_status_display().lower()},
        )
    velden = {}
    if bestuurlijke_samenvatting is not None:
        velden["bestuurlijke_samenvatting"] = bestuurlijke_samenvatting
    if aanbevelingen is not None:
        velden["aanbevelingen"] = aanbevelingen
    if velden:
        consultatie = consultatie_services.consultatie_bijwerken(
            consultatie=consultatie, actor=actor, **velden
        )
    if not consultatie.reacties.filter(reacties_in_paper_q()).exists():
        raise ValidationError(
            gettext("Accepteer ten minste één reactie voordat u een paper maakt.")
        )
    versie = (consultatie.rapporten.aggregate(m=Max("versie"))["m"] or 0) + 1
    snapshot = build_snapshot(consultatie)
    rapport = Rapport.objects.create(
        consultatie=consultatie,
        versie=versie,
        snapshot=snapshot,
        inhoud_sha256=inhoud_hash(snapshot),
        kernpuntnummers={str(k["id"]): k["nummer"] for k in snapshot["kernpunten"]},
        aangemaakt_door=actor,
        generatie_status=GeneratieStatus.WACHTRIJ,
        voortgang=gettext_noop("Wacht op de achtergrondverwerking."),
        hartslag_op=timezone.now(),
    )
    registreer(
        rapport,
        actor=actor,
        actie=AANGEMAAKT,
        naar_status=rapport.status,
        gegevens={"versie": versie, "inhoud_sha256": rapport.inhoud_sha256},
    )
    registreer(consultatie, actor=actor, actie=RAPPORT_AANGEMAAKT, toelichting=f"Versie {versie}")
    if op_achtergrond:
        _genereer_na_commit(rapport)
    return rapport


def _genereer_na_commit(rapport: Rapport):
    from . import tasks

    transaction.on_commit(lambda: tasks.genereer_rapport.enqueue(rapport_id=rapport.pk))


def _kan_nu_opnieuw_genereren(user, rapport: Rapport) -> bool:
    return (
        rapport.status == Status.CONCEPT
        and rapport.generatie_status == GeneratieStatus.MISLUKT
        and permissions.is_secretaris(user, rapport)
    )


@WERKSTROOM.actie(
    "opnieuw_genereren",
    logboek=_("PDF opnieuw aangevraagd"),
    samenvatting="PDF van een concept opnieuw laten maken",
    mag=_kan_nu_opnieuw_genereren,
)
@transaction.atomic
def rapport_opnieuw_genereren(*, rapport: Rapport, actor) -> Rapport:
    """Queue the PDF of a concept version again, e.g. after a failed generation."""
    rapport = Rapport.objects.select_for_update().get(pk=rapport.pk)
    _vereis(permissions.is_secretaris(actor, rapport))
    if rapport.is_bezig and _breek_af_als_stil(rapport, timezone.now()):
        rapport.refresh_from_db()
    if rapport.status != Status.CONCEPT or rapport.is_bezig:
        raise TransitieNietToegestaan(
            rapport, "opnieuw_genereren", gettext("Alleen een concept dat niet in behandeling is.")
        )
    Rapport.objects.filter(pk=rapport.pk).update(
        generatie_status=GeneratieStatus.WACHTRIJ,
        voortgang=gettext_noop("Wacht op de achtergrondverwerking."),
        foutmelding="",
        hartslag_op=timezone.now(),
        gewijzigd_op=timezone.now(),
    )
    registreer(rapport, actor=actor, actie="opnieuw_genereren")
    _genereer_na_commit(rapport)
    rapport.refresh_from_db()
    return rapport


def _meld(rapport_id: int, tekst: str, **velden):
    Rapport.objects.filter(pk=rapport_id).update(
        voortgang=tekst[:200], hartslag_op=timezone.now(), gewijzigd_op=timezone.now(), **velden
    )


class _Hartslag:
    """While rendering, a thread tells every few seconds that this worker still lives.

    A SIGKILL takes the thread with it: the heartbeat stops and ``rapport_vastgelopen_
    afbreken`` notices. Its own database connection, closed when it stops.
    """

    def __init__(self, rapport_id: int):
        self.rapport_id = rapport_id
        self.stop = threading.Event()
        self.draad = threading.Thread(target=self._klop, daemon=True, name="rapport-hartslag")

    def _klop(self):
        try:
            while not self.stop.wait(settings.RAPPORT_HARTSLAG_SECONDEN):
                try:
                    Rapport.objects.filter(
                        pk=self.rapport_id, generatie_status=GeneratieStatus.BEZIG
                    ).update(hartslag_op=timezone.now())
                except Exception:  # noqa: BLE001 - a missed beat must not kill the render
                    logger.warning("Hartslag van rapport %s niet vastgelegd", self.rapport_id)
        finally:
            connection.close()

    def __enter__(self):
        self.draad.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        self.draad.join(timeout=5)


def _breek_af_als_stil(rapport: Rapport, nu) -> bool:
    """Mark one version mislukt if its job gave no sign of life for too long. The
    conditional update makes a concurrent beat or finish win."""
    grens = nu - timedelta(
        seconds=settings.RAPPORT_STIL_NA_SECONDEN
        if rapport.generatie_status == GeneratieStatus.BEZIG
        else settings.RAPPORT_WACHTRIJ_STIL_NA_SECONDEN
    )
    laatste = rapport.hartslag_op or rapport.aangemaakt_op
    if not rapport.is_bezig or laatste >= grens:
        return False
    reden = (
        "De achtergrondverwerking gaf sinds "
        f"{timezone.localtime(laatste):%d-%m-%Y %H:%M} geen teken van leven meer "
        f"(status '{rapport.get_generatie_status_display().lower()}'); de worker is "
        "waarschijnlijk gestopt. Maak de PDF opnieuw."
    )
    bijgewerkt = (
        Rapport.objects.filter(pk=rapport.pk, generatie_status=rapport.generatie_status)
        .filter(Q(hartslag_op__lt=grens) | Q(hartslag_op__isnull=True))
        .update(
            generatie_status=GeneratieStatus.MISLUKT,
            voortgang=gettext_noop("De verwerking is gestopt."),
            foutmelding=reden,
            gewijzigd_op=timezone.now(),
        )
    )
    if bijgewerkt:
        logger.warning("Rapport %s: verwerking verdwenen, gemarkeerd als mislukt", rapport.pk)
        registreer(rapport, actor=SYSTEEM, actie=PDF_MISLUKT, toelichting=reden)
    return bool(bijgewerkt)


@transaction.atomic
def rapport_afbreken_als_stil(rapport: Rapport) -> bool:
    """The same check for one version, when someone looks at it: a page or API client
    need not wait for the next run of ``verwerk_termijnen``."""
    if not rapport.is_bezig:
        return False
    return _breek_af_als_stil(rapport, timezone.now())


def rapport_vastgelopen_afbreken(nu=None) -> int:
    """Find paper jobs whose worker vanished and mark them mislukt with the reason, so the
    secretaris can retry. Run by ``verwerk_termijnen`` every minute; idempotent."""
    nu = nu or timezone.now()
    aantal = 0
    for rapport in Rapport.objects.filter(
        status=Status.CONCEPT,
        generatie_status__in=(GeneratieStatus.WACHTRIJ, GeneratieStatus.BEZIG),
    ):
        with transaction.atomic():
            aantal += _breek_af_als_stil(rapport, nu)
    return aantal


def rapport_pdf_genereren(*, rapport_id: int) -> Rapport:
    """Render the PDF of a concept version from its snapshot and store it (the task body).

    Progress is written as it goes, outside any long transaction, so the detail page can
    show it. A failure leaves the version in ``mislukt`` with the reason.
    """
    from . import pdf

    rapport = Rapport.objects.get(pk=rapport_id)
    if rapport.status != Status.CONCEPT:
        logger.info("Rapport %s is al %s; geen nieuwe PDF", rapport_id, rapport.status)
        return rapport
    _meld(
        rapport_id,
        gettext_noop("Bezig met opmaken"),
        generatie_status=GeneratieStatus.BEZIG,
        foutmelding="",
    )
    try:
        with _Hartslag(rapport_id):
            resultaat = pdf.render_pdf(
                rapport.snapshot,
                versie=rapport.versie,
                inhoud_sha256=rapport.inhoud_sha256,
                status_label=Status.CONCEPT.label,
                voortgang=lambda tekst: _meld(rapport_id, tekst),
            )
        _meld(rapport_id, gettext_noop("PDF opslaan"))
        with transaction.atomic():
            rapport = Rapport.objects.select_for_update().get(pk=rapport_id)
            if rapport.status != Status.CONCEPT:
                return rapport
            if rapport.pdf:
                rapport.pdf.delete(save=False)
            rapport.pdf.save("rapport.pdf", ContentFile(resultaat.pdf), save=False)
            rapport.sha256 = resultaat.sha256
            rapport.paginas = resultaat.paginas
            rapport.generatie_status = GeneratieStatus.KLAAR
            rapport.voortgang = f"Klaar: {resultaat.paginas} pagina's"
            rapport.gegenereerd_op = timezone.now()
            rapport.save(
                update_fields=[
                    "pdf",
                    "sha256",
                    "paginas",
                    "generatie_status",
                    "voortgang",
                    "gegenereerd_op",
                ]
            )
            registreer(
                rapport, actor=SYSTEEM, actie=PDF_GEMAAKT, gegevens={"sha256": rapport.sha256}
            )
        return rapport
    except Exception as fout:
        logger.exception("PDF van rapport %s mislukt", rapport_id)
        _meld(
            rapport_id,
            gettext_noop("Het maken van de PDF is mislukt."),
            generatie_status=GeneratieStatus.MISLUKT,
            foutmelding=f"{type(fout).__name__}: {fout}"[:2000],
        )
        raise


@WERKSTROOM.actie(
    "definitief_maken",
    api="definitief",
    logboek=_("Definitief gemaakt"),
    samenvatting="Definitief maken (concept → definitief)",
    label=_("Definitief maken"),
    gelukt=_("Deze versie is definitief; ze verandert niet meer."),
    onomkeerbaar=True,
    gevolg=_("Een definitieve versie verandert nooit meer; een wijziging wordt een nieuwe versie."),
)
def rapport_definitief_maken(*, rapport: Rapport, actor, toelichting: str = "") -> Rapport:
    """concept → definitief. Renders the definitive PDF from the version's frozen snapshot
    (it says "Definitief" and its date where the concept said "concept"), stores it with
    its sha256, and from then on the version never changes.

    Needs the concept's PDF (the secretaris has checked it). The rendering takes seconds
    and runs before the row is locked; permission and state are checked before it and
    again under the lock, so of two simultaneous requests exactly one wins (409 for the
    other). The concept's PDF file is removed after commit.
    """
    from . import pdf

    rapport = Rapport.objects.select_related("consultatie").get(pk=rapport.pk)
    _vereis(permissions.kan_definitief_maken(actor, rapport))
    if rapport.status != Status.CONCEPT:
        raise TransitieNietToegestaan(rapport, "definitief_maken")
    if not rapport.pdf_gereed():
        raise TransitieNietToegestaan(
            rapport, "definitief_maken", gettext("De PDF van deze versie is nog niet klaar.")
        )
    moment = timezone.now()
    resultaat = pdf.render_pdf(
        rapport.snapshot,
        versie=rapport.versie,
        inhoud_sha256=rapport.inhoud_sha256,
        status_label=Status.DEFINITIEF.label,
        definitief_op=moment,
    )
    concept_bestand = {}

    def vastleggen(obj):
        if not obj.pdf_gereed():
            raise TransitieNietToegestaan(
                obj, "definitief_maken", gettext("De PDF van deze versie is nog niet klaar.")
            )
        concept_bestand["naam"] = obj.pdf.name
        obj.pdf.save("rapport.pdf", ContentFile(resultaat.pdf), save=False)
        obj.sha256 = resultaat.sha256
        obj.paginas = resultaat.paginas
        obj.definitief_op = moment
        obj.gegenereerd_op = timezone.now()
        obj.voortgang = f"Definitief: {resultaat.paginas} pagina's"

    with transaction.atomic():
        rapport = voer_transitie_uit(
            rapport,
            "definitief_maken",
            actor=actor,
            toelichting=toelichting,
            controleer=vastleggen,
            update_fields=[
                "pdf",
                "sha256",
                "paginas",
                "definitief_op",
                "gegenereerd_op",
                "voortgang",
            ],
            gegevens={"sha256": resultaat.sha256},
        )
        opslag, naam = rapport.pdf.storage, concept_bestand.get("naam")
        if naam and naam != rapport.pdf.name:
            transaction.on_commit(lambda: opslag.delete(naam))
    return rapport


@WERKSTROOM.actie(
    "verzenden",
    logboek=_("Verzonden"),
    samenvatting="Verzenden aan het ministerie (definitief → verzonden)",
    label=_("Verzenden aan het ministerie"),
    gelukt=_("Het paper is verzonden aan het ministerie."),
    onomkeerbaar=True,
    gevolg=_(
        "Het ministerie krijgt het paper meteen; een verzonden versie haalt u niet terug en "
        "de consultatie krijgt de status verzonden."
    ),
)
@transaction.atomic
def rapport_verzenden(*, rapport: Rapport, actor, toelichting: str = "") -> Rapport:
    """definitief → verzonden, and the consultation gesloten → verzonden in the same
    transaction. The ministry is notified after commit."""
    rapport = Rapport.objects.select_for_update().select_related("consultatie").get(pk=rapport.pk)
    _vereis(permissions.kan_verzenden(actor, rapport))
    if rapport.status != Status.DEFINITIEF:
        raise TransitieNietToegestaan(
            rapport, "verzenden", gettext("Alleen een definitieve versie kan worden verzonden.")
        )
    if rapport.consultatie.status != ConsultatieStatus.GESLOTEN:
        raise TransitieNietToegestaan(
            rapport,
            "verzenden",
            gettext(
                "De consultatie is al verzonden of niet gesloten; er gaat maar één paper naar het "
                "ministerie."
            ),
        )
    rapport = voer_transitie_uit(rapport, "verzenden", actor=actor, toelichting=toelichting)
    rapport.verzonden_op = timezone.now()
    rapport.save(update_fields=["verzonden_op"])
    rapport.consultatie = consultatie_services.consultatie_verzenden(
        consultatie=rapport.consultatie, actor=actor
    )
    publiceer_na_commit("rapport.verzonden", rapport_id=rapport.pk)
    return rapport


@transaction.atomic
def rapport_verzenden_voor_consultatie(*, consultatie: Consultatie, actor, toelichting: str = ""):
    """Send the newest definitief version of a consultation's paper. For callers that act on
    the consultation (``POST /api/v1/consultaties/{id}/verzenden``): the consultation is
    never sent without its paper."""
    _vereis(permissions.is_secretaris(actor))
    rapport = (
        Rapport.objects.filter(consultatie=consultatie, status=Status.DEFINITIEF)
        .order_by("-versie")
        .first()
    )
    if rapport is None:
        raise TransitieNietToegestaan(
            consultatie,
            "verzenden",
            gettext("Maak eerst een definitieve versie van het position paper."),
        )
    return rapport_verzenden(rapport=rapport, actor=actor, toelichting=toelichting)


def _kan_nu_ontvangst_bevestigen(user, rapport: Rapport) -> bool:
    return (
        rapport.status == Status.VERZONDEN
        and not rapport.ontvangen_op
        and permissions.kan_ontvangst_bevestigen(user, rapport)
    )


@WERKSTROOM.actie(
    "ontvangst_bevestigen",
    api="ontvangst",
    samenvatting="Ontvangst bevestigen (ministerie)",
    mag=_kan_nu_ontvangst_bevestigen,
)
@transaction.atomic
def rapport_ontvangst_bevestigen(*, rapport: Rapport, actor, toelichting: str = "") -> Rapport:
    """The ministry acknowledges receipt of the paper sent to it (once)."""
    rapport = Rapport.objects.select_for_update().select_related("consultatie").get(pk=rapport.pk)
    _vereis(permissions.kan_ontvangst_bevestigen(actor, rapport))
    if rapport.status != Status.VERZONDEN:
        raise TransitieNietToegestaan(
            rapport,
            "ontvangst_bevestigen",
            gettext("Deze versie is niet aan het ministerie verzonden."),
        )
    if rapport.ontvangen_op:
        raise TransitieNietToegestaan(
            rapport, "ontvangst_bevestigen", gettext("De ontvangst is al bevestigd.")
        )
    if fouten := stuurteken_fouten({"toelichting": toelichting}):
        raise ValidationError(fouten)
    rapport.ontvangen_op = timezone.now()
    rapport.ontvangen_door = actor
    rapport.ontvangst_toelichting = (toelichting or "").strip()
    rapport.save(update_fields=["ontvangen_op", "ontvangen_door", "ontvangst_toelichting"])
    registreer(rapport, actor=actor, actie=ONTVANGST_BEVESTIGD, toelichting=toelichting)
    publiceer_na_commit("rapport.ontvangst_bevestigd", rapport_id=rapport.pk)
    return rapport


def _kan_nu_verwerking_vastleggen(user, rapport: Rapport) -> bool:
    return (
        rapport.status == Status.VERZONDEN
        and rapport.consultatie.status == ConsultatieStatus.VERZONDEN
        and permissions.kan_verwerking_vastleggen(user, rapport)
    )


@WERKSTROOM.actie(
    "verwerking_vastleggen",
    api="verwerkingen",
    samenvatting="Verwerking van een kernpunt vastleggen (ministerie)",
    mag=_kan_nu_verwerking_vastleggen,
)
@transaction.atomic
def verwerking_vastleggen(
    *, rapport: Rapport, actor, kernpunt: Kernpunt | int, uitkomst: str, toelichting: str
) -> Verwerking:
    """The ministry records what it did with one kernpunt of the paper (or changes it,
    while the consultation has not been afgerond)."""
    rapport = Rapport.objects.select_for_update().select_related("consultatie").get(pk=rapport.pk)
    _vereis(permissions.kan_verwerking_vastleggen(actor, rapport))
    if rapport.status != Status.VERZONDEN:
        raise TransitieNietToegestaan(
            rapport,
            "verwerking_vastleggen",
            gettext("Deze versie is niet aan het ministerie verzonden."),
        )
    if rapport.consultatie.status != ConsultatieStatus.VERZONDEN:
        raise TransitieNietToegestaan(
            rapport,
            "verwerking_vastleggen",
            gettext("De consultatie is afgerond; de verwerking ligt vast."),
        )
    kernpunt_id = kernpunt.pk if isinstance(kernpunt, Kernpunt) else int(kernpunt)
    fouten = {}
    if kernpunt_id not in rapport.kernpunt_ids:
        fouten["kernpunt"] = gettext("Dit kernpunt staat niet in het verzonden paper.")
    if uitkomst not in Uitkomst.values:
        fouten["uitkomst"] = gettext("Kies overgenomen, deels overgenomen of niet overgenomen.")
    if not (toelichting or "").strip():
        fouten["toelichting"] = gettext("Licht toe wat er met dit kernpunt is gedaan.")
    fouten.update(stuurteken_fouten({"toelichting": toelichting}))
    if fouten:
        raise ValidationError(fouten)
    verwerking, nieuw = Verwerking.objects.update_or_create(
        rapport=rapport,
        kernpunt_id=kernpunt_id,
        defaults={
            "uitkomst": uitkomst,
            "toelichting": toelichting.strip(),
            "vastgelegd_door": actor,
        },
    )
    registreer(
        rapport,
        actor=actor,
        actie=VERWERKING_VASTGELEGD if nieuw else VERWERKING_GEWIJZIGD,
        toelichting=toelichting.strip(),
        gegevens={"kernpunt": kernpunt_id, "uitkomst": uitkomst},
    )
    publiceer_na_commit(
        "rapport.verwerking_vastgelegd", rapport_id=rapport.pk, kernpunt_id=kernpunt_id
    )
    return verwerking


# --- open publication -------------------------------------------------------------------

#: How far ahead a publication may be set: beyond it the year is a typo.
PUBLICATIE_HOOGSTENS_JAREN = 3

PUBLICATIEDATUM_GEWIJZIGD = audit_actie(
    "publicatiedatum_gewijzigd", _("Datum van openbaarmaking gewijzigd")
)


def _gewijzigd(rapport: Rapport) -> None:
    """The version's ``openbaarVanaf`` changed: API clients polling ``gewijzigdSinds`` see it."""
    Rapport.objects.filter(pk=rapport.pk).update(gewijzigd_op=timezone.now())
    rapport._state.fields_cache.pop("publicatie", None)


def _datum(moment) -> str:
    return formats.date_format(timezone.localtime(moment), "j F Y H:i")


def _kan_nu_publiceren(user, rapport: Rapport) -> bool:
    """Offered for the sent version that is not public yet (a planned date can change)."""
    return (
        rapport.status == Status.VERZONDEN
        and not rapport.is_openbaar
        and permissions.kan_publiceren(user, rapport)
    )


def _kan_nu_publicatie_intrekken(user, rapport: Rapport) -> bool:
    return rapport.openbaar_vanaf is not None and permissions.kan_publiceren(user, rapport)


def _publicatiemoment(openbaar_vanaf, nu):
    """The moment a publication takes effect: ``None`` or a moment that has passed means
    at once (the archive then says the real moment); a later one must be aware and lie
    within ``PUBLICATIE_HOOGSTENS_JAREN``."""
    if openbaar_vanaf is None:
        return nu
    if not isinstance(openbaar_vanaf, datetime) or timezone.is_naive(openbaar_vanaf):
        raise ValidationError({"openbaar_vanaf": gettext("Geef een datum en tijd op.")})
    try:
        te_ver = openbaar_vanaf > nu + timedelta(days=365 * PUBLICATIE_HOOGSTENS_JAREN + 1)
    except OverflowError:
        te_ver = True
    if te_ver:
        raise ValidationError(
            {
                "openbaar_vanaf": gettext(
                    "Kies een datum binnen %(jaren)s jaar; controleer het jaartal."
                )
                % {"jaren": PUBLICATIE_HOOGSTENS_JAREN}
            }
        )
    return max(openbaar_vanaf, nu)


@WERKSTROOM.actie(
    "publiceren",
    logboek=_("Openbaar gemaakt"),
    samenvatting="Openbaar maken in het openbare archief, meteen of vanaf een datum (secretariaat)",
    label=_("Openbaar maken"),
    gelukt=_("Het paper is openbaar gemaakt."),
    onomkeerbaar=True,
    gevolg=_(
        "Iedereen kan het paper dan zonder inloggen lezen en downloaden in het openbare "
        "archief: de PDF, de genummerde kernpunten en de verwerking door het ministerie. U "
        "kunt de publicatie later intrekken, maar wie het paper al downloadde, houdt het."
    ),
    mag=_kan_nu_publiceren,
)
@transaction.atomic
def rapport_publiceren(
    *, rapport: Rapport, actor, openbaar_vanaf: datetime | None = None, toelichting: str = ""
) -> Rapport:
    """Publish the version sent to the ministry in the public archive, at once
    (``openbaar_vanaf`` empty or passed) or from a later moment, e.g. the day the ministry
    publishes the bill. For a publication set for later this changes its moment (audited
    as such). Only the sent version can be public; a publication that took effect is not
    moved (withdraw it instead). The archive and its feed read ``Rapport.objects.openbaar``:
    nothing runs when the moment comes."""
    rapport = Rapport.objects.select_for_update().select_related("consultatie").get(pk=rapport.pk)
    _vereis(permissions.kan_publiceren(actor, rapport))
    if rapport.status != Status.VERZONDEN:
        raise TransitieNietToegestaan(
            rapport,
            "publiceren",
            gettext("Alleen het paper dat aan het ministerie is verzonden, kan openbaar worden."),
        )
    if rapport.is_openbaar:
        raise TransitieNietToegestaan(
            rapport,
            "publiceren",
            gettext(
                "Dit paper is al openbaar sinds %(moment)s. Trek de publicatie in om het uit "
                "het openbare archief te halen."
            )
            % {"moment": _datum(rapport.openbaar_vanaf)},
        )
    controleer_teksten(toelichting=toelichting)
    nu = timezone.now()
    moment = _publicatiemoment(openbaar_vanaf, nu)
    vorig = rapport.openbaar_vanaf
    Publicatie.objects.update_or_create(rapport=rapport, defaults={"openbaar_vanaf": moment})
    _gewijzigd(rapport)
    registreer(
        rapport,
        actor=actor,
        actie=PUBLICATIEDATUM_GEWIJZIGD if vorig else "publiceren",
        toelichting=toelichting,
        gegevens={
            "openbaar_vanaf": moment.isoformat(),
            **({"was": vorig.isoformat()} if vorig else {}),
        },
    )
    return rapport


@WERKSTROOM.actie(
    "publicatie_intrekken",
    logboek=_("Publicatie ingetrokken"),
    samenvatting="Publicatie intrekken: weg uit het openbare archief (secretariaat)",
    label=_("Publicatie intrekken"),
    gelukt=_("De publicatie is ingetrokken; het paper staat niet meer in het openbare archief."),
    toelichting="optioneel",
    gevaar=True,
    mag=_kan_nu_publicatie_intrekken,
)
@transaction.atomic
def rapport_publicatie_intrekken(*, rapport: Rapport, actor, toelichting: str = "") -> Rapport:
    """Take a paper out of the public archive (or cancel a publication set for later). From
    the next request on its public page, PDF and feed entry answer 404."""
    rapport = Rapport.objects.select_for_update().select_related("consultatie").get(pk=rapport.pk)
    _vereis(permissions.kan_publiceren(actor, rapport))
    if rapport.openbaar_vanaf is None:
        raise TransitieNietToegestaan(
            rapport, "publicatie_intrekken", gettext("Dit paper is niet openbaar gemaakt.")
        )
    controleer_teksten(toelichting=toelichting)
    vorig = rapport.openbaar_vanaf
    Publicatie.objects.filter(rapport=rapport).delete()
    _gewijzigd(rapport)
    registreer(
        rapport,
        actor=actor,
        actie="publicatie_intrekken",
        toelichting=toelichting,
        gegevens={"was": vorig.isoformat()},
    )
    return rapport


def alle_kernpunten_verwerkt(rapport: Rapport) -> bool:
    verwerkt = set(rapport.verwerkingen.values_list("kernpunt_id", flat=True))
    return set(rapport.kernpunt_ids) <= verwerkt


def pdf_bytes(rapport: Rapport) -> bytes:
    """The stored PDF, checked against its recorded sha256 (a download is always the same)."""
    with rapport.pdf.open("rb") as f:
        inhoud = f.read()
    if hashlib.sha256(inhoud).hexdigest() != rapport.sha256:
        raise RuntimeError(f"De PDF van rapport {rapport.pk} komt niet overeen met zijn sha256.")
    return inhoud


def toegestane_acties(user, rapport: Rapport) -> list[str]:
    """What ``user`` may do with this version now (for buttons and the API): the FSM
    transitions (state, conditions, permission) and the actions with their own rule."""
    return WERKSTROOM.toegestaan(user, rapport)


@transaction.atomic
def ondertekenaar_opslaan(*, ondertekenaar, actor, gewijzigd) -> object:
    """Create or change a signatory or contact person of the aanbiedingsbrief (the admin's
    form); only the secretariat or an operator, audited. Removing one is done by making it
    inactive, so papers that named it keep a traceable history."""
    if not (actor.is_superuser or permissions.is_secretaris(actor)):
        raise PermissionDenied
    nieuw = ondertekenaar.pk is None
    ondertekenaar.full_clean()
    ondertekenaar.save()
    registreer(
        ondertekenaar,
        actor=actor,
        actie="aangemaakt" if nieuw else "gewijzigd",
        gegevens={"velden": sorted(gewijzigd)},
    )
    return ondertekenaar

"""The transitions of a response (its state machine): one service per action, each declared
once on :data:`WERKSTROOM`."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from audit.acties import actie as audit_actie
from audit.services import registreer
from kern.gebeurtenissen import publiceer_na_commit
from kern.workflow import (
    SYSTEEM,
    Werkstroom,
    vereis_toelichting,
    voer_transitie_uit,
)

from .. import permissions
from ..models import (
    Beoordeling,
    Kostenpost,
    Reactie,
    Status,
)
from .validatie import INHOUD_VELDEN

#: The actions on a response, each declared once on its service below.
WERKSTROOM = Werkstroom("reactie")

OVERGENOMEN = audit_actie("overgenomen_van_vorige_toets", _("Overgenomen van de vorige toets"))
VERLOPEN = audit_actie("verlopen", _("Verlopen"))


def _na_commit(gebeurtenis: str, reactie: Reactie, toelichting: str = ""):
    """Publish ``reactie.<gebeurtenis>`` after commit (notificaties subscribes)."""
    publiceer_na_commit(f"reactie.{gebeurtenis}", reactie_id=reactie.pk, toelichting=toelichting)


@WERKSTROOM.actie(
    "starten",
    label=_("Beginnen met opstellen"),
    gelukt=_("U kunt nu de uitvoeringstoets opstellen."),
    logboek=_("Gestart met opstellen"),
    samenvatting="Starten (uitgenodigd → in voorbereiding)",
)
@transaction.atomic
def reactie_starten(*, reactie: Reactie, actor, toelichting: str = "") -> Reactie:
    """uitgenodigd → in_voorbereiding. A re-toets starts from the earlier toets."""
    reactie = voer_transitie_uit(reactie, "starten", actor=actor)
    if reactie.vorige_reactie_id:
        _neem_over_van_vorige(reactie)
    return reactie


def _neem_over_van_vorige(reactie: Reactie):
    vorige = Reactie.objects.prefetch_related("beoordelingen", "kosten").get(
        pk=reactie.vorige_reactie_id
    )
    for veld in INHOUD_VELDEN:
        setattr(reactie, veld, getattr(vorige, veld))
    reactie.versie += 1
    reactie.save(update_fields=[*INHOUD_VELDEN, "versie"])
    Beoordeling.objects.bulk_create(
        Beoordeling(
            reactie=reactie, dimensie=b.dimensie, gevolgen=b.gevolgen, toelichting=b.toelichting
        )
        for b in vorige.beoordelingen.all()
    )
    Kostenpost.objects.bulk_create(
        Kostenpost(
            reactie=reactie,
            categorie=k.categorie,
            soort=k.soort,
            bedrag=k.bedrag,
            toelichting=k.toelichting,
        )
        for k in vorige.kosten.all()
    )
    registreer(
        reactie,
        actor=SYSTEEM,
        actie=OVERGENOMEN,
        gegevens={"vorige_reactie": vorige.pk},
    )


@WERKSTROOM.actie(
    "ter_accordering",
    label=_("Ter accordering aanbieden"),
    gelukt=_("De reactie is ter accordering aangeboden."),
    logboek=_("Ter accordering aangeboden"),
    samenvatting="Ter accordering aanbieden (in voorbereiding → ter accordering)",
    toelichting="optioneel",
)
@transaction.atomic
def reactie_ter_accordering(*, reactie: Reactie, actor, toelichting: str = "") -> Reactie:
    """in_voorbereiding → ter_accordering; needs eindoordeel, kernboodschap and all dimensions."""

    def controleer(obj):
        ontbrekend = obj.ontbrekend_voor_accordering()
        if ontbrekend:
            raise ValidationError(ontbrekend)

    reactie = voer_transitie_uit(
        reactie,
        "ter_accordering",
        actor=actor,
        toelichting=toelichting,
        controleer=controleer,
        transitie_kwargs={"door": actor},
        update_fields=["ter_accordering_door"],
    )
    _na_commit("ter_accordering", reactie, toelichting)
    return reactie


@WERKSTROOM.actie(
    "afkeuren",
    label=_("Intern afkeuren"),
    gelukt=_("De reactie is intern afgekeurd en terug in voorbereiding."),
    logboek=_("Intern afgekeurd"),
    samenvatting="Afkeuren, met toelichting (→ in voorbereiding)",
    toelichting="verplicht",
    gevaar=True,
)
@transaction.atomic
def reactie_afkeuren(*, reactie: Reactie, actor, toelichting: str) -> Reactie:
    """ter_accordering → in_voorbereiding (the accordeerder rejects internally)."""
    reactie = voer_transitie_uit(
        reactie,
        "afkeuren",
        actor=actor,
        toelichting=toelichting,
        controleer=vereis_toelichting(
            toelichting, gettext("Geef aan waarom u de reactie afkeurt.")
        ),
        update_fields=["ter_accordering_door"],
    )
    _na_commit("afgekeurd", reactie, toelichting)
    return reactie


@WERKSTROOM.actie(
    "indienen",
    label=_("Accorderen en indienen"),
    gelukt=_("De reactie is geaccordeerd en ingediend bij het secretariaat."),
    logboek=_("Geaccordeerd en ingediend"),
    samenvatting="Accorderen en indienen (vier ogen; ter accordering → ingediend)",
    toelichting="optioneel",
)
@transaction.atomic
def reactie_indienen(*, reactie: Reactie, actor, toelichting: str = "") -> Reactie:
    """ter_accordering → ingediend: approve and submit, by another accordeerder (four-eyes:
    not who offered it, nor anyone who changed the content since the last approval), before
    the (possibly extended) termijn."""
    if (
        reactie.status == Status.TER_ACCORDERING
        and permissions.is_eigen_accordeerder(actor, reactie)
        and permissions.schreef_mee_aan_versie(actor, reactie)
    ):
        # The same rule is checked again under the lock; this only gives the clear message.
        raise PermissionDenied(
            "U heeft zelf aan deze versie van de reactie geschreven. Een andere accordeerder "
            "moet haar accorderen en indienen (vier-ogenprincipe)."
        )
    reactie = voer_transitie_uit(
        reactie,
        "indienen",
        actor=actor,
        toelichting=toelichting,
        transitie_kwargs={"door": actor},
        update_fields=["ingediend_door", "ingediend_op"],
    )
    _na_commit("ingediend", reactie, toelichting)
    return reactie


@WERKSTROOM.actie(
    "terugsturen",
    label=_("Terugsturen"),
    gelukt=_("De reactie is teruggestuurd naar de organisatie."),
    logboek=_("Teruggestuurd door het secretariaat"),
    samenvatting="Terugsturen door het secretariaat, met toelichting "
    "(ingediend → in voorbereiding)",
    toelichting="verplicht",
    gevaar=True,
)
@transaction.atomic
def reactie_terugsturen(*, reactie: Reactie, actor, toelichting: str) -> Reactie:
    """ingediend → in_voorbereiding by the secretaris, with a comment."""
    reactie = voer_transitie_uit(
        reactie,
        "terugsturen",
        actor=actor,
        toelichting=toelichting,
        controleer=vereis_toelichting(
            toelichting, gettext("Geef aan waarom u de reactie terugstuurt.")
        ),
        update_fields=["ter_accordering_door", "ingediend_door", "ingediend_op"],
    )
    _na_commit("teruggestuurd", reactie, toelichting)
    return reactie


@WERKSTROOM.actie(
    "accepteren",
    label=_("Accepteren"),
    gelukt=_("De reactie is geaccepteerd."),
    logboek=_("Geaccepteerd door het secretariaat"),
    samenvatting="Accepteren (ingediend → geaccepteerd)",
    toelichting="optioneel",
)
@transaction.atomic
def reactie_accepteren(*, reactie: Reactie, actor, toelichting: str = "") -> Reactie:
    return voer_transitie_uit(reactie, "accepteren", actor=actor, toelichting=toelichting)


@WERKSTROOM.actie(
    "intrekken",
    label=_("Intrekken"),
    gelukt=_("De reactie is ingetrokken en terug in voorbereiding."),
    logboek=_("Ingetrokken"),
    samenvatting="Ingediende reactie intrekken (→ in voorbereiding)",
    toelichting="optioneel",
    gevaar=True,
)
@transaction.atomic
def reactie_intrekken(*, reactie: Reactie, actor, toelichting: str = "") -> Reactie:
    """ingediend → in_voorbereiding by the organisation itself, while the consultation is open."""
    return voer_transitie_uit(
        reactie,
        "intrekken",
        actor=actor,
        toelichting=toelichting,
        update_fields=["ter_accordering_door", "ingediend_door", "ingediend_op"],
    )


@WERKSTROOM.actie(
    "afzien",
    label=_("Afzien van een reactie"),
    gelukt=_("Uw organisatie ziet af van een reactie."),
    logboek=_("Afgezien van een reactie"),
    samenvatting="Afzien van een reactie, met reden",
    toelichting="verplicht",
    toelichting_label=_("Reden"),
    gevaar=True,
)
@transaction.atomic
def reactie_afzien(*, reactie: Reactie, actor, toelichting: str) -> Reactie:
    """Decline to respond, with a reason (accordeerder only)."""
    reactie = voer_transitie_uit(
        reactie,
        "afzien",
        actor=actor,
        toelichting=toelichting,
        controleer=vereis_toelichting(
            toelichting, gettext("Geef een reden om af te zien van een reactie.")
        ),
        transitie_kwargs={"reden": (toelichting or "").strip()},
        update_fields=["afzien_reden"],
    )
    _na_commit("afgezien", reactie, toelichting)
    return reactie


@transaction.atomic
def reactie_laten_verlopen(*, reactie: Reactie, actor=SYSTEEM) -> Reactie:
    """A not-submitted response whose termijn passed: by the deadline job (``SYSTEEM``) or
    with the closing of the consultation by the secretaris."""
    return voer_transitie_uit(
        reactie, VERLOPEN, actor=actor, toelichting="De termijn is verstreken zonder indiening."
    )


def laat_lopende_reacties_verlopen(*, consultatie, actor):
    """A consultation closed: the responses not submitted become ``verlopen``.

    Locks the open responses first: one being submitted right now is waited for and then,
    no longer lopend, left alone (instead of failing the whole close with a 409)."""
    lopend = Reactie.objects.select_for_update().filter(consultatie=consultatie).lopend()
    for reactie in list(lopend):
        reactie_laten_verlopen(reactie=reactie, actor=actor)


@WERKSTROOM.actie(
    "heropenen",
    label=_("Heropenen"),
    gelukt=_("De reactie is heropend."),
    logboek=_("Heropend"),
    samenvatting="Verlopen reactie heropenen (→ in voorbereiding)",
    toelichting="optioneel",
)
@transaction.atomic
def reactie_heropenen(*, reactie: Reactie, actor, toelichting: str = "") -> Reactie:
    """verlopen → in_voorbereiding by the secretaris; the organisation needs a termijn in the
    future (extend it for that organisation first)."""
    return voer_transitie_uit(
        reactie,
        "heropenen",
        actor=actor,
        toelichting=toelichting,
        update_fields=["ter_accordering_door"],
    )


def reactie_transitie(naam: str, *, reactie: Reactie, actor, toelichting: str = "") -> Reactie:
    """Run the action ``naam`` (web and API name the actions the same)."""
    return WERKSTROOM.voer_uit(naam, reactie, reactie=reactie, actor=actor, toelichting=toelichting)


def toegestane_acties(user, reactie: Reactie) -> list[str]:
    """The transitions ``user`` may take now (state, conditions and permission)."""
    return WERKSTROOM.toegestaan(user, reactie)

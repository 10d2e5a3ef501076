"""Extension requests: asking for, granting and refusing more time for one response.

Granting extends the termijn for that organisation only, through
``consultatie_termijn_verlengen``; the organisation or the secretariaat hears of every step
through the domain events ``verlenging.*`` (notificaties subscribes).
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from audit.acties import actie as audit_actie
from audit.services import registreer
from consultaties.models import termijn_fout
from consultaties.services import consultatie_termijn_verlengen
from kern.gebeurtenissen import publiceer_na_commit
from kern.workflow import (
    TransitieNietToegestaan,
    Werkstroom,
    vereis_toelichting,
    voer_transitie_uit,
)
from reacties.models import Reactie
from reacties.models import Status as ReactieStatus
from reacties.permissions import kan_verlenging_aanvragen
from reacties.services import reactie_heropenen
from tegenkracht.validatie import stuurteken_fouten

from .models import Verlengingsverzoek

#: Deciding on an extension request.
VERLENGING_WERKSTROOM = Werkstroom("verlengingsverzoek")

VERLENGING_AANGEVRAAGD = audit_actie("verlenging_aangevraagd", _("Verlenging aangevraagd"))
VERLENGING_TOEGEKEND = audit_actie("verlenging_toegekend", _("Verlenging toegekend"))
VERLENGING_AFGEWEZEN = audit_actie("verlenging_afgewezen", _("Verlenging afgewezen"))


def _na_commit_verlenging(verzoek: Verlengingsverzoek, gebeurtenis: str):
    # notificaties subscribes (``verlenging.aangevraagd``, ``.toegekend``, ``.afgewezen``).
    publiceer_na_commit(f"verlenging.{gebeurtenis}", verzoek_id=verzoek.pk)


@transaction.atomic
def verlenging_aanvragen(
    *, reactie: Reactie, actor, reden: str, gewenste_termijn=None
) -> Verlengingsverzoek:
    """An opsteller or accordeerder asks for more time for its organisation's response.

    Preconditions: the response still runs (not submitted), the consultation is open, the
    organisation's termijn has not passed and no other request is pending. Notifies the
    secretariaat; the request appears in the response's timeline.
    """
    reactie = Reactie.objects.select_for_update().get(pk=reactie.pk)
    if not (actor.is_organisatie_medewerker and actor.organisatie_id == reactie.organisatie_id):
        raise PermissionDenied(gettext("Alleen de eigen organisatie kan verlenging aanvragen."))
    if not kan_verlenging_aanvragen(actor, reactie):
        raise TransitieNietToegestaan(
            reactie,
            "verlenging_aanvragen",
            gettext(
                "Verlenging aanvragen kan alleen zolang de reactie nog niet is ingediend en de "
                "termijn niet is verstreken."
            ),
        )
    fouten = {}
    if not (reden or "").strip():
        fouten["reden"] = gettext("Geef een reden voor de verlenging.")
    fouten.update(stuurteken_fouten({"reden": reden}))
    if gewenste_termijn is not None:
        fout = termijn_fout(gewenste_termijn)
        if fout:
            fouten["gewenste_termijn"] = fout
        elif gewenste_termijn <= reactie.effectieve_termijn:
            fouten["gewenste_termijn"] = gettext(
                "De gewenste termijn moet na de huidige termijn liggen."
            )
    if fouten:
        raise ValidationError(fouten)
    try:
        with transaction.atomic():
            verzoek = Verlengingsverzoek.objects.create(
                reactie=reactie,
                reden=reden.strip(),
                gewenste_termijn=gewenste_termijn,
                aangevraagd_door=actor,
            )
    except IntegrityError as fout:
        raise TransitieNietToegestaan(
            reactie, "verlenging_aanvragen", gettext("Er loopt al een verzoek om verlenging.")
        ) from fout
    registreer(
        reactie,
        actor=actor,
        actie=VERLENGING_AANGEVRAAGD,
        toelichting=verzoek.reden,
        gegevens={
            "verzoek": verzoek.pk,
            "gewenste_termijn": gewenste_termijn.isoformat() if gewenste_termijn else None,
        },
    )
    _na_commit_verlenging(verzoek, "aangevraagd")
    return verzoek


@VERLENGING_WERKSTROOM.actie("toekennen", logboek=_("Toegekend"))
@transaction.atomic
def verlenging_toekennen(
    *, verzoek: Verlengingsverzoek, actor, termijn, toelichting: str = ""
) -> Verlengingsverzoek:
    """aangevraagd → toegekend: the secretaris extends the termijn for this organisation
    only (through ``consultatie_termijn_verlengen``) and the organisation is notified.

    If the deadline job already made the response ``verlopen`` (the request was decided
    late), it is reopened. The consultation must still be open (409 otherwise).
    """

    def controleer(obj):
        fout = termijn_fout(termijn)
        if fout:
            raise ValidationError({"termijn": fout})

    verzoek = voer_transitie_uit(
        verzoek,
        "toekennen",
        actor=actor,
        toelichting=toelichting,
        controleer=controleer,
        transitie_kwargs={"door": actor, "termijn": termijn, "toelichting": toelichting},
        update_fields=["beslist_door", "beslist_op", "nieuwe_termijn", "besluit_toelichting"],
        gegevens={"termijn": termijn.isoformat() if termijn else None},
    )
    reactie = verzoek.reactie
    consultatie_termijn_verlengen(
        consultatie=reactie.consultatie,
        actor=actor,
        termijn=termijn,
        organisatie=reactie.organisatie,
        toelichting=toelichting or f"Verzoek om verlenging toegekend: {verzoek.reden}",
    )
    reactie.refresh_from_db()
    if reactie.status == ReactieStatus.VERLOPEN:
        # Decided after the old termijn had passed: the organisation may work on again.
        reactie = reactie_heropenen(
            reactie=reactie, actor=actor, toelichting="Termijn verlengd op verzoek."
        )
    registreer(
        reactie,
        actor=actor,
        actie=VERLENGING_TOEGEKEND,
        toelichting=toelichting,
        gegevens={"verzoek": verzoek.pk, "termijn": termijn.isoformat()},
    )
    _na_commit_verlenging(verzoek, "toegekend")
    return verzoek


@VERLENGING_WERKSTROOM.actie("afwijzen", logboek=_("Afgewezen"))
@transaction.atomic
def verlenging_afwijzen(
    *, verzoek: Verlengingsverzoek, actor, toelichting: str
) -> Verlengingsverzoek:
    """aangevraagd → afgewezen, with a reason; the organisation is notified."""
    verzoek = voer_transitie_uit(
        verzoek,
        "afwijzen",
        actor=actor,
        toelichting=toelichting,
        controleer=vereis_toelichting(toelichting, gettext("Geef een reden voor het afwijzen.")),
        transitie_kwargs={"door": actor, "toelichting": (toelichting or "").strip()},
        update_fields=["beslist_door", "beslist_op", "besluit_toelichting"],
    )
    registreer(
        verzoek.reactie,
        actor=actor,
        actie=VERLENGING_AFGEWEZEN,
        toelichting=toelichting,
        gegevens={"verzoek": verzoek.pk},
    )
    _na_commit_verlenging(verzoek, "afgewezen")
    return verzoek

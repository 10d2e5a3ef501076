"""Use cases on consultations. Views, API, commands and tests all come through here."""

from datetime import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from audit.acties import AANGEMAAKT, GEWIJZIGD
from audit.acties import actie as audit_actie
from audit.services import registreer
from kern.gebeurtenissen import publiceer, publiceer_na_commit
from kern.workflow import (
    TransitieNietToegestaan,
    VerouderdeVersie,
    Werkstroom,
    vereis_toelichting,
    voer_transitie_uit,
)
from organisaties.models import Netwerk, Organisatie, Soort
from tegenkracht.validatie import controleer_teksten, stuurteken_fouten

from . import permissions
from .models import (
    BEWERKBARE_VELDEN,
    Consultatie,
    Document,
    Status,
    Vraag,
    datum_fout,
    termijn_fout,
)
from .uploads import controleer_quotum

#: The actions on a consultation, each declared once on its service below.
WERKSTROOM = Werkstroom("consultatie")

UITGENODIGD = audit_actie("uitgenodigd", _("Organisaties uitgenodigd"))
DOCUMENT_TOEGEVOEGD = audit_actie("document_toegevoegd", _("Document toegevoegd"))
TERMIJN_VERLENGD = audit_actie("termijn_verlengd", _("Termijn verlengd"))


def _vereis(toegestaan: bool):
    if not toegestaan:
        raise PermissionDenied(gettext("U mag deze actie niet uitvoeren."))


def _valideer_velden(velden: dict, consultatie: Consultatie | None = None):
    fouten = {}
    ministerie = velden.get("ministerie")
    if ministerie is not None and ministerie.soort != Soort.MINISTERIE:
        fouten["ministerie"] = gettext("Kies een ministerie.")
    if "termijn" in velden:
        fout = termijn_fout(velden["termijn"])
        if fout:
            fouten["termijn"] = fout
    fout = datum_fout(velden.get("beoogde_inwerkingtreding"))
    if fout:
        fouten["beoogde_inwerkingtreding"] = fout
    fouten.update(stuurteken_fouten(velden))
    vorige = velden.get("vorige_consultatie")
    if vorige is not None and consultatie is not None and vorige.pk == consultatie.pk:
        fouten["vorige_consultatie"] = gettext(
            "Een consultatie kan geen hertoets van zichzelf zijn."
        )
    if fouten:
        raise ValidationError(fouten)


@transaction.atomic
def consultatie_aanmaken(*, actor, vragen: list[str] = (), **velden) -> Consultatie:
    """Create a consultation in ``concept``."""
    _vereis(permissions.is_secretaris(actor))
    onbekend = set(velden) - set(BEWERKBARE_VELDEN)
    if onbekend:
        raise ValidationError(
            dict.fromkeys(onbekend, gettext("Dit veld bestaat niet of is niet te wijzigen."))
        )
    _valideer_velden(velden)
    controleer_teksten(vragen=list(vragen))
    consultatie = Consultatie(aangemaakt_door=actor, **velden)
    consultatie.full_clean(exclude=["kenmerk", "status"])
    consultatie.save()
    for volgorde, tekst in enumerate(v for v in vragen if v.strip()):
        Vraag.objects.create(consultatie=consultatie, volgorde=volgorde + 1, tekst=tekst.strip())
    registreer(consultatie, actor=actor, actie=AANGEMAAKT, naar_status=consultatie.status)
    return consultatie


@transaction.atomic
def consultatie_bijwerken(
    *,
    consultatie: Consultatie,
    actor,
    versie: int | None = None,
    vragen: list[str] | None = None,
    **velden,
) -> Consultatie:
    """Change the details. ``vragen`` (the ministry's questions) replaces all questions and
    may change only while the consultation is a concept, before anyone answered them.

    ``versie`` is the version the editor started from (the API and the edit form send it):
    a stale one raises :class:`VerouderdeVersie` (HTTP 409) and nothing is written. A
    caller that does not edit a loaded copy (the paper storing its summary) passes none.
    Every change raises the version by one."""
    consultatie = Consultatie.objects.select_for_update().get(pk=consultatie.pk)
    _vereis(permissions.kan_bewerken(actor, consultatie))
    if versie is not None and versie != consultatie.versie:
        raise VerouderdeVersie(
            gettext(
                "Iemand anders heeft deze consultatie intussen gewijzigd (nu versie "
                "%(versie)s). Uw wijzigingen zijn niet opgeslagen; breng ze opnieuw aan op "
                "de nieuwste versie."
            )
            % {"versie": consultatie.versie}
        )
    onbekend = set(velden) - set(BEWERKBARE_VELDEN)
    if onbekend:
        raise ValidationError(
            dict.fromkeys(onbekend, gettext("Dit veld bestaat niet of is niet te wijzigen."))
        )
    if "termijn" in velden and consultatie.status != Status.CONCEPT:
        raise ValidationError(
            {
                "termijn": gettext(
                    "Verleng de termijn van een opengestelde consultatie met 'termijn verlengen'."
                )
            }
        )
    _valideer_velden(velden, consultatie)
    gewijzigd = {}
    for veld, waarde in velden.items():
        if getattr(consultatie, veld) != waarde:
            gewijzigd[veld] = True
            setattr(consultatie, veld, waarde)
    nieuwe_vragen = None
    if vragen is not None:
        controleer_teksten(vragen=list(vragen))
        nieuwe_vragen = [v.strip() for v in vragen if v.strip()]
        if nieuwe_vragen == list(consultatie.vragen.values_list("tekst", flat=True)):
            nieuwe_vragen = None
        elif consultatie.status != Status.CONCEPT:
            raise ValidationError(
                {"vragen": gettext("De vragen liggen vast zodra de consultatie is opengesteld.")}
            )
    if not gewijzigd and nieuwe_vragen is None:
        return consultatie
    if gewijzigd:
        consultatie.full_clean(exclude=["kenmerk", "status"])
    consultatie.versie += 1
    consultatie.save(update_fields=[*gewijzigd, "versie", "gewijzigd_op"])
    if nieuwe_vragen is not None:
        consultatie.vragen.all().delete()
        Vraag.objects.bulk_create(
            Vraag(consultatie=consultatie, volgorde=i, tekst=t)
            for i, t in enumerate(nieuwe_vragen, start=1)
        )
        gewijzigd["vragen"] = True
    registreer(consultatie, actor=actor, actie=GEWIJZIGD, gegevens={"velden": sorted(gewijzigd)})
    return consultatie


@transaction.atomic
def consultatie_uitnodigen(
    *, consultatie: Consultatie, actor, organisaties=(), netwerk: str | None = None
) -> list:
    """Invite member organisations: each gets a response in ``uitgenodigd``. ``netwerk``
    invites every member of that network (Manifestgroep, KleinLef, RBB Groep) as well.

    All or nothing: one organisation that cannot be invited refuses the whole call.
    Organisations already invited are skipped. When the consultation is already open, the
    new invitees are notified at once.
    """
    consultatie = Consultatie.objects.select_for_update().get(pk=consultatie.pk)
    _vereis(permissions.kan_uitnodigen(actor, consultatie))
    organisaties = list(organisaties)
    if netwerk:
        if netwerk not in Netwerk.uit_te_nodigen():
            raise ValidationError(
                {"netwerk": gettext("Kies Manifestgroep, KleinLef of RBB Groep.")}
            )
        gekozen = {o.pk for o in organisaties}
        organisaties += [o for o in Organisatie.objects.leden_van(netwerk) if o.pk not in gekozen]
    ongeldig = [o for o in organisaties if o.soort != Soort.UITVOERINGSORGANISATIE]
    if ongeldig:
        raise ValidationError(
            {
                "organisaties": gettext(
                    "Alleen uitvoeringsorganisaties kunnen worden uitgenodigd: %(organisaties)s"
                )
                % {"organisaties": ", ".join(o.afkorting for o in ongeldig)}
            }
        )
    al_uitgenodigd = set(consultatie.reacties.values_list("organisatie_id", flat=True))
    organisaties = [o for o in organisaties if o.pk not in al_uitgenodigd]
    # In this transaction: reacties gives every new invitee its response.
    publiceer(
        "consultatie.organisaties_uitgenodigd", consultatie=consultatie, organisaties=organisaties
    )
    nieuw = list(consultatie.reacties.filter(organisatie__in=organisaties))
    if nieuw:
        registreer(
            consultatie,
            actor=actor,
            actie=UITGENODIGD,
            toelichting=", ".join(sorted(r.organisatie.afkorting for r in nieuw)),
            gegevens={
                "organisaties": sorted(r.organisatie_id for r in nieuw),
                **({"netwerk": netwerk} if netwerk else {}),
            },
        )
    if nieuw and consultatie.status == Status.OPEN:
        _na_commit_uitnodigingen(consultatie, [r.pk for r in nieuw])
    return nieuw


def _na_commit_uitnodigingen(consultatie, reactie_ids):
    publiceer_na_commit("consultatie.uitnodigingen_verstuurd", reactie_ids=list(reactie_ids))


@transaction.atomic
def consultatie_document_toevoegen(
    *, consultatie: Consultatie, actor, bestand, titel: str = ""
) -> Document:
    """Add a new version of the draft text (PDF, DOCX or ODT, checked by content)."""
    consultatie = Consultatie.objects.select_for_update().get(pk=consultatie.pk)
    _vereis(permissions.kan_document_toevoegen(actor, consultatie))
    controleer_teksten(titel=titel)
    try:
        controleer_quotum(
            consultatie.documenten.all(),
            bestand.size,
            max_aantal=settings.MAX_DOCUMENTEN_PER_CONSULTATIE,
        )
    except ValidationError as fout:
        raise ValidationError({"bestand": fout.messages}) from fout
    versie = (consultatie.documenten.aggregate(m=Max("versie"))["m"] or 0) + 1
    document = Document(
        consultatie=consultatie,
        versie=versie,
        titel=(titel or "").strip() or f"Conceptversie {versie}",
    )
    document.neem_upload(bestand, door=actor, opslagnaam="document")
    document.save()
    registreer(
        consultatie,
        actor=actor,
        actie=DOCUMENT_TOEGEVOEGD,
        toelichting=f"{document.titel} (versie {versie})",
        gegevens={"document": document.pk, "sha256": document.sha256},
    )
    if consultatie.status == Status.OPEN:
        publiceer_na_commit("consultatie.document_toegevoegd", document_id=document.pk)
    return document


@WERKSTROOM.actie(
    "openstellen",
    label=_("Openstellen en uitnodigingen versturen"),
    gelukt=_("De consultatie is opengesteld; de uitnodigingen worden verstuurd."),
    logboek=_("Opengesteld"),
    samenvatting="Openstellen (concept → open)",
    onomkeerbaar=True,
    gevolg=_(
        "De uitnodigingen gaan meteen per e-mail naar alle uitgenodigde organisaties en de "
        "termijn begint te lopen."
    ),
)
@transaction.atomic
def consultatie_openstellen(
    *, consultatie: Consultatie, actor, toelichting: str = ""
) -> Consultatie:
    """concept → open. Needs invitees, a document and a future termijn; sends invitations."""

    def controleer(obj):
        fouten = []
        if not obj.heeft_uitnodigingen():
            fouten.append(gettext("Nodig ten minste één organisatie uit."))
        if not obj.heeft_document():
            fouten.append(gettext("Voeg de conceptregeling toe als document."))
        if not obj.termijn_in_toekomst():
            fouten.append(gettext("Kies een termijn in de toekomst."))
        if fouten:
            raise ValidationError(fouten)

    consultatie = voer_transitie_uit(
        consultatie,
        "openstellen",
        actor=actor,
        controleer=controleer,
        update_fields=["geopend_op"],
    )
    _na_commit_uitnodigingen(consultatie, list(consultatie.reacties.values_list("pk", flat=True)))
    return consultatie


@WERKSTROOM.actie(
    "sluiten",
    label=_("Sluiten"),
    gelukt=_("De consultatie is gesloten."),
    logboek=_("Gesloten"),
    samenvatting="Sluiten (open → gesloten)",
    toelichting="optioneel",
    gevaar=True,
)
@transaction.atomic
def consultatie_sluiten(*, consultatie: Consultatie, actor, toelichting: str = "") -> Consultatie:
    """open → gesloten. Responses not submitted by then become ``verlopen``.

    ``actor`` is the secretaris, or ``SYSTEEM`` for the deadline job.
    """
    consultatie = voer_transitie_uit(consultatie, "sluiten", actor=actor, toelichting=toelichting)
    # In this transaction: reacties lets the responses not submitted expire.
    publiceer("consultatie.gesloten", consultatie=consultatie, actor=actor)
    return consultatie


@WERKSTROOM.actie(
    "heropenen",
    label=_("Heropenen"),
    gelukt=_("De consultatie is heropend."),
    logboek=_("Heropend"),
    samenvatting="Heropenen met een nieuwe termijn (gesloten → open)",
    toelichting="optioneel",
    termijn=True,
)
@transaction.atomic
def consultatie_heropenen(
    *, consultatie: Consultatie, actor, termijn: datetime, toelichting: str = ""
) -> Consultatie:
    """gesloten → open with a new termijn in the future."""

    def controleer(obj):
        fout = termijn_fout(termijn)
        if fout:
            raise ValidationError({"termijn": fout})

    return voer_transitie_uit(
        consultatie,
        "heropenen",
        actor=actor,
        toelichting=toelichting,
        controleer=controleer,
        transitie_kwargs={"termijn": termijn},
        update_fields=["termijn"],
        gegevens={"termijn": termijn.isoformat() if termijn else None},
    )


@transaction.atomic
def consultatie_termijn_verlengen(
    *,
    consultatie: Consultatie,
    actor,
    termijn: datetime,
    organisatie: Organisatie | None = None,
    toelichting: str = "",
) -> Consultatie:
    """Extend the termijn while open: for everyone, or for one invited organisation."""
    consultatie = Consultatie.objects.select_for_update().get(pk=consultatie.pk)
    if consultatie.status != Status.OPEN:
        raise TransitieNietToegestaan(
            consultatie,
            "termijn_verlengen",
            gettext("De termijn kan alleen worden verlengd zolang de consultatie open is."),
        )
    _vereis(permissions.kan_termijn_verlengen(actor, consultatie))
    fout = termijn_fout(termijn)
    if fout:
        raise ValidationError({"termijn": fout})
    if organisatie is None:
        if termijn <= consultatie.termijn:
            raise ValidationError(
                {"termijn": gettext("De nieuwe termijn moet later zijn dan de huidige.")}
            )
        Consultatie.objects.filter(pk=consultatie.pk).update(
            termijn=termijn, gewijzigd_op=timezone.now()
        )
        consultatie.refresh_from_db()
        doel = consultatie
    else:
        reactie = consultatie.reacties.select_for_update().filter(organisatie=organisatie).first()
        if reactie is None:
            raise ValidationError({"organisatie": gettext("Deze organisatie is niet uitgenodigd.")})
        if termijn <= reactie.effectieve_termijn:
            raise ValidationError(
                {"termijn": gettext("De nieuwe termijn moet later zijn dan de huidige.")}
            )
        reactie.termijn_verlengd_tot = termijn
        reactie.save(update_fields=["termijn_verlengd_tot"])
        doel = reactie
    gegevens = {"termijn": termijn.isoformat()}
    if organisatie is not None:
        gegevens["organisatie"] = organisatie.pk
    registreer(
        consultatie,
        actor=actor,
        actie=TERMIJN_VERLENGD,
        # Every invited organisation and the ministry read the consultation's timeline; the
        # reason for one organisation's extension is that organisation's business: it goes
        # on its response's (internal) timeline only.
        toelichting=toelichting if organisatie is None else "",
        gegevens=gegevens,
    )
    if doel is not consultatie:
        registreer(
            doel, actor=actor, actie=TERMIJN_VERLENGD, toelichting=toelichting, gegevens=gegevens
        )
    return consultatie


@WERKSTROOM.actie(
    # No button here: the paper is sent from its own page (``rapport_verzenden``).
    "verzenden",
    logboek=_("Verzonden"),
    samenvatting="Verzenden aan het ministerie (gesloten → verzonden)",
)
@transaction.atomic
def consultatie_verzenden(*, consultatie: Consultatie, actor) -> Consultatie:
    """gesloten → verzonden; needs a definitief report. Sending the report itself lives in
    ``rapporten.services.rapport_verzenden``, which calls this."""

    def controleer(obj):
        if not obj.heeft_definitief_rapport():
            raise ValidationError(
                gettext("Maak eerst een definitieve versie van het position paper.")
            )

    return voer_transitie_uit(consultatie, "verzenden", actor=actor, controleer=controleer)


@WERKSTROOM.actie(
    "afronden",
    label=_("Afronden"),
    gelukt=_("De consultatie is afgerond."),
    logboek=_("Afgerond"),
    samenvatting="Afronden (verzonden → afgerond)",
    toelichting="optioneel",
)
@transaction.atomic
def consultatie_afronden(*, consultatie: Consultatie, actor, toelichting: str = "") -> Consultatie:
    """verzonden → afgerond, once the ministry has recorded its verwerking of every kernpunt."""

    def controleer(obj):
        if not obj.verwerking_compleet():
            raise ValidationError(
                gettext(
                    "Het ministerie heeft nog niet bij elk kernpunt vastgelegd wat het ermee deed."
                )
            )

    return voer_transitie_uit(
        consultatie, "afronden", actor=actor, toelichting=toelichting, controleer=controleer
    )


@WERKSTROOM.actie(
    "intrekken",
    label=_("Intrekken"),
    gelukt=_("De consultatie is ingetrokken."),
    logboek=_("Ingetrokken"),
    samenvatting="Intrekken, met een reden",
    toelichting="verplicht",
    toelichting_label=_("Reden"),
    gevaar=True,
    onomkeerbaar=True,
    gevolg=_(
        "De consultatie stopt voor alle organisaties; een ingetrokken consultatie gaat niet "
        "meer open."
    ),
)
@transaction.atomic
def consultatie_intrekken(*, consultatie: Consultatie, actor, toelichting: str = "") -> Consultatie:
    """concept, open or gesloten → ingetrokken, with a reason."""
    return voer_transitie_uit(
        consultatie,
        "intrekken",
        actor=actor,
        toelichting=toelichting,
        controleer=vereis_toelichting(toelichting, gettext("Geef een reden voor het intrekken.")),
    )


def consultatie_transitie(naam: str, *, consultatie: Consultatie, actor, **argumenten):
    """Run the action ``naam`` (web and API name the actions the same)."""
    return WERKSTROOM.voer_uit(
        naam, consultatie, consultatie=consultatie, actor=actor, **argumenten
    )


def toegestane_acties(user, consultatie: Consultatie) -> list[str]:
    """The transitions ``user`` may take now (state, conditions and permission)."""
    return WERKSTROOM.toegestaan(user, consultatie)

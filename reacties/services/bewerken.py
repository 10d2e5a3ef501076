"""Saving the draft of a response (one call for content, assessments, costs, answers and the
hertoets markings), with optimistic locking on ``versie``."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from audit.acties import actie as audit_actie
from audit.services import registreer
from kern.workflow import (
    TransitieNietToegestaan,
    VerouderdeVersie,
)

from .. import permissions
from ..models import (
    Antwoord,
    Beoordeling,
    KernpuntHertoets,
    Kostenpost,
    Reactie,
)
from .hertoets import _valideer_herbeoordelingen
from .validatie import (
    _valideer_antwoorden,
    _valideer_beoordelingen,
    _valideer_inhoud,
    _valideer_kosten,
)

OPGESLAGEN = audit_actie("opgeslagen", _("Concept opgeslagen"))


@transaction.atomic
def reactie_bijwerken(
    *,
    reactie: Reactie,
    actor,
    versie: int,
    velden: dict | None = None,
    beoordelingen: dict | None = None,
    kosten: list | None = None,
    antwoorden: dict | None = None,
    herbeoordelingen: dict | None = None,
) -> Reactie:
    """Save the draft. ``versie`` is the version the editor started from: a stale one raises
    :class:`VerouderdeVersie` (HTTP 409) and nothing is written, so no save is silently lost.

    ``beoordelingen`` maps a dimensie to ``{"gevolgen": …, "toelichting": …}``; ``kosten``
    replaces all cost lines; ``antwoorden`` maps a vraag id to its answer;
    ``herbeoordelingen`` (a hertoets only) maps the id of a kernpunt of the organisation's
    earlier toets to ``{"oordeel": …, "toelichting": …}`` (an empty oordeel clears it).
    """
    reactie = Reactie.objects.select_for_update().select_related("consultatie").get(pk=reactie.pk)
    if not permissions.is_eigen_organisatie(actor, reactie):
        raise PermissionDenied(gettext("U mag deze reactie niet bewerken."))
    if not permissions.kan_bewerken(actor, reactie):
        raise TransitieNietToegestaan(
            reactie,
            "bijwerken",
            gettext(
                "Deze reactie kan nu niet worden bewerkt (status '%(status)s' of de termijn "
                "is verstreken)."
            )
            % {"status": reactie.get_status_display().lower()},
        )
    try:
        versie = int(versie)
    except (TypeError, ValueError):
        raise ValidationError(
            {"versie": gettext("Geef de versie op waarvan u bent uitgegaan.")}
        ) from None
    if versie != reactie.versie:
        raise VerouderdeVersie(
            gettext(
                "Iemand anders heeft deze reactie intussen opgeslagen. Uw wijzigingen zijn niet "
                "opgeslagen; laad de nieuwste versie en breng ze opnieuw aan."
            )
        )
    velden = dict(velden or {})
    fouten = _valideer_inhoud(velden)
    for veld, waarde in velden.items():
        if veld not in fouten:
            setattr(
                reactie,
                veld,
                ""
                if waarde is None
                and veld
                not in (
                    "fte_incidenteel",
                    "fte_structureel",
                    "invoering_mogelijk_per",
                    "doorlooptijd_maanden",
                    "doenvermogentoets_uitgevoerd",
                    "aantal_burgers",
                    "aantal_bedrijven",
                    "prijspeil",
                )
                else waarde,
            )
    try:
        reactie.full_clean(
            exclude=[
                "consultatie",
                "organisatie",
                "status",
                "vorige_reactie",
                "ter_accordering_door",
                "ingediend_door",
            ],
            validate_unique=False,
        )
    except ValidationError as fout:
        for veld, berichten in fout.message_dict.items():
            fouten.setdefault(veld, " ".join(berichten))
    # Wrongly shaped input (e.g. from the API) is a validation error, never a crash.
    if beoordelingen and not isinstance(beoordelingen, dict):
        fouten["beoordelingen"] = gettext("Geef per dimensie de gevolgen en een toelichting op.")
        beoordelingen = None
    if kosten is not None and not isinstance(kosten, list | tuple):
        fouten["kosten"] = gettext("Geef de kosten op als een lijst van kostenposten.")
        kosten = None
    if antwoorden and not isinstance(antwoorden, dict):
        fouten["antwoorden"] = gettext("Geef per vraag een antwoord op.")
        antwoorden = None
    nieuwe_beoordelingen = _valideer_beoordelingen(beoordelingen, fouten) if beoordelingen else {}
    nieuwe_kosten = _valideer_kosten(kosten, fouten) if kosten is not None else None
    nieuwe_antwoorden = _valideer_antwoorden(reactie, antwoorden, fouten) if antwoorden else {}
    if herbeoordelingen and not isinstance(herbeoordelingen, dict):
        fouten["herbeoordelingen"] = gettext("Geef per kernpunt van de eerdere toets een oordeel.")
        herbeoordelingen = None
    nieuwe_herbeoordelingen = (
        _valideer_herbeoordelingen(reactie, herbeoordelingen, fouten) if herbeoordelingen else {}
    )
    if fouten:
        raise ValidationError(fouten)

    reactie.versie = reactie.versie + 1
    reactie.save(update_fields=[*velden, "versie", "gewijzigd_op"])
    for dimensie, waarden in nieuwe_beoordelingen.items():
        Beoordeling.objects.update_or_create(reactie=reactie, dimensie=dimensie, defaults=waarden)
    if nieuwe_kosten is not None:
        reactie.kosten.all().delete()
        Kostenpost.objects.bulk_create(Kostenpost(reactie=reactie, **k) for k in nieuwe_kosten)
    for vraag_id, tekst in nieuwe_antwoorden.items():
        Antwoord.objects.update_or_create(
            reactie=reactie, vraag_id=vraag_id, defaults={"tekst": tekst}
        )
    for kernpunt_id, waarden in nieuwe_herbeoordelingen.items():
        if waarden["oordeel"]:
            KernpuntHertoets.objects.update_or_create(
                reactie=reactie, kernpunt_id=kernpunt_id, defaults=waarden
            )
        else:
            reactie.herbeoordelingen.filter(kernpunt_id=kernpunt_id).delete()
    gegevens = {
        "versie": reactie.versie,
        "velden": sorted(velden),
        "dimensies": sorted(nieuwe_beoordelingen),
    }
    if nieuwe_herbeoordelingen:
        gegevens["herbeoordelingen"] = sorted(nieuwe_herbeoordelingen)
    registreer(reactie, actor=actor, actie=OPGESLAGEN, gegevens=gegevens)
    return reactie

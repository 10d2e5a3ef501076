"""Kernpunten: adding, endorsing and merging."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from audit.acties import actie as audit_actie
from audit.services import registreer
from kern.workflow import (
    TransitieNietToegestaan,
)

from .. import permissions
from ..models import (
    Kernpunt,
    Onderschrijving,
    Reactie,
    te_lang,
)

KERNPUNT_TOEGEVOEGD = audit_actie("kernpunt_toegevoegd", _("Kernpunt toegevoegd"))
ONDERSCHREVEN = audit_actie("onderschreven", _("Kernpunt onderschreven"))
SAMENGEVOEGD = audit_actie("samengevoegd", _("Samengevoegd met een ander kernpunt"))
SAMENGEVOEGD_MET = audit_actie("samengevoegd_met", _("Een ander kernpunt is hierin opgegaan"))


@transaction.atomic
def kernpunt_toevoegen(
    *,
    reactie: Reactie,
    actor,
    dimensie: str,
    tekst: str,
    artikel: str = "",
    voorgestelde_wijziging: str = "",
    ernst: str = "belangrijk",
) -> Kernpunt:
    reactie = Reactie.objects.select_for_update().select_related("consultatie").get(pk=reactie.pk)
    if not permissions.is_eigen_organisatie(actor, reactie):
        raise PermissionDenied("U mag geen kernpunten toevoegen aan deze reactie.")
    if not permissions.kan_bewerken(actor, reactie):
        raise TransitieNietToegestaan(
            reactie,
            "kernpunt_toevoegen",
            gettext("Kernpunten kunnen alleen worden toegevoegd aan een reactie in voorbereiding."),
        )
    fouten = {}
    if bericht := te_lang(tekst, "kernpunt"):
        fouten["tekst"] = bericht
    if bericht := te_lang(voorgestelde_wijziging, "voorgestelde_wijziging"):
        fouten["voorgestelde_wijziging"] = bericht
    if fouten:
        raise ValidationError(fouten)
    kernpunt = Kernpunt(
        reactie=reactie,
        dimensie=dimensie,
        tekst=(tekst or "").strip(),
        artikel=artikel,
        voorgestelde_wijziging=voorgestelde_wijziging,
        ernst=ernst,
    )
    kernpunt.full_clean()
    kernpunt.save()
    registreer(reactie, actor=actor, actie=KERNPUNT_TOEGEVOEGD, gegevens={"kernpunt": kernpunt.pk})
    return kernpunt


@transaction.atomic
def kernpunt_onderschrijven(*, kernpunt: Kernpunt, actor) -> Onderschrijving:
    """Another organisation endorses a kernpunt once the consultation has closed."""
    kernpunt = Kernpunt.objects.select_related("reactie__consultatie").get(pk=kernpunt.pk)
    if (
        not actor.is_organisatie_medewerker
        or actor.organisatie_id == kernpunt.reactie.organisatie_id
        or not permissions.is_uitgenodigd(actor, kernpunt.reactie.consultatie)
    ):
        raise PermissionDenied(
            gettext("Alleen andere uitvoeringsorganisaties kunnen dit kernpunt onderschrijven.")
        )
    if permissions.al_onderschreven(actor, kernpunt):
        raise TransitieNietToegestaan(
            kernpunt.reactie,
            "onderschrijven",
            gettext("Uw organisatie onderschrijft dit kernpunt al."),
        )
    if not permissions.kan_onderschrijven(actor, kernpunt):
        raise TransitieNietToegestaan(
            kernpunt.reactie,
            "onderschrijven",
            gettext("Kernpunten kunnen worden onderschreven zodra de consultatie is gesloten."),
        )
    try:
        with transaction.atomic():
            onderschrijving = Onderschrijving.objects.create(
                kernpunt=kernpunt, organisatie=actor.organisatie, door=actor
            )
    except IntegrityError as fout:
        raise TransitieNietToegestaan(
            kernpunt.reactie,
            "onderschrijven",
            gettext("Uw organisatie onderschrijft dit kernpunt al."),
        ) from fout
    registreer(kernpunt, actor=actor, actie=ONDERSCHREVEN, toelichting=actor.organisatie.afkorting)
    return onderschrijving


def controleer_samenvoegen(*, kernpunt: Kernpunt, actor) -> None:
    """Whether ``actor`` may merge ``kernpunt`` into another kernpunt at all, whichever:
    ``PermissionDenied`` for any role but the secretariaat, ``TransitieNietToegestaan``
    once the consultation is past ``gesloten`` or the kernpunt is already merged. The
    merge page asks before it offers the choice; ``kernpunt_samenvoegen`` asks again."""
    if not permissions.mag_samenvoegen(actor):
        raise PermissionDenied(gettext("Alleen het secretariaat kan kernpunten samenvoegen."))
    if not permissions.kan_samenvoegen(actor, kernpunt):
        raise TransitieNietToegestaan(
            kernpunt.reactie,
            "samenvoegen",
            gettext("Kernpunten samenvoegen kan alleen zolang de consultatie open of gesloten is."),
        )
    if kernpunt.samengevoegd_in_id:
        raise TransitieNietToegestaan(
            kernpunt.reactie, "samenvoegen", gettext("Een van deze kernpunten is al samengevoegd.")
        )


@transaction.atomic
def kernpunt_samenvoegen(
    *, kernpunt: Kernpunt, in_kernpunt: Kernpunt, actor, toelichting: str = ""
):
    """The secretaris merges a duplicate kernpunt into another of the same consultation.

    The organisation that raised the duplicate and everyone who endorsed it become endorsers
    of the kernpunt it is merged into, so no support is lost; the duplicate stays (for the
    record) but no longer counts on its own.
    """
    duplicaat = (
        Kernpunt.objects.select_for_update()
        .select_related("reactie__consultatie")
        .get(pk=kernpunt.pk)
    )
    doel = Kernpunt.objects.select_for_update().select_related("reactie").get(pk=in_kernpunt.pk)
    controleer_samenvoegen(kernpunt=duplicaat, actor=actor)
    if duplicaat.pk == doel.pk or duplicaat.reactie.consultatie_id != doel.reactie.consultatie_id:
        raise ValidationError(
            {"in_kernpunt": gettext("Kies een ander kernpunt van dezelfde consultatie.")}
        )
    # (The duplicate itself was asked by ``controleer_samenvoegen``.)
    if doel.samengevoegd_in_id:
        raise TransitieNietToegestaan(
            duplicaat.reactie, "samenvoegen", gettext("Een van deze kernpunten is al samengevoegd.")
        )
    al = set(doel.onderschrijvingen.values_list("organisatie_id", flat=True))
    al.add(doel.reactie.organisatie_id)
    nieuw = []
    for onderschrijving in duplicaat.onderschrijvingen.select_related("organisatie", "door"):
        if onderschrijving.organisatie_id not in al:
            al.add(onderschrijving.organisatie_id)
            nieuw.append(
                Onderschrijving(
                    kernpunt=doel,
                    organisatie=onderschrijving.organisatie,
                    door=onderschrijving.door,
                    op=onderschrijving.op,
                )
            )
    if duplicaat.reactie.organisatie_id not in al:
        nieuw.append(
            Onderschrijving(kernpunt=doel, organisatie=duplicaat.reactie.organisatie, door=actor)
        )
    Onderschrijving.objects.bulk_create(nieuw)
    duplicaat.samengevoegd_in = doel
    duplicaat.save(update_fields=["samengevoegd_in"])
    registreer(
        duplicaat,
        actor=actor,
        actie=SAMENGEVOEGD,
        toelichting=toelichting,
        gegevens={"in_kernpunt": doel.pk},
    )
    registreer(
        doel,
        actor=actor,
        actie=SAMENGEVOEGD_MET,
        toelichting=toelichting,
        gegevens={
            "kernpunt": duplicaat.pk,
            "onderschrijvers": sorted(o.organisatie_id for o in nieuw),
        },
    )
    return doel

"""Attachments to a response."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from audit.acties import actie as audit_actie
from audit.services import registreer
from consultaties.uploads import controleer_quotum
from kern.workflow import (
    TransitieNietToegestaan,
)

from .. import permissions
from ..models import (
    Bijlage,
    Reactie,
)

BIJLAGE_TOEGEVOEGD = audit_actie("bijlage_toegevoegd", _("Bijlage toegevoegd"))


@transaction.atomic
def reactie_bijlage_toevoegen(*, reactie: Reactie, actor, bestand) -> Bijlage:
    """Attach a PDF, DOCX or ODT (checked by content) to a draft of the own organisation."""
    reactie = Reactie.objects.select_for_update().select_related("consultatie").get(pk=reactie.pk)
    if not permissions.is_eigen_organisatie(actor, reactie):
        raise PermissionDenied(gettext("U mag geen bijlagen toevoegen aan deze reactie."))
    if not permissions.kan_bewerken(actor, reactie):
        raise TransitieNietToegestaan(
            reactie,
            "bijlage_toevoegen",
            gettext("Bijlagen kunnen alleen worden toegevoegd aan een reactie in voorbereiding."),
        )
    try:
        controleer_quotum(
            reactie.bijlagen.all(),
            bestand.size,
            max_aantal=settings.MAX_BIJLAGEN_PER_REACTIE,
            max_bytes=settings.MAX_BIJLAGEN_BYTES_PER_REACTIE,
        )
    except ValidationError as fout:
        raise ValidationError({"bestand": fout.messages}) from fout
    bijlage = Bijlage(reactie=reactie)
    bijlage.neem_upload(bestand, door=actor, opslagnaam="bijlage")
    bijlage.save()
    registreer(
        reactie,
        actor=actor,
        actie=BIJLAGE_TOEGEVOEGD,
        toelichting=bijlage.bestandsnaam,
        gegevens={"bijlage": bijlage.pk, "sha256": bijlage.sha256},
    )
    return bijlage

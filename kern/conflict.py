"""The one text of a conflict (HTTP 409), on every web page and in the API.

A refused transition or a stale save means someone (or the system) changed the object since
the user looked. The message says what was refused and why, who changed the object last,
what they did and when (from the audit trail), and what to do now — the same words in
``kern.web`` and in the API's problem details.
"""

from django.db import models
from django.utils import formats, timezone
from django.utils.translation import gettext as _


def laatste_wijziging(obj):
    """The newest audit event of ``obj`` (``None`` when it has none or is no model)."""
    from audit.models import AuditEvent

    if not isinstance(obj, models.Model) or obj.pk is None:
        return None
    return AuditEvent.objects.voor(obj).order_by("-tijdstip", "-pk").first()


def _wie(event) -> str:
    if event.actor is None:
        return _("het systeem (termijnbewaking)")
    naam = event.actor.get_full_name() or event.actor.get_username()
    organisatie = getattr(event.actor, "organisatie", None)
    return f"{naam} ({organisatie.afkorting})" if organisatie else naam


def wijziging(fout) -> dict | None:
    """Who changed the object of ``fout`` last, what and when, for the API as data."""
    event = laatste_wijziging(getattr(fout, "obj", None))
    if event is None:
        return None
    from audit import acties

    return {"actie": str(acties.label(event.actie)), "door": _wie(event), "op": event.tijdstip}


def conflicttekst(fout) -> str:
    """The message of a refused action (409): reason, last change, what to do."""
    delen = [_("Uw actie is niet uitgevoerd: %(reden)s") % {"reden": str(fout).strip()}]
    laatst = wijziging(fout)
    if laatst is not None:
        delen.append(
            _("Laatste wijziging: %(wat)s door %(wie)s op %(wanneer)s.")
            % {
                "wat": laatst["actie"],
                "wie": laatst["door"],
                "wanneer": formats.date_format(timezone.localtime(laatst["op"]), "DATETIME_FORMAT"),
            }
        )
    obj = getattr(fout, "obj", None)
    if hasattr(obj, "get_status_display"):
        delen.append(_("De status is nu: %(status)s.") % {"status": obj.get_status_display()})
    delen.append(_("Wat nu: bekijk de actuele stand en kies zo nodig opnieuw."))
    return " ".join(delen)

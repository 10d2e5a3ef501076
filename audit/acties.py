"""The one registry of audit actions and their (translatable) labels for the timeline.

An action is registered where it is defined: a transition by its declaration in the app's
``Werkstroom`` (``kern.workflow``), any other action by :func:`actie` next to the service
that records it. :func:`audit.services.registreer` refuses an unregistered name, so no
timeline entry is ever without a label.
"""

from django.utils.translation import gettext_lazy as _

_LABELS: dict[str, str] = {}


def actie(naam: str, label) -> str:
    """Register ``naam`` with its label and return the name (to use as a constant).

    The same name may be registered twice only with the same label: the timeline shows
    one text per action, whatever object it happened to."""
    bestaand = _LABELS.get(naam)
    if bestaand is not None and str(bestaand) != str(label):
        raise ValueError(f"Auditactie '{naam}' heeft al het label '{bestaand}'.")
    _LABELS[naam] = label
    return naam


def is_geregistreerd(naam: str) -> bool:
    _laad()
    return naam in _LABELS


def label(naam: str) -> str:
    _laad()
    return _LABELS.get(naam) or naam.replace("_", " ").capitalize()


def alle() -> dict[str, str]:
    _laad()
    return dict(_LABELS)


def _laad():
    # Actions register when their app's services module is imported; make sure all are.
    from django.utils.module_loading import autodiscover_modules

    if not _geladen:
        autodiscover_modules("services")
        _geladen.append(True)


_geladen: list[bool] = []

#: Actions of the audit trail itself and of several apps.
AANGEMAAKT = actie("aangemaakt", _("Aangemaakt"))
GEWIJZIGD = actie("gewijzigd", _("Gegevens gewijzigd"))

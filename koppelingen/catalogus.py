"""Which events a subscription can receive, and what their CloudEvents type is.

Transitions arrive from the workflow engine (``workflow.transitie``, one event for every
state change of every state machine); the other events are published by name by the
domain services. Each maps to one type ``nl.tegenkracht.<object>.<gebeurtenis>`` (reverse
DNS, past tense, as the NL GOV profile for CloudEvents recommends).
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

TYPE_VOORVOEGSEL = "nl.tegenkracht"


@dataclass(frozen=True)
class Soort:
    object: str
    naam: str
    label: str
    #: The action as the object's timeline knows it: for a response, only the public
    #: milestones (``Reactie.tijdlijn_inzage``) reach outsiders.
    actie: str
    #: Only the secretariat hears of it, whatever else the owner may see.
    alleen_secretariaat: bool = False

    @property
    def type(self) -> str:
        return f"{TYPE_VOORVOEGSEL}.{self.object}.{self.naam}"


SOORTEN = [
    Soort("consultatie", "opengesteld", _("Consultatie opengesteld"), "openstellen"),
    Soort("consultatie", "document-toegevoegd", _("Nieuw document"), "document_toegevoegd"),
    Soort("consultatie", "gesloten", _("Consultatie gesloten"), "sluiten"),
    Soort("consultatie", "heropend", _("Consultatie heropend"), "heropenen"),
    Soort("consultatie", "verzonden", _("Consultatie verzonden"), "verzenden"),
    Soort("consultatie", "afgerond", _("Consultatie afgerond"), "afronden"),
    Soort("consultatie", "ingetrokken", _("Consultatie ingetrokken"), "intrekken"),
    Soort("reactie", "uitgenodigd", _("Organisatie uitgenodigd"), "uitgenodigd"),
    Soort("reactie", "gestart", _("Toets gestart"), "starten"),
    Soort(
        "reactie",
        "ter-accordering-aangeboden",
        _("Ter accordering aangeboden"),
        "ter_accordering",
    ),
    Soort("reactie", "afgekeurd", _("Intern afgekeurd"), "afkeuren"),
    Soort("reactie", "ingediend", _("Toets ingediend"), "indienen"),
    Soort("reactie", "teruggestuurd", _("Toets teruggestuurd"), "terugsturen"),
    Soort("reactie", "geaccepteerd", _("Toets geaccepteerd"), "accepteren"),
    Soort("reactie", "ingetrokken", _("Toets ingetrokken"), "intrekken"),
    Soort("reactie", "afgezien", _("Afgezien van een toets"), "afzien"),
    Soort("reactie", "verlopen", _("Toets verlopen"), "verlopen"),
    Soort("reactie", "heropend", _("Toets heropend"), "heropenen"),
    Soort(
        "rapport",
        "definitief-gemaakt",
        _("Paper definitief gemaakt"),
        "definitief_maken",
        alleen_secretariaat=True,
    ),
    Soort("rapport", "verzonden", _("Paper verzonden"), "verzenden"),
    Soort("rapport", "ontvangst-bevestigd", _("Ontvangst bevestigd"), "ontvangst_bevestigd"),
    Soort(
        "rapport",
        "verwerking-vastgelegd",
        _("Verwerking vastgelegd"),
        "verwerking_vastgelegd",
    ),
]

PER_TYPE = {s.type: s for s in SOORTEN}
PER_ACTIE = {(s.object, s.actie): s for s in SOORTEN}
TYPES = [s.type for s in SOORTEN]

#: The API collection of each object, for ``dataref``.
COLLECTIES = {"consultatie": "consultaties", "reactie": "reacties", "rapport": "rapporten"}


def soort(object: str, actie: str) -> Soort | None:
    return PER_ACTIE.get((object, actie))


def keuzes() -> list[tuple[str, str]]:
    return [(s.type, s.label) for s in SOORTEN]

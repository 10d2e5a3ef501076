"""Use cases on responses (uitvoeringstoetsen). The web UI, the API, commands and tests
all come through here; none of them repeats a rule.

One module per concern; every name is re-exported here, so ``from reacties.services import
X`` and ``services.X`` keep working:

- :mod:`.transities`: the state machine's actions (``WERKSTROOM``);
- :mod:`.bewerken`: saving the draft; :mod:`.validatie`: the rules on what it contains;
- :mod:`.hertoets`: the earlier toets's kernpunten and their markings;
- :mod:`.kernpunten`: adding, endorsing, merging; :mod:`.bijlagen`: attachments;
- :mod:`.uitnodigingen`: the response an invitation gives an organisation.
"""

from .bewerken import OPGESLAGEN, reactie_bijwerken
from .bijlagen import BIJLAGE_TOEGEVOEGD, reactie_bijlage_toevoegen
from .hertoets import eerdere_kernpunten, vergelijk_met_vorige_toets
from .kernpunten import (
    KERNPUNT_TOEGEVOEGD,
    ONDERSCHREVEN,
    SAMENGEVOEGD,
    SAMENGEVOEGD_MET,
    controleer_samenvoegen,
    kernpunt_onderschrijven,
    kernpunt_samenvoegen,
    kernpunt_toevoegen,
)
from .transities import (
    OVERGENOMEN,
    VERLOPEN,
    WERKSTROOM,
    laat_lopende_reacties_verlopen,
    reactie_accepteren,
    reactie_afkeuren,
    reactie_afzien,
    reactie_heropenen,
    reactie_indienen,
    reactie_intrekken,
    reactie_laten_verlopen,
    reactie_starten,
    reactie_ter_accordering,
    reactie_terugsturen,
    reactie_transitie,
    reacties_accepteren,
    toegestane_acties,
)
from .uitnodigingen import reacties_voor_uitnodiging
from .validatie import INHOUD_VELDEN

__all__ = [
    "BIJLAGE_TOEGEVOEGD",
    "INHOUD_VELDEN",
    "KERNPUNT_TOEGEVOEGD",
    "ONDERSCHREVEN",
    "OPGESLAGEN",
    "OVERGENOMEN",
    "SAMENGEVOEGD",
    "SAMENGEVOEGD_MET",
    "VERLOPEN",
    "WERKSTROOM",
    "controleer_samenvoegen",
    "eerdere_kernpunten",
    "kernpunt_onderschrijven",
    "kernpunt_samenvoegen",
    "kernpunt_toevoegen",
    "laat_lopende_reacties_verlopen",
    "reactie_accepteren",
    "reactie_afkeuren",
    "reactie_afzien",
    "reactie_bijlage_toevoegen",
    "reactie_bijwerken",
    "reactie_heropenen",
    "reactie_indienen",
    "reactie_intrekken",
    "reactie_laten_verlopen",
    "reactie_starten",
    "reactie_ter_accordering",
    "reactie_terugsturen",
    "reactie_transitie",
    "reacties_accepteren",
    "reacties_voor_uitnodiging",
    "toegestane_acties",
    "vergelijk_met_vorige_toets",
]

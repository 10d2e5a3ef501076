"""Demo themes on the kernpunten of the closed demo consultations, given through the real
service (audited as the secretaris), so a newcomer sees themes across consultations, a
near-duplicate to merge and a recurring bottleneck right after ``make demo``."""

from django.db import transaction

from consultaties.models import GESLOTEN_STATUSSEN
from organisaties.models import Gebruiker
from rapporten.models import Status as RapportStatus
from rapporten.models import Uitkomst, Verwerking
from reacties.models import Kernpunt
from themas.models import Getagd
from themas.services import kernpunt_themas_instellen

#: Per dimension of a demo kernpunt, its themes (the demo texts follow the dimension).
THEMAS_PER_DIMENSIE = {
    "ict": ["Gegevenslevering in de keten"],
    "burgers_en_bedrijven": ["Vaste peildatum", "Terugvorderingen"],
    "juridisch": ["Hardheidsclausule en maatwerk"],
}
#: One consultation spells a theme differently: the theme list offers to merge the two.
ANDERE_SCHRIJFWIJZE = {"DEMO-2026-03": {"Gegevenslevering in de keten": "gegevenslevering keten"}}
#: Raised in every closed demo consultation and never taken over by the ministry.
KNELPUNT = "Invoeringstermijn te kort"


@transaction.atomic
def laad_demo_themas() -> int:
    """Give themes to the kernpunten of closed demo consultations that have none yet
    (idempotent); returns how many kernpunten got themes."""
    secretaris = Gebruiker.objects.get(username="secretaris")
    kernpunten = (
        Kernpunt.objects.filter(
            reactie__consultatie__kenmerk__startswith="DEMO-",
            reactie__consultatie__status__in=GESLOTEN_STATUSSEN,
            samengevoegd_in__isnull=True,
        )
        .exclude(pk__in=Getagd.objects.values("content_object_id"))
        .select_related("reactie__consultatie")
        .order_by("reactie__consultatie__kenmerk", "pk")
    )
    overgenomen = set(
        Verwerking.objects.filter(
            rapport__status=RapportStatus.VERZONDEN, uitkomst=Uitkomst.OVERGENOMEN
        ).values_list("kernpunt_id", flat=True)
    )
    met_knelpunt = set()
    aantal = 0
    for kernpunt in kernpunten:
        kenmerk = kernpunt.reactie.consultatie.kenmerk
        spelling = ANDERE_SCHRIJFWIJZE.get(kenmerk, {})
        namen = [spelling.get(n, n) for n in THEMAS_PER_DIMENSIE.get(kernpunt.dimensie, [])]
        if kenmerk not in met_knelpunt and kernpunt.pk not in overgenomen:
            namen.append(KNELPUNT)
            met_knelpunt.add(kenmerk)
        if namen:
            kernpunt_themas_instellen(kernpunt=kernpunt, namen=namen, actor=secretaris)
            aantal += 1
    return aantal

"""How often each theme was raised, by whom, and what the ministries did with it.

Everything counts only what the reader may see: the kernpunten of the paper (accepted
responses, not merged into another kernpunt) within ``Kernpunt.objects.zichtbaar_voor``,
and the ministry's verwerking only where the reader may see the paper it was recorded on
(``Rapport.objects.zichtbaar_voor``). So an organisation never learns of another's
unsubmitted kernpunt, and a ministry sees the themes of its own sent consultations only.
A fixed number of queries, whatever the number of themes or kernpunten.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef

from kern.expressies import Jaar
from organisaties.models import Netwerk
from rapporten.models import Status, Uitkomst, Verwerking
from rapporten.regels import kernpunten_in_paper_q
from reacties.models import Kernpunt, Onderschrijving

from .models import Getagd, Thema

#: A theme is a recurring bottleneck when it was raised in this many consultations or more
#: and the ministry never took it over (a partial adoption is not an adoption).
KNELPUNT_MIN_CONSULTATIES = 3
#: The outcome that counts as adopted.
OVERGENOMEN = Uitkomst.OVERGENOMEN
#: The key for kernpunten without a (visible) verwerking.
ONVERWERKT = "onverwerkt"
UITKOMSTEN = [*Uitkomst.values, ONVERWERKT]


@dataclass
class Themacijfers:
    pk: int
    naam: str
    kernpunt_ids: set[int] = field(default_factory=set)
    consultatie_ids: set[int] = field(default_factory=set)
    #: Organisation name → {"ingebracht": n, "onderschreven": n, "netwerk": …}
    organisaties: dict[str, dict] = field(default_factory=dict)
    #: (network, "ingebracht" | "onderschreven") → number of kernpunten
    netwerken: Counter = field(default_factory=Counter)
    uitkomsten: Counter = field(default_factory=Counter)
    #: (year of the termijn, ministry) → Counter of outcomes
    per_jaar: dict[tuple[int, str], Counter] = field(default_factory=lambda: defaultdict(Counter))
    eerste_jaar: int | None = None
    laatste_jaar: int | None = None

    @property
    def kernpunten(self) -> int:
        return len(self.kernpunt_ids)

    @property
    def consultaties(self) -> int:
        return len(self.consultatie_ids)

    @property
    def overgenomen(self) -> int:
        return self.uitkomsten[Uitkomst.OVERGENOMEN]

    @property
    def deels_overgenomen(self) -> int:
        return self.uitkomsten[Uitkomst.DEELS_OVERGENOMEN]

    @property
    def niet_overgenomen(self) -> int:
        return self.uitkomsten[Uitkomst.NIET_OVERGENOMEN]

    @property
    def onverwerkt(self) -> int:
        return self.uitkomsten[ONVERWERKT]

    @property
    def is_knelpunt(self) -> bool:
        return self.consultaties >= KNELPUNT_MIN_CONSULTATIES and not self.overgenomen

    def organisatie_rijen(self) -> list[dict]:
        return sorted(
            ({"organisatie": naam, **w} for naam, w in self.organisaties.items()),
            key=lambda r: (-r["ingebracht"], -r["onderschreven"], r["organisatie"]),
        )

    def netwerk_rijen(self) -> list[dict]:
        """Every network in a fixed order, KleinLef on its own line."""
        return [
            {
                "netwerk": label,
                "ingebracht": self.netwerken[(waarde, "ingebracht")],
                "onderschreven": self.netwerken[(waarde, "onderschreven")],
            }
            for waarde, label in Netwerk.choices
        ]

    def jaar_rijen(self) -> list[dict]:
        return [
            {
                "jaar": jaar,
                "ministerie": ministerie,
                "kernpunten": sum(telling.values()),
                **{u: telling[u] for u in UITKOMSTEN},
            }
            for (jaar, ministerie), telling in sorted(self.per_jaar.items())
        ]


def zichtbare_kernpunten(user):
    """The kernpunten of sent or composed papers that ``user`` may see."""
    return Kernpunt.objects.zichtbaar_voor(user).filter(kernpunten_in_paper_q())


def bereken(user, thema: Thema | None = None) -> list[Themacijfers]:
    """The figures per theme for ``user`` (every theme with something to show; the
    secretariaat also sees themes without kernpunten in a paper yet), most raised first."""
    # Per tag whether its kernpunt may be seen (EXISTS, by key): as ``__in`` SQLite first
    # listed every visible kernpunt of the years (113,000) to match the few with a theme.
    getagd = Getagd.objects.filter(
        Exists(zichtbare_kernpunten(user).filter(pk=OuterRef("content_object_id")))
    )
    if thema is not None:
        getagd = getagd.filter(tag=thema)
    rijen = getagd.annotate(jaar=Jaar("content_object__reactie__consultatie__termijn")).values_list(
        "tag_id",
        "tag__name",
        "content_object_id",
        "content_object__reactie__consultatie_id",
        "content_object__reactie__organisatie__naam",
        "content_object__reactie__organisatie__netwerk",
        "content_object__reactie__consultatie__ministerie__naam",
        "jaar",
    )
    cijfers: dict[int, Themacijfers] = {}
    if thema is not None and user.is_secretaris:
        cijfers[thema.pk] = Themacijfers(pk=thema.pk, naam=thema.name)
    elif thema is None and user.is_secretaris:
        for pk, naam in Thema.objects.values_list("pk", "name"):
            cijfers[pk] = Themacijfers(pk=pk, naam=naam)
    per_kernpunt = defaultdict(list)
    rijen = list(rijen)
    for tag_id, naam, kp, consultatie, organisatie, netwerk, ministerie, jaar in rijen:
        c = cijfers.setdefault(tag_id, Themacijfers(pk=tag_id, naam=naam))
        per_kernpunt[kp].append((c, jaar, ministerie))
        c.kernpunt_ids.add(kp)
        c.consultatie_ids.add(consultatie)
        org = c.organisaties.setdefault(
            organisatie, {"netwerk": Netwerk(netwerk).label, "ingebracht": 0, "onderschreven": 0}
        )
        org["ingebracht"] += 1
        c.netwerken[(netwerk, "ingebracht")] += 1
        c.eerste_jaar = min(filter(None, (c.eerste_jaar, jaar)))
        c.laatste_jaar = max(filter(None, (c.laatste_jaar, jaar)))
    if per_kernpunt:
        # The ids just read, not the query that found them: as a subquery PostgreSQL
        # joined every ministry outcome of the years (86,000) before matching the few.
        kernpunt_ids = list(per_kernpunt)
        uitkomst = dict(
            Verwerking.objects.zichtbaar_voor(user)
            .filter(kernpunt_id__in=kernpunt_ids, rapport__status=Status.VERZONDEN)
            .order_by()
            .values_list("kernpunt_id", "uitkomst")
        )
        for kp, themas in per_kernpunt.items():
            for c, jaar, ministerie in themas:
                c.uitkomsten[uitkomst.get(kp, ONVERWERKT)] += 1
                c.per_jaar[(jaar, ministerie)][uitkomst.get(kp, ONVERWERKT)] += 1
        for kp, organisatie, netwerk in Onderschrijving.objects.filter(
            kernpunt_id__in=kernpunt_ids
        ).values_list("kernpunt_id", "organisatie__naam", "organisatie__netwerk"):
            for c, _, _ in per_kernpunt[kp]:
                org = c.organisaties.setdefault(
                    organisatie,
                    {"netwerk": Netwerk(netwerk).label, "ingebracht": 0, "onderschreven": 0},
                )
                org["onderschreven"] += 1
                c.netwerken[(netwerk, "onderschreven")] += 1
    return sorted(cijfers.values(), key=lambda c: (-c.kernpunten, c.naam.lower()))


def knelpunten(user) -> list[Themacijfers]:
    """Recurring bottlenecks: themes raised in three or more consultations and never
    adopted, most consultations first."""
    return sorted(
        (c for c in bereken(user) if c.is_knelpunt),
        key=lambda c: (-c.consultaties, -c.kernpunten, c.naam.lower()),
    )


def kernpunten_van(user, thema: Thema):
    """The kernpunten with ``thema`` that ``user`` may see, newest consultation first."""
    return (
        zichtbare_kernpunten(user)
        .filter(themas_getagd__tag=thema)
        .select_related("reactie__organisatie", "reactie__consultatie__ministerie")
        .order_by("-reactie__consultatie__termijn", "pk")
    )

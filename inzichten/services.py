"""What became of the network's tegenkracht: figures over a period.

Only consultations whose termijn falls in the period and that have closed count (an open
one would lower the response rates unfairly). Merged kernpunten count once, as the one
they were merged into. Adoption counts what the ministry recorded per kernpunt.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from statistics import median

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext

from consultaties.models import GESLOTEN_STATUSSEN, Consultatie
from organisaties.models import Netwerk
from reacties.models import (
    INGEDIENDE_STATUSSEN,
    Beoordeling,
    Dimensie,
    Gevolgen,
    Kernpunt,
    Levensgebeurtenis,
    Reactie,
)
from reacties.models import Status as ReactieStatus

OVERGENOMEN = ("overgenomen", "deels_overgenomen")


@dataclass
class Tabel:
    """A table with Dutch column titles; rows are dicts keyed by the column keys."""

    titel: str
    kolommen: list[tuple[str, str]]
    rijen: list[dict] = field(default_factory=list)

    def waarden(self) -> list[list]:
        """The rows as lists, in column order."""
        return [[rij[sleutel] for sleutel, _ in self.kolommen] for rij in self.rijen]


@dataclass
class Inzichten:
    van: date
    tot: date
    consultaties: int
    tabellen: dict[str, Tabel]


def _percentage(deel: int, geheel: int) -> float | None:
    return round(100 * deel / geheel, 1) if geheel else None


def standaard_periode(vandaag: date | None = None) -> tuple[date, date]:
    vandaag = vandaag or timezone.localdate()
    return vandaag - timedelta(days=365), vandaag


def _consultaties(van: date, tot: date):
    tz = timezone.get_current_timezone()
    begin = timezone.make_aware(datetime.combine(van, time.min), tz)
    einde = timezone.make_aware(datetime.combine(tot + timedelta(days=1), time.min), tz)
    return Consultatie.objects.filter(
        status__in=GESLOTEN_STATUSSEN, termijn__gte=begin, termijn__lt=einde
    )


def _adoptie_kolommen():
    return [
        ("kernpunten", gettext("Kernpunten")),
        ("verwerkt", gettext("Door ministerie verwerkt")),
        ("overgenomen", gettext("(Deels) overgenomen")),
        ("adoptie", gettext("Overgenomen (%)")),
    ]


def _kernpunt_telling(kernpunten, groep: str) -> dict:
    rijen = kernpunten.values(groep).annotate(
        kernpunten=Count("pk", distinct=True),
        verwerkt=Count("verwerkingen", distinct=True),
        overgenomen=Count(
            "verwerkingen", filter=Q(verwerkingen__uitkomst__in=OVERGENOMEN), distinct=True
        ),
    )
    return {rij[groep]: rij for rij in rijen}


def _adoptie(telling: dict | None) -> dict:
    telling = telling or {}
    kernpunten = telling.get("kernpunten", 0)
    verwerkt = telling.get("verwerkt", 0)
    overgenomen = telling.get("overgenomen", 0)
    return {
        "kernpunten": kernpunten,
        "verwerkt": verwerkt,
        "overgenomen": overgenomen,
        "adoptie": _percentage(overgenomen, verwerkt),
    }


def bereken(van: date, tot: date) -> Inzichten:
    consultaties = _consultaties(van, tot)
    reacties = Reactie.objects.filter(consultatie__in=consultaties)
    ingediend = reacties.filter(status__in=INGEDIENDE_STATUSSEN)
    kernpunten = Kernpunt.objects.filter(reactie__in=ingediend, samengevoegd_in__isnull=True)

    # Per organisation: participation, timeliness and adoption.
    deelname = reacties.values(
        "organisatie_id", "organisatie__naam", "organisatie__afkorting", "organisatie__netwerk"
    ).annotate(
        uitgenodigd=Count("pk"),
        ingediend=Count("pk", filter=Q(status__in=INGEDIENDE_STATUSSEN)),
        afgezien=Count("pk", filter=Q(status=ReactieStatus.AFGEZIEN)),
        verlopen=Count("pk", filter=Q(status=ReactieStatus.VERLOPEN)),
    )
    marge = {}
    for organisatie_id, ingediend_op, termijn in ingediend.values_list(
        "organisatie_id", "ingediend_op", "consultatie__termijn"
    ):
        if ingediend_op:
            marge.setdefault(organisatie_id, []).append(
                (termijn - ingediend_op).total_seconds() / 86400
            )
    per_organisatie_kp = _kernpunt_telling(kernpunten, "reactie__organisatie_id")
    organisaties = Tabel(
        gettext("Organisaties"),
        [
            ("organisatie", gettext("Organisatie")),
            ("netwerk", gettext("Netwerk")),
            ("uitgenodigd", gettext("Uitgenodigd")),
            ("ingediend", gettext("Ingediend")),
            ("afgezien", gettext("Afgezien")),
            ("verlopen", gettext("Verlopen")),
            ("respons", gettext("Respons (%)")),
            ("dagen_voor_termijn", gettext("Mediaan dagen vóór de termijn")),
            *_adoptie_kolommen(),
        ],
    )
    per_netwerk = {n: Counter() for n in Netwerk.values}
    for rij in sorted(deelname, key=lambda r: r["organisatie__naam"]):
        adoptie = _adoptie(per_organisatie_kp.get(rij["organisatie_id"]))
        marges = marge.get(rij["organisatie_id"])
        organisaties.rijen.append(
            {
                "organisatie": f"{rij['organisatie__naam']} ({rij['organisatie__afkorting']})",
                "netwerk": str(Netwerk(rij["organisatie__netwerk"]).label),
                "uitgenodigd": rij["uitgenodigd"],
                "ingediend": rij["ingediend"],
                "afgezien": rij["afgezien"],
                "verlopen": rij["verlopen"],
                "respons": _percentage(rij["ingediend"], rij["uitgenodigd"]),
                "dagen_voor_termijn": round(median(marges), 1) if marges else None,
                **adoptie,
            }
        )
        per_netwerk[rij["organisatie__netwerk"]].update(
            {k: rij[k] for k in ("uitgenodigd", "ingediend", "afgezien", "verlopen")}
            | {k: adoptie[k] for k in ("kernpunten", "verwerkt", "overgenomen")}
        )

    # Per network, so that the small organisations of KleinLef are seen separately.
    netwerken = Tabel(
        gettext("Netwerken"),
        [
            ("netwerk", gettext("Netwerk")),
            ("uitgenodigd", gettext("Uitgenodigd")),
            ("ingediend", gettext("Ingediend")),
            ("respons", gettext("Respons (%)")),
            *_adoptie_kolommen(),
        ],
    )
    for netwerk, telling in per_netwerk.items():
        if not telling:
            continue
        netwerken.rijen.append(
            {
                "netwerk": str(Netwerk(netwerk).label),
                "uitgenodigd": telling["uitgenodigd"],
                "ingediend": telling["ingediend"],
                "respons": _percentage(telling["ingediend"], telling["uitgenodigd"]),
                **_adoptie(telling),
            }
        )

    # Per ministry: how much of what we raised was taken over.
    per_ministerie_kp = _kernpunt_telling(kernpunten, "reactie__consultatie__ministerie_id")
    ministeries = Tabel(
        gettext("Ministeries"),
        [
            ("ministerie", gettext("Ministerie")),
            ("consultaties", gettext("Consultaties")),
            *_adoptie_kolommen(),
        ],
    )
    for rij in (
        consultaties.values("ministerie_id", "ministerie__naam")
        .annotate(aantal=Count("pk"))
        .order_by("ministerie__naam")
    ):
        ministeries.rijen.append(
            {
                "ministerie": rij["ministerie__naam"],
                "consultaties": rij["aantal"],
                **_adoptie(per_ministerie_kp.get(rij["ministerie_id"])),
            }
        )

    # Per dimension: points raised and adopted, and how often the impact is 'ingrijpend'.
    per_dimensie_kp = _kernpunt_telling(kernpunten, "dimensie")
    ingrijpend = dict(
        Beoordeling.objects.filter(reactie__in=ingediend, gevolgen=Gevolgen.INGRIJPEND)
        .values_list("dimensie")
        .annotate(n=Count("pk"))
    )
    aantal_ingediend = ingediend.count()
    dimensies = Tabel(
        gettext("Dimensies"),
        [
            ("dimensie", gettext("Dimensie")),
            ("ingrijpend", gettext("Beoordeeld als ingrijpend")),
            ("ingrijpend_pct", gettext("Ingrijpend (% van de toetsen)")),
            *_adoptie_kolommen(),
        ],
    )
    for dimensie in Dimensie:
        dimensies.rijen.append(
            {
                "dimensie": str(dimensie.label),
                "ingrijpend": ingrijpend.get(dimensie.value, 0),
                "ingrijpend_pct": _percentage(ingrijpend.get(dimensie.value, 0), aantal_ingediend),
                **_adoptie(per_dimensie_kp.get(dimensie.value)),
            }
        )
    dimensies.rijen.sort(key=lambda r: -r["ingrijpend"])

    # Levensgebeurtenissen most often touched.
    teller = Counter()
    for gebeurtenissen in ingediend.values_list("levensgebeurtenissen", flat=True):
        teller.update(gebeurtenissen or [])
    levensgebeurtenissen = Tabel(
        gettext("Levensgebeurtenissen"),
        [
            ("levensgebeurtenis", gettext("Levensgebeurtenis")),
            ("toetsen", gettext("Aantal toetsen")),
            ("aandeel", gettext("Aandeel (%)")),
        ],
    )
    labels = {code: str(label) for code, label in Levensgebeurtenis.choices}
    for waarde, aantal in teller.most_common():
        if waarde in labels:
            levensgebeurtenissen.rijen.append(
                {
                    "levensgebeurtenis": labels[waarde],
                    "toetsen": aantal,
                    "aandeel": _percentage(aantal, aantal_ingediend),
                }
            )

    return Inzichten(
        van=van,
        tot=tot,
        consultaties=consultaties.count(),
        tabellen={
            "netwerken": netwerken,
            "ministeries": ministeries,
            "dimensies": dimensies,
            "organisaties": organisaties,
            "levensgebeurtenissen": levensgebeurtenissen,
        },
    )


def mag_inzien(user) -> bool:
    """The secretariaat and the member organisations: these are the network's own figures."""
    return bool(user.is_authenticated and (user.is_secretaris or user.is_organisatie_medewerker))

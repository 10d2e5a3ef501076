"""Earlier positions while writing a toets: what organisations raised before on drafts of
the same ministry or the same law, and what the ministry did with it.

Candidates are the submitted kernpunten of the same ministry's 40 most recent other
consultations (``RECENTSTE``) or of the same chain of drafts (a nota van wijziging and the
bill it amends), as far as the user may see them (``Kernpunt.objects.zichtbaar_voor``).
They are ranked by how well they match the words of this consultation's title and summary
— on PostgreSQL with the search vectors of ``zoeken`` (any word, ``ts_rank``), on SQLite
by how recent they are — so a kernpunt about the same subject comes first even when it is
worded differently. The ministry's verwerking shows only where the user may read the
paper it was recorded on.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db.models import F, Q, Value
from django.utils.translation import gettext as _

from consultaties.models import Consultatie
from rapporten.models import Verwerking
from reacties.models import INGEDIENDE_STATUSSEN, Kernpunt, Reactie

from .zoeken import Zoekvector, postgres, woorden

#: How many earlier kernpunten the toets form shows.
AANTAL = 8
#: Short words carry no subject ("wet", "van").
KORTSTE_WOORD = 4
#: Of the same ministry, the kernpunten of this many most recent consultations are ranked:
#: all of its years would rank every kernpunt it ever received (PostgreSQL sorted 113,000
#: on disk, 375 ms, for the form's side panel), and the recent ones matter most.
RECENTSTE = 40


@dataclass
class EerderStandpunt:
    kernpunt_id: int
    reactie_id: int
    tekst: str
    dimensie: str
    organisatie: str
    eigen: bool
    jaar: int
    kenmerk: str
    consultatie_titel: str
    rang: float
    uitkomst: str = ""
    uitkomst_label: str = ""
    verwerking_toelichting: str = ""

    @property
    def samenvatting(self) -> str:
        """'We said this in 2025; the ministry did not adopt it.'"""
        if self.eigen:
            gezegd = _("Wij brachten dit in %(jaar)s in") % {"jaar": self.jaar}
        else:
            gezegd = _("%(organisatie)s bracht dit in %(jaar)s in") % {
                "organisatie": self.organisatie,
                "jaar": self.jaar,
            }
        uitkomst = {
            "overgenomen": _("het ministerie nam het over."),
            "deels_overgenomen": _("het ministerie nam het deels over."),
            "niet_overgenomen": _("het ministerie nam het niet over."),
        }.get(self.uitkomst, _("wat het ministerie ermee deed, is (nog) niet bekend."))
        return f"{gezegd}; {uitkomst}"


def _verwant(consultatie: Consultatie) -> list[int]:
    """The consultations whose kernpunten are candidates: the same ministry's
    :data:`RECENTSTE` most recent others, and the same chain of drafts (the bill and its
    notas van wijziging) however old. Read as ids first: given as a list, PostgreSQL
    starts from their responses; as a subquery or an OR it ranked every kernpunt of the
    years that shares a word with the subject, and then filtered."""
    keten = {consultatie.vorige_consultatie_id} - {None}
    keten_q = Q(vorige_consultatie_id=consultatie.pk)
    if keten:
        keten_q |= Q(pk__in=keten) | Q(vorige_consultatie_id__in=keten)
    recent = (
        Consultatie.objects.filter(ministerie_id=consultatie.ministerie_id)
        .exclude(pk=consultatie.pk)
        .order_by("-termijn", "-pk")
        .values("pk")[:RECENTSTE]
    )
    # Unordered: with the model's ordering SQLite walked every consultation of the years
    # by termijn to test each against the list.
    return list(
        Consultatie.objects.filter(Q(pk__in=recent) | keten_q)
        .exclude(pk=consultatie.pk)
        .order_by()
        .values_list("pk", flat=True)
    )


def eerdere_standpunten(reactie: Reactie, user, aantal: int = AANTAL) -> list[EerderStandpunt]:
    """The earlier kernpunten most like this consultation's subject, for ``user``.
    Three queries: the related consultations, the ranked kernpunten, then the
    verwerkingen the user may read."""
    consultatie = reactie.consultatie
    qs = (
        Kernpunt.objects.zichtbaar_voor(user)
        .filter(
            reactie__consultatie_id__in=_verwant(consultatie),
            reactie__status__in=INGEDIENDE_STATUSSEN,
        )
        .annotate(
            r_organisatie=F("reactie__organisatie__afkorting"),
            r_organisatie_id=F("reactie__organisatie_id"),
            r_termijn=F("reactie__consultatie__termijn"),
            r_kenmerk=F("reactie__consultatie__kenmerk"),
            r_titel=F("reactie__consultatie__titel"),
        )
    )
    onderwerp = [
        w
        for w in woorden(f"{consultatie.titel} {consultatie.samenvatting}")
        if len(w) >= KORTSTE_WOORD and w.isalnum()
    ]
    if postgres() and onderwerp:
        # Any of the subject's words (raw tsquery of plain words joined by "|"), ranked.
        vraag = SearchQuery(" | ".join(onderwerp), config="dutch", search_type="raw")
        vector = Zoekvector(Kernpunt._meta.db_table)
        qs = (
            qs.alias(_zv=vector)
            .filter(_zv=vraag)
            .annotate(rang=SearchRank(vector, vraag, normalization=32))
            .order_by("-rang", "-r_termijn", "-pk")
        )
    else:
        qs = qs.annotate(rang=Value(0.0)).order_by("-r_termijn", "-pk")
    rijen = list(qs[:aantal])
    verwerkingen = {
        v.kernpunt_id: v
        for v in Verwerking.objects.zichtbaar_voor(user)
        .filter(kernpunt_id__in=[k.pk for k in rijen])
        .order_by("pk")
    }
    resultaat = []
    for k in rijen:
        v = verwerkingen.get(k.pk)
        resultaat.append(
            EerderStandpunt(
                kernpunt_id=k.pk,
                reactie_id=k.reactie_id,
                tekst=k.tekst,
                dimensie=k.get_dimensie_display(),
                organisatie=k.r_organisatie,
                eigen=k.r_organisatie_id == user.organisatie_id,
                jaar=k.r_termijn.year,
                kenmerk=k.r_kenmerk,
                consultatie_titel=k.r_titel,
                rang=float(k.rang or 0),
                uitkomst=v.uitkomst if v else "",
                uitkomst_label=v.get_uitkomst_display() if v else "",
                verwerking_toelichting=v.toelichting if v else "",
            )
        )
    return resultaat

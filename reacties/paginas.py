"""What responses add to the pages of ``consultaties`` (registered in
``ReactiesConfig.ready`` through ``kern.paginas``): the invited organisations on the
consultation page, the kernpunten on its kernpunten page, the running responses on the
secretaris's start page and the organisation's inbox of invitations."""

from collections import defaultdict

from django.db.models import Count, Q

from consultaties.models import Consultatie
from consultaties.models import Status as ConsultatieStatus
from consultaties.permissions import kan_kernpunten_zien
from kern import keuzelabels
from organisaties.models import Organisatie

from . import permissions
from .forms import OrganisatieLijstFilter
from .models import (
    INGEDIENDE_STATUSSEN,
    LOPENDE_STATUSSEN,
    Kernpunt,
    Onderschrijving,
    Reactie,
    Status,
)
from .services import toegestane_acties

#: A response's long texts, which no list shows.
LANGE_TEKSTEN = (
    "kernboodschap",
    "voorwaarden",
    "beslag_op_portfolio",
    "burgerperspectief",
    "doenvermogen_conclusie",
    "levensgebeurtenissen",
)
#: How many finished invitations the organisation inbox shows below the current ones.
RECENT_AFGEROND = 20
#: Open invitations on the organisation inbox (soonest termijn first); the consultation
#: list filtered on "open" holds them all.
OPEN_OP_STARTPAGINA = 20
#: What an inbox row reads of a response and its consultation.
INBOXVELDEN = (
    "pk",
    "status",
    "termijn_verlengd_tot",
    "ter_accordering_door_id",
    "consultatie__titel",
    "consultatie__kenmerk",
    "consultatie__status",
    "consultatie__termijn",
    "consultatie__ministerie__afkorting",
)
#: Running consultations on the secretaris's start page (soonest termijn first); the
#: consultation list per status holds them all.
LOPEND_OP_DASHBOARD = 25


def consultatiepagina(request, consultatie) -> dict:
    """``rijen``: every visible response as the list shows it, with the actions the user
    may take now (``_organisatierij``); for the secretaris the ``statusoverzicht`` and the
    ``lijstfilter``; ``herinneren``: the responses he may remind; ``eigen_reactie``: the
    response of the user's own organisation, if invited; ``kernpunten_telling``: where the
    user may see the kernpunten page (``kan_kernpunten_zien``), ``{"kernpunten": n,
    "organisaties": m}`` counted over the kernpunten that page lists, else ``None``."""
    user = request.user
    reacties = (
        Reactie.objects.zichtbaar_voor(user)
        .filter(consultatie=consultatie)
        .select_related("organisatie")
        # The list reads states, termijnen and verdicts: its texts stay unread.
        .defer(*LANGE_TEKSTEN)
        .order_by("organisatie__naam")
    )
    lijstfilter = statusoverzicht = None
    if user.is_secretaris:
        # The secretaris follows 30–40 organisations: a summary per state and network, and
        # the list filtered and sorted by GET parameters (works without JavaScript).
        statusoverzicht = reacties.statusoverzicht()
        lijstfilter = OrganisatieLijstFilter(request.GET, queryset=reacties)
        reacties = lijstfilter.qs
    reacties = list(reacties)
    for reactie in reacties:  # the page's consultation, not a copy per row
        reactie.consultatie = consultatie
    herinneren = {r.pk for r in reacties if permissions.kan_herinneren(user, r)}
    # The labels once per list, not through the models' get_FOO_display per row.
    labels = {
        "netwerk": keuzelabels.labels(Organisatie, "netwerk"),
        "eindoordeel": keuzelabels.labels(Reactie, "eindoordeel"),
    }
    rijen = [_organisatierij(r, toegestane_acties(user, r), herinneren, labels) for r in reacties]
    kernpunten_telling = None
    if kan_kernpunten_zien(user, consultatie):
        # The list itself is a page of its own (``kernpuntenpagina``): here only counted,
        # kernpunten and organisations in one query.
        kernpunten_telling = _kernpunten(user, consultatie).aggregate(
            kernpunten=Count("pk"), organisaties=Count("reactie__organisatie", distinct=True)
        )
    return {
        "rijen": rijen,
        "kernpunten_telling": kernpunten_telling,
        "statusoverzicht": statusoverzicht,
        "lijstfilter": lijstfilter,
        "herinneren": herinneren,
        "eigen_reactie": next(
            (r for r in reacties if r.organisatie_id == user.organisatie_id), None
        ),
    }


def _kernpunten(user, consultatie):
    """The kernpunten of ``consultatie`` that its kernpunten page lists: those ``user`` may
    see, merged ones in the one they went into."""
    return Kernpunt.objects.zichtbaar_voor(user).filter(
        reactie__consultatie=consultatie, samengevoegd_in__isnull=True
    )


def kernpuntenpagina(request, consultatie) -> dict:
    """The page ``consultaties:kernpunten`` (only shown where ``kan_kernpunten_zien``):
    the ``kernpunten`` to endorse, give themes and merge, and their ``kernpuntrijen`` (see
    ``kernpuntrijen``)."""
    user = request.user
    # Only what the list and the permissions read (a response has 30 fields), and the
    # page's own consultation on every response instead of a copy per kernpunt.
    kernpunten = list(
        _kernpunten(user, consultatie)
        .select_related("reactie__organisatie")
        .only(
            *("dimensie", "tekst", "artikel", "voorgestelde_wijziging", "ernst"),
            *("reactie__status", "reactie__consultatie_id", "samengevoegd_in_id"),
            *("reactie__organisatie__naam", "reactie__organisatie__afkorting"),
        )
    )
    for kernpunt in kernpunten:
        kernpunt.reactie.consultatie = consultatie
    # Who endorsed what: plain values in one query, not two layers of model instances.
    onderschrijvers = defaultdict(list)
    if kernpunten:
        for kernpunt_id, organisatie_id, afkorting in (
            Onderschrijving.objects.filter(kernpunt__in=[k.pk for k in kernpunten])
            .order_by("kernpunt_id", "pk")
            .values_list("kernpunt_id", "organisatie_id", "organisatie__afkorting")
        ):
            onderschrijvers[kernpunt_id].append((organisatie_id, afkorting))
    return {
        "kernpunten": kernpunten,
        "kernpuntrijen": kernpuntrijen(user, kernpunten, onderschrijvers=onderschrijvers),
    }


def _organisatierij(reactie, acties, herinneren, labels) -> dict:
    """One row of the invited organisations, as plain values: the template reads them
    30–40 times a page, cheaper from a dict than field by field from the models."""
    organisatie = reactie.organisatie
    return {
        "pk": str(reactie.pk),  # as text: an int is rendered through number formatting
        "naam": organisatie.naam,
        "afkorting": organisatie.afkorting,
        "netwerk": labels["netwerk"].get(organisatie.netwerk, organisatie.netwerk),
        "status": reactie.status,
        "afzien_reden": reactie.afzien_reden,
        "termijn": reactie.effectieve_termijn,
        "verlengd": bool(reactie.termijn_verlengd_tot),
        "eindoordeel": labels["eindoordeel"].get(reactie.eindoordeel, reactie.eindoordeel),
        "accepteren": "accepteren" in acties,
        "terugsturen": "terugsturen" in acties,
        # The bulk actions: accept (submitted) or remind (still running).
        "kiesbaar": "accepteren" in acties or reactie.pk in herinneren,
    }


def startpagina(request, zichtbaar) -> dict:
    """For the secretaris ``lopend``: the running consultations with their responses
    counted. For a member organisation ``uitnodigingen`` (its inbox) and, for an
    accordeerder, ``wacht_op_akkoord``: the toetsen awaiting a board member's sign-off."""
    user = request.user
    context = {}
    if user.is_secretaris:
        # The running consultations are a few dozen among years of finished ones: their
        # keys are found by state (an index) and the first by termijn taken here. Asked
        # for in order, SQLite walked the termijn index through every finished one.
        lopend = sorted(
            zichtbaar.filter(
                status__in=[
                    ConsultatieStatus.CONCEPT,
                    ConsultatieStatus.OPEN,
                    ConsultatieStatus.GESLOTEN,
                ]
            )
            .order_by()
            .values_list("termijn", "pk")
        )[:LOPEND_OP_DASHBOARD]
        context["lopend"] = (
            # The responses counted for the rows shown only.
            zichtbaar.filter(pk__in=[pk for _termijn, pk in lopend])
            # Only what a row shows (also what the query groups by): no texts.
            .only(*Consultatie.LIJSTVELDEN)
            .annotate(
                uitgenodigd=Count("reacties"),
                ingediend=Count("reacties", filter=Q(reacties__status__in=INGEDIENDE_STATUSSEN)),
                te_beoordelen=Count("reacties", filter=Q(reacties__status=Status.INGEDIEND)),
            )
            .order_by("termijn", "pk")
        )
    elif user.is_organisatie_medewerker:
        eigen = Reactie.objects.eigen_van(user).select_related(
            "consultatie", "consultatie__ministerie"
        )
        # Only what a row shows: a response's and a consultation's texts stay unread.
        rij = eigen.only(*INBOXVELDEN)
        # Current work first (soonest deadline on top), then the most recent others: the
        # inbox stays short however many invitations an organisation has. The open ones
        # beyond the first are all in the consultation list filtered on "open" (every
        # open consultation the organisation is invited to), linked below the table.
        open_ = list(
            rij.filter(consultatie__status=ConsultatieStatus.OPEN).order_by(
                "consultatie__termijn", "consultatie_id"
            )[: OPEN_OP_STARTPAGINA + 1]
        )
        context["meer_open"] = len(open_) > OPEN_OP_STARTPAGINA
        context["open_getoond"] = OPEN_OP_STARTPAGINA
        context["uitnodigingen"] = [
            *open_[:OPEN_OP_STARTPAGINA],
            # Ties broken by the consultation's key: the order of the lists' index.
            *rij.exclude(consultatie__status=ConsultatieStatus.OPEN).order_by(
                "-consultatie__termijn", "-consultatie_id"
            )[:RECENT_AFGEROND],
        ]
        context["lopende_statussen"] = [s.value for s in LOPENDE_STATUSSEN]
        if user.is_accordeerder:
            # What only a board member can move on comes first: toetsen awaiting sign-off.
            context["wacht_op_akkoord"] = rij.filter(
                status=Status.TER_ACCORDERING, consultatie__status=ConsultatieStatus.OPEN
            ).order_by("termijn_effectief", "pk")[:RECENT_AFGEROND]
    return context


def kernpuntrijen(user, kernpunten, toon_organisatie=True, onderschrijvers=None) -> list[dict]:
    """The list ``reacties/_kernpunten.html`` shows, as plain values per kernpunt: labels,
    endorsers, the short text in button labels, and whether ``user`` may endorse it.
    Computed once per kernpunt instead of looked up on the models by the template, field
    by field: a consultation page lists 50–70 kernpunten. ``onderschrijvers``: kernpunt id
    → ``[(organisatie_id, afkorting)]`` where the page loaded them as values; else the
    (prefetched) endorsements of each kernpunt. ``kernpunt`` is the model, for the tags of
    the apps above this one (themes, paper numbers)."""
    dimensies = keuzelabels.labels(Kernpunt, "dimensie")
    ernst = keuzelabels.labels(Kernpunt, "ernst")
    rijen = []
    for k in kernpunten:
        if onderschrijvers is None:
            door = [(o.organisatie_id, o.organisatie.afkorting) for o in k.onderschrijvingen.all()]
        else:
            door = onderschrijvers.get(k.pk, [])
        onderschreven = any(organisatie_id == user.organisatie_id for organisatie_id, _a in door)
        rijen.append(
            {
                "kernpunt": k,
                # As text: an int is rendered through number formatting, a dozen times a row.
                "pk": str(k.pk),
                "dimensie": dimensies.get(k.dimensie, k.dimensie),
                "ernst": ernst.get(k.ernst, k.ernst),
                "artikel": k.artikel,
                "organisatie": k.reactie.organisatie.afkorting if toon_organisatie else "",
                "tekst": k.tekst,
                "voorgestelde_wijziging": k.voorgestelde_wijziging,
                "onderschrijvers": ", ".join(afkorting for _o, afkorting in door),
                "kort": ingekort(k.tekst, 60),
                "mag_onderschrijven": permissions.kan_onderschrijven(
                    user, k, onderschreven=onderschreven
                ),
            }
        )
    return rijen


def ingekort(tekst: str, tekens: int) -> str:
    """``tekst`` cut to at most ``tekens`` characters at a word boundary, with "…"; a
    single word longer than that is cut inside it (Truncator cuts mid-word always)."""
    if len(tekst) <= tekens:
        return tekst
    kort = tekst[: tekens - 1]
    if tekst[tekens - 1].isalnum() and kort[-1:].isalnum():  # inside a word
        woorden = kort.rsplit(maxsplit=1)
        if len(woorden) == 2:
            kort = woorden[0]
    return kort.rstrip(" \t\r\n,;:.–-") + "…"


#: How much of a kernpunt's text a choice on the merge page shows; the rest folds out.
SAMENVOEGKEUZE_TEKST = 200


def samenvoegpagina(kernpunt, doelen, form) -> dict:
    """The merge page of ``kernpunt``: the kernpunt itself and each of ``doelen`` (the
    others it may be merged into, ``KernpuntQuerySet.samen_te_voegen_met``) as plain
    values, read in one query; ``gekozen``: the id the form chose, to keep it checked."""
    dimensies = keuzelabels.labels(Kernpunt, "dimensie")
    ernst = keuzelabels.labels(Kernpunt, "ernst")

    def rij(k) -> dict:
        kort = ingekort(k.tekst, SAMENVOEGKEUZE_TEKST)
        return {
            "pk": str(k.pk),
            "organisatie": k.reactie.organisatie.afkorting,
            "dimensie": dimensies.get(k.dimensie, k.dimensie),
            "ernst": ernst.get(k.ernst, k.ernst),
            "tekst": k.tekst,
            "kort": kort,
            "ingekort": kort != k.tekst,
        }

    keuzes = (
        doelen.select_related("reactie__organisatie")
        .only("dimensie", "tekst", "ernst", "reactie__organisatie__afkorting")
        .order_by("reactie", "pk")  # as the consultation page lists them
    )
    dit = rij(kernpunt)
    dit["onderschrijvers"] = ", ".join(
        kernpunt.onderschrijvingen.order_by("pk").values_list("organisatie__afkorting", flat=True)
    )
    return {
        "kernpunt": kernpunt,
        "consultatie": kernpunt.reactie.consultatie,
        "dit": dit,
        "keuzes": [rij(k) for k in keuzes],
        "gekozen": str(form["in_kernpunt"].value() or ""),
        "form": form,
    }

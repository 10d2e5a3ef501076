"""What responses add to the pages of ``consultaties`` (registered in
``ReactiesConfig.ready`` through ``kern.paginas``): the invited organisations on the
consultation page, the running responses on the secretaris's start page and the
organisation's inbox of invitations."""

from django.db.models import Count, Q

from consultaties.models import Consultatie
from consultaties.models import Status as ConsultatieStatus

from . import permissions
from .forms import OrganisatieLijstFilter
from .models import INGEDIENDE_STATUSSEN, LOPENDE_STATUSSEN, Kernpunt, Reactie, Status
from .services import toegestane_acties

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
    """``rijen``: every visible response with the actions the user may take now; for the
    secretaris the ``statusoverzicht`` and the ``lijstfilter``; ``herinneren``: the
    responses he may remind; once closed, the ``kernpunten`` to endorse (not for the
    ministry)."""
    user = request.user
    reacties = (
        Reactie.objects.zichtbaar_voor(user)
        .filter(consultatie=consultatie)
        .select_related("organisatie", "consultatie")
        .order_by("organisatie__naam")
    )
    lijstfilter = statusoverzicht = None
    if user.is_secretaris:
        # The secretaris follows 30–40 organisations: a summary per state and network, and
        # the list filtered and sorted by GET parameters (works without JavaScript).
        statusoverzicht = reacties.statusoverzicht()
        lijstfilter = OrganisatieLijstFilter(request.GET, queryset=reacties)
        reacties = lijstfilter.qs
    rijen = [(r, toegestane_acties(user, r)) for r in reacties]
    kernpunten = []
    if consultatie.is_gesloten() and not user.is_ministerie:
        kernpunten = (
            Kernpunt.objects.zichtbaar_voor(user)
            .filter(reactie__consultatie=consultatie, samengevoegd_in__isnull=True)
            .select_related("reactie__organisatie", "reactie__consultatie")
            .prefetch_related("onderschrijvingen__organisatie")
        )
    return {
        "rijen": rijen,
        "kernpunten": kernpunten,
        "statusoverzicht": statusoverzicht,
        "lijstfilter": lijstfilter,
        "herinneren": {r.pk for r, _acties in rijen if permissions.kan_herinneren(user, r)},
    }


def startpagina(request, zichtbaar) -> dict:
    """For the secretaris ``lopend``: the running consultations with their responses
    counted. For a member organisation ``uitnodigingen`` (its inbox) and, for an
    accordeerder, ``wacht_op_akkoord``: the toetsen awaiting a board member's sign-off."""
    user = request.user
    context = {}
    if user.is_secretaris:
        context["lopend"] = (
            zichtbaar.filter(
                status__in=[
                    ConsultatieStatus.CONCEPT,
                    ConsultatieStatus.OPEN,
                    ConsultatieStatus.GESLOTEN,
                ]
            )
            # Only what a row shows (also what the query groups by): no texts.
            .only(*Consultatie.LIJSTVELDEN)
            .annotate(
                uitgenodigd=Count("reacties"),
                ingediend=Count("reacties", filter=Q(reacties__status__in=INGEDIENDE_STATUSSEN)),
                te_beoordelen=Count("reacties", filter=Q(reacties__status=Status.INGEDIEND)),
            )
            .order_by("termijn", "pk")[:LOPEND_OP_DASHBOARD]
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

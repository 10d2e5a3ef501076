"""What the paper adds to the pages of ``consultaties`` (registered in
``RapportenConfig.ready`` through ``kern.paginas``): its versions and the differences of
opinion on the consultation page, the export on its kernpunten page, and the papers sent
on the ministry's start page."""

from django.db.models import Prefetch

from consultaties.models import Consultatie
from consultaties.models import Status as ConsultatieStatus
from kern.lijsten import pagineer, zoekparameters

from . import analyse, permissions
from .models import Rapport, Status
from .snapshot import verschillen_gegevens


def consultatiepagina(request, consultatie) -> dict:
    """``rapporten``: the paper's versions (for the ministry only those sent to it);
    ``verschillen``: for the secretaris of a closed consultation, the differences of
    opinion the paper will print; ``mag_rapport`` and ``mag_kernpunten_exporteren``."""
    user = request.user
    # The page lists the versions; their snapshots (hundreds of kB each) stay unread.
    rapporten = consultatie.rapporten.zonder_inhoud()
    if user.is_secretaris:
        # The secretariat sees whether (and from when) the sent version is public.
        rapporten = rapporten.select_related("publicatie").only(
            "pk", "consultatie_id", "versie", "status", "publicatie__openbaar_vanaf"
        )
    if user.is_ministerie:
        rapporten = rapporten.filter(status=Status.VERZONDEN)
    rapporten = list(rapporten)
    verschillen = None
    if user.is_secretaris and consultatie.status == ConsultatieStatus.GESLOTEN:
        # The same analysis the paper prints, so the secretaris can reconcile it first,
        # from only the fields that analysis reads rather than a whole snapshot per view.
        verschillen = analyse.verschillen(verschillen_gegevens(consultatie))
    return {
        "rapporten": rapporten,
        "verschillen": verschillen,
        "mag_rapport": consultatie.status == ConsultatieStatus.GESLOTEN
        and permissions.kan_aanmaken(user, consultatie),
        "mag_kernpunten_exporteren": consultatie.is_gesloten()
        and permissions.kan_kernpunten_exporteren(user, consultatie),
    }


def kernpuntenpagina(request, consultatie) -> dict:
    """``mag_kernpunten_exporteren`` on the kernpunten page (the list's numbers from the
    paper come from the ``kernpuntnummers`` tag)."""
    return {
        "mag_kernpunten_exporteren": permissions.kan_kernpunten_exporteren(
            request.user, consultatie
        ),
    }


def startpagina(request, zichtbaar) -> dict:
    """For the ministry (anyone neither secretaris nor member organisation): the
    ``consultaties`` it may see, each with the papers sent."""
    user = request.user
    if user.is_secretaris or user.is_organisatie_medewerker:
        return {}
    # Only what the row shows: a paper's snapshot is hundreds of kB of JSON.
    verzonden = Rapport.objects.filter(status=Status.VERZONDEN).zonder_inhoud()
    # One page at a time, as every long list: the page costs the same after years.
    pagina = pagineer(
        request,
        zichtbaar.only(*Consultatie.LIJSTVELDEN).prefetch_related(
            Prefetch("rapporten", queryset=verzonden)
        ),
    )
    return {
        "consultaties": pagina.object_list,
        "pagina": pagina,
        "paginanummers": pagina.paginator.get_elided_page_range(
            pagina.number, on_each_side=1, on_ends=1
        ),
        "zoekparameters": zoekparameters(request),
    }

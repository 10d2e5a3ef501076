from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from audit.models import AuditEvent
from kern.web import weigering_toont
from reacties.models import Kernpunt

from . import cijfers, exports, permissions, services
from .cijfers import KNELPUNT_MIN_CONSULTATIES
from .forms import KernpuntThemasForm, SamenvoegenForm
from .models import Thema


@login_required
@require_GET
def lijst(request):
    themas = cijfers.bereken(request.user)
    dubbelen = []
    if permissions.mag_themas_beheren(request.user):
        dubbelen = services.mogelijke_dubbelen(Thema.objects.all())
    return render(
        request,
        "themas/lijst.html",
        {
            "themas": themas,
            "dubbelen": dubbelen,
            "mag_knelpunten_zien": permissions.mag_knelpunten_zien(request.user),
            "min_consultaties": KNELPUNT_MIN_CONSULTATIES,
        },
    )


def _thema(request, pk):
    """The theme, if the user may see it: the secretariaat every theme, anyone else a
    theme with at least one kernpunt they may see (404 otherwise)."""
    thema = get_object_or_404(Thema, pk=pk)
    gegevens = cijfers.bereken(request.user, thema)
    if not gegevens:
        raise Http404
    return thema, gegevens[0]


def _detailpagina(request, pk, form=None, status=200):
    thema, gegevens = _thema(request, pk)
    beheer = permissions.mag_themas_beheren(request.user)
    return render(
        request,
        "themas/detail.html",
        {
            "thema": thema,
            "cijfers": gegevens,
            "kernpunten": cijfers.kernpunten_van(request.user, thema),
            "mag_beheren": beheer,
            "samenvoegen": form or (SamenvoegenForm() if beheer else None),
            "andere_themas": Thema.objects.exclude(pk=thema.pk) if beheer else [],
            "gebeurtenissen": AuditEvent.objects.voor(thema) if beheer else [],
            "min_consultaties": KNELPUNT_MIN_CONSULTATIES,
        },
        status=status,
    )


@login_required
@require_GET
def detail(request, pk):
    return _detailpagina(request, pk)


@login_required
@require_POST
def samenvoegen(request, pk):
    """The secretariaat merges this theme into the one it chose to keep."""
    if not permissions.mag_themas_beheren(request.user):
        raise PermissionDenied
    thema = get_object_or_404(Thema, pk=pk)
    form = SamenvoegenForm(request.POST)
    if not form.is_valid():
        return _detailpagina(request, pk, form=form, status=400)
    blijft = services.thema_samenvoegen(
        thema=thema, in_thema=form.cleaned_data["in_thema"], actor=request.user
    )
    messages.success(
        request,
        _("Het thema ‘%(weg)s’ is opgegaan in ‘%(blijft)s’; de kernpunten zijn meegegaan.")
        % {"weg": thema.name, "blijft": blijft.name},
    )
    return redirect("themas:detail", blijft.pk)


def _kernpuntenpagina(request, pk, **_):
    """The page a refused change of kernpunt ``pk``'s themes returns to (``kern.web``):
    its consultation's kernpunten page (the consultation page where that is not shown)."""
    from consultaties.views import pagina_van_kernpunten

    kernpunt = get_object_or_404(
        Kernpunt.objects.zichtbaar_voor(request.user).select_related("reactie"), pk=pk
    )
    return pagina_van_kernpunten(request, kernpunt.reactie.consultatie_id)


@login_required
@require_POST
@weigering_toont(_kernpuntenpagina)
def kernpunt_themas(request, pk):
    """The secretariaat gives a kernpunt its themes (on the consultation's kernpunten
    page)."""
    kernpunt = get_object_or_404(
        Kernpunt.objects.zichtbaar_voor(request.user).select_related("reactie"), pk=pk
    )
    form = KernpuntThemasForm(request.POST)
    namen = services.namen_uit_tekst(form.data.get("themas", ""))
    services.kernpunt_themas_instellen(kernpunt=kernpunt, namen=namen, actor=request.user)
    messages.success(request, _("De thema's van het kernpunt zijn opgeslagen."))
    from consultaties.views import kernpunten_url

    return redirect(kernpunten_url(request.user, kernpunt.reactie.consultatie, kernpunt.pk))


def _knelpunten(request):
    if not permissions.mag_knelpunten_zien(request.user):
        raise PermissionDenied(
            _("Alleen het secretariaat en de leden van het netwerk zien de knelpunten.")
        )
    return cijfers.knelpunten(request.user)


@login_required
@require_GET
def knelpunten(request):
    return render(
        request,
        "themas/knelpunten.html",
        {"knelpunten": _knelpunten(request), "min_consultaties": KNELPUNT_MIN_CONSULTATIES},
    )


@login_required
@require_GET
def knelpunten_xlsx(request):
    response = HttpResponse(
        exports.knelpunten_xlsx(_knelpunten(request)),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="tegenkracht-knelpunten.xlsx"'
    return response

from csp.decorators import csp_replace
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from . import exports, grafieken, services
from .forms import PeriodeForm


def _inzichten(request):
    if not services.mag_inzien(request.user):
        raise PermissionDenied(
            "Alleen het secretariaat en de leden van het netwerk zien de inzichten."
        )
    form = PeriodeForm(request.GET or None)
    van, tot = form.periode()
    return form, services.inzichten(van, tot)


@login_required
@require_GET
def overzicht(request):
    form, inzichten = _inzichten(request)
    return render(
        request,
        "inzichten/overzicht.html",
        {
            "form": form,
            "inzichten": inzichten,
            "query": request.GET.urlencode(),
            "grafieken": list(grafieken.GRAFIEKEN),
            "geldig_minuten": settings.INZICHTEN_GELDIG_SECONDEN // 60,
        },
    )


@login_required
@require_GET
# The SVG is shown through <img>: it can't run scripts, and pygal styles it inline.
@csp_replace({"default-src": ["'none'"], "style-src": ["'unsafe-inline'"]})
def grafiek(request, naam):
    if naam not in grafieken.GRAFIEKEN:
        raise Http404
    _, inzichten = _inzichten(request)
    return HttpResponse(grafieken.GRAFIEKEN[naam](inzichten), content_type="image/svg+xml")


@login_required
@require_GET
def export_csv(request, tabel):
    _, inzichten = _inzichten(request)
    if tabel not in inzichten.tabellen:
        raise Http404
    response = HttpResponse(
        exports.als_csv(inzichten.tabellen[tabel]), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="tegenkracht-{tabel}-{inzichten.van}-{inzichten.tot}.csv"'
    )
    return response


@login_required
@require_GET
def export_xlsx(request):
    _, inzichten = _inzichten(request)
    response = HttpResponse(
        exports.als_xlsx(inzichten),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="tegenkracht-inzichten-{inzichten.van}-{inzichten.tot}.xlsx"'
    )
    return response

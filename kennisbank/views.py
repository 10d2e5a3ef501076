from django.contrib.auth.decorators import login_required
from django.http import QueryDict
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from reacties.models import Reactie

from .eerder import eerdere_standpunten
from .forms import ZoekForm
from .zoeken import FACETTEN, Zoekopdracht, ZoekvraagTeBreed


def _pagina(request) -> int:
    try:
        return max(1, int(request.GET.get("pagina", 1)))
    except ValueError:
        return 1


@login_required
@require_GET
def zoeken(request):
    form = ZoekForm(request.GET)
    resultaat = te_breed = None
    if form.is_valid() and form.cleaned_data["q"].strip():
        try:
            resultaat = Zoekopdracht(
                request.user, form.cleaned_data["q"], form.filters()
            ).resultaat(_pagina(request))
        except ZoekvraagTeBreed as fout:
            te_breed = fout.bericht
    status = 200 if form.is_valid() and not te_breed else 400
    return render(
        request,
        "kennisbank/zoeken.html",
        {
            "form": form,
            "resultaat": resultaat,
            "te_breed": te_breed,
            **_links(request, form, resultaat),
        },
        status=status,
    )


def _links(request, form, resultaat) -> dict:
    """Query strings for every facet value (choose it, or drop it when chosen) and paging."""
    if resultaat is None:
        return {}
    basis = request.GET.copy()
    basis.pop("pagina", None)

    def met(**wijziging) -> str:
        q = QueryDict(mutable=True)
        q.update(basis)
        for sleutel, waarde in wijziging.items():
            q.pop(sleutel, None)
            if waarde not in (None, ""):
                q[sleutel] = waarde
        return q.urlencode()

    facetten = [
        (
            facet,
            form.fields[facet].label,
            [
                (w, met(**{facet: "" if w.gekozen else w.waarde}))
                for w in resultaat.facetten.get(facet, [])
            ],
        )
        for facet in FACETTEN
    ]
    return {
        "facetten": facetten,
        "vorige": met(pagina=resultaat.pagina - 1) if resultaat.heeft_vorige else "",
        "volgende": met(pagina=resultaat.pagina + 1) if resultaat.heeft_volgende else "",
        "wissen": met(**dict.fromkeys(FACETTEN, "")),
    }


@login_required
@require_GET
def eerdere_standpunten_view(request, pk):
    """The panel beside the toets form (loaded into it; also a page of its own)."""
    reactie = get_object_or_404(
        Reactie.objects.zichtbaar_voor(request.user).select_related("consultatie"), pk=pk
    )
    sjabloon = (
        "kennisbank/_eerdere_standpunten.html"
        if request.htmx
        else "kennisbank/eerdere_standpunten.html"
    )
    return render(
        request,
        sjabloon,
        {"reactie": reactie, "standpunten": eerdere_standpunten(reactie, request.user)},
    )

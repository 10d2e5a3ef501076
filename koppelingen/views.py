"""The subscriptions page: list, create, delete, rotate the secret, recent deliveries.
Thin views over ``koppelingen.services``; another organisation's subscription is a 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import OuterRef, Prefetch, Subquery
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kern.web import fouten_in

from . import catalogus, permissions, services
from .forms import AbonnementForm
from .models import Abonnement, Aflevering, Poging

#: The secret is shown once, on the page the user lands on after creating or rotating.
GEHEIM_SESSIE = "koppelingen_geheim"


def _vereis_beheer(request):
    if not permissions.kan_abonnementen_beheren(request.user):
        raise PermissionDenied


def _eigen(request, pk) -> Abonnement:
    return get_object_or_404(
        Abonnement.objects.zichtbaar_voor(request.user).select_related("eigenaar"), pk=pk
    )


def _toon_geheim_eenmalig(request, abonnement):
    request.session[GEHEIM_SESSIE] = {"id": abonnement.pk, "geheim": abonnement.geheim}


@login_required
def lijst(request):
    _vereis_beheer(request)
    form = AbonnementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with fouten_in(form):
            abonnement = services.abonnement_aanmaken(actor=request.user, **form.cleaned_data)
            _toon_geheim_eenmalig(request, abonnement)
            messages.success(request, _("Het abonnement is aangemaakt."))
            return redirect("koppelingen:detail", pk=abonnement.pk)
    laatste = Aflevering.objects.filter(abonnement=OuterRef("pk")).order_by("-aangemaakt_op", "-pk")
    abonnementen = (
        Abonnement.objects.zichtbaar_voor(request.user)
        .select_related("eigenaar")
        .annotate(
            laatste_status=Subquery(laatste.values("status")[:1]),
            laatste_op=Subquery(laatste.values("aangemaakt_op")[:1]),
        )
    )
    return render(
        request,
        "koppelingen/lijst.html",
        {"abonnementen": abonnementen, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
def detail(request, pk):
    _vereis_beheer(request)
    abonnement = _eigen(request, pk)
    geheim = request.session.get(GEHEIM_SESSIE)
    if geheim and geheim.get("id") == abonnement.pk:
        del request.session[GEHEIM_SESSIE]
    else:
        geheim = None
    afleveringen = (
        abonnement.afleveringen.defer("bericht")
        .prefetch_related(Prefetch("pogingen_log", queryset=Poging.objects.order_by("pk")))
        .order_by("-aangemaakt_op", "-pk")
    )
    pagina = Paginator(afleveringen, 20).get_page(request.GET.get("pagina"))
    labels = dict(catalogus.keuzes())
    for aflevering in pagina:
        aflevering.label = labels.get(aflevering.soort, aflevering.soort)
    return render(
        request,
        "koppelingen/detail.html",
        {
            "abonnement": abonnement,
            "geheim": geheim and geheim["geheim"],
            "pagina": pagina,
            "soorten": [(s, labels.get(s, s)) for s in abonnement.soorten],
        },
    )


@login_required
@require_POST
def verwijderen(request, pk):
    _vereis_beheer(request)
    services.abonnement_verwijderen(abonnement=_eigen(request, pk), actor=request.user)
    messages.success(request, _("Het abonnement is verwijderd."))
    return redirect("koppelingen:lijst")


@login_required
@require_POST
def geheim_vernieuwen(request, pk):
    _vereis_beheer(request)
    abonnement = services.abonnement_geheim_vernieuwen(
        abonnement=_eigen(request, pk), actor=request.user
    )
    _toon_geheim_eenmalig(request, abonnement)
    messages.success(request, _("Er is een nieuw geheim. Het vorige ondertekent nog 24 uur mee."))
    return redirect("koppelingen:detail", pk=abonnement.pk)


@login_required
@require_POST
def actief_wisselen(request, pk):
    _vereis_beheer(request)
    abonnement = _eigen(request, pk)
    abonnement = services.abonnement_bijwerken(
        abonnement=abonnement, actor=request.user, actief=not abonnement.actief
    )
    messages.success(
        request,
        _("Het abonnement staat aan.") if abonnement.actief else _("Het abonnement staat uit."),
    )
    return redirect("koppelingen:detail", pk=abonnement.pk)

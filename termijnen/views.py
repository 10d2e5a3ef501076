"""Pages for deadlines: workload, who is behind, and extension requests.

Visibility first (404 for what a user may not see), then the role (403); the services
repeat every rule, so a view only translates their exceptions into a response. The URLs
keep their place and names under ``notificaties:`` (``notificaties/urls.py``).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from consultaties.models import Consultatie
from kern.lijsten import lijstcontext
from kern.web import bevestiging, fouten_in, weigering_toont
from organisaties.models import Organisatie
from reacties.models import LOPENDE_STATUSSEN, Reactie
from reacties.permissions import kan_verlenging_aanvragen

from . import overzichten, permissions, services
from .forms import (
    AchterstandKeuze,
    VerlengingAanvragenForm,
    VerlengingAfwijzenForm,
    VerlengingenKeuze,
    VerlengingToekennenForm,
    WerklastKeuze,
    WerklastOverzichtKeuze,
)
from .models import Verlengingsverzoek


def _vereis(toegestaan: bool):
    if not toegestaan:
        raise PermissionDenied(gettext("U mag deze pagina niet gebruiken."))


# --- workload and who is behind ---------------------------------------------------------


@login_required
@require_GET
def werklast(request):
    user = request.user
    if user.is_organisatie_medewerker:
        return redirect("notificaties:werklast_organisatie", organisatie_id=user.organisatie_id)
    _vereis(user.is_secretaris)
    keuze = WerklastOverzichtKeuze(request.GET)
    return render(
        request,
        "notificaties/werklast_overzicht.html",
        lijstcontext(request, keuze, keuze.filter(overzichten.werklast_per_organisatie())),
    )


@login_required
@require_GET
def werklast_organisatie(request, organisatie_id):
    organisatie = get_object_or_404(
        Organisatie.objects.uitvoeringsorganisaties(), pk=organisatie_id
    )
    if not permissions.kan_werklast_zien(request.user, organisatie):
        raise Http404  # another organisation's burden is not for others to see
    nu = timezone.now()
    reacties = overzichten.werklast_reacties(organisatie)
    keuze = WerklastKeuze(request.GET)
    context = lijstcontext(request, keuze, keuze.filter(reacties, nu))
    context.update(
        organisatie=organisatie,
        regels=overzichten.regels(context["pagina"], nu),
        aantal_lopend=reacties.filter(status__in=LOPENDE_STATUSSEN).count(),
    )
    return render(request, "notificaties/werklast.html", context)


def _achterstandpagina(request, consultatie=None):
    nu = timezone.now()
    keuze = AchterstandKeuze(request.GET, consultatie=consultatie)
    reacties = overzichten.achterstand_reacties(
        Consultatie.objects.filter(pk=consultatie.pk) if consultatie else None
    )
    context = lijstcontext(request, keuze, keuze.filter(reacties, nu))
    context.update(consultatie=consultatie, regels=overzichten.regels(context["pagina"], nu))
    return render(request, "notificaties/achterstand.html", context)


@login_required
@require_GET
def achterstand(request):
    _vereis(request.user.is_secretaris)
    return _achterstandpagina(request)


@login_required
@require_GET
def achterstand_consultatie(request, consultatie_id):
    consultatie = get_object_or_404(
        Consultatie.objects.zichtbaar_voor(request.user), pk=consultatie_id
    )
    _vereis(request.user.is_secretaris)
    return _achterstandpagina(request, consultatie)


# --- extension requests -----------------------------------------------------------------


def _eigen_reactie(request, reactie_id):
    reactie = get_object_or_404(
        Reactie.objects.zichtbaar_voor(request.user).select_related("consultatie", "organisatie"),
        pk=reactie_id,
    )
    user = request.user
    _vereis(user.is_organisatie_medewerker and user.organisatie_id == reactie.organisatie_id)
    return reactie


def _aanvraagpagina(request, reactie, form=None, status=200):
    return render(
        request,
        "notificaties/verlenging_aanvragen.html",
        {
            "reactie": reactie,
            "form": form or VerlengingAanvragenForm(),
            "mag_aanvragen": kan_verlenging_aanvragen(request.user, reactie),
        },
        status=status,
    )


def _huidige_aanvraagpagina(request, reactie_id, **_):
    return _aanvraagpagina(request, _eigen_reactie(request, reactie_id))


@login_required
@weigering_toont(_huidige_aanvraagpagina)
def verlenging_aanvragen(request, reactie_id):
    reactie = _eigen_reactie(request, reactie_id)
    form = VerlengingAanvragenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with fouten_in(form):
            verzoek = services.verlenging_aanvragen(
                reactie=reactie,
                actor=request.user,
                reden=form.cleaned_data["reden"],
                gewenste_termijn=form.cleaned_data["gewenste_termijn"],
            )
            messages.success(
                request, _("Uw verzoek om verlenging is naar het secretariaat gestuurd.")
            )
            return redirect("notificaties:verlenging", pk=verzoek.pk)
    return _aanvraagpagina(request, reactie, form, status=400 if form.errors else 200)


@login_required
@require_GET
def verlenging_lijst(request):
    user = request.user
    _vereis(user.is_secretaris or user.is_organisatie_medewerker)
    keuze = VerlengingenKeuze(request.GET)
    # The page's relations are read for its 25 rows (prefetch), not joined: joined, SQLite
    # started from the organisations and sorted every request of the years.
    verzoeken = keuze.filter(
        Verlengingsverzoek.objects.zichtbaar_voor(user).prefetch_related(
            Prefetch(
                "reactie",
                queryset=Reactie.objects.select_related("consultatie", "organisatie").order_by(),
            ),
            "aangevraagd_door",
        )
    )
    return render(
        request, "notificaties/verlengingen.html", lijstcontext(request, keuze, verzoeken)
    )


def _verzoek(request, pk):
    return get_object_or_404(
        Verlengingsverzoek.objects.zichtbaar_voor(request.user).select_related(
            "reactie__consultatie", "reactie__organisatie", "aangevraagd_door", "beslist_door"
        ),
        pk=pk,
    )


def _verzoek_pagina(request, verzoek, toekennen=None, afwijzen=None, status=200):
    return render(
        request,
        "notificaties/verlenging.html",
        {
            "verzoek": verzoek,
            "reactie": verzoek.reactie,
            "mag_beslissen": permissions.is_secretaris(request.user, verzoek)
            and verzoek.status == "aangevraagd",
            "toekennen_form": toekennen
            or VerlengingToekennenForm(
                initial={
                    "termijn": verzoek.gewenste_termijn,
                }
            ),
            "afwijzen_form": afwijzen or VerlengingAfwijzenForm(),
        },
        status=status,
    )


@login_required
@require_GET
def verlenging_detail(request, pk):
    return _verzoek_pagina(request, _verzoek(request, pk))


def _huidige_verzoekpagina(request, pk, **_):
    return _verzoek_pagina(request, _verzoek(request, pk))


@login_required
@require_POST
@weigering_toont(_huidige_verzoekpagina)
def verlenging_toekennen(request, pk):
    verzoek = _verzoek(request, pk)
    form = VerlengingToekennenForm(request.POST)
    if not form.is_valid():
        return _verzoek_pagina(request, verzoek, toekennen=form, status=400)
    with fouten_in(form):
        services.verlenging_toekennen(
            verzoek=verzoek,
            actor=request.user,
            termijn=form.cleaned_data["termijn"],
            toelichting=form.cleaned_data["toelichting"],
        )
        messages.success(request, _("De verlenging is toegekend en de organisatie is bericht."))
        return redirect("notificaties:verlenging", pk=verzoek.pk)
    return _verzoek_pagina(request, verzoek, toekennen=form, status=400)


@login_required
@require_POST
@weigering_toont(_huidige_verzoekpagina)
def verlenging_afwijzen(request, pk):
    verzoek = _verzoek(request, pk)
    form = VerlengingAfwijzenForm(request.POST)
    if not form.is_valid():
        return _verzoek_pagina(request, verzoek, afwijzen=form, status=400)
    bevestigen = bevestiging(
        request,
        services.VERLENGING_WERKSTROOM["afwijzen"],
        onderwerp=f"{verzoek.reactie.organisatie.naam} · {verzoek.reactie.consultatie.kenmerk}",
        terug=reverse("notificaties:verlenging", args=[verzoek.pk]),
        toegestaan=permissions.is_secretaris(request.user, verzoek)
        and verzoek.status == "aangevraagd",
    )
    if bevestigen:
        return bevestigen
    with fouten_in(form):
        services.verlenging_afwijzen(
            verzoek=verzoek, actor=request.user, toelichting=form.cleaned_data["toelichting"]
        )
        messages.success(request, _("Het verzoek is afgewezen en de organisatie is bericht."))
        return redirect("notificaties:verlenging", pk=verzoek.pk)
    return _verzoek_pagina(request, verzoek, afwijzen=form, status=400)

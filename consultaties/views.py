"""Web pages for consultations. Views parse input, call one service, then redirect with a
message or render; the rules live in ``services.py`` and ``permissions.py``."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from audit.models import AuditEvent
from kern import paginas, startpagina
from kern.web import bevestiging, fouten_in, weigering_toont
from kern.workflow import VerouderdeVersie
from organisaties.models import Netwerk, Organisatie

from . import permissions, services
from .forms import (
    ConsultatieFilter,
    ConsultatieForm,
    DocumentForm,
    TermijnForm,
    TransitieForm,
    UitnodigenForm,
    knoppen,
)
from .models import Consultatie, Status

# --- pages ----------------------------------------------------------------------------


def _zichtbaar(request, pk) -> Consultatie:
    return get_object_or_404(
        Consultatie.objects.zichtbaar_voor(request.user)
        .met_verwerkingsstand()
        .select_related("ministerie"),
        pk=pk,
    )


@login_required
def dashboard(request):
    user = request.user
    if user.is_beheerder:  # manages accounts only: his home is the user list
        return redirect("beheer:gebruikers")
    zichtbaar = Consultatie.objects.zichtbaar_voor(user).select_related("ministerie")
    context = {}
    if user.is_secretaris:
        tellingen = dict(
            zichtbaar.order_by()
            .values_list("status")
            .annotate(n=Count("pk"))
            .values_list("status", "n")
        )
        context["per_status"] = [(s.value, s.label, tellingen.get(s.value, 0)) for s in Status]
        # The page shows the first running consultations (reacties.paginas); the total of all.
        context["lopend_totaal"] = sum(
            tellingen.get(s, 0) for s in (Status.CONCEPT, Status.OPEN, Status.GESLOTEN)
        )
        # The work queue is supplied by the app that owns its parts (kern.startpagina).
        context["secties"] = startpagina.secties_voor(request)
    # The running responses and the inbox (reacties.paginas), the papers sent to the
    # ministry (rapporten.paginas): kern.paginas.
    context.update(paginas.context("consultaties:dashboard", request, zichtbaar=zichtbaar))
    return render(request, "consultaties/dashboard.html", context)


@login_required
def consultatie_lijst(request):
    filter_ = ConsultatieFilter(
        request.GET,
        queryset=Consultatie.objects.zichtbaar_voor(request.user)
        .select_related("ministerie")
        # Only what a row shows: a consultation's texts stay unread.
        .only(*Consultatie.LIJSTVELDEN),
    )
    pagina = Paginator(filter_.qs, 25).get_page(request.GET.get("pagina"))
    zoekparameters = request.GET.copy()
    zoekparameters.pop("pagina", None)
    return render(
        request,
        "consultaties/lijst.html",
        {"filter": filter_, "pagina": pagina, "zoekparameters": zoekparameters.urlencode()},
    )


def _detail_context(request, consultatie, fout=None) -> dict:
    user = request.user
    return {
        "consultatie": consultatie,
        "documenten": consultatie.documenten.all(),
        "vragen": consultatie.vragen.all(),
        "gebeurtenissen": AuditEvent.objects.voor(consultatie).zichtbaar_voor(user),
        "acties": knoppen(
            services.toegestane_acties(user, consultatie),
            services.WERKSTROOM,
            lambda naam: reverse("consultaties:transitie", args=[consultatie.pk, naam]),
            fout,
        ),
        "mag_bewerken": permissions.kan_bewerken(user, consultatie),
        "mag_uitnodigen": permissions.kan_uitnodigen(user, consultatie),
        "mag_document": permissions.kan_document_toevoegen(user, consultatie),
        "mag_verlengen": permissions.kan_termijn_verlengen(user, consultatie),
        "mag_achterstand_zien": user.is_secretaris and consultatie.status == Status.OPEN,
        "lijst_url": request.get_full_path(),
        # The invited organisations and their responses, the kernpunten counted
        # (reacties.paginas), the paper's versions and differences of opinion
        # (rapporten.paginas): kern.paginas.
        **paginas.context("consultaties:detail", request, consultatie=consultatie),
    }


@login_required
def consultatie_kernpunten(request, pk):
    """The kernpunten of a closed consultation, to read, endorse, give themes and merge:
    work of its own, apart from the consultation page (which counts them and links here)."""
    return kernpuntenpagina(request, pk)


def kernpuntenpagina(request, pk):
    """The kernpunten page of consultation ``pk``; 404 where the user may not see it
    (``permissions.kan_kernpunten_zien``). Also the page a refused action on a kernpunt
    returns to (``kern.web``, see ``pagina_van_kernpunten``)."""
    user = request.user
    consultatie = get_object_or_404(
        Consultatie.objects.zichtbaar_voor(user).select_related("ministerie"), pk=pk
    )
    if not permissions.kan_kernpunten_zien(user, consultatie):
        raise Http404
    context = {
        "consultatie": consultatie,
        "mag_samenvoegen": user.is_secretaris and consultatie.status == Status.GESLOTEN,
        # The kernpunten with their endorsers (reacties.paginas), whether the user may
        # export them (rapporten.paginas): kern.paginas.
        **paginas.context("consultaties:kernpunten", request, consultatie=consultatie),
    }
    return render(request, "consultaties/kernpunten.html", context)


def pagina_van_kernpunten(request, consultatie_id):
    """Where an action on a kernpunt of consultation ``consultatie_id`` shows its refusal:
    the kernpunten page where the user may see it, else the consultation page (an action
    on a kernpunt of a consultation still open, or the ministry's)."""
    consultatie = get_object_or_404(
        Consultatie.objects.zichtbaar_voor(request.user).only("pk", "status"),
        pk=consultatie_id,
    )
    if permissions.kan_kernpunten_zien(request.user, consultatie):
        return kernpuntenpagina(request, consultatie_id)
    return consultatie_detail(request, consultatie_id)


def kernpunten_url(user, consultatie, kernpunt_id=None) -> str:
    """The address to return to after an action on a kernpunt of ``consultatie``: the
    kernpunt on the kernpunten page (``#kernpunten-kop`` without one), or the consultation
    page where the user may not see the kernpunten page."""
    if not permissions.kan_kernpunten_zien(user, consultatie):
        return reverse("consultaties:detail", args=[consultatie.pk])
    anker = f"#kernpunt-{kernpunt_id}" if kernpunt_id else "#kernpunten-kop"
    return reverse("consultaties:kernpunten", args=[consultatie.pk]) + anker


@login_required
def consultatie_detail(request, pk, fout=None, status=200):
    consultatie = _zichtbaar(request, pk)
    return render(
        request,
        "consultaties/detail.html",
        _detail_context(request, consultatie, fout),
        status=status,
    )


def _detailpagina(request, pk, fout=None, **_):
    """The page a refused action on a consultation returns to (``kern.web``)."""
    return consultatie_detail(request, pk, fout=fout)


@login_required
def consultatie_aanmaken(request):
    if not permissions.is_secretaris(request.user):
        raise PermissionDenied
    form = ConsultatieForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with fouten_in(form):
            consultatie = services.consultatie_aanmaken(
                actor=request.user, vragen=form.vragenlijst() or [], **form.velden()
            )
            messages.success(
                request,
                _("Consultatie %(kenmerk)s is aangemaakt.") % {"kenmerk": consultatie.kenmerk},
            )
            return redirect("consultaties:detail", consultatie.pk)
    return render(
        request, "consultaties/formulier.html", {"form": form}, status=400 if form.errors else 200
    )


@login_required
def consultatie_bewerken(request, pk):
    consultatie = _zichtbaar(request, pk)
    if not permissions.kan_bewerken(request.user, consultatie):
        raise PermissionDenied
    form = ConsultatieForm(request.POST or None, instance=consultatie)
    status = 400
    if request.method == "POST" and form.is_valid():
        try:
            with fouten_in(form):
                services.consultatie_bijwerken(
                    consultatie=consultatie,
                    actor=request.user,
                    versie=form.cleaned_data["versie"],
                    vragen=form.vragenlijst(),
                    **form.velden(),
                )
                messages.success(request, _("De wijzigingen zijn opgeslagen."))
                return redirect("consultaties:detail", consultatie.pk)
        except VerouderdeVersie as fout:
            # Keep what the user typed, now on top of the latest version, and say why.
            consultatie.refresh_from_db()
            data = request.POST.copy()
            data["versie"] = consultatie.versie
            form = ConsultatieForm(data, instance=consultatie)
            form.is_valid()
            form.add_error(None, str(fout))
            status = 409
    return render(
        request,
        "consultaties/formulier.html",
        {"form": form, "consultatie": consultatie},
        status=status if form.errors else 200,
    )


@login_required
def document_toevoegen(request, pk):
    consultatie = _zichtbaar(request, pk)
    if not permissions.kan_document_toevoegen(request.user, consultatie):
        raise PermissionDenied
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        with fouten_in(form):
            document = services.consultatie_document_toevoegen(
                consultatie=consultatie,
                actor=request.user,
                bestand=form.cleaned_data["bestand"],
                titel=form.cleaned_data["titel"],
            )
            messages.success(
                request,
                _("%(titel)s is toegevoegd (versie %(versie)s).")
                % {"titel": document.titel, "versie": document.versie},
            )
            return redirect("consultaties:detail", consultatie.pk)
    return render(
        request,
        "consultaties/document.html",
        {"form": form, "consultatie": consultatie},
        status=400 if form.errors else 200,
    )


@login_required
def uitnodigen(request, pk):
    consultatie = _zichtbaar(request, pk)
    if not permissions.kan_uitnodigen(request.user, consultatie):
        raise PermissionDenied
    form = UitnodigenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with fouten_in(form):
            nieuw = services.consultatie_uitnodigen(
                consultatie=consultatie, actor=request.user, **form.uitnodiging()
            )
            if nieuw:
                messages.success(
                    request,
                    _("Uitgenodigd: %(namen)s.")
                    % {"namen": ", ".join(sorted(r.organisatie.afkorting for r in nieuw))},
                )
            else:
                messages.info(request, _("Er zijn geen nieuwe organisaties uitgenodigd."))
            return redirect("consultaties:detail", consultatie.pk)
    uitgenodigd = set(consultatie.reacties.values_list("organisatie_id", flat=True))
    organisaties = Organisatie.objects.uitvoeringsorganisaties().order_by("naam")
    netwerken = [
        {
            "waarde": netwerk.value,
            "label": netwerk.label,
            "organisaties": [o for o in organisaties if o.netwerk == netwerk],
        }
        for netwerk in Netwerk
    ]
    return render(
        request,
        "consultaties/uitnodigen.html",
        {
            "form": form,
            "consultatie": consultatie,
            "netwerken": [n for n in netwerken if n["organisaties"]],
            "uitgenodigd": uitgenodigd,
            "gekozen": {str(v) for v in form["organisaties"].value() or []},
        },
        status=400 if form.errors else 200,
    )


@login_required
@weigering_toont(_detailpagina)
def termijn_verlengen(request, pk):
    consultatie = _zichtbaar(request, pk)
    if not permissions.kan_termijn_verlengen(request.user, consultatie):
        raise PermissionDenied
    form = TermijnForm(request.POST or None, consultatie=consultatie)
    if request.method == "POST" and form.is_valid():
        with fouten_in(form):
            services.consultatie_termijn_verlengen(
                consultatie=consultatie, actor=request.user, **form.cleaned_data
            )
            messages.success(request, _("De termijn is verlengd."))
            return redirect("consultaties:detail", consultatie.pk)
    return render(
        request,
        "consultaties/termijn.html",
        {"form": form, "consultatie": consultatie},
        status=400 if form.errors else 200,
    )


@require_POST
@login_required
@weigering_toont(_detailpagina)
def consultatie_transitie(request, pk, actie):
    consultatie = _zichtbaar(request, pk)
    if actie not in services.WERKSTROOM or not services.WERKSTROOM[actie].label:
        raise PermissionDenied  # not an action of this page (the paper is sent elsewhere)
    bevestigen = bevestiging(
        request,
        services.WERKSTROOM[actie],
        onderwerp=f"{consultatie.kenmerk} · {consultatie.titel}",
        terug=reverse("consultaties:detail", args=[pk]),
        toegestaan=actie in services.toegestane_acties(request.user, consultatie),
    )
    if bevestigen:
        return bevestigen
    form = TransitieForm(request.POST)
    form.is_valid()
    argumenten = {"toelichting": form.cleaned_data.get("toelichting", "")}
    if services.WERKSTROOM[actie].termijn:
        argumenten["termijn"] = form.cleaned_data.get("termijn")
    services.consultatie_transitie(actie, consultatie=consultatie, actor=request.user, **argumenten)
    messages.success(request, str(services.WERKSTROOM[actie].gelukt))
    return redirect("consultaties:detail", pk)

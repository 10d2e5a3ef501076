"""Web pages for position papers: thin views over ``rapporten.services``."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from audit.models import AuditEvent
from consultaties.models import Consultatie
from kern.web import fouten_in, weiger, weigering_toont
from kern.workflow import TransitieNietToegestaan

from . import analyse, export, permissions, services
from .forms import SamenstellenForm, ToelichtingForm, VerwerkingForm
from .models import Rapport


def _rapport(request, pk) -> Rapport:
    rapport = get_object_or_404(
        Rapport.objects.zichtbaar_voor(request.user).select_related(
            "consultatie", "consultatie__ministerie", "aangemaakt_door", "ontvangen_door"
        ),
        pk=pk,
    )
    if services.rapport_afbreken_als_stil(rapport):
        rapport.refresh_from_db()
    return rapport


def _detailpagina(request, pk, **_):
    """The page a refused action on a version returns to (``kern.web``)."""
    rapport = _rapport(request, pk)
    return render(request, "rapporten/detail.html", _detail_context(request, rapport))


def _uitvoeren(request, rapport, actie, melding):
    """Run a service and go back to the version. A refusal (409, 400) is turned into the
    current page by ``weigering_toont`` on the view; a 403 propagates."""
    actie()
    messages.success(request, melding)
    return redirect("rapporten:detail", pk=rapport.pk)


def _detail_context(request, rapport):
    verwerkingen = {v.kernpunt_id: v for v in rapport.verwerkingen.all()}
    kernpunten = sorted(
        (
            {**k, "verwerking": verwerkingen.get(k["id"])}
            for k in rapport.snapshot.get("kernpunten", [])
        ),
        key=lambda k: analyse.nummer_van(k),
    )
    return {
        "rapport": rapport,
        "consultatie": rapport.consultatie,
        "acties": services.toegestane_acties(request.user, rapport),
        "kernpunten": kernpunten,
        "tijdlijn": AuditEvent.objects.voor(rapport).zichtbaar_voor(request.user),
        "toelichting_form": ToelichtingForm(),
        "uitkomsten": VerwerkingForm.base_fields["uitkomst"].choices,
    }


@login_required
def rapport_detail(request, pk):
    rapport = _rapport(request, pk)
    return render(request, "rapporten/detail.html", _detail_context(request, rapport))


@login_required
def rapport_voortgang(request, pk):
    """The progress fragment the detail page polls (htmx); a plain page without JS."""
    rapport = _rapport(request, pk)
    template = "rapporten/_voortgang.html" if request.htmx else "rapporten/detail.html"
    response = render(request, template, _detail_context(request, rapport))
    if request.htmx and not rapport.is_bezig:
        # Done: reload the whole page, so the actions that are now allowed (definitief
        # maken, opnieuw maken) appear too, not only the new progress text.
        response["HX-Refresh"] = "true"
    return response


@login_required
def rapport_pdf(request, pk):
    rapport = _rapport(request, pk)
    if not rapport.pdf_gereed():
        fout = TransitieNietToegestaan(rapport, "pdf", gettext("De PDF is nog niet klaar."))
        return weiger(request, fout, lambda: _detailpagina(request, pk))
    return pdf_antwoord(rapport)


def pdf_antwoord(rapport) -> HttpResponse:
    """The stored PDF as a download; the web view and the API both serve it this way."""
    response = HttpResponse(services.pdf_bytes(rapport), content_type="application/pdf")
    soort = "concept" if rapport.status == "concept" else "definitief"
    naam = f"uitvoeringstoets-{rapport.consultatie.kenmerk}-v{rapport.versie}-{soort}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{naam}"'
    response["X-Content-SHA256"] = rapport.sha256
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
@weigering_toont(_detailpagina)
def rapport_definitief(request, pk):
    rapport = _rapport(request, pk)
    toelichting = request.POST.get("toelichting", "")
    return _uitvoeren(
        request,
        rapport,
        lambda: services.rapport_definitief_maken(
            rapport=rapport, actor=request.user, toelichting=toelichting
        ),
        gettext("Deze versie is definitief; ze verandert niet meer."),
    )


@login_required
@require_POST
@weigering_toont(_detailpagina)
def rapport_verzenden(request, pk):
    rapport = _rapport(request, pk)
    toelichting = request.POST.get("toelichting", "")
    return _uitvoeren(
        request,
        rapport,
        lambda: services.rapport_verzenden(
            rapport=rapport, actor=request.user, toelichting=toelichting
        ),
        gettext("Het paper is verzonden aan het ministerie."),
    )


@login_required
@require_POST
@weigering_toont(_detailpagina)
def rapport_opnieuw(request, pk):
    rapport = _rapport(request, pk)
    return _uitvoeren(
        request,
        rapport,
        lambda: services.rapport_opnieuw_genereren(rapport=rapport, actor=request.user),
        gettext("De PDF wordt opnieuw gemaakt."),
    )


@login_required
@require_POST
@weigering_toont(_detailpagina)
def rapport_ontvangst(request, pk):
    rapport = _rapport(request, pk)
    toelichting = request.POST.get("toelichting", "")
    return _uitvoeren(
        request,
        rapport,
        lambda: services.rapport_ontvangst_bevestigen(
            rapport=rapport, actor=request.user, toelichting=toelichting
        ),
        gettext("De ontvangst is bevestigd."),
    )


@login_required
@require_POST
@weigering_toont(_detailpagina)
def rapport_verwerking(request, pk):
    rapport = _rapport(request, pk)
    form = VerwerkingForm(request.POST)
    if not form.is_valid():
        if not permissions.kan_verwerking_vastleggen(request.user, rapport):
            raise PermissionDenied
        raise ValidationError([e for fouten in form.errors.values() for e in fouten])
    return _uitvoeren(
        request,
        rapport,
        lambda: services.verwerking_vastleggen(
            rapport=rapport, actor=request.user, **form.cleaned_data
        ),
        gettext("De verwerking van het kernpunt is vastgelegd."),
    )


@login_required
def rapport_nieuw(request, pk):
    """Compose the bestuurlijke samenvatting and aanbevelingen and start a new version."""
    consultatie = get_object_or_404(Consultatie.objects.zichtbaar_voor(request.user), pk=pk)
    if not permissions.kan_aanmaken(request.user, consultatie):
        raise PermissionDenied
    form = SamenstellenForm(
        request.POST if request.method == "POST" else None,
        initial={
            "bestuurlijke_samenvatting": consultatie.bestuurlijke_samenvatting,
            "aanbevelingen": consultatie.aanbevelingen,
        },
    )
    geweigerd = False
    if request.method == "POST" and form.is_valid():
        try:
            with fouten_in(form):
                rapport = services.rapport_aanmaken(
                    consultatie=consultatie, actor=request.user, **form.cleaned_data
                )
                messages.success(
                    request,
                    gettext("Versie %(versie)s wordt gemaakt.") % {"versie": rapport.versie},
                )
                return redirect("rapporten:detail", pk=rapport.pk)
        except TransitieNietToegestaan as fout:
            # Unlike elsewhere the refusal stays on this form: the composed texts are kept.
            form.add_error(None, str(fout))
            geweigerd = True
    status = 409 if geweigerd else 400 if form.errors else 200
    return render(
        request,
        "rapporten/nieuw.html",
        {
            "consultatie": consultatie,
            "form": form,
            "versies": consultatie.rapporten.all(),
        },
        status=status,
    )


@login_required
def kernpunten_xlsx(request, pk):
    consultatie = get_object_or_404(Consultatie.objects.zichtbaar_voor(request.user), pk=pk)
    if not permissions.kan_kernpunten_exporteren(request.user, consultatie):
        raise PermissionDenied
    inhoud = export.kernpunten_xlsx(consultatie, request.user)
    response = HttpResponse(
        inhoud, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="kernpunten-{consultatie.kenmerk}.xlsx"'
    )
    return response

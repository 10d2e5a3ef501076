"""Web pages for position papers: thin views over ``rapporten.services``."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from audit.models import AuditEvent
from consultaties.models import Consultatie
from kern.web import bevestiging, fouten_in, weiger, weigering_toont
from kern.workflow import TransitieNietToegestaan

from . import analyse, export, permissions, services
from .forms import PublicerenForm, SamenstellenForm, ToelichtingForm, VerwerkingForm
from .models import Rapport, Uitkomst


def _rapport(request, pk, *, pagina=False) -> Rapport:
    """The version ``pk`` the user may see; for its ``pagina`` without the whole snapshot."""
    rapporten = Rapport.objects.zichtbaar_voor(request.user)
    if pagina:
        rapporten = rapporten.met_snapshotkernpunten()
    rapport = get_object_or_404(
        rapporten.select_related(
            "consultatie",
            "consultatie__ministerie",
            "aangemaakt_door",
            "ontvangen_door",
            "publicatie",
        ),
        pk=pk,
    )
    if services.rapport_afbreken_als_stil(rapport):
        rapport.refresh_from_db()
    return rapport


def _detailpagina(request, pk, **_):
    """The page a refused action on a version returns to (``kern.web``)."""
    rapport = _rapport(request, pk, pagina=True)
    return render(request, "rapporten/detail.html", _detail_context(request, rapport))


def _uitvoeren(request, rapport, actie, melding):
    """Run a service and go back to the version. A refusal (409, 400) is turned into the
    current page by ``weigering_toont`` on the view; a 403 propagates."""
    actie()
    messages.success(request, melding)
    return redirect("rapporten:detail", pk=rapport.pk)


def _bevestiging(request, rapport, actie):
    return bevestiging(
        request,
        services.WERKSTROOM[actie],
        onderwerp=gettext("Position paper %(kenmerk)s, versie %(versie)s")
        % {"kenmerk": rapport.consultatie.kenmerk, "versie": rapport.versie},
        terug=reverse("rapporten:detail", args=[rapport.pk]),
        toegestaan=actie in services.toegestane_acties(request.user, rapport),
    )


def _kernpunten(rapport, verwerking_form=None) -> list[dict]:
    """The paper's kernpunten in its order (K1, K2, …), each with its verwerking and the
    input of its verwerking form: the refused form's own input and errors, so nothing
    typed is lost, else the recorded verwerking (or nothing chosen yet)."""
    verwerkingen = {v.kernpunt_id: v for v in rapport.verwerkingen.all()}
    fout_id = verwerking_form.data.get("kernpunt") if verwerking_form is not None else None
    kernpunten = []
    snapshotkernpunten = getattr(rapport, "snapshot_kernpunten", None)
    if snapshotkernpunten is None:
        snapshotkernpunten = rapport.snapshot.get("kernpunten") or []
    for k in sorted(snapshotkernpunten, key=analyse.nummer_van):
        verwerking = verwerkingen.get(k["id"])
        regel = {
            **k,
            "kid": str(k["id"]),  # as text: an int is rendered through number formatting
            "verwerking": verwerking,
            "keuze": verwerking.uitkomst if verwerking else "",
            "invoer": verwerking.toelichting if verwerking else "",
            "fouten": {},
        }
        if fout_id == str(k["id"]):
            regel.update(
                keuze=verwerking_form.data.get("uitkomst", ""),
                invoer=verwerking_form.data.get("toelichting", ""),
                fouten=verwerking_form.errors,
                algemeen=verwerking_form.non_field_errors(),
            )
        kernpunten.append(regel)
    return kernpunten


def _definitieve_versie(request, rapport):
    """The version that counts (sent, else the newest definitief), when it is not this one."""
    versie = (
        Rapport.objects.zichtbaar_voor(request.user)
        .filter(consultatie_id=rapport.consultatie_id, status__in=["definitief", "verzonden"])
        .only("pk", "versie", "status", "consultatie_id")
        .order_by(models.Case(models.When(status="verzonden", then=0), default=1), "-versie")
        .first()
    )
    return versie if versie is not None and versie.pk != rapport.pk else None


def _detail_context(request, rapport, verwerking_form=None, publiceren_form=None):
    return {
        "rapport": rapport,
        "consultatie": rapport.consultatie,
        "acties": services.toegestane_acties(request.user, rapport),
        "kernpunten": _kernpunten(rapport, verwerking_form),
        "definitieve_versie": _definitieve_versie(request, rapport),
        "tijdlijn": AuditEvent.objects.voor(rapport).zichtbaar_voor(request.user),
        "toelichting_form": ToelichtingForm(),
        # Per kernpunt form, built once: plain labels, not lazy ones translated per row.
        "uitkomsten": [(waarde, str(label)) for waarde, label in Uitkomst.choices],
        "verwerking_url": reverse("rapporten:verwerking", args=[rapport.pk]),
        "onomkeerbaar": {
            naam: services.WERKSTROOM[naam].gevolg
            for naam in ("definitief_maken", "verzenden", "publiceren")
        },
        "publiceren_form": publiceren_form or PublicerenForm(),
    }


@login_required
def rapport_detail(request, pk):
    rapport = _rapport(request, pk, pagina=True)
    return render(request, "rapporten/detail.html", _detail_context(request, rapport))


@login_required
def rapport_voortgang(request, pk):
    """The progress fragment the detail page polls (htmx); a plain page without JS."""
    rapport = _rapport(request, pk, pagina=True)
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


@login_required
def rapport_pdf_bekijken(request, pk):
    """The same PDF, same rules, shown in the browser's own PDF viewer instead of saved."""
    rapport = _rapport(request, pk)
    if not rapport.pdf_gereed():
        fout = TransitieNietToegestaan(rapport, "pdf", gettext("De PDF is nog niet klaar."))
        return weiger(request, fout, lambda: _detailpagina(request, pk))
    return pdf_antwoord(rapport, inline=True)


#: The policy of a PDF shown in the browser: the viewer may show the document itself and
#: nothing else; no script, style or fetch of our origin runs in its context, no framing.
PDF_CSP = (
    "default-src 'none'; object-src 'self'; frame-ancestors 'none'; base-uri 'none'; "
    "form-action 'none'"
)


def pdf_antwoord(rapport, *, inline: bool = False) -> HttpResponse:
    """The stored PDF as a download (or, ``inline``, for the browser's PDF viewer); the
    web views and the API all serve it this way."""
    response = HttpResponse(services.pdf_bytes(rapport), content_type="application/pdf")
    soort = "concept" if rapport.status == "concept" else "definitief"
    naam = f"uitvoeringstoets-{rapport.consultatie.kenmerk}-v{rapport.versie}-{soort}.pdf"
    wijze = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{wijze}; filename="{naam}"'
    response["X-Content-SHA256"] = rapport.sha256
    response["Cache-Control"] = "private, no-store"
    if inline:
        response["Content-Security-Policy"] = PDF_CSP
    return response


@login_required
@require_POST
@weigering_toont(_detailpagina)
def rapport_definitief(request, pk):
    rapport = _rapport(request, pk)
    if bevestigen := _bevestiging(request, rapport, "definitief_maken"):
        return bevestigen
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
    if bevestigen := _bevestiging(request, rapport, "verzenden"):
        return bevestigen
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
def rapport_publiceren(request, pk):
    """Publish the sent paper in the public archive (or move a planned date), after the
    confirmation step: publishing makes it readable to anyone."""
    rapport = _rapport(request, pk)
    form = PublicerenForm(request.POST)
    if not form.is_valid():
        context = _detail_context(request, rapport, publiceren_form=form)
        return render(request, "rapporten/detail.html", context, status=400)
    with fouten_in(form):
        moment = form.moment()
    if form.errors:
        context = _detail_context(request, rapport, publiceren_form=form)
        return render(request, "rapporten/detail.html", context, status=400)
    onderwerp = gettext("Position paper %(kenmerk)s, versie %(versie)s") % {
        "kenmerk": rapport.consultatie.kenmerk,
        "versie": rapport.versie,
    }
    if moment is not None and moment > timezone.now():
        onderwerp += " — " + gettext("openbaar vanaf %(datum)s") % {
            "datum": formats.date_format(timezone.localtime(moment), "j F Y")
        }
    else:
        onderwerp += " — " + gettext("meteen openbaar")
    if bevestigen := bevestiging(
        request,
        services.WERKSTROOM["publiceren"],
        onderwerp=onderwerp,
        terug=reverse("rapporten:detail", args=[rapport.pk]),
        toegestaan="publiceren" in services.toegestane_acties(request.user, rapport),
    ):
        return bevestigen
    return _uitvoeren(
        request,
        rapport,
        lambda: services.rapport_publiceren(
            rapport=rapport, actor=request.user, openbaar_vanaf=moment
        ),
        gettext("Het paper is openbaar gemaakt.")
        if moment is None or moment <= timezone.now()
        else gettext("Het paper wordt openbaar op %(datum)s.")
        % {"datum": formats.date_format(timezone.localtime(moment), "j F Y")},
    )


@login_required
@require_POST
@weigering_toont(_detailpagina)
def rapport_publicatie_intrekken(request, pk):
    rapport = _rapport(request, pk)
    toelichting = request.POST.get("toelichting", "")
    return _uitvoeren(
        request,
        rapport,
        lambda: services.rapport_publicatie_intrekken(
            rapport=rapport, actor=request.user, toelichting=toelichting
        ),
        gettext("De publicatie is ingetrokken; het paper staat niet meer in het openbare archief."),
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
    if not permissions.kan_verwerking_vastleggen(request.user, rapport):
        raise PermissionDenied
    form = VerwerkingForm(request.POST)
    if form.is_valid():
        with fouten_in(form):
            return _uitvoeren(
                request,
                rapport,
                lambda: services.verwerking_vastleggen(
                    rapport=rapport, actor=request.user, **form.cleaned_data
                ),
                gettext("De verwerking van het kernpunt is vastgelegd."),
            )
    # The page again with this kernpunt's form showing its errors and the input kept.
    return render(
        request, "rapporten/detail.html", _detail_context(request, rapport, form), status=400
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

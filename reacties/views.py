"""Web pages for responses (uitvoeringstoetsen). Each view parses input, calls one service
and redirects or renders; rules live in ``services.py`` and ``permissions.py``."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_http_methods, require_POST

from audit.models import AuditEvent
from consultaties.forms import knoppen
from consultaties.permissions import kan_kernpunten_zien
from kern.bulk import controleer_selectie
from kern.conflict import conflicttekst
from kern.web import (
    bevestiging,
    fouten_in,
    koppel_fouten,
    meld_per_item,
    terug_naar,
    weigering_toont,
)
from kern.workflow import TransitieNietToegestaan, VerouderdeVersie

from . import permissions, services
from .forms import (
    BijlageForm,
    KernpuntForm,
    KernpuntSamenvoegenForm,
    KostenFormSet,
    ReactieForm,
    TransitieForm,
)
from .models import Kernpunt, Reactie, Status
from .paginas import kernpuntrijen, samenvoegpagina


def _zichtbaar(request, pk) -> Reactie:
    return get_object_or_404(
        Reactie.objects.zichtbaar_voor(request.user).select_related(
            "consultatie", "consultatie__ministerie", "organisatie"
        ),
        pk=pk,
    )


def _sinds_vorige_toets(user, reactie) -> dict | None:
    """For a re-toets that has been started: what differs from the earlier toets, shown only
    to those who may see that earlier toets itself."""
    if not reactie.vorige_reactie_id or reactie.status == Status.UITGENODIGD:
        return None
    vorige = (
        Reactie.objects.zichtbaar_voor(user)
        .select_related("consultatie")
        .filter(pk=reactie.vorige_reactie_id)
        .first()
    )
    if vorige is None:
        return None
    # Per kernpunt of the earlier paper: the organisation's marking next to the ministry's
    # verwerking (issue 20).
    return {
        **services.vergelijk_met_vorige_toets(reactie, vorige),
        "kernpunten": services.eerdere_kernpunten(reactie),
    }


def _ontbrekend(user, reactie) -> list[dict]:
    """What "ter accordering" still needs, each item linked to its field on the form."""
    if reactie.status != Status.IN_VOORBEREIDING or not permissions.kan_bewerken(user, reactie):
        return []
    formulier = reverse("reacties:bewerken", args=[reactie.pk])
    return [
        {"tekst": tekst, "url": f"{formulier}#id_{veld}"}
        for veld, tekst in reactie.ontbrekende_velden()
    ]


@login_required
def reactie_detail(request, pk, fout=None, status=200, geweigerd=False):
    reactie = _zichtbaar(request, pk)
    user = request.user
    kernpunten = (
        reactie.kernpunten.filter(samengevoegd_in__isnull=True)
        .select_related("reactie__organisatie", "reactie__consultatie")
        .prefetch_related("onderschrijvingen__organisatie")
    )
    context = {
        "reactie": reactie,
        "consultatie": reactie.consultatie,
        "beoordelingen": reactie.beoordelingen.all(),
        "kosten": reactie.kosten.all(),
        "antwoorden": reactie.antwoorden.select_related("vraag"),
        "kernpunten": kernpunten,
        "kernpuntrijen": kernpuntrijen(user, kernpunten, toon_organisatie=False),
        "gebeurtenissen": AuditEvent.objects.voor(reactie).zichtbaar_voor(user),
        "acties": knoppen(
            services.toegestane_acties(user, reactie),
            services.WERKSTROOM,
            lambda naam: reverse("reacties:transitie", args=[reactie.pk, naam]),
            fout,
        ),
        "mag_bewerken": permissions.kan_bewerken(user, reactie),
        "eigen": permissions.is_eigen_organisatie(user, reactie),
        "mag_verlenging_aanvragen": permissions.kan_verlenging_aanvragen(user, reactie),
        "hertoets": _sinds_vorige_toets(user, reactie),
        "ontbrekend": _ontbrekend(user, reactie),
        "accordering_geweigerd": geweigerd,
        "bijlagen": reactie.bijlagen.all(),
    }
    return render(request, "reacties/detail.html", context, status=status)


def _detailpagina(request, pk, fout=None, **_):
    """The page a refused action on a response returns to (``kern.web``)."""
    return reactie_detail(request, pk, fout=fout)


def _consultatiepagina_van_kernpunt(request, pk, **_):
    """The page a refused action on kernpunt ``pk`` returns to (``kern.web``): its
    consultation's kernpunten page (the consultation page where that is not shown)."""
    from consultaties.views import pagina_van_kernpunten

    kernpunt = get_object_or_404(
        Kernpunt.objects.zichtbaar_voor(request.user).select_related("reactie"), pk=pk
    )
    return pagina_van_kernpunten(request, kernpunt.reactie.consultatie_id)


def _naar_kernpunten(request, kernpunt, kernpunt_id=None):
    """Back to the kernpunten page after an action on ``kernpunt``, at ``kernpunt_id``
    (at the list's heading without one)."""
    from consultaties.views import kernpunten_url

    return redirect(kernpunten_url(request.user, kernpunt.reactie.consultatie, kernpunt_id))


def _formulieren(request, reactie, data=None):
    form = ReactieForm(data, reactie=reactie)
    kosten = KostenFormSet(
        data,
        prefix="kosten",
        initial=[
            {
                "categorie": k.categorie,
                "soort": k.soort,
                "bedrag": k.bedrag,
                "jaar": k.jaar,
                "toelichting": k.toelichting,
            }
            for k in reactie.kosten.all()
        ],
    )
    return form, kosten


def _bewerken_pagina(request, reactie, form, kosten, status=200, **extra):
    context = {
        "reactie": reactie,
        "consultatie": reactie.consultatie,
        "form": form,
        "kosten": kosten,
        "kernpunt_form": KernpuntForm(prefix="kernpunt", in_toetsformulier=True),
        "bijlage_form": BijlageForm(),
        "kernpunten": reactie.kernpunten.all(),
        "bijlagen": reactie.bijlagen.all(),
        "opslagstatus": "",
        "verouderd": False,
        **extra,
    }
    return render(request, "reacties/bewerken.html", context, status=status)


def _klaar(request, reactie, anker="", nieuw=""):
    """After a save that changes more than the form (a kernpunt, an attachment): reload the
    whole page, also when htmx sent the form. The query names what was added, so the URL
    differs from the current one and the browser loads it (not just jumps to the anchor)."""
    url = reverse("reacties:bewerken", args=[reactie.pk]) + f"?{nieuw}" + anker
    if request.htmx:
        response = HttpResponse(status=204)
        response["HX-Redirect"] = url
        return response
    return redirect(url)


@login_required
@weigering_toont(_detailpagina)
def reactie_bewerken(request, pk):
    """The toets form. One form holds the draft, a new kernpunt and a new attachment, so
    adding either first saves the draft under the same version rule as "Concept opslaan"."""
    reactie = _zichtbaar(request, pk)
    if not permissions.is_eigen_organisatie(request.user, reactie):
        raise PermissionDenied
    if not permissions.kan_bewerken(request.user, reactie):
        messages.info(request, _("Deze reactie kan nu niet worden bewerkt."))
        return redirect("reacties:detail", reactie.pk)
    if request.method != "POST":
        form, kosten = _formulieren(request, reactie)
        return _bewerken_pagina(request, reactie, form, kosten)

    actie = request.POST.get("actie", "opslaan")
    form, kosten = _formulieren(request, reactie, request.POST)
    kernpunt_form = KernpuntForm(
        request.POST if actie == "kernpunt" else None, prefix="kernpunt", in_toetsformulier=True
    )
    bijlage_form = BijlageForm(request.POST, request.FILES)
    extra = {"kernpunt_form": kernpunt_form}
    if not (form.is_valid() and kosten.is_valid()):
        return _bewerken_pagina(request, reactie, form, kosten, 400, **extra)
    gewijzigd = form.has_changed() or kosten.has_changed()
    if actie == "opslaan" or gewijzigd:
        try:
            reactie = services.reactie_bijwerken(
                reactie=reactie, actor=request.user, **form.service_argumenten(kosten.kosten())
            )
        except VerouderdeVersie as fout:
            # Never lose the user's text: show the form again as typed, now based on
            # the latest version, and say clearly what happened.
            reactie.refresh_from_db()
            data = request.POST.copy()
            data["versie"] = reactie.versie
            form, kosten = _formulieren(request, reactie, data)
            extra.update(opslagstatus=conflicttekst(fout), verouderd=True)
            return _bewerken_pagina(request, reactie, form, kosten, 409, **extra)
        except ValidationError as fout:
            # The draft form has fields and a cost formset: it binds errors itself.
            fouten = fout.message_dict if hasattr(fout, "error_dict") else {"": fout.messages}
            form.koppel_servicefouten(fouten, kosten)
            return _bewerken_pagina(request, reactie, form, kosten, 400, **extra)
    tijd = timezone.localtime().strftime("%H:%M")
    if actie == "kernpunt":
        return _kernpunt_na_opslaan(request, reactie, kernpunt_form, extra)
    if actie == "bijlage" or request.FILES.get("bijlage"):
        return _bijlage_na_opslaan(request, reactie, bijlage_form, extra)
    if request.htmx:
        form, kosten = _formulieren(request, reactie)
        extra["opslagstatus"] = _("Opgeslagen om %(tijd)s.") % {"tijd": tijd}
        return _bewerken_pagina(request, reactie, form, kosten, **extra)
    messages.success(request, _("Uw concept is opgeslagen om %(tijd)s.") % {"tijd": tijd})
    return redirect("reacties:bewerken", reactie.pk)


def _kernpunt_na_opslaan(request, reactie, kernpunt_form, extra):
    if kernpunt_form.is_valid():
        try:
            kernpunt = services.kernpunt_toevoegen(
                reactie=reactie, actor=request.user, **kernpunt_form.cleaned_data
            )
        except ValidationError as fout:
            koppel_fouten(kernpunt_form, fout)
        else:
            messages.success(request, _("Uw concept is opgeslagen en het kernpunt is toegevoegd."))
            return _klaar(request, reactie, "#kernpunten-kop", f"kernpunt={kernpunt.pk}")
    form, kosten = _formulieren(request, reactie)
    extra["opslagstatus"] = _(
        "Uw concept is opgeslagen, maar het kernpunt is nog niet toegevoegd: "
        "herstel de fouten bij 'Kernpunt toevoegen'."
    )
    return _bewerken_pagina(request, reactie, form, kosten, 400, **extra)


def _bijlage_na_opslaan(request, reactie, bijlage_form, extra):
    bestand = request.FILES.get("bijlage")
    if bestand is None:
        bijlage_form.add_error("bijlage", _("Kies een bestand om toe te voegen."))
    else:
        try:
            bijlage = services.reactie_bijlage_toevoegen(
                reactie=reactie, actor=request.user, bestand=bestand
            )
        except ValidationError as fout:
            berichten = fout.message_dict.get("bestand", fout.messages)
            bijlage_form.add_error("bijlage", berichten)
        else:
            messages.success(
                request,
                _("Uw concept is opgeslagen en de bijlage %(naam)s is toegevoegd.")
                % {"naam": bijlage.bestandsnaam},
            )
            return _klaar(request, reactie, "#bijlagen-kop", f"bijlage={bijlage.pk}")
    form, kosten = _formulieren(request, reactie)
    extra.update(
        bijlage_form=bijlage_form,
        opslagstatus=_(
            "Uw concept is opgeslagen, maar de bijlage is niet toegevoegd: zie 'Bijlagen'."
        ),
    )
    return _bewerken_pagina(request, reactie, form, kosten, 400, **extra)


@require_POST
@login_required
def reactie_automatisch_opslaan(request, pk):
    """Autosave from the page script: the draft fields only, under the same version rule as
    a manual save. A conflict is reported (409), never overwritten; JSON answers."""
    reactie = _zichtbaar(request, pk)
    if not permissions.is_eigen_organisatie(request.user, reactie):
        raise PermissionDenied
    form, kosten = _formulieren(request, reactie, request.POST)
    if not (form.is_valid() and kosten.is_valid()):
        return JsonResponse({"opgeslagen": False, "melding": str(NIET_AUTOMATISCH)}, status=400)
    try:
        reactie = services.reactie_bijwerken(
            reactie=reactie, actor=request.user, **form.service_argumenten(kosten.kosten())
        )
    except VerouderdeVersie:
        return JsonResponse({"opgeslagen": False, "melding": str(CONFLICT)}, status=409)
    except TransitieNietToegestaan as fout:
        return JsonResponse({"opgeslagen": False, "melding": str(fout)}, status=409)
    except ValidationError:
        return JsonResponse({"opgeslagen": False, "melding": str(NIET_AUTOMATISCH)}, status=400)
    tijd = timezone.localtime().strftime("%H:%M")
    return JsonResponse(
        {
            "opgeslagen": True,
            "versie": reactie.versie,
            "melding": _("Automatisch opgeslagen om %(tijd)s.") % {"tijd": tijd},
        }
    )


NIET_AUTOMATISCH = gettext_lazy(
    "Niet automatisch opgeslagen: een veld bevat een fout. Kies 'Concept opslaan' om te zien welk."
)
CONFLICT = gettext_lazy(
    "Niet automatisch opgeslagen: iemand anders heeft deze reactie intussen opgeslagen. Uw "
    "tekst staat nog in het formulier. Kies 'Concept opslaan': u ziet dan wat er gebeurd is "
    "en kunt uw tekst alsnog bewaren."
)


@require_POST
@login_required
@weigering_toont(_detailpagina)
def reactie_transitie(request, pk, actie):
    reactie = _zichtbaar(request, pk)
    if actie not in services.WERKSTROOM:
        raise PermissionDenied
    bevestigen = bevestiging(
        request,
        services.WERKSTROOM[actie],
        onderwerp=f"{reactie.organisatie.naam} · {reactie.consultatie.kenmerk}",
        terug=reverse("consultaties:detail", args=[reactie.consultatie_id])
        if request.POST.get("terug") == "consultatie"
        else reverse("reacties:detail", args=[pk]),
        toegestaan=actie in services.toegestane_acties(request.user, reactie),
    )
    if bevestigen:
        return bevestigen
    form = TransitieForm(request.POST)
    form.is_valid()
    try:
        reactie = services.reactie_transitie(
            actie,
            reactie=reactie,
            actor=request.user,
            toelichting=form.cleaned_data.get("toelichting", ""),
        )
    except ValidationError:
        if actie == "ter_accordering" and permissions.kan_bewerken(request.user, reactie):
            # The page lists what is missing, each item linked to its field.
            return reactie_detail(request, pk, status=400, geweigerd=True)
        raise
    messages.success(request, str(services.WERKSTROOM[actie].gelukt))
    if actie == "starten":
        return redirect("reacties:bewerken", reactie.pk)
    if actie in ("accepteren", "terugsturen") and request.POST.get("terug") == "consultatie":
        return redirect("consultaties:detail", reactie.consultatie_id)
    return redirect("reacties:detail", reactie.pk)


@require_POST
@login_required
@weigering_toont(_detailpagina)
def kernpunt_toevoegen(request, pk):
    reactie = _zichtbaar(request, pk)
    form = KernpuntForm(request.POST)
    if form.is_valid():
        with fouten_in(form):
            services.kernpunt_toevoegen(reactie=reactie, actor=request.user, **form.cleaned_data)
            messages.success(request, _("Het kernpunt is toegevoegd."))
            return redirect(reverse("reacties:bewerken", args=[reactie.pk]) + "#kernpunten-kop")
    elif not permissions.is_eigen_organisatie(request.user, reactie):
        raise PermissionDenied
    messages.error(
        request,
        _("Het kernpunt is niet toegevoegd: %(fouten)s")
        % {"fouten": " ".join(" ".join(fouten) for fouten in form.errors.values())},
    )
    return redirect(reverse("reacties:bewerken", args=[reactie.pk]) + "#kernpunten-kop")


@require_POST
@login_required
@weigering_toont(_consultatiepagina_van_kernpunt)
def kernpunt_onderschrijven(request, pk):
    kernpunt = get_object_or_404(
        Kernpunt.objects.zichtbaar_voor(request.user).select_related("reactie"), pk=pk
    )
    services.kernpunt_onderschrijven(kernpunt=kernpunt, actor=request.user)
    messages.success(request, _("Uw organisatie onderschrijft dit kernpunt."))
    return _naar_kernpunten(request, kernpunt, kernpunt.pk)


@login_required
@require_http_methods(["GET", "POST"])
@weigering_toont(_consultatiepagina_van_kernpunt)
def kernpunt_samenvoegen(request, pk):
    """The secretaris merges a duplicate kernpunt into another of its consultation, chosen
    on a page of its own; endorsements are kept (``services.kernpunt_samenvoegen``)."""
    kernpunt = get_object_or_404(
        Kernpunt.objects.zichtbaar_voor(request.user).select_related(
            "reactie__consultatie", "reactie__organisatie"
        ),
        pk=pk,
    )
    services.controleer_samenvoegen(kernpunt=kernpunt, actor=request.user)
    doelen = Kernpunt.objects.zichtbaar_voor(request.user).samen_te_voegen_met(kernpunt)
    form = KernpuntSamenvoegenForm(
        request.POST if request.method == "POST" else None, doelen=doelen
    )
    if form.is_valid():
        with fouten_in(form):
            services.kernpunt_samenvoegen(
                kernpunt=kernpunt,
                in_kernpunt=form.cleaned_data["in_kernpunt"],
                actor=request.user,
                toelichting=form.cleaned_data["toelichting"],
            )
            messages.success(
                request, _("De kernpunten zijn samengevoegd; de onderschrijvingen zijn behouden.")
            )
            return _naar_kernpunten(request, kernpunt, form.cleaned_data["in_kernpunt"].pk)
    from consultaties.views import kernpunten_url

    consultatie = kernpunt.reactie.consultatie
    return render(
        request,
        "reacties/samenvoegen.html",
        {
            **samenvoegpagina(kernpunt, doelen, form),
            "terug_url": kernpunten_url(request.user, consultatie, kernpunt.pk),
            # The kernpunten page, in the breadcrumb, where the user sees it (not while the
            # consultation is still open, when merging is allowed too).
            "kernpunten_url": reverse("consultaties:kernpunten", args=[consultatie.pk])
            if kan_kernpunten_zien(request.user, consultatie)
            else None,
        },
        status=400 if form.errors else 200,
    )


@require_POST
@login_required
def reacties_accepteren(request):
    """Accept the chosen responses: first a confirmation page (accepting cannot be undone),
    then each through the single action's service; a refusal names the organisation."""
    if not permissions.is_secretaris(request.user):
        raise PermissionDenied
    terug = terug_naar(request, reverse("consultaties:dashboard"))
    try:
        gekozen = controleer_selectie(request.POST.getlist("reacties"))
    except ValidationError:
        messages.error(request, _("Kies eerst een of meer organisaties in de lijst."))
        return redirect(terug)
    if request.POST.get("bevestigd") != "ja":
        reacties = (
            Reactie.objects.zichtbaar_voor(request.user)
            .filter(pk__in=gekozen)
            .select_related("organisatie", "consultatie")
            .order_by("organisatie__naam")
        )
        te_accepteren = [r for r in reacties if r.status == Status.INGEDIEND]
        return render(
            request,
            "reacties/accepteren_bevestigen.html",
            {
                "te_accepteren": te_accepteren,
                "overgeslagen": [r for r in reacties if r.status != Status.INGEDIEND],
                "terug": terug,
            },
        )
    resultaten = services.reacties_accepteren(
        ids=gekozen, actor=request.user, toelichting=request.POST.get("toelichting", "")
    )
    meld_per_item(
        request,
        resultaten,
        lambda aantal, namen: (
            ngettext(
                "%(aantal)s reactie geaccepteerd: %(namen)s.",
                "%(aantal)s reacties geaccepteerd: %(namen)s.",
                aantal,
            )
            % {"aantal": aantal, "namen": namen}
        ),
    )
    return redirect(terug)

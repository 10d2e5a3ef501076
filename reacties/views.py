"""Web pages for responses (uitvoeringstoetsen). Each view parses input, calls one service
and redirects or renders; rules live in ``services.py`` and ``permissions.py``."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from audit.models import AuditEvent
from audit.services import TransitieNietToegestaan, VerouderdeVersie
from consultaties.forms import knoppen
from consultaties.views import fouten_als_tekst, koppel_fouten, weiger_verouderd
from notificaties import permissions as notificatie_permissions
from rapporten.snapshot import vergelijk_met_vorige_toets

from . import permissions, services
from .forms import REACTIE_ACTIES, KernpuntForm, KostenFormSet, ReactieForm, TransitieForm
from .models import Kernpunt, Reactie, Status


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
    return vergelijk_met_vorige_toets(reactie, vorige) if vorige else None


@login_required
def reactie_detail(request, pk, fout=None, status=200):
    reactie = _zichtbaar(request, pk)
    user = request.user
    context = {
        "reactie": reactie,
        "consultatie": reactie.consultatie,
        "beoordelingen": reactie.beoordelingen.all(),
        "kosten": reactie.kosten.all(),
        "antwoorden": reactie.antwoorden.select_related("vraag"),
        "kernpunten": reactie.kernpunten.filter(samengevoegd_in__isnull=True)
        .select_related("reactie__organisatie", "reactie__consultatie")
        .prefetch_related("onderschrijvingen__organisatie"),
        "gebeurtenissen": AuditEvent.objects.voor(reactie),
        "acties": knoppen(
            services.toegestane_acties(user, reactie),
            REACTIE_ACTIES,
            lambda naam: reverse("reacties:transitie", args=[reactie.pk, naam]),
            fout,
        ),
        "mag_bewerken": permissions.kan_bewerken(user, reactie),
        "eigen": permissions.is_eigen_organisatie(reactie, user),
        "mag_verlenging_aanvragen": notificatie_permissions.kan_verlenging_aanvragen(user, reactie),
        "toon_organisatie": False,
        "hertoets": _sinds_vorige_toets(user, reactie),
    }
    return render(request, "reacties/detail.html", context, status=status)


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


@login_required
def reactie_bewerken(request, pk):
    reactie = _zichtbaar(request, pk)
    if not permissions.is_eigen_organisatie(reactie, request.user):
        raise PermissionDenied
    if not permissions.kan_bewerken(request.user, reactie):
        messages.info(request, _("Deze reactie kan nu niet worden bewerkt."))
        return redirect("reacties:detail", reactie.pk)
    form, kosten = _formulieren(request, reactie, request.POST or None)
    status, opslagstatus, verouderd = 200, "", False
    if request.method == "POST":
        if form.is_valid() and kosten.is_valid():
            try:
                reactie = services.reactie_bijwerken(
                    reactie=reactie,
                    actor=request.user,
                    **form.service_argumenten(kosten.kosten()),
                )
            except VerouderdeVersie as fout:
                # Never lose the user's text: show the form again as typed, now based on
                # the latest version, and say clearly what happened.
                reactie.refresh_from_db()
                data = request.POST.copy()
                data["versie"] = reactie.versie
                form, kosten = _formulieren(request, reactie, data)
                status, verouderd = 409, True
                opslagstatus = str(fout)
            except TransitieNietToegestaan as fout:
                return weiger_verouderd(request, fout, lambda: reactie_detail(request, pk))
            except ValidationError as fout:
                fouten = fout.message_dict if hasattr(fout, "error_dict") else {"": fout.messages}
                form.koppel_servicefouten(fouten, kosten)
                status = 400
            else:
                tijd = timezone.localtime().strftime("%H:%M")
                if request.htmx:
                    form, kosten = _formulieren(request, reactie)
                    opslagstatus = _("Opgeslagen om %(tijd)s.") % {"tijd": tijd}
                else:
                    messages.success(
                        request, _("Uw concept is opgeslagen om %(tijd)s.") % {"tijd": tijd}
                    )
                    return redirect("reacties:bewerken", reactie.pk)
        else:
            status = 400
    return render(
        request,
        "reacties/bewerken.html",
        {
            "reactie": reactie,
            "consultatie": reactie.consultatie,
            "form": form,
            "kosten": kosten,
            "kernpunt_form": KernpuntForm(),
            "kernpunten": reactie.kernpunten.all(),
            "opslagstatus": opslagstatus,
            "verouderd": verouderd,
        },
        status=status,
    )


GELUKT = {
    "starten": gettext_lazy("U kunt nu de uitvoeringstoets opstellen."),
    "ter_accordering": gettext_lazy("De reactie is ter accordering aangeboden."),
    "afkeuren": gettext_lazy("De reactie is intern afgekeurd en terug in voorbereiding."),
    "indienen": gettext_lazy("De reactie is geaccordeerd en ingediend bij het secretariaat."),
    "terugsturen": gettext_lazy("De reactie is teruggestuurd naar de organisatie."),
    "accepteren": gettext_lazy("De reactie is geaccepteerd."),
    "intrekken": gettext_lazy("De reactie is ingetrokken en terug in voorbereiding."),
    "afzien": gettext_lazy("Uw organisatie ziet af van een reactie."),
    "heropenen": gettext_lazy("De reactie is heropend."),
}


@require_POST
@login_required
def reactie_transitie(request, pk, actie):
    reactie = _zichtbaar(request, pk)
    if actie not in services.TRANSITIES:
        raise PermissionDenied
    form = TransitieForm(request.POST)
    form.is_valid()
    try:
        reactie = services.reactie_transitie(
            actie,
            reactie=reactie,
            actor=request.user,
            toelichting=form.cleaned_data.get("toelichting", ""),
        )
    except TransitieNietToegestaan as fout:
        return weiger_verouderd(request, fout, lambda: reactie_detail(request, pk))
    except ValidationError as fout:
        if hasattr(fout, "error_dict") and "toelichting" in fout.error_dict:
            waarden = {"toelichting": request.POST.get("toelichting", "")}
            return reactie_detail(request, pk, fout=(actie, fout.message_dict, waarden), status=400)
        messages.error(request, fouten_als_tekst(fout))
        return reactie_detail(request, pk, status=400)
    messages.success(request, str(GELUKT[actie]))
    if actie == "starten":
        return redirect("reacties:bewerken", reactie.pk)
    if actie in ("accepteren", "terugsturen") and request.POST.get("terug") == "consultatie":
        return redirect("consultaties:detail", reactie.consultatie_id)
    return redirect("reacties:detail", reactie.pk)


@require_POST
@login_required
def kernpunt_toevoegen(request, pk):
    reactie = _zichtbaar(request, pk)
    form = KernpuntForm(request.POST)
    if form.is_valid():
        try:
            services.kernpunt_toevoegen(reactie=reactie, actor=request.user, **form.cleaned_data)
        except TransitieNietToegestaan as fout:
            return weiger_verouderd(request, fout, lambda: reactie_detail(request, pk))
        except ValidationError as fout:
            koppel_fouten(form, fout)
        else:
            messages.success(request, _("Het kernpunt is toegevoegd."))
            return redirect(reverse("reacties:bewerken", args=[reactie.pk]) + "#kernpunten-kop")
    elif not permissions.is_eigen_organisatie(reactie, request.user):
        raise PermissionDenied
    messages.error(
        request,
        _("Het kernpunt is niet toegevoegd: %(fouten)s")
        % {"fouten": " ".join(" ".join(fouten) for fouten in form.errors.values())},
    )
    return redirect(reverse("reacties:bewerken", args=[reactie.pk]) + "#kernpunten-kop")


@require_POST
@login_required
def kernpunt_onderschrijven(request, pk):
    from consultaties.views import consultatie_detail

    kernpunt = get_object_or_404(
        Kernpunt.objects.zichtbaar_voor(request.user).select_related("reactie"), pk=pk
    )
    consultatie_id = kernpunt.reactie.consultatie_id
    try:
        services.kernpunt_onderschrijven(kernpunt=kernpunt, actor=request.user)
    except TransitieNietToegestaan as fout:
        return weiger_verouderd(request, fout, lambda: consultatie_detail(request, consultatie_id))
    messages.success(request, _("Uw organisatie onderschrijft dit kernpunt."))
    return redirect(reverse("consultaties:detail", args=[consultatie_id]) + "#kernpunten-kop")


@login_required
@require_POST
def kernpunt_samenvoegen(request, pk):
    """The secretaris merges a duplicate kernpunt into another; endorsements are kept."""
    from consultaties.views import consultatie_detail

    kernpunt = get_object_or_404(
        Kernpunt.objects.zichtbaar_voor(request.user).select_related("reactie"), pk=pk
    )
    doel = (
        Kernpunt.objects.zichtbaar_voor(request.user)
        .filter(pk=request.POST.get("in_kernpunt") or 0)
        .first()
    )
    consultatie_id = kernpunt.reactie.consultatie_id
    if doel is None:
        messages.error(request, _("Kies het kernpunt waarmee u dit kernpunt wilt samenvoegen."))
        return redirect(reverse("consultaties:detail", args=[consultatie_id]) + "#kernpunten-kop")
    try:
        services.kernpunt_samenvoegen(kernpunt=kernpunt, in_kernpunt=doel, actor=request.user)
    except TransitieNietToegestaan as fout:
        return weiger_verouderd(request, fout, lambda: consultatie_detail(request, consultatie_id))
    except ValidationError as fout:
        messages.error(request, fouten_als_tekst(fout))
    else:
        messages.success(
            request, _("De kernpunten zijn samengevoegd; de onderschrijvingen zijn behouden.")
        )
    return redirect(reverse("consultaties:detail", args=[consultatie_id]) + "#kernpunten-kop")

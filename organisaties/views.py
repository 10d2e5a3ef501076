"""Pages of the account: the second factor, the password, and user management by the
secretariat. Views parse input and call one service in ``services.py``."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from audit.models import AuditEvent
from kern.web import fouten_in, weigering_toont

from . import permissions, services, sso, tweede_factor, uitnodigingen
from .forms import (
    AccepterenForm,
    FactorInstellenForm,
    GebruikerForm,
    RolForm,
    ToelichtingForm,
    TotpCodeForm,
    UitnodigingForm,
    WachtwoordBevestigenForm,
)
from .models import Identiteitsprovider


def _volgende(request):
    volgende = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(volgende, allowed_hosts={request.get_host()}):
        return volgende
    return "/"


def _geblokkeerd(request):
    """Let AxesMiddleware answer with the lockout page (HTTP 429)."""
    request.axes_locked_out = True
    request.axes_credentials = {"username": request.user.get_username()}
    return render(request, "registration/geblokkeerd.html", status=429)


# --- the second factor ------------------------------------------------------------------


@login_required
def controleren(request):
    """The code from the authenticator app, after the password."""
    if not tweede_factor.heeft_factor(request.user):
        return redirect(_volgende(request))
    form = TotpCodeForm(request.POST or None, user=request.user)
    if request.method == "POST":
        if not tweede_factor.code_toegestaan(request, request.user):
            return _geblokkeerd(request)
        if form.is_valid():
            otp_login(request, form.device)
            # A session that gained the second factor gains privilege: new session id.
            request.session.cycle_key()
            return redirect(_volgende(request))
        tweede_factor.code_mislukt(request, request.user)
        if getattr(request, "axes_locked_out", False):
            return _geblokkeerd(request)
    return render(
        request,
        "registration/tweede_factor_controleren.html",
        {"form": form, "next": _volgende(request)},
        status=400 if form.errors else 200,
    )


def _vereis_huidige_factor(request):
    """Whoever has a factor must pass it before changing it: the password alone is not
    enough (else anyone with the password enrols his own authenticator)."""
    if tweede_factor.heeft_factor(request.user) and not request.user.is_verified():
        return redirect(f"/accounts/tweede-factor/?next={request.path}")
    return None


@login_required
def instellen(request):
    """Link (or replace) an authenticator app: scan the QR code, confirm with one code and
    the current password."""
    if omleiding := _vereis_huidige_factor(request):
        return omleiding
    if request.method == "POST":
        device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
        if device is None:  # no QR code shown (yet): start over
            return redirect("tweede_factor:instellen")
        form = FactorInstellenForm(request.POST, device=device)
        if form.is_valid():
            with fouten_in(form):
                services.tweede_factor_instellen(
                    actor=request.user,
                    apparaat=device,
                    wachtwoord=form.cleaned_data["wachtwoord"],
                    sessie_geverifieerd=request.user.is_verified(),
                )
                update_session_auth_hash(request, request.user)  # keep this session only
                otp_login(request, device)
                request.session.cycle_key()
                messages.success(request, gettext("De tweede factor is ingesteld."))
                return redirect("/")
    else:
        device = tweede_factor.nieuw_apparaat(request.user)
        form = FactorInstellenForm(device=device)
    return render(
        request,
        "registration/tweede_factor_instellen.html",
        {
            "form": form,
            # The SVG comes from the qrcode library from our own device URI, not user input.
            "qr": mark_safe(tweede_factor.qr_svg(device)) if device else "",  # noqa: S308
            "geheim": tweede_factor.geheim_base32(device) if device else "",
            "verplicht": tweede_factor.tweede_factor_vereist(request.user),
            "vervangen": tweede_factor.heeft_factor(request.user),
            "verwijder_form": WachtwoordBevestigenForm(auto_id="verwijder_%s"),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def verwijderen(request):
    if omleiding := _vereis_huidige_factor(request):
        return omleiding
    form = WachtwoordBevestigenForm(request.POST)
    if form.is_valid():
        try:
            services.tweede_factor_verwijderen(
                actor=request.user,
                wachtwoord=form.cleaned_data["wachtwoord"],
                sessie_geverifieerd=request.user.is_verified(),
            )
        except ValidationError as fout:
            messages.error(request, " ".join(fout.messages))
            return redirect("tweede_factor:instellen")
        update_session_auth_hash(request, request.user)
        messages.success(request, gettext("De tweede factor is verwijderd."))
        return redirect("/")
    messages.error(request, gettext("Geef uw wachtwoord om de tweede factor te verwijderen."))
    return redirect("tweede_factor:instellen")


# --- the password -----------------------------------------------------------------------


class WachtwoordWijzigen(auth_views.PasswordChangeView):
    """Django's page (asks the old password), plus revocation, audit and e-mail."""

    def form_valid(self, form):
        response = super().form_valid(form)
        services.wachtwoord_gewijzigd(gebruiker=form.user, actor=form.user)
        return response


class WachtwoordKiezen(auth_views.PasswordResetConfirmView):
    """The link from the e-mail (new account, or a reset)."""

    def form_valid(self, form):
        response = super().form_valid(form)
        services.wachtwoord_gewijzigd(gebruiker=form.user, actor=form.user)
        return response


class Inloggen(auth_views.LoginView):
    """Django's login page, plus the organisations that log in at their own provider."""

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "sso_providers": Identiteitsprovider.objects.filter(actief=True)
            .select_related("organisatie")
            .order_by("organisatie__naam"),
            "sso_verplicht": getattr(self.request, "tk_sso_verplicht", None),
        }


# --- user management by the secretariat and an organisation's beheerder -----------------


def _vereis_beheerder(request):
    if not permissions.kan_gebruikers_beheren(request.user):
        raise PermissionDenied


@login_required
def gebruikers(request):
    _vereis_beheerder(request)
    lijst = services.beheerbare_gebruikers(request.user).order_by("organisatie__naam", "username")
    zoek = request.GET.get("zoek", "").strip()[:100]
    if zoek:
        lijst = lijst.filter(username__icontains=zoek) | lijst.filter(
            organisatie__afkorting__iexact=zoek
        )
    pagina = Paginator(lijst, 50).get_page(request.GET.get("pagina"))
    return render(request, "organisaties/gebruikers.html", {"pagina": pagina, "zoek": zoek})


@login_required
def gebruiker_aanmaken(request):
    if not permissions.is_secretaris(request.user):
        raise PermissionDenied  # a beheerder invites (uitnodiging_nieuw)
    form = GebruikerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        velden = dict(form.cleaned_data)
        with fouten_in(form):
            gebruiker = services.gebruiker_aanmaken(
                actor=request.user,
                organisatie=velden.pop("organisatie"),
                rol=velden.pop("rol"),
                **velden,
            )
            messages.success(
                request,
                gettext(
                    "Account %(gebruiker)s is aangemaakt; de gebruiker krijgt een e-mail "
                    "om een wachtwoord te kiezen."
                )
                % {"gebruiker": gebruiker.username},
            )
            return redirect("beheer:gebruiker", gebruiker.pk)
    return render(
        request,
        "organisaties/gebruiker_nieuw.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


def _beheerbaar(request, pk):
    _vereis_beheerder(request)
    return get_object_or_404(services.beheerbare_gebruikers(request.user), pk=pk)


def _gebruiker_pagina(request, gebruiker, status=200, **forms):
    context = {
        "gebruiker": gebruiker,
        "mag_beheren": permissions.kan_gebruiker_beheren(request.user, gebruiker),
        "heeft_factor": tweede_factor.heeft_factor(gebruiker),
        "rol_form": forms.get("rol_form")
        or RolForm(
            actor=request.user,
            initial={"organisatie": gebruiker.organisatie_id, "rol": gebruiker.rol},
        ),
        "deactiveer_form": forms.get("deactiveer_form") or ToelichtingForm(auto_id="deactiveer_%s"),
        "herstel_form": forms.get("herstel_form") or ToelichtingForm(auto_id="herstel_%s"),
        "gebeurtenissen": AuditEvent.objects.voor(gebruiker).order_by("-tijdstip")[:50],
    }
    return render(request, "organisaties/gebruiker.html", context, status=status)


@login_required
def gebruiker(request, pk):
    return _gebruiker_pagina(request, _beheerbaar(request, pk))


def _beheeractie(request, pk, form_class, formnaam, uitvoeren, gelukt: str):
    gebruiker = _beheerbaar(request, pk)
    auto_id = "id_%s" if formnaam == "rol_form" else f"{formnaam.split('_')[0]}_%s"
    extra = {"actor": request.user} if form_class is RolForm else {}
    form = form_class(request.POST, auto_id=auto_id, **extra)
    if form.is_valid():
        with fouten_in(form):
            uitvoeren(gebruiker, form.cleaned_data)
            messages.success(request, gelukt)
            return redirect("beheer:gebruiker", gebruiker.pk)
    return _gebruiker_pagina(request, gebruiker, status=400, **{formnaam: form})


@login_required
@require_POST
def rol_wijzigen(request, pk):
    return _beheeractie(
        request,
        pk,
        RolForm,
        "rol_form",
        lambda g, d: services.gebruiker_rol_wijzigen(
            gebruiker=g, actor=request.user, organisatie=d["organisatie"], rol=d["rol"]
        ),
        gettext("De rol is gewijzigd; de gebruiker logt opnieuw in."),
    )


@login_required
@require_POST
def deactiveren(request, pk):
    return _beheeractie(
        request,
        pk,
        ToelichtingForm,
        "deactiveer_form",
        lambda g, d: services.gebruiker_deactiveren(
            gebruiker=g, actor=request.user, toelichting=d["toelichting"]
        ),
        gettext("Het account is gedeactiveerd; alle sessies en API-tokens zijn beëindigd."),
    )


@login_required
@require_POST
def factor_herstellen(request, pk):
    return _beheeractie(
        request,
        pk,
        ToelichtingForm,
        "herstel_form",
        lambda g, d: services.tweede_factor_herstellen(
            gebruiker=g, actor=request.user, toelichting=d["toelichting"]
        ),
        gettext(
            "De tweede factor is verwijderd; "
            "de gebruiker stelt bij de volgende inlog een nieuwe in."
        ),
    )


# --- invitations ------------------------------------------------------------------------


@login_required
def uitnodigingen_lijst(request):
    _vereis_beheerder(request)
    lijst = uitnodigingen.zichtbare_uitnodigingen(request.user).order_by("-aangemaakt_op")
    pagina = Paginator(lijst, 50).get_page(request.GET.get("pagina"))
    return render(
        request,
        "organisaties/uitnodigingen.html",
        {"pagina": pagina, "geweigerd": sso.geweigerde_aanmeldingen(request.user)},
    )


@login_required
def uitnodiging_nieuw(request):
    _vereis_beheerder(request)
    form = UitnodigingForm(request.POST or None, actor=request.user)
    if request.method == "POST" and form.is_valid():
        velden = dict(form.cleaned_data)
        with fouten_in(form):
            uitnodiging = uitnodigingen.uitnodiging_versturen(actor=request.user, **velden)
            messages.success(
                request,
                gettext("De uitnodiging is verstuurd naar %(email)s.")
                % {"email": uitnodiging.email},
            )
            return redirect("beheer:uitnodigingen")
    return render(
        request,
        "organisaties/uitnodiging_nieuw.html",
        {"form": form, "dagen": settings.UITNODIGING_GELDIG_DAGEN},
        status=400 if form.errors else 200,
    )


def _uitnodigingen_pagina(request, pk=None):
    return uitnodigingen_lijst(request)


def _uitnodigingactie(request, pk, uitvoeren, gelukt: str):
    """A refusal (the invitation was accepted or revoked meanwhile: 409; the address got
    an account: 400) shows the list again with the reason (kern.web)."""
    _vereis_beheerder(request)
    uitnodiging = get_object_or_404(uitnodigingen.zichtbare_uitnodigingen(request.user), pk=pk)
    uitvoeren(uitnodiging)
    messages.success(request, gelukt)
    return redirect("beheer:uitnodigingen")


@login_required
@require_POST
@weigering_toont(_uitnodigingen_pagina)
def uitnodiging_opnieuw(request, pk):
    return _uitnodigingactie(
        request,
        pk,
        lambda u: uitnodigingen.uitnodiging_opnieuw_versturen(uitnodiging=u, actor=request.user),
        gettext("De uitnodiging is opnieuw verstuurd; de vorige link werkt niet meer."),
    )


@login_required
@require_POST
@weigering_toont(_uitnodigingen_pagina)
def uitnodiging_intrekken(request, pk):
    return _uitnodigingactie(
        request,
        pk,
        lambda u: uitnodigingen.uitnodiging_intrekken(uitnodiging=u, actor=request.user),
        gettext("De uitnodiging is ingetrokken; de link werkt niet meer."),
    )


def uitnodiging_accepteren(request, token):
    """The link from the e-mail: choose a username and password, or (single sign-on) go
    to the organisation's identity provider."""
    uitnodiging = uitnodigingen.uitnodiging_voor_token(token)
    if uitnodiging is None:
        return render(request, "organisaties/uitnodiging_ongeldig.html", status=404)
    provider = Identiteitsprovider.objects.filter(
        organisatie_id=uitnodiging.organisatie_id, actief=True
    ).first()
    form = AccepterenForm(request.POST or None, initial={"username": uitnodiging.email.lower()})
    if request.method == "POST" and provider is None and form.is_valid():
        with fouten_in(form):
            gebruiker = uitnodigingen.uitnodiging_accepteren(
                uitnodiging=uitnodiging,
                username=form.cleaned_data["username"],
                wachtwoord=form.cleaned_data["wachtwoord"],
            )
            auth_login(request, gebruiker, backend="organisaties.sso.WachtwoordBackend")
            messages.success(request, gettext("Welkom! Uw account is klaar."))
            return redirect("/")
    return render(
        request,
        "organisaties/uitnodiging_accepteren.html",
        {"uitnodiging": uitnodiging, "form": form, "provider": provider},
        status=400 if form.errors else 200,
    )

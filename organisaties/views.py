from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from audit.acties import actie as audit_actie
from audit.services import registreer

from . import tweede_factor
from .forms import TotpCodeForm

TWEEDE_FACTOR_INGESTELD = audit_actie("tweede_factor_ingesteld", _("Tweede factor ingesteld"))


def _volgende(request):
    volgende = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(volgende, allowed_hosts={request.get_host()}):
        return volgende
    return "/"


@login_required
def controleren(request):
    """The code from the authenticator app, after the password."""
    form = TotpCodeForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        otp_login(request, form.device)
        return redirect(_volgende(request))
    return render(
        request,
        "registration/tweede_factor_controleren.html",
        {"form": form, "next": _volgende(request)},
    )


@login_required
def instellen(request):
    """Link an authenticator app: scan the QR code, confirm with one code."""
    if request.method == "POST":
        device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
        form = TotpCodeForm(request.POST, device=device)
        if device is not None and form.is_valid():
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            registreer(request.user, actor=request.user, actie=TWEEDE_FACTOR_INGESTELD)
            messages.success(request, "De tweede factor is ingesteld.")
            return redirect("/")
    else:
        device = tweede_factor.nieuw_apparaat(request.user)
        form = TotpCodeForm(device=device)
    return render(
        request,
        "registration/tweede_factor_instellen.html",
        {
            "form": form,
            # The SVG comes from the qrcode library from our own device URI, not user input.
            "qr": mark_safe(tweede_factor.qr_svg(device)) if device else "",  # noqa: S308
            "geheim": tweede_factor.geheim_base32(device) if device else "",
            "verplicht": tweede_factor.tweede_factor_vereist(request.user),
        },
    )

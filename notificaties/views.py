"""Pages for notifications, failed e-mails and the calendar feed.

The deadline pages (workload, who is behind, extension requests) are ``termijnen.views``;
they keep their place and names under ``notificaties:`` in ``notificaties/urls.py``.

Visibility first (404 for what a user may not see), then the role (403); the services
repeat every rule, so a view only translates their exceptions into a response.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kern.web import weigering_toont

from . import permissions, services
from .agenda import agenda_ics
from .models import AgendaToken, Email


def _vereis(toegestaan: bool):
    if not toegestaan:
        raise PermissionDenied(gettext("U mag deze pagina niet gebruiken."))


# --- in-app notifications ---------------------------------------------------------------


@login_required
@require_GET
def notificatie_lijst(request):
    pagina = Paginator(request.user.notificaties.all(), 25).get_page(request.GET.get("pagina"))
    return render(request, "notificaties/lijst.html", {"pagina": pagina})


@login_required
@require_POST
def notificatie_gelezen(request, pk):
    notificatie = get_object_or_404(request.user.notificaties, pk=pk)
    services.notificatie_gelezen(notificatie=notificatie, actor=request.user)
    if request.POST.get("openen") and url_has_allowed_host_and_scheme(
        notificatie.link, allowed_hosts={request.get_host()}
    ):
        return redirect(notificatie.link)
    return redirect("notificaties:lijst")


@login_required
@require_POST
def alle_notificaties_gelezen(request):
    aantal = services.alle_notificaties_gelezen(actor=request.user)
    messages.success(
        request,
        ngettext(
            "%(aantal)s notificatie als gelezen gemarkeerd.",
            "%(aantal)s notificaties als gelezen gemarkeerd.",
            aantal,
        )
        % {"aantal": aantal},
    )
    return redirect("notificaties:lijst")


# --- failed e-mails ---------------------------------------------------------------------


@login_required
@require_GET
def emails_mislukt(request):
    _vereis(request.user.is_secretaris)
    pagina = Paginator(Email.objects.mislukt().order_by("-bijgewerkt_op", "-pk"), 50).get_page(
        request.GET.get("pagina")
    )
    return render(request, "notificaties/emails_mislukt.html", {"pagina": pagina})


def _huidige_emailpagina(request, pk, **_):
    return emails_mislukt(request)


@login_required
@require_POST
@weigering_toont(_huidige_emailpagina)
def email_opnieuw(request, pk):
    _vereis(request.user.is_secretaris)
    email = get_object_or_404(Email, pk=pk)
    services.email_opnieuw_proberen(email=email, actor=request.user)
    messages.success(
        request, _("De e-mail aan %(aan)s staat opnieuw in de wachtrij.") % {"aan": email.aan}
    )
    return redirect("notificaties:emails_mislukt")


# --- calendar feed ----------------------------------------------------------------------


@login_required
@require_GET
def agenda(request):
    _vereis(permissions.kan_agenda_beheren(request.user))
    token = services.agenda_token(request.user.organisatie)
    feed_url = request.build_absolute_uri(reverse("notificaties:agenda_feed", args=[token.token]))
    return render(
        request,
        "notificaties/agenda.html",
        {"organisatie": request.user.organisatie, "feed_url": feed_url, "token": token},
    )


@login_required
@require_POST
def agenda_vernieuwen(request):
    _vereis(permissions.kan_agenda_beheren(request.user))
    services.agenda_token_vernieuwen(organisatie=request.user.organisatie, actor=request.user)
    messages.success(
        request, _("Er is een nieuwe agenda-link gemaakt; de oude link werkt niet meer.")
    )
    return redirect("notificaties:agenda")


@require_GET
def agenda_feed(request, token):
    """No login: the secret token in the URL is the credential (calendar apps can't log in)."""
    agenda_token = get_object_or_404(AgendaToken.objects.select_related("organisatie"), token=token)
    response = HttpResponse(
        agenda_ics(agenda_token.organisatie), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = (
        f'inline; filename="tegenkracht-{agenda_token.organisatie.afkorting.lower()}.ics"'
    )
    response["X-Robots-Tag"] = "noindex"
    return response

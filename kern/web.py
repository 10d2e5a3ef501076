"""The one error path of the web pages.

A service refuses in three ways; every page answers each the same way:

- :class:`~kern.workflow.TransitieNietToegestaan` or :class:`~kern.workflow.VerouderdeVersie`
  (the page no longer matches the object's state): a message saying the action was not
  carried out and why, over the current page, HTTP 409;
- a ``ValidationError`` about the fields of a form on the page: the form again with the
  errors at its fields and the input kept, HTTP 400 (:func:`fouten_in` for a form view;
  for an action button the page reopens the button's form, see :func:`weigering_toont`);
- any other ``ValidationError``: the message over the current page, HTTP 400.

A ``PermissionDenied`` is not caught: Django answers 403.
"""

from contextlib import contextmanager
from functools import wraps

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.utils.translation import gettext as _

from .conflict import conflicttekst
from .workflow import TransitieNietToegestaan, VerouderdeVersie

#: The fields of the small form behind an action button (``partials/acties.html``).
ACTIEFORMULIER_VELDEN = frozenset({"toelichting", "termijn"})
#: Fields of an action form a confirmation step carries over unchanged.
MEEGENOMEN_VELDEN = (*sorted(ACTIEFORMULIER_VELDEN), "openbaar_vanaf", "terug")


def bevestiging(request, actie, *, onderwerp: str, terug: str, toegestaan: bool = True):
    """The confirmation step of an irreversible action, or ``None`` to go ahead.

    An action declared ``onomkeerbaar`` (``kern.workflow.Actie``) is carried out only from a
    POST that says ``bevestigd=1``. The first POST gets a page that says what will happen,
    with the input kept and two choices: confirm (warning style) or go back. It works
    without JavaScript. No step when the action is refused anyway (``toegestaan`` false)
    or a required comment is missing: the service's answer (403, 409, 400) comes first.
    """
    if not actie.onomkeerbaar or request.POST.get("bevestigd") == "1" or not toegestaan:
        return None
    if actie.toelichting == "verplicht" and not request.POST.get("toelichting", "").strip():
        return None
    return render(
        request,
        "bevestigen.html",
        {
            "actie": actie,
            "onderwerp": onderwerp,
            "terug": terug,
            "meegenomen": [
                (veld, request.POST[veld]) for veld in MEEGENOMEN_VELDEN if veld in request.POST
            ],
            "toelichting": request.POST.get("toelichting", "").strip(),
        },
    )


def fouten_als_tekst(fout: ValidationError) -> str:
    return " ".join(fout.messages)


def koppel_fouten(form, fout: ValidationError):
    """Put a service's ValidationError on the form fields it names (else on the form)."""
    if hasattr(fout, "error_dict"):
        for veld, berichten in fout.message_dict.items():
            form.add_error(veld if veld in form.fields else None, berichten)
    else:
        form.add_error(None, fout.messages)


@contextmanager
def fouten_in(form):
    """Run a service for a form view: a ``ValidationError`` lands on the form (which then
    has errors: render it with 400), anything else propagates.

    ``with fouten_in(form): …; return redirect(…)`` replaces try/except/else."""
    try:
        yield
    except ValidationError as fout:
        koppel_fouten(form, fout)


def weiger(request, fout: Exception, pagina):
    """The current page (``pagina()`` renders it) under the message that the action was
    not carried out — why, who changed the object last and when, what to do
    (:func:`kern.conflict.conflicttekst`, the API's text too) — with HTTP 409."""
    messages.error(request, conflicttekst(fout))
    response = pagina()
    response.status_code = 409
    return response


def weigering_toont(pagina):
    """Decorate a view that calls a service: refusals become the current page.

    ``pagina(request, *args, fout=None, **kwargs)`` renders the current page from the view's
    own arguments; ``fout`` is ``(actie, fouten, invoer)`` when the action form of button
    ``actie`` (the view's ``actie`` argument) must reopen with its errors and input."""

    def decorator(view):
        @wraps(view)
        def afgehandeld(request, *args, **kwargs):
            try:
                return view(request, *args, **kwargs)
            except (TransitieNietToegestaan, VerouderdeVersie) as fout:
                return weiger(request, fout, lambda: pagina(request, *args, **kwargs))
            except ValidationError as fout:
                actie = kwargs.get("actie")
                if (
                    actie
                    and hasattr(fout, "error_dict")
                    and set(fout.error_dict) <= (ACTIEFORMULIER_VELDEN)
                ):
                    invoer = {veld: request.POST.get(veld, "") for veld in ACTIEFORMULIER_VELDEN}
                    response = pagina(
                        request, *args, fout=(actie, fout.message_dict, invoer), **kwargs
                    )
                else:
                    messages.error(request, fouten_als_tekst(fout))
                    response = pagina(request, *args, **kwargs)
                response.status_code = 400
                return response

        return afgehandeld

    return decorator


def terug_naar(request, standaard: str) -> str:
    """The page a form came from (its ``terug`` field) when that is on this site."""
    from django.utils.http import url_has_allowed_host_and_scheme

    terug = request.POST.get("terug") or request.GET.get("terug") or ""
    if terug and url_has_allowed_host_and_scheme(
        terug, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return terug
    return standaard


def meld_per_item(request, resultaten, gelukt) -> None:
    """The messages after an action on a selection (``kern.bulk``): one for what went
    through (``gelukt(aantal, namen)``), one per refused item naming it and saying why."""
    geslaagd = [r for r in resultaten if r.gelukt]
    if geslaagd:
        messages.success(request, gelukt(len(geslaagd), ", ".join(r.naam for r in geslaagd)))
    for r in resultaten:
        if not r.gelukt:
            messages.error(
                request,
                _("Niet gelukt bij %(naam)s: %(reden)s")
                % {"naam": r.naam or _("reactie %(id)s") % {"id": r.id}, "reden": r.melding},
            )

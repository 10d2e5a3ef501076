"""Errors as problem details (RFC 9457, ``application/problem+json``) with Dutch texts.

Domain exceptions raised by the services map onto HTTP here, in one place:
``PermissionDenied`` → 403, ``TransitieNietToegestaan`` and ``VerouderdeVersie`` → 409,
Django's ``ValidationError`` → 400 with ``invalidParams``, ``Http404`` → 404. Errors that
never reach DRF (an unknown URL, a trailing slash, a crash) are rewritten by
:class:`ApiMiddleware`, so every error under ``/api/v1`` has the same shape.
"""

import json

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpResponse
from django.utils.translation import gettext_lazy as _
from djangorestframework_camel_case.util import camelize_re, underscore_to_camel
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import set_rollback

from kern.conflict import conflicttekst, wijziging
from kern.workflow import TransitieNietToegestaan, VerouderdeVersie

from .uitzonderingen import OngeldigeJson, PaginaBestaatNiet

PROBLEEM_MEDIA_TYPE = "application/problem+json"
API_PREFIX = "/api/v1"
API_VERSIE = "1.0.0"
NIET_VELDGEBONDEN = "nonFieldErrors"

#: Dutch title per status code; the title stays the same for every occurrence of a code.
TITELS = {
    400: _("Ongeldige invoer"),
    401: _("Niet geauthenticeerd"),
    403: _("Geen toestemming"),
    404: _("Niet gevonden"),
    405: _("Methode niet toegestaan"),
    406: _("Gevraagd formaat niet beschikbaar"),
    409: _("Conflict met de huidige toestand"),
    413: _("Verzoek te groot"),
    415: _("Mediatype niet ondersteund"),
    429: _("Te veel verzoeken"),
    500: _("Interne serverfout"),
}

#: Dutch details for the framework's own errors (English with ``Accept-Language: en``).
STANDAARD_DETAILS = {
    400: _("Het verzoek bevat ongeldige gegevens."),
    401: _("Log in: stuur een geldige token mee (Authorization: Token …) of gebruik een sessie."),
    403: _("U mag deze actie niet uitvoeren."),
    404: _("Deze bron bestaat niet of u heeft er geen toegang toe."),
    405: _("Deze HTTP-methode is niet toegestaan op deze bron."),
    406: _("Deze API levert alleen JSON."),
    413: _("Het verzoek is te groot."),
    415: _("Dit mediatype wordt niet ondersteund; stuur JSON (of multipart voor bestanden)."),
    429: _("U heeft te veel verzoeken gedaan; probeer het later opnieuw."),
    500: _("Er ging iets mis bij het verwerken van het verzoek."),
}


def veldnaam(naam: str) -> str:
    """The API (camelCase) name of a field path such as ``kosten.0.bedrag``."""
    if naam in ("__all__", "non_field_errors"):
        return NIET_VELDGEBONDEN
    return ".".join(
        camelize_re.sub(underscore_to_camel, deel) if "_" in deel else deel
        for deel in str(naam).split(".")
    )


def probleem(status_code: int, *, detail: str | None = None, code: str = "", **extra) -> dict:
    data = {
        "type": f"urn:tegenkracht:probleem:{code or status_code}",
        "title": str(TITELS.get(status_code, _("Fout"))),
        "status": status_code,
        "detail": str(detail or STANDAARD_DETAILS.get(status_code, "")),
        "code": code or str(status_code),
    }
    data.update(extra)
    return data


def _drf_invalid_params(detail, prefix: str = "") -> list[dict]:
    """Flatten DRF's nested error structure into ``[{name, code, reason}]``."""
    params = []
    if isinstance(detail, dict):
        for sleutel, waarde in detail.items():
            naam = f"{prefix}.{sleutel}" if prefix else str(sleutel)
            params.extend(_drf_invalid_params(waarde, naam))
    elif isinstance(detail, list):
        for index, waarde in enumerate(detail):
            if isinstance(waarde, dict | list):
                params.extend(_drf_invalid_params(waarde, f"{prefix}.{index}" if prefix else ""))
            else:
                params.extend(_drf_invalid_params(waarde, prefix))
    else:
        params.append(
            {
                "name": veldnaam(prefix or "__all__"),
                "code": getattr(detail, "code", None) or "invalid",
                "reason": str(detail),
            }
        )
    return params


def _django_invalid_params(fout: DjangoValidationError) -> list[dict]:
    params = []
    if hasattr(fout, "error_dict"):
        for veld, fouten in fout.error_dict.items():
            for enkel in fouten:
                for bericht in enkel:
                    params.append(
                        {"name": veldnaam(veld), "code": enkel.code or "invalid", "reason": bericht}
                    )
    else:
        for enkel in fout.error_list:
            for bericht in enkel:
                params.append(
                    {
                        "name": NIET_VELDGEBONDEN,
                        "code": enkel.code or "invalid",
                        "reason": bericht,
                    }
                )
    return params


def _validatieprobleem(params: list[dict]) -> dict:
    if len(params) == 1:
        detail = params[0]["reason"]
    else:
        detail = _("Het verzoek bevat ongeldige gegevens; zie invalidParams.")
    return probleem(400, detail=detail, code="ongeldige_invoer", invalidParams=params)


def exception_handler(exc, context):
    """DRF's EXCEPTION_HANDLER: every error becomes a problem details response."""
    request = context.get("request")
    headers = {}
    data = probleem_voor(exc, headers)
    if data is None:
        return None  # a real bug: Django answers 500 and ApiMiddleware shapes it
    if request is not None:
        data["instance"] = request.get_full_path()
    set_rollback()
    return Response(data, status=data["status"], headers=headers, content_type=PROBLEEM_MEDIA_TYPE)


def probleem_voor(exc, headers: dict | None = None) -> dict | None:
    """The problem details for ``exc`` (``None`` for an unexpected error); response
    headers it needs go into ``headers``. Also used per item of a bulk request, so one
    item's refusal reads exactly like the single request's."""
    headers = {} if headers is None else headers
    if isinstance(exc, DjangoValidationError):
        data = _validatieprobleem(_django_invalid_params(exc))
    elif isinstance(exc, exceptions.ValidationError):
        data = _validatieprobleem(_drf_invalid_params(exc.detail))
    elif isinstance(exc, TransitieNietToegestaan | VerouderdeVersie):
        # The same text as on the web (kern.conflict), and the last change as data.
        code = (
            "transitie_niet_toegestaan"
            if isinstance(exc, TransitieNietToegestaan)
            else "verouderde_versie"
        )
        data = probleem(409, detail=conflicttekst(exc), code=code)
        if laatst := wijziging(exc):
            data["laatsteWijziging"] = {**laatst, "op": laatst["op"].isoformat()}
    elif isinstance(exc, DjangoPermissionDenied | exceptions.PermissionDenied):
        eigen = str(exc) if isinstance(exc, DjangoPermissionDenied) else ""
        if isinstance(exc, exceptions.PermissionDenied) and exc.detail != exc.default_detail:
            eigen = str(exc.detail)
        data = probleem(403, detail=eigen or None, code="geen_toestemming")
    elif isinstance(exc, PaginaBestaatNiet):
        data = probleem(
            404,
            detail=str(exc.detail),
            code=exc.default_code,
            aantalPaginas=exc.aantal_paginas,
        )
    elif isinstance(exc, Http404 | exceptions.NotFound):
        data = probleem(404, code="niet_gevonden")
    elif isinstance(exc, OngeldigeJson):
        data = probleem(400, detail=str(exc.detail), code=exc.default_code)
    elif isinstance(exc, exceptions.NotAuthenticated | exceptions.AuthenticationFailed):
        # DRF answers 403 instead when no authenticator can send WWW-Authenticate.
        if exc.get_codes() == "tweede_factor_vereist":  # a session without the 2nd factor
            data = probleem(exc.status_code, code="tweede_factor_vereist", detail=str(exc.detail))
        else:
            data = probleem(exc.status_code, code="niet_geauthenticeerd")
    elif isinstance(exc, exceptions.Throttled):
        data = probleem(429, code="te_veel_verzoeken")
        if exc.wait is not None:
            headers["Retry-After"] = str(int(exc.wait) + 1)
    elif isinstance(exc, exceptions.APIException):
        data = probleem(exc.status_code, code=exc.default_code)
    else:
        return None

    if isinstance(exc, exceptions.APIException):
        if getattr(exc, "auth_header", None):
            headers["WWW-Authenticate"] = exc.auth_header
        if getattr(exc, "wait", None) and "Retry-After" not in headers:
            headers["Retry-After"] = str(int(exc.wait))
    return data


def probleem_response(request, status_code: int, **kwargs) -> HttpResponse:
    """A problem response outside DRF (middleware), already camelCase."""
    data = probleem(status_code, **kwargs)
    data["instance"] = request.get_full_path()
    return HttpResponse(
        json.dumps(data, ensure_ascii=False),
        status=status_code,
        content_type=PROBLEEM_MEDIA_TYPE,
    )


class ApiMiddleware:
    """For every response under ``/api/v1``: the ``API-Version`` header (NL API Design
    Rules), and problem details for errors produced outside DRF — an unknown URL or one
    with a trailing slash (404), a crash (500)."""

    CODES = {404: "niet_gevonden", 405: "methode_niet_toegestaan", 500: "serverfout"}

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path_info.startswith(API_PREFIX):
            return response
        if response.status_code >= 400 and not self._is_json(response):
            status_code = response.status_code
            response = probleem_response(
                request, status_code, code=self.CODES.get(status_code, str(status_code))
            )
        response["API-Version"] = API_VERSIE
        return response

    @staticmethod
    def _is_json(response) -> bool:
        soort = response.get("Content-Type", "")
        return soort.startswith(PROBLEEM_MEDIA_TYPE) or soort.startswith("application/json")

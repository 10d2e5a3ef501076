"""OpenAPI helpers: the problem details schema and the error responses per endpoint."""

from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers

from .problemen import API_VERSIE, PROBLEEM_MEDIA_TYPE


class InvalidParamSerializer(serializers.Serializer):
    name = serializers.CharField(help_text="Het veld (camelCase; geneste velden met punten).")
    code = serializers.CharField()
    reason = serializers.CharField(help_text="Wat er mis is, in het Nederlands.")


class LaatsteWijzigingSerializer(serializers.Serializer):
    actie = serializers.CharField(help_text="Wat er gebeurde (het label uit de tijdlijn).")
    door = serializers.CharField(help_text="Wie het deed, met de afkorting van de organisatie.")
    op = serializers.DateTimeField()


class ProbleemSerializer(serializers.Serializer):
    """Problem details (RFC 9457)."""

    type = serializers.CharField(help_text="URI die het soort probleem aanduidt.")
    title = serializers.CharField()
    status = serializers.IntegerField()
    detail = serializers.CharField()
    code = serializers.CharField()
    instance = serializers.CharField(required=False, help_text="Het pad van het verzoek.")
    invalid_params = InvalidParamSerializer(
        many=True, required=False, help_text="Alleen bij 400: de fouten per veld."
    )
    laatste_wijziging = LaatsteWijzigingSerializer(
        required=False,
        help_text="Alleen bij 409: wie het object het laatst veranderde, wat en wanneer.",
    )


BESCHRIJVINGEN = {
    400: "Ongeldige invoer; de fouten per veld staan in invalidParams.",
    401: "Niet geauthenticeerd.",
    403: "Uw rol mag deze actie niet uitvoeren.",
    404: "Bestaat niet, of u mag het niet zien.",
    409: "Niet mogelijk in de huidige status, of een verouderde versie.",
    415: "Mediatype niet ondersteund.",
    429: "Te veel verzoeken.",
}


def fouten(*codes: int) -> dict:
    """``responses`` entries for ``extend_schema``: problem details per status code."""
    return {
        (code, PROBLEEM_MEDIA_TYPE): OpenApiResponse(
            response=ProbleemSerializer, description=BESCHRIJVINGEN[code]
        )
        for code in codes
    }


LEZEN = (401, 404)
LIJST = (400, 401, 404)
AANMAKEN = (400, 401, 403, 415)
SCHRIJVEN = (400, 401, 403, 404, 409, 415)


def api_version_header(result, generator, request, public):
    """Postprocessing hook: every response carries the ``API-Version`` header."""
    header = {
        "API-Version": {
            "description": "De volledige versie van de API (NL API Design Rules).",
            "schema": {"type": "string", "example": API_VERSIE},
            "required": True,
        }
    }
    for operaties in result.get("paths", {}).values():
        for operatie in operaties.values():
            for response in operatie.get("responses", {}).values():
                response.setdefault("headers", {}).update(header)
    return result

"""API for organisations and for obtaining a token."""

import django_filters
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, viewsets
from rest_framework.authtoken.models import Token
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from tegenkracht.api.schema import LIJST, fouten
from tegenkracht.api.serializers import StrikteInvoerMixin

from . import tweede_factor
from .models import Netwerk, Organisatie, Soort


class OrganisatieSerializer(serializers.ModelSerializer):
    class Meta:
        model = Organisatie
        fields = ["id", "naam", "afkorting", "soort", "netwerk"]


class OrganisatieFilter(django_filters.FilterSet):
    soort = django_filters.ChoiceFilter(choices=Soort.choices)
    netwerk = django_filters.ChoiceFilter(choices=Netwerk.choices)
    afkorting = django_filters.CharFilter(lookup_expr="iexact")

    class Meta:
        model = Organisatie
        fields = ["soort", "netwerk", "afkorting"]


@extend_schema_view(
    list=extend_schema(
        summary="Organisaties",
        description="Alle organisaties van het netwerk, de ministeries en het secretariaat "
        "(bijvoorbeeld om uitnodigingen te versturen).",
        responses={200: OrganisatieSerializer(many=True), **fouten(*LIJST)},
    )
)
class OrganisatieViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = OrganisatieSerializer
    queryset = Organisatie.objects.all()
    filterset_class = OrganisatieFilter
    ordering_fields = ["naam", "afkorting", "soort"]
    ordering = ["naam"]


class TokenInvoerSerializer(StrikteInvoerMixin, AuthTokenSerializer):
    code = serializers.CharField(
        required=False,
        write_only=True,
        help_text="De code uit de authenticator-app, voor accounts met een tweede factor.",
    )

    def validate(self, attrs):
        attrs = super().validate(attrs)
        # A token must not be a way around the second factor of the web login.
        fout = tweede_factor.controleer_code(attrs["user"], attrs.get("code", ""))
        if fout:
            raise serializers.ValidationError({"code": fout})
        return attrs


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField(help_text="Stuur mee als 'Authorization: Token <token>'.")


class TokenView(APIView):
    """Exchange username and password for an API token (the same token on every call)."""

    authentication_classes = []
    permission_classes = [AllowAny]
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "token"
    serializer_class = TokenInvoerSerializer

    @extend_schema(
        summary="Token aanvragen",
        description="Wissel gebruikersnaam en wachtwoord in voor een token.",
        request=TokenInvoerSerializer,
        responses={200: TokenSerializer, **fouten(400, 415, 429)},
        auth=[],
        tags=["auth"],
    )
    def post(self, request):
        invoer = TokenInvoerSerializer(data=request.data, context={"request": request})
        invoer.is_valid(raise_exception=True)
        token, _ = Token.objects.get_or_create(user=invoer.validated_data["user"])
        return Response({"token": token.key})

"""API for organisations and for obtaining a token."""

import django_filters
from django.contrib.auth import logout
from django.utils import timezone
from drf_spectacular.utils import extend_schema, extend_schema_view
from knox.models import AuthToken
from rest_framework import mixins, serializers, viewsets
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from tegenkracht.api.schema import LIJST, fouten
from tegenkracht.api.serializers import ModelSerializer, StrikteInvoerMixin

from . import services, tweede_factor
from .models import Netwerk, Organisatie, Soort


class OrganisatieSerializer(ModelSerializer):
    class Meta:
        model = Organisatie
        fields = ["id", "naam", "afkorting", "soort", "netwerk", "gewijzigd_op"]


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
    ordering_fields = ["naam", "afkorting", "soort", "gewijzigd_op"]
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
        request = self.context["request"]
        fout = tweede_factor.controleer_code(
            attrs["user"], attrs.get("code", ""), request=getattr(request, "_request", request)
        )
        if fout:
            raise serializers.ValidationError({"code": fout})
        return attrs


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField(help_text="Stuur mee als 'Authorization: Token <token>'.")
    verloopt_op = serializers.DateTimeField(
        help_text="Daarna is het token ongeldig (401): vraag een nieuw aan."
    )


class MisluktePogingenThrottle(ScopedRateThrottle):
    """Counts failed token requests only, per client address, in the shared cache: a
    system that logs in correctly is never slowed down (docs/api.md)."""

    def allow_request(self, request, view):
        self.scope = getattr(view, self.scope_attr, None)
        self.rate = self.get_rate()
        self.num_requests, self.duration = self.parse_rate(self.rate)
        self.key = self.get_cache_key(request, view)
        self.history = self.cache.get(self.key, [])
        self.now = self.timer()
        while self.history and self.history[-1] <= self.now - self.duration:
            self.history.pop()
        if len(self.history) >= self.num_requests:
            return self.throttle_failure()
        return True

    def registreer_mislukking(self):
        self.history.insert(0, self.now)
        self.cache.set(self.key, self.history, self.duration)


class TokenView(APIView):
    """Exchange username and password (and the second-factor code) for an API token.
    Each call gives a new token; it expires after API_TOKEN_UUR hours."""

    authentication_classes = []
    permission_classes = [AllowAny]
    throttle_classes = [MisluktePogingenThrottle]
    throttle_scope = "token"
    serializer_class = TokenInvoerSerializer

    @extend_schema(
        summary="Token aanvragen",
        description="Wissel gebruikersnaam en wachtwoord (en bij een tweede factor de code "
        "uit de app) in voor een nieuw token. Het token verloopt na `verlooptOp`; intrekken "
        "met `POST /auth/uitloggen` of `POST /auth/uitloggen-overal`. Alleen mislukte "
        "aanvragen tellen mee voor de begrenzing (429).",
        request=TokenInvoerSerializer,
        responses={200: TokenSerializer, **fouten(400, 415, 429)},
        auth=[],
        tags=["auth"],
    )
    def post(self, request):
        invoer = TokenInvoerSerializer(data=request.data, context={"request": request})
        if not invoer.is_valid():
            for throttle in self.get_throttles():
                if isinstance(throttle, MisluktePogingenThrottle) and hasattr(throttle, "key"):
                    throttle.registreer_mislukking()
            raise serializers.ValidationError(invoer.errors)
        gebruiker = invoer.validated_data["user"]
        AuthToken.objects.filter(user=gebruiker, expiry__lt=timezone.now()).delete()
        token, sleutel = AuthToken.objects.create(user=gebruiker)
        return Response({"token": sleutel, "verloopt_op": token.expiry})

    def get_throttles(self):
        # The same instances that allow_request saw, so a failure is counted on their key.
        if not hasattr(self, "_throttles"):
            self._throttles = super().get_throttles()
        return self._throttles


class UitloggenView(APIView):
    """Revoke the token of this request (or end this browser session)."""

    @extend_schema(
        summary="Uitloggen",
        description="Trekt het token in waarmee deze aanvraag is gedaan; daarna geeft het "
        "401. Met een browsersessie: beëindigt die sessie.",
        request=None,
        responses={204: None, **fouten(401)},
        tags=["auth"],
    )
    def post(self, request):
        if isinstance(request.auth, AuthToken):
            request.auth.delete()
        else:
            logout(request._request)
        return Response(status=204)


class OveralUitloggenView(APIView):
    """Revoke every token of the user and end every browser session."""

    @extend_schema(
        summary="Overal uitloggen",
        description="Trekt alle tokens van uw account in en beëindigt al uw browsersessies "
        "(bijvoorbeeld als een token is uitgelekt).",
        request=None,
        responses={204: None, **fouten(401)},
        tags=["auth"],
    )
    def post(self, request):
        services.overal_uitloggen(gebruiker=request.user)
        if not isinstance(request.auth, AuthToken):
            logout(request._request)
        return Response(status=204)

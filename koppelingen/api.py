"""API for webhook subscriptions: ``/api/v1/abonnementen``. Thin views over
``koppelingen.services``; an organisation sees only its own subscriptions (others: 404)."""

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from tegenkracht.api.schema import AANMAKEN, LEZEN, LIJST, SCHRIJVEN, fouten
from tegenkracht.api.serializers import ModelSerializer, StrikteInvoerMixin

from . import catalogus, services
from .models import Abonnement, Aflevering, AfleveringStatus, Poging


class AbonnementSerializer(ModelSerializer):
    soorten = serializers.ListField(
        child=serializers.ChoiceField(choices=catalogus.TYPES),
        help_text="De CloudEvents-types die dit abonnement ontvangt; leeg: alle.",
    )
    aangemaakt_door = serializers.CharField(source="eigenaar.username", read_only=True)

    class Meta:
        model = Abonnement
        fields = [
            "id",
            "url",
            "omschrijving",
            "soorten",
            "actief",
            "aangemaakt_door",
            "aangemaakt_op",
            "gewijzigd_op",
        ]
        read_only_fields = fields


class AbonnementMetGeheimSerializer(AbonnementSerializer):
    geheim = serializers.CharField(
        read_only=True,
        help_text="Het geheim waarmee elk bericht wordt ondertekend. Wordt alleen nu getoond: "
        "bewaar het veilig.",
    )

    class Meta(AbonnementSerializer.Meta):
        fields = [*AbonnementSerializer.Meta.fields, "geheim"]
        read_only_fields = fields


class AbonnementInvoerSerializer(StrikteInvoerMixin, serializers.Serializer):
    url = serializers.URLField(
        max_length=500, help_text="Waar de berichten heen gaan (http of https)."
    )
    omschrijving = serializers.CharField(max_length=200, required=False, allow_blank=True)
    soorten = serializers.ListField(
        child=serializers.ChoiceField(choices=catalogus.TYPES),
        required=False,
        max_length=len(catalogus.TYPES),
        help_text="De CloudEvents-types die u wilt ontvangen; leeg of weggelaten: alle.",
    )


class AbonnementWijzigenSerializer(AbonnementInvoerSerializer):
    actief = serializers.BooleanField(
        required=False, help_text="Uit: er worden geen berichten meer gemaakt of verstuurd."
    )


class PogingSerializer(ModelSerializer):
    class Meta:
        model = Poging
        fields = ["tijdstip", "statuscode", "fout", "duur_ms", "gelukt"]
        read_only_fields = fields


class AfleveringSerializer(ModelSerializer):
    status = serializers.ChoiceField(AfleveringStatus.choices, read_only=True)
    pogingen_log = PogingSerializer(many=True, read_only=True, source="pogingen_log.all")

    class Meta:
        model = Aflevering
        fields = [
            "id",
            "gebeurtenis_id",
            "soort",
            "onderwerp",
            "status",
            "pogingen",
            "volgende_poging_op",
            "aangemaakt_op",
            "afgeleverd_op",
            "pogingen_log",
        ]
        read_only_fields = fields


class GeenInvoerSerializer(StrikteInvoerMixin, serializers.Serializer):
    pass


@extend_schema_view(
    list=extend_schema(
        summary="Webhookabonnementen van uw organisatie",
        responses={200: AbonnementSerializer(many=True), **fouten(*LIJST)},
    ),
    retrieve=extend_schema(
        summary="Webhookabonnement",
        responses={200: AbonnementSerializer, **fouten(*LEZEN)},
    ),
    create=extend_schema(
        summary="Webhookabonnement aanmaken",
        description="Het antwoord bevat eenmalig het geheim waarmee elk bericht wordt "
        "ondertekend. Het abonnement ontvangt alleen gebeurtenissen over wat u mag zien.",
        request=AbonnementInvoerSerializer,
        responses={201: AbonnementMetGeheimSerializer, **fouten(*AANMAKEN)},
    ),
    partial_update=extend_schema(
        summary="Webhookabonnement wijzigen",
        request=AbonnementWijzigenSerializer,
        responses={200: AbonnementSerializer, **fouten(*SCHRIJVEN)},
    ),
    destroy=extend_schema(
        summary="Webhookabonnement verwijderen",
        description="Met zijn afleverlog; berichten die nog niet zijn afgeleverd vervallen.",
        responses={204: None, **fouten(401, 403, 404)},
    ),
)
class AbonnementViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = AbonnementSerializer
    ordering_fields = ["aangemaakt_op", "gewijzigd_op"]
    ordering = ["-aangemaakt_op", "-pk"]
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]
    queryset = Abonnement.objects.none()

    def get_queryset(self):
        return Abonnement.objects.zichtbaar_voor(self.request.user).select_related("eigenaar")

    def _invoer(self, serializer_class, **kwargs):
        invoer = serializer_class(data=self.request.data, **kwargs)
        invoer.is_valid(raise_exception=True)
        return invoer.validated_data

    def _antwoord(self, abonnement, serializer_class=AbonnementSerializer, code=status.HTTP_200_OK):
        return Response(serializer_class(abonnement).data, status=code)

    def create(self, request):
        velden = self._invoer(AbonnementInvoerSerializer)
        abonnement = services.abonnement_aanmaken(actor=request.user, **velden)
        return self._antwoord(abonnement, AbonnementMetGeheimSerializer, status.HTTP_201_CREATED)

    def partial_update(self, request, pk=None):
        abonnement = self.get_object()
        velden = self._invoer(AbonnementWijzigenSerializer, partial=True)
        abonnement = services.abonnement_bijwerken(
            abonnement=abonnement, actor=request.user, **velden
        )
        return self._antwoord(abonnement)

    def destroy(self, request, pk=None):
        services.abonnement_verwijderen(abonnement=self.get_object(), actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        summary="Nieuw geheim",
        description="Het antwoord bevat eenmalig het nieuwe geheim. Het vorige ondertekent nog "
        "24 uur mee (een tweede handtekening in webhook-signature), zodat u zonder verlies "
        "kunt overstappen.",
        request=GeenInvoerSerializer,
        responses={200: AbonnementMetGeheimSerializer, **fouten(*SCHRIJVEN)},
    )
    @action(detail=True, methods=["post"], url_path="geheim-vernieuwen")
    def geheim_vernieuwen(self, request, pk=None):
        abonnement = self.get_object()
        self._invoer(GeenInvoerSerializer)
        abonnement = services.abonnement_geheim_vernieuwen(
            abonnement=abonnement, actor=request.user
        )
        return self._antwoord(abonnement, AbonnementMetGeheimSerializer)

    @extend_schema(
        summary="Afleveringen van een abonnement",
        description="De nieuwste eerst, met elke poging en haar uitkomst (statuscode of fout).",
        responses={200: AfleveringSerializer(many=True), **fouten(*LIJST)},
    )
    @action(detail=True, methods=["get"], ordering_fields=[])
    def afleveringen(self, request, pk=None):
        abonnement = self.get_object()
        afleveringen = (
            Aflevering.objects.filter(abonnement=abonnement)
            .defer("bericht")
            .prefetch_related(Prefetch("pogingen_log", queryset=Poging.objects.order_by("pk")))
            .order_by("-aangemaakt_op", "-pk")
        )
        pagina = self.paginate_queryset(afleveringen)
        return self.get_paginated_response(AfleveringSerializer(pagina, many=True).data)

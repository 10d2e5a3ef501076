"""The API of responses and kernpunten (``/api/v1/reacties``, ``/api/v1/kernpunten``)."""

from .serializers import ACTIES, ReactieSerializer, ToelichtingSerializer
from .views import (
    ConsultatieUitnodigingen,
    KernpuntViewSet,
    ReactieViewSet,
    kernpunten_voor,
    reacties_voor,
)

__all__ = [
    "ACTIES",
    "ConsultatieUitnodigingen",
    "KernpuntViewSet",
    "ReactieSerializer",
    "ReactieViewSet",
    "ToelichtingSerializer",
    "kernpunten_voor",
    "reacties_voor",
]

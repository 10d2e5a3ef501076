"""The API of position papers (``/api/v1/rapporten``)."""

from .serializers import (
    ACTIES,
    RapportAanmakenSerializer,
    RapportDetailSerializer,
    toegestane_acties,
)
from .views import (
    LOCATION,
    ConsultatiePaper,
    RapportViewSet,
    ReactieEerdereKernpunten,
    rapport_geaccepteerd,
    rapporten_voor,
)

__all__ = [
    "ACTIES",
    "ConsultatiePaper",
    "LOCATION",
    "RapportAanmakenSerializer",
    "RapportDetailSerializer",
    "RapportViewSet",
    "ReactieEerdereKernpunten",
    "rapport_geaccepteerd",
    "rapporten_voor",
    "toegestane_acties",
]

"""The API of position papers (``/api/v1/rapporten``)."""

from .serializers import (
    ACTIES,
    RapportAanmakenSerializer,
    RapportDetailSerializer,
    toegestane_acties,
)
from .views import LOCATION, RapportViewSet, rapport_geaccepteerd, rapporten_voor

__all__ = [
    "ACTIES",
    "LOCATION",
    "RapportAanmakenSerializer",
    "RapportDetailSerializer",
    "RapportViewSet",
    "rapport_geaccepteerd",
    "rapporten_voor",
    "toegestane_acties",
]

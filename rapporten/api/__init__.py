"""The API of position papers (``/api/v1/rapporten``)."""

from .views import (
    ACTIES,
    LOCATION,
    RapportAanmakenSerializer,
    RapportDetailSerializer,
    RapportViewSet,
    rapport_geaccepteerd,
    rapporten_voor,
    toegestane_acties,
)

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

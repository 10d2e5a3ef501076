"""REST API v1 (NL API Design Rules): no trailing slashes, so every route starts with "/"
(this module is included at ``api/v1``)."""

from django.urls import path, re_path
from drf_spectacular.views import SpectacularJSONAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import SimpleRouter

from consultaties import api as consultaties_api
from inzichten.api import InzichtenView
from kennisbank.api import EerdereStandpuntenView, ZoekenView
from koppelingen.api import AbonnementViewSet
from organisaties.api import OrganisatieViewSet, OveralUitloggenView, TokenView, UitloggenView
from rapporten.api import ConsultatiePaper, RapportViewSet, ReactieEerdereKernpunten
from reacties import api as reacties_api
from reacties.api import ConsultatieUitnodigingen, KernpuntViewSet
from themas.api import KnelpuntenView, ThemaDetailView, ThemaLijstView


class Router(SimpleRouter):
    """Routes without a trailing slash and with numeric ids only."""

    def __init__(self):
        super().__init__(trailing_slash=False)

    def get_lookup_regex(self, viewset, lookup_prefix=""):
        # Ids fit a 64-bit integer; longer numbers are simply unknown (404).
        return rf"(?P<{lookup_prefix}pk>[0-9]{{1,18}})"


# A resource's sub-resources that a higher app owns are that app's mixin, composed here
# (this wiring sits outside the app graph, tests/kern/test_importgraaf.py): inviting answers
# with the new responses (reacties), the paper is made and sent from the consultation
# (rapporten), a hertoets reads the earlier paper (rapporten). No docstrings: drf-spectacular
# would take a class's docstring for the description of the resource's operations.
class ConsultatieViewSet(
    ConsultatiePaper, ConsultatieUitnodigingen, consultaties_api.ConsultatieViewSet
):
    pass


class ReactieViewSet(ReactieEerdereKernpunten, reacties_api.ReactieViewSet):
    pass


router = Router()
router.register("/consultaties", ConsultatieViewSet, basename="consultatie")
router.register("/reacties", ReactieViewSet, basename="reactie")
router.register("/kernpunten", KernpuntViewSet, basename="kernpunt")
router.register("/rapporten", RapportViewSet, basename="rapport")
router.register("/organisaties", OrganisatieViewSet, basename="organisatie")
router.register("/abonnementen", AbonnementViewSet, basename="abonnement")

app_name = "api"
urlpatterns = [
    path("/auth/token", TokenView.as_view(), name="token"),
    path("/auth/uitloggen", UitloggenView.as_view(), name="uitloggen"),
    path("/auth/uitloggen-overal", OveralUitloggenView.as_view(), name="uitloggen-overal"),
    path("/inzichten", InzichtenView.as_view(), name="inzichten"),
    path("/zoeken", ZoekenView.as_view(), name="zoeken"),
    re_path(
        r"^/reacties/(?P<pk>[0-9]{1,18})/eerdere-standpunten$",
        EerdereStandpuntenView.as_view(),
        name="eerdere-standpunten",
    ),
    path("/themas", ThemaLijstView.as_view(), name="themas"),
    path("/themas/knelpunten", KnelpuntenView.as_view(), name="knelpunten"),
    re_path(r"^/themas/(?P<pk>[0-9]{1,18})$", ThemaDetailView.as_view(), name="thema"),
    path("/openapi.json", SpectacularJSONAPIView.as_view(), name="openapi"),
    path("/docs", SpectacularSwaggerSplitView.as_view(url_name="api:openapi"), name="docs"),
    *router.urls,
]

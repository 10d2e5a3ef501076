from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView

from . import views

urlpatterns = [
    path("admin/", admin.site.urls),
    # Browsers ask for /favicon.ico on pages without a <link rel="icon"> (admin, API docs).
    path(
        "favicon.ico",
        RedirectView.as_view(get_redirect_url=lambda *a, **k: static("favicon.svg")),
    ),
    path("gezondheid/live", views.live, name="live"),
    path("gezondheid/gereed", views.gereed, name="gereed"),
    path("accounts/tweede-factor/", include("organisaties.urls")),
    path("accounts/", include("django.contrib.auth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1", include("tegenkracht.api_urls")),
    path("", include("consultaties.urls")),
    path("reacties/", include("reacties.urls")),
    path("rapporten/", include("rapporten.urls")),
    path("notificaties/", include("notificaties.urls")),
    path("inzichten/", include("inzichten.urls")),
]

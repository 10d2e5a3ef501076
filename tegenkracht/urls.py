from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView

from organisaties import sso
from organisaties import views as organisatie_views

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
    # Password changes revoke API tokens, are audited and e-mailed: our views first.
    path(
        "accounts/password_change/",
        organisatie_views.WachtwoordWijzigen.as_view(),
        name="password_change",
    ),
    path(
        "accounts/reset/<uidb64>/<token>/",
        organisatie_views.WachtwoordKiezen.as_view(),
        name="password_reset_confirm",
    ),
    path("accounts/login/", organisatie_views.Inloggen.as_view(), name="login"),
    path(
        "accounts/uitnodiging/<str:token>/",
        organisatie_views.uitnodiging_accepteren,
        name="uitnodiging_accepteren",
    ),
    # Single sign-on per organisation (OpenID Connect): organisaties.sso.
    path("accounts/sso/terug/", sso.SsoTerugkeer.as_view(), name="sso_terug"),
    path("accounts/sso/<str:afkorting>/", sso.SsoStart.as_view(), name="sso_start"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("beheer/", include("organisaties.beheer_urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1", include("tegenkracht.api_urls")),
    path("", include("consultaties.urls")),
    path("reacties/", include("reacties.urls")),
    path("rapporten/", include("rapporten.urls")),
    path("notificaties/", include("notificaties.urls")),
    path("inzichten/", include("inzichten.urls")),
    path("koppelingen/", include("koppelingen.urls")),
    path("zoeken/", include("kennisbank.urls")),
    path("themas/", include("themas.urls")),
    # The public archive of published papers: no login (kennisbank/openbaar.py).
    path("openbaar/", include("kennisbank.openbaar_urls")),
]

from django.urls import path

from . import downloads, views

app_name = "consultaties"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("consultaties/", views.consultatie_lijst, name="lijst"),
    path("consultaties/nieuw/", views.consultatie_aanmaken, name="aanmaken"),
    path("consultaties/<int:pk>/", views.consultatie_detail, name="detail"),
    path(
        "consultaties/<int:pk>/kernpunten/",
        views.consultatie_kernpunten,
        name="kernpunten",
    ),
    path("consultaties/<int:pk>/bewerken/", views.consultatie_bewerken, name="bewerken"),
    path("consultaties/<int:pk>/documenten/", views.document_toevoegen, name="document"),
    path(
        "consultaties/<int:pk>/documenten/<int:document_pk>/",
        downloads.document_downloaden,
        name="document_downloaden",
    ),
    path("consultaties/<int:pk>/uitnodigen/", views.uitnodigen, name="uitnodigen"),
    path("consultaties/<int:pk>/termijn/", views.termijn_verlengen, name="termijn"),
    path(
        "consultaties/<int:pk>/<slug:actie>/",
        views.consultatie_transitie,
        name="transitie",
    ),
]

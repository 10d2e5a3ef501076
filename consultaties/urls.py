from django.urls import path

from . import downloads, views

app_name = "consultaties"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("consultaties/", views.consultatie_lijst, name="lijst"),
    path("consultaties/<int:pk>/", views.consultatie_detail, name="detail"),
    path(
        "consultaties/<int:pk>/documenten/<int:document_pk>/",
        downloads.document_downloaden,
        name="document",
    ),
]

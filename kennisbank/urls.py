from django.urls import path

from . import views

app_name = "kennisbank"
urlpatterns = [
    path("", views.zoeken, name="zoeken"),
    path(
        "reacties/<int:pk>/eerdere-standpunten/",
        views.eerdere_standpunten_view,
        name="eerdere_standpunten",
    ),
]

from django.urls import path

from . import views
from .downloads import bijlage_downloaden

app_name = "reacties"
urlpatterns = [
    path("<int:pk>/", views.reactie_detail, name="detail"),
    path("<int:pk>/bijlagen/<int:bijlage_pk>/", bijlage_downloaden, name="bijlage"),
    path("<int:pk>/bewerken/", views.reactie_bewerken, name="bewerken"),
    path(
        "<int:pk>/automatisch-opslaan/",
        views.reactie_automatisch_opslaan,
        name="automatisch_opslaan",
    ),
    path("<int:pk>/kernpunten/", views.kernpunt_toevoegen, name="kernpunt_toevoegen"),
    path("<int:pk>/acties/<slug:actie>/", views.reactie_transitie, name="transitie"),
    path(
        "kernpunten/<int:pk>/onderschrijven/",
        views.kernpunt_onderschrijven,
        name="onderschrijven",
    ),
    path("kernpunten/<int:pk>/samenvoegen/", views.kernpunt_samenvoegen, name="samenvoegen"),
]

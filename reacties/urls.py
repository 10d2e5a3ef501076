from django.urls import path

from consultaties.downloads import bijlage_downloaden

from . import views

app_name = "reacties"
urlpatterns = [
    path("<int:pk>/", views.reactie_detail, name="detail"),
    path("<int:pk>/bijlagen/<int:bijlage_pk>/", bijlage_downloaden, name="bijlage"),
]

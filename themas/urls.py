from django.urls import path

from . import views

app_name = "themas"
urlpatterns = [
    path("", views.lijst, name="lijst"),
    path("knelpunten/", views.knelpunten, name="knelpunten"),
    path("knelpunten.xlsx", views.knelpunten_xlsx, name="knelpunten_xlsx"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/samenvoegen/", views.samenvoegen, name="samenvoegen"),
    path("kernpunten/<int:pk>/", views.kernpunt_themas, name="kernpunt"),
]

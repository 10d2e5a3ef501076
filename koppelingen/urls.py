from django.urls import path

from . import views

app_name = "koppelingen"
urlpatterns = [
    path("", views.lijst, name="lijst"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/verwijderen/", views.verwijderen, name="verwijderen"),
    path("<int:pk>/geheim/", views.geheim_vernieuwen, name="geheim"),
    path("<int:pk>/actief/", views.actief_wisselen, name="actief"),
]

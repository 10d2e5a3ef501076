from django.urls import path

from . import views

app_name = "tweede_factor"
urlpatterns = [
    path("", views.controleren, name="controleren"),
    path("instellen/", views.instellen, name="instellen"),
    path("verwijderen/", views.verwijderen, name="verwijderen"),
]

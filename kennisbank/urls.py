from django.urls import path

from . import views

app_name = "kennisbank"
urlpatterns = [
    path("", views.zoeken, name="zoeken"),
]

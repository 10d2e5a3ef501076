from django.urls import path

from . import views

app_name = "consultaties"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("consultaties/", views.consultatie_lijst, name="lijst"),
    path("consultaties/<int:pk>/", views.consultatie_detail, name="detail"),
]

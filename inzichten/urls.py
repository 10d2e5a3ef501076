from django.urls import path

from . import views

app_name = "inzichten"
urlpatterns = [
    path("", views.overzicht, name="overzicht"),
    path("grafiek/<slug:naam>.svg", views.grafiek, name="grafiek"),
    path("export/<slug:tabel>.csv", views.export_csv, name="csv"),
    path("export.xlsx", views.export_xlsx, name="xlsx"),
]

"""User management by the secretariat and an organisation's beheerder (``/beheer/``)."""

from django.urls import path

from . import views

app_name = "beheer"
urlpatterns = [
    path("gebruikers/", views.gebruikers, name="gebruikers"),
    path("gebruikers/nieuw/", views.gebruiker_aanmaken, name="gebruiker_aanmaken"),
    path("gebruikers/<int:pk>/", views.gebruiker, name="gebruiker"),
    path("gebruikers/<int:pk>/rol/", views.rol_wijzigen, name="rol_wijzigen"),
    path("gebruikers/<int:pk>/deactiveren/", views.deactiveren, name="deactiveren"),
    path(
        "gebruikers/<int:pk>/tweede-factor-herstellen/",
        views.factor_herstellen,
        name="factor_herstellen",
    ),
    path("uitnodigingen/", views.uitnodigingen_lijst, name="uitnodigingen"),
    path("uitnodigingen/nieuw/", views.uitnodiging_nieuw, name="uitnodiging_nieuw"),
    path("uitnodigingen/<int:pk>/opnieuw/", views.uitnodiging_opnieuw, name="uitnodiging_opnieuw"),
    path(
        "uitnodigingen/<int:pk>/intrekken/",
        views.uitnodiging_intrekken,
        name="uitnodiging_intrekken",
    ),
]

from django.urls import path

from . import views

app_name = "rapporten"
urlpatterns = [
    path("<int:pk>/", views.rapport_detail, name="detail"),
    path("<int:pk>/voortgang", views.rapport_voortgang, name="voortgang"),
    path("<int:pk>/pdf", views.rapport_pdf, name="pdf"),
    path("<int:pk>/pdf/bekijken", views.rapport_pdf_bekijken, name="pdf_bekijken"),
    path("<int:pk>/definitief", views.rapport_definitief, name="definitief"),
    path("<int:pk>/verzenden", views.rapport_verzenden, name="verzenden"),
    path("<int:pk>/publiceren", views.rapport_publiceren, name="publiceren"),
    path(
        "<int:pk>/publicatie-intrekken",
        views.rapport_publicatie_intrekken,
        name="publicatie_intrekken",
    ),
    path("<int:pk>/opnieuw", views.rapport_opnieuw, name="opnieuw"),
    path("<int:pk>/ontvangst", views.rapport_ontvangst, name="ontvangst"),
    path("<int:pk>/verwerking", views.rapport_verwerking, name="verwerking"),
    path("consultatie/<int:pk>/nieuw", views.rapport_nieuw, name="nieuw"),
    path("consultatie/<int:pk>/kernpunten.xlsx", views.kernpunten_xlsx, name="kernpunten_xlsx"),
]

from django.urls import path

from . import views

app_name = "notificaties"
urlpatterns = [
    path("", views.notificatie_lijst, name="lijst"),
    path("<int:pk>/gelezen/", views.notificatie_gelezen, name="gelezen"),
    path("alles-gelezen/", views.alle_notificaties_gelezen, name="alles_gelezen"),
    path("instellingen/", views.instellingen, name="instellingen"),
    path("werklast/", views.werklast, name="werklast"),
    path(
        "werklast/<int:organisatie_id>/",
        views.werklast_organisatie,
        name="werklast_organisatie",
    ),
    path("achterstand/", views.achterstand, name="achterstand"),
    path(
        "achterstand/<int:consultatie_id>/",
        views.achterstand_consultatie,
        name="achterstand_consultatie",
    ),
    path(
        "reacties/<int:reactie_id>/verlenging/",
        views.verlenging_aanvragen,
        name="verlenging_aanvragen",
    ),
    path("verlengingen/", views.verlenging_lijst, name="verlengingen"),
    path("verlengingen/<int:pk>/", views.verlenging_detail, name="verlenging"),
    path(
        "verlengingen/<int:pk>/toekennen/",
        views.verlenging_toekennen,
        name="verlenging_toekennen",
    ),
    path("verlengingen/<int:pk>/afwijzen/", views.verlenging_afwijzen, name="verlenging_afwijzen"),
    path("emails/mislukt/", views.emails_mislukt, name="emails_mislukt"),
    path("emails/<int:pk>/opnieuw/", views.email_opnieuw, name="email_opnieuw"),
    path("agenda/", views.agenda, name="agenda"),
    path("agenda/vernieuwen/", views.agenda_vernieuwen, name="agenda_vernieuwen"),
    path("agenda/<str:token>.ics", views.agenda_feed, name="agenda_feed"),
]

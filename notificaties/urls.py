from django.urls import path

from termijnen import views as termijnen_views

from . import views

# The deadline pages (termijnen.views) keep their place and names here: URLs are public.
app_name = "notificaties"
urlpatterns = [
    path("", views.notificatie_lijst, name="lijst"),
    path("<int:pk>/gelezen/", views.notificatie_gelezen, name="gelezen"),
    path("alles-gelezen/", views.alle_notificaties_gelezen, name="alles_gelezen"),
    path("werklast/", termijnen_views.werklast, name="werklast"),
    path(
        "werklast/<int:organisatie_id>/",
        termijnen_views.werklast_organisatie,
        name="werklast_organisatie",
    ),
    path("achterstand/", termijnen_views.achterstand, name="achterstand"),
    path(
        "achterstand/<int:consultatie_id>/",
        termijnen_views.achterstand_consultatie,
        name="achterstand_consultatie",
    ),
    path(
        "reacties/<int:reactie_id>/verlenging/",
        termijnen_views.verlenging_aanvragen,
        name="verlenging_aanvragen",
    ),
    path("verlengingen/", termijnen_views.verlenging_lijst, name="verlengingen"),
    path("verlengingen/<int:pk>/", termijnen_views.verlenging_detail, name="verlenging"),
    path(
        "verlengingen/<int:pk>/toekennen/",
        termijnen_views.verlenging_toekennen,
        name="verlenging_toekennen",
    ),
    path(
        "verlengingen/<int:pk>/afwijzen/",
        termijnen_views.verlenging_afwijzen,
        name="verlenging_afwijzen",
    ),
    path("emails/mislukt/", views.emails_mislukt, name="emails_mislukt"),
    path("emails/<int:pk>/opnieuw/", views.email_opnieuw, name="email_opnieuw"),
    path("agenda/", views.agenda, name="agenda"),
    path("agenda/vernieuwen/", views.agenda_vernieuwen, name="agenda_vernieuwen"),
    path("agenda/<str:token>.ics", views.agenda_feed, name="agenda_feed"),
]

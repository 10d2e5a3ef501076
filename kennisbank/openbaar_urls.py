"""The public archive (``/openbaar/``): the only pages of the application without login."""

from django.urls import path

from . import openbaar

app_name = "openbaar"
urlpatterns = [
    path("", openbaar.archief_lijst, name="archief"),
    path("feed.atom", openbaar.ArchiefFeed(), name="feed"),
    path("<str:kenmerk>/", openbaar.paper, name="paper"),
    path("<str:kenmerk>/pdf", openbaar.paper_pdf, name="pdf"),
]

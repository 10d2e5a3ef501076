"""``GebruikerMiddleware``: the view gets the user object itself, not Django's and
django-otp's lazy wrappers, with what django-otp adds to it; nothing changes for who is
logged in or not, and unwrapping costs no query."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.functional import LazyObject

from organisaties.models import Gebruiker

pytestmark = pytest.mark.django_db


def test_ingelogd_de_gebruiker_zelf_met_otp(client, secretaris):
    client.force_login(secretaris)
    antwoord = client.get(reverse("consultaties:dashboard"))
    assert antwoord.status_code == 200
    gebruiker = antwoord.wsgi_request.user
    assert type(gebruiker) is Gebruiker and not isinstance(gebruiker, LazyObject)
    assert gebruiker.pk == secretaris.pk
    assert gebruiker.is_verified() is False  # django-otp's attributes are kept
    assert gebruiker.otp_device is None


def test_anoniem_blijft_anoniem_zonder_query(client):
    with CaptureQueriesContext(connection) as queries:
        antwoord = client.get("/gezondheid/live")
    assert antwoord.status_code == 200
    assert isinstance(antwoord.wsgi_request.user, AnonymousUser)
    assert len(queries) == 0
    # A page that needs a login still sends an anonymous visitor to it.
    antwoord = client.get(reverse("consultaties:dashboard"))
    assert antwoord.status_code == 302 and reverse("login") in antwoord["Location"]

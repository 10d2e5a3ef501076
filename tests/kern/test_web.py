"""One error path on the web: a refused action answers the same way on every page."""

import pytest
from django.urls import reverse

from rapporten.models import Rapport

MELDING = "Uw actie is niet uitgevoerd"


@pytest.fixture
def ingelogd(client, secretaris):
    client.force_login(secretaris)
    return client


@pytest.mark.django_db
def test_geweigerde_acties_geven_overal_409_met_dezelfde_melding(
    ingelogd, open_consultatie, reactie_a
):
    concept = Rapport.objects.create(consultatie=open_consultatie, versie=1)
    verzoeken = [
        reverse("consultaties:transitie", args=[open_consultatie.pk, "openstellen"]),
        reverse("reacties:transitie", args=[reactie_a.pk, "accepteren"]),
        reverse("rapporten:verzenden", args=[concept.pk]),
    ]
    for url in verzoeken:
        response = ingelogd.post(url, {"toelichting": ""})
        assert response.status_code == 409, url
        assert MELDING in response.content.decode(), url


@pytest.mark.django_db
def test_verplichte_toelichting_opent_het_actieformulier_opnieuw_met_invoer(
    ingelogd, open_consultatie
):
    url = reverse("consultaties:transitie", args=[open_consultatie.pk, "intrekken"])
    response = ingelogd.post(url, {"toelichting": "   "})
    assert response.status_code == 400
    open_consultatie.refresh_from_db()
    assert open_consultatie.status == "open"
    assert "Geef een reden voor het intrekken." in response.content.decode()

"""Attachments on a response through the API (issue 15): list, upload (multipart) and
download, with the same content checks as the web form and the response's visibility."""

import pytest
from django.core.files.base import ContentFile

from reacties import services as reactie_services
from reacties.models import Bijlage, Reactie
from tests import factories
from tests.apihulp import api_client, assert_probleem

pytestmark = pytest.mark.django_db


def url(reactie, bijlage=None):
    basis = f"/api/v1/reacties/{reactie.pk}/bijlagen"
    return f"{basis}/{bijlage.pk}" if bijlage else basis


def uploaden(user, reactie, inhoud=factories.PDF_BYTES, naam="onderbouwing.pdf"):
    return api_client(user).post(
        url(reactie), {"bestand": ContentFile(inhoud, name=naam)}, format="multipart"
    )


@pytest.fixture
def toets(reactie_a, opsteller_a):
    return reactie_services.reactie_starten(reactie=reactie_a, actor=opsteller_a)


def test_eigen_organisatie_voegt_toe_ziet_en_downloadt(toets, opsteller_a, accordeerder_a):
    response = uploaden(opsteller_a, toets)
    assert response.status_code == 201, response.json()
    data = response.json()
    assert data["bestandsnaam"] == "onderbouwing.pdf"
    assert data["contentType"] == "application/pdf"
    assert data["download"].endswith(f"/api/v1/reacties/{toets.pk}/bijlagen/{data['id']}")

    [bijlage] = api_client(accordeerder_a).get(url(toets)).json()
    assert bijlage["id"] == data["id"]
    download = api_client(accordeerder_a).get(data["download"], HTTP_ACCEPT="application/pdf")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == factories.PDF_BYTES
    assert download["Content-Type"] == "application/pdf"
    assert "sandbox" in download["Content-Security-Policy"]


def test_inhoud_wordt_gecontroleerd(toets, opsteller_a):
    data = assert_probleem(uploaden(opsteller_a, toets, b"MZ\x90\x00", "rapport.pdf"), 400)
    assert [p["name"] for p in data["invalidParams"]] == ["bestand"]
    assert not toets.bijlagen.exists()


def test_zonder_bestand_is_400(toets, opsteller_a):
    response = api_client(opsteller_a).post(url(toets), {}, format="multipart")
    assert_probleem(response, 400)


def test_andere_organisatie_en_ministerie_zien_het_concept_niet(
    toets, opsteller_a, opsteller_b, ministerie_gebruiker
):
    uploaden(opsteller_a, toets)
    bijlage = toets.bijlagen.get()
    for user in (opsteller_b, ministerie_gebruiker):
        assert_probleem(api_client(user).get(url(toets)), 404)
        assert_probleem(api_client(user).get(url(toets, bijlage)), 404)
        assert_probleem(uploaden(user, toets), 404)
    assert toets.bijlagen.count() == 1


def test_bijlage_van_een_andere_reactie_is_404(toets, reactie_b, opsteller_a, opsteller_b):
    reactie_services.reactie_starten(reactie=reactie_b, actor=opsteller_b)
    uploaden(opsteller_b, reactie_b)
    vreemd = reactie_b.bijlagen.get()
    assert_probleem(api_client(opsteller_a).get(url(toets, vreemd)), 404)


def test_niet_ingelogd_is_401(toets):
    assert_probleem(api_client().get(url(toets)), 401)


def test_na_ter_accordering_geen_bijlagen_meer(reactie_a_ter_accordering, opsteller_a):
    assert_probleem(uploaden(opsteller_a, reactie_a_ter_accordering), 409)


def test_ministerie_leest_bijlage_van_verzonden_paper_maar_voegt_niets_toe(
    verzonden, ministerie_gebruiker, org_a
):
    reactie = Reactie.objects.get(consultatie=verzonden.consultatie, organisatie=org_a)
    bijlage = Bijlage(
        reactie=reactie,
        bestandsnaam="onderbouwing.pdf",
        content_type="application/pdf",
        grootte=len(factories.PDF_BYTES),
        sha256="0" * 64,
        geupload_door=factories.opsteller(org_a),
    )
    bijlage.bestand.save("bijlage", ContentFile(factories.PDF_BYTES), save=True)
    client = api_client(ministerie_gebruiker)
    assert [b["id"] for b in client.get(url(reactie)).json()] == [bijlage.pk]
    assert client.get(url(reactie, bijlage)).status_code == 200
    assert_probleem(uploaden(ministerie_gebruiker, reactie), 403)


def test_lijst_met_vast_aantal_queries(toets, opsteller_a, django_assert_max_num_queries):
    for naam in ("a.pdf", "b.pdf", "c.pdf"):
        uploaden(opsteller_a, toets, naam=naam)
    client = api_client(opsteller_a)
    with django_assert_max_num_queries(6):
        assert len(client.get(url(toets)).json()) == 3

"""Service messages follow the interface language (issue 15): a refused transition (409)
and a validation error (400) read in English on the web and in the API when English is
chosen, and in Dutch by default. Dutch user text on English list pages carries lang="nl"."""

from html import unescape

import pytest
from django.urls import reverse

from notificaties.models import Notificatie
from tests import factories
from tests.apihulp import api_client

ENGELS = {
    "weigering": "The action 'openstellen' is not possible in the status",
    "validatie": "Invite at least one organisation.",
}
NEDERLANDS = {
    "weigering": "De actie 'openstellen' is niet mogelijk in de status",
    "validatie": "Nodig ten minste één organisatie uit.",
}


@pytest.fixture
def concept(secretaris, ministerie):
    return factories.consultatie(secretaris_gebruiker=secretaris, ministerie=ministerie)


def _web(client, secretaris, consultatie, taal):
    client.force_login(secretaris)
    if taal:
        client.post("/i18n/setlang/", {"language": taal, "next": "/"})
    url = reverse("consultaties:transitie", args=[consultatie.pk, "openstellen"])
    response = client.post(url)
    return response.status_code, unescape(response.content.decode())


def _api(secretaris, consultatie, taal):
    headers = {"HTTP_ACCEPT_LANGUAGE": taal} if taal else {}
    response = api_client(secretaris).post(
        f"/api/v1/consultaties/{consultatie.pk}/openstellen", {}, format="json", **headers
    )
    return response.status_code, response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("taal", "verwacht", "fout"), [("en", ENGELS, NEDERLANDS), (None, NEDERLANDS, ENGELS)]
)
def test_weigering_en_validatiefout_in_de_gekozen_taal(
    client, secretaris, concept, open_consultatie, taal, verwacht, fout
):
    status, inhoud = _web(client, secretaris, open_consultatie, taal)
    assert status == 409
    assert verwacht["weigering"] in inhoud and fout["weigering"] not in inhoud
    status, inhoud = _web(client, secretaris, concept, taal)
    assert status == 400
    assert verwacht["validatie"] in inhoud and fout["validatie"] not in inhoud

    status, inhoud = _api(secretaris, open_consultatie, taal)
    assert status == 409
    assert verwacht["weigering"] in inhoud and fout["weigering"] not in inhoud
    status, inhoud = _api(secretaris, concept, taal)
    assert status == 400
    assert verwacht["validatie"] in inhoud and fout["validatie"] not in inhoud


@pytest.mark.django_db
def test_flashmelding_van_het_paper_volgt_de_taal(client, secretaris, open_consultatie):
    """rapporten/views.py: "Versie N wordt gemaakt." — and a refused one in English."""
    client.force_login(secretaris)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    url = reverse("rapporten:nieuw", args=[open_consultatie.pk])
    inhoud = client.post(url, {"bestuurlijke_samenvatting": "", "aanbevelingen": ""}).content
    assert "A position paper can only be made of a closed consultation" in unescape(inhoud.decode())


@pytest.mark.django_db
def test_lijstpaginas_markeren_nederlandse_titels(
    client, secretaris, opsteller_a, open_consultatie
):
    titel = open_consultatie.titel
    Notificatie.objects.create(
        ontvanger=opsteller_a, soort="test", onderwerp="Nieuwe consultatie", tekst="Lees dit"
    )
    for gebruiker, paginas in (
        (secretaris, ["consultaties:dashboard", "consultaties:lijst", "notificaties:achterstand"]),
        (opsteller_a, ["consultaties:dashboard", "notificaties:werklast"]),
    ):
        client.force_login(gebruiker)
        client.post("/i18n/setlang/", {"language": "en", "next": "/"})
        for naam in paginas:
            response = client.get(reverse(naam), follow=True)
            assert response.status_code == 200, naam
            assert f'lang="nl">{titel}<' in response.content.decode(), naam
        client.post("/i18n/setlang/", {"language": "nl", "next": "/"})
        for naam in paginas:
            assert (
                'lang="nl"' + ">" + titel
                not in client.get(reverse(naam), follow=True).content.decode()
            )
    client.force_login(opsteller_a)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    inhoud = client.get(reverse("notificaties:lijst")).content.decode()
    assert '<span lang="nl">Nieuwe consultatie</span>' in inhoud
    assert '<p lang="nl">Lees dit</p>' in inhoud


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("taal", "verwacht", "fout"),
    [
        ("en", "Enter a number of 0 or more.", "Vul een getal van 0 of meer in."),
        (None, "Vul een getal van 0 of meer in.", "Enter a number of 0 or more."),
    ],
)
def test_validatie_van_de_toets_in_de_gekozen_taal(opsteller_a, reactie_a, taal, verwacht, fout):
    from reacties.services import reactie_starten

    reactie = reactie_starten(reactie=reactie_a, actor=opsteller_a)
    headers = {"HTTP_ACCEPT_LANGUAGE": taal} if taal else {}
    response = api_client(opsteller_a).patch(
        f"/api/v1/reacties/{reactie.pk}",
        {"versie": reactie.versie, "fteIncidenteel": "-1"},
        format="json",
        **headers,
    )
    assert response.status_code == 400
    inhoud = response.content.decode()
    assert verwacht in inhoud and fout not in inhoud

from datetime import timedelta

import pytest
from django.urls import reverse
from icalendar import Calendar

from consultaties import services as consultatie_services
from notificaties import services
from tests import factories


def feed(client, organisatie):
    token = services.agenda_token(organisatie).token
    return client.get(reverse("notificaties:agenda_feed", args=[token]))


def events(antwoord):
    kalender = Calendar.from_ical(antwoord.content)
    return list(kalender.walk("VEVENT"))


@pytest.mark.django_db
def test_agenda_bevat_de_termijnen_van_de_organisatie(client, reactie_a, org_a):
    antwoord = feed(client, org_a)
    assert antwoord.status_code == 200
    assert antwoord["Content-Type"].startswith("text/calendar")
    (event,) = events(antwoord)
    consultatie = reactie_a.consultatie
    assert event.decoded("dtstart") == consultatie.termijn.replace(microsecond=0)
    assert consultatie.kenmerk in str(event["summary"])
    assert str(event["uid"]) == f"reactie-{reactie_a.pk}-termijn@tegenkracht"
    assert f"/reacties/{reactie_a.pk}/" in str(event["url"])


@pytest.mark.django_db
def test_agenda_toont_de_verlengde_termijn(client, reactie_a, org_a, secretaris):
    verlengd = reactie_a.effectieve_termijn + timedelta(days=10)
    consultatie_services.consultatie_termijn_verlengen(
        consultatie=reactie_a.consultatie, actor=secretaris, termijn=verlengd, organisatie=org_a
    )
    (event,) = events(feed(client, org_a))
    assert event.decoded("dtstart") == verlengd.replace(microsecond=0)


@pytest.mark.django_db
def test_agenda_toont_geen_consultaties_van_anderen(
    client, reactie_a, org_a, secretaris, ministerie
):
    anders = factories.OrganisatieFactory(afkorting="DUO", naam="DUO")
    factories.consultatie(
        secretaris_gebruiker=secretaris,
        ministerie=ministerie,
        organisaties=[anders],
        open=True,
        titel="Alleen voor DUO",
    )
    inhoud = feed(client, org_a).content.decode()
    assert "Alleen voor DUO" not in inhoud
    assert len(events(feed(client, anders))) == 1


@pytest.mark.django_db
def test_onbekend_token_geeft_404(client, reactie_a):
    url = reverse("notificaties:agenda_feed", args=["verzonnen-token"])
    assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_nieuw_token_maakt_het_oude_ongeldig(client, reactie_a, org_a, opsteller_a):
    oud = services.agenda_token(org_a).token
    client.force_login(opsteller_a)
    pagina = client.get(reverse("notificaties:agenda"))
    assert pagina.status_code == 200
    assert oud in pagina.content.decode()
    assert client.post(reverse("notificaties:agenda_vernieuwen")).status_code == 302
    client.logout()
    nieuw = services.agenda_token(org_a).token
    assert nieuw != oud
    assert client.get(reverse("notificaties:agenda_feed", args=[oud])).status_code == 404
    assert client.get(reverse("notificaties:agenda_feed", args=[nieuw])).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("wie", ["secretaris", "ministerie_gebruiker"])
def test_agendabeheer_alleen_voor_organisaties(client, request, wie):
    client.force_login(request.getfixturevalue(wie))
    assert client.get(reverse("notificaties:agenda")).status_code == 403
    assert client.post(reverse("notificaties:agenda_vernieuwen")).status_code == 403


@pytest.mark.django_db
def test_agenda_vernieuwen_vraagt_post_en_inloggen(client, opsteller_a):
    assert client.post(reverse("notificaties:agenda_vernieuwen")).status_code == 302  # login
    client.force_login(opsteller_a)
    assert client.get(reverse("notificaties:agenda_vernieuwen")).status_code == 405

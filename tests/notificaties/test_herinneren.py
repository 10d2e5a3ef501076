"""Reminding a selection of laggards now: e-mail and in-app notification, audited; each
through the single reminder's service; refusals named with their reason."""

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from notificaties import services
from notificaties.models import Email, Notificatie
from tests import factories
from tests.werkhulp import medewerker, per_afkorting

pytestmark = pytest.mark.django_db


@pytest.fixture
def org_c(db):
    return factories.OrganisatieFactory(afkorting="DUO", naam="Dienst Uitvoering Onderwijs")


def test_herinnering_mailt_meldt_en_staat_in_de_audit(drie_ingediend, secretaris, org_c):
    duo = per_afkorting(drie_ingediend)["DUO"]
    accordeerder = medewerker(org_c, "accordeerder")
    [resultaat] = services.reacties_herinneren(
        ids=[duo.pk], actor=secretaris, toelichting="Graag vóór vrijdag."
    )
    assert resultaat.gelukt
    ontvangers = set(
        Notificatie.objects.filter(soort="herinnering_secretariaat").values_list(
            "ontvanger", flat=True
        )
    )
    assert ontvangers == {medewerker(org_c, "opsteller").pk, accordeerder.pk}
    email = Email.objects.get(aan=accordeerder.email)
    assert "Herinnering van het secretariaat" in email.onderwerp
    assert "Graag vóór vrijdag." in email.tekst
    event = AuditEvent.objects.voor(duo).get(actie="herinnerd_door_secretariaat")
    assert event.actor == secretaris and event.toelichting == "Graag vóór vrijdag."


def test_niet_tweemaal_op_een_dag(drie_ingediend, secretaris):
    duo = per_afkorting(drie_ingediend)["DUO"]
    services.reacties_herinneren(ids=[duo.pk], actor=secretaris)
    [tweede] = services.reacties_herinneren(ids=[duo.pk], actor=secretaris)
    assert tweede.status == 409 and "al herinnerd" in tweede.melding


def test_gedeeltelijk_mislukt_noemt_wie_en_waarom(drie_ingediend, secretaris):
    r = per_afkorting(drie_ingediend)
    resultaten = services.reacties_herinneren(ids=[r["UWV"].pk, r["DUO"].pk], actor=secretaris)
    assert [x.status for x in resultaten] == [409, 200]
    assert (
        "ingediend" in resultaten[0].melding
        and "wacht niet op de organisatie" in resultaten[0].melding
    )


def test_alleen_het_secretariaat(drie_ingediend, org_c):
    duo = per_afkorting(drie_ingediend)["DUO"]
    [resultaat] = services.reacties_herinneren(
        ids=[duo.pk], actor=medewerker(org_c, "accordeerder")
    )
    assert resultaat.status == 403
    assert not Notificatie.objects.filter(soort="herinnering_secretariaat").exists()


def test_web_herinneren_en_terug(client, drie_ingediend, secretaris):
    r = per_afkorting(drie_ingediend)
    client.force_login(secretaris)
    terug = reverse("consultaties:detail", args=[drie_ingediend.pk]) + "?status=lopend"
    response = client.post(
        reverse("notificaties:herinneren"),
        {"reacties": [r["DUO"].pk, r["UWV"].pk], "terug": terug},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == terug
    meldingen = [str(m) for m in response.context["messages"]]
    assert meldingen[0] == "1 organisatie herinnerd: Dienst Uitvoering Onderwijs."
    assert meldingen[1].startswith(f"Niet gelukt bij {r['UWV'].organisatie.naam}:")


def test_web_herinneren_alleen_secretariaat(client, drie_ingediend, org_c):
    client.force_login(medewerker(org_c, "opsteller"))
    duo = per_afkorting(drie_ingediend)["DUO"]
    assert (
        client.post(reverse("notificaties:herinneren"), {"reacties": [duo.pk]}).status_code == 403
    )

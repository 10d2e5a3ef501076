"""Irreversible actions ask first: a confirmation step that works without JavaScript, in
the warning style, and only then the service runs. Refusals still come first."""

import pytest
from django.urls import reverse

from consultaties.models import Status as ConsultatieStatus
from reacties import services as reactie_services
from reacties.models import Status as ReactieStatus
from termijnen import services as notificatie_services
from termijnen.models import VerzoekStatus
from tests import factories

pytestmark = pytest.mark.django_db

BEVESTIGEN = 'name="bevestigd" value="1"'


def test_openstellen_vraagt_bevestiging_en_stelt_pas_daarna_open(
    client, secretaris, ministerie, org_a, opsteller_a
):
    concept = factories.consultatie(
        secretaris_gebruiker=secretaris, ministerie=ministerie, organisaties=[org_a]
    )
    client.force_login(secretaris)
    url = reverse("consultaties:transitie", args=[concept.pk, "openstellen"])
    vraag = client.post(url)
    assert vraag.status_code == 200
    inhoud = vraag.content.decode()
    assert BEVESTIGEN in inhoud and "utrecht-button--warning" in inhoud
    assert "Dit kunt u niet ongedaan maken." in inhoud
    assert reverse("consultaties:detail", args=[concept.pk]) in inhoud  # the way back
    concept.refresh_from_db()
    assert concept.status == ConsultatieStatus.CONCEPT
    assert client.post(url, {"bevestigd": "1"}).status_code == 302
    concept.refresh_from_db()
    assert concept.status == ConsultatieStatus.OPEN


def test_intrekken_neemt_de_reden_mee_naar_de_bevestiging(client, secretaris, open_consultatie):
    client.force_login(secretaris)
    url = reverse("consultaties:transitie", args=[open_consultatie.pk, "intrekken"])
    vraag = client.post(url, {"toelichting": "Wetsvoorstel vervalt."})
    assert 'name="toelichting" value="Wetsvoorstel vervalt."' in vraag.content.decode()
    assert (
        client.post(url, {"toelichting": "Wetsvoorstel vervalt.", "bevestigd": "1"}).status_code
        == 302
    )
    open_consultatie.refresh_from_db()
    assert open_consultatie.status == ConsultatieStatus.INGETROKKEN


def test_intrekken_zonder_reden_geeft_eerst_de_fout_niet_de_vraag(
    client, secretaris, open_consultatie
):
    client.force_login(secretaris)
    url = reverse("consultaties:transitie", args=[open_consultatie.pk, "intrekken"])
    antwoord = client.post(url, {"toelichting": ""})
    assert antwoord.status_code == 400 and BEVESTIGEN not in antwoord.content.decode()


def test_accepteren_vanaf_de_consultatiepagina_keert_daar_terug(
    client, secretaris, reactie_a_ter_accordering, accordeerder_a2
):
    reactie = reactie_services.reactie_indienen(
        reactie=reactie_a_ter_accordering, actor=accordeerder_a2
    )
    client.force_login(secretaris)
    url = reverse("reacties:transitie", args=[reactie.pk, "accepteren"])
    vraag = client.post(url, {"terug": "consultatie"})
    assert 'name="terug" value="consultatie"' in vraag.content.decode()
    reactie.refresh_from_db()
    assert reactie.status == ReactieStatus.INGEDIEND
    antwoord = client.post(url, {"terug": "consultatie", "bevestigd": "1"})
    assert antwoord["Location"] == reverse("consultaties:detail", args=[reactie.consultatie_id])
    reactie.refresh_from_db()
    assert reactie.status == ReactieStatus.GEACCEPTEERD


def test_wie_niet_mag_krijgt_geen_vraag_maar_403_of_409(
    client, opsteller_a, reactie_a_ter_accordering, accordeerder_a2
):
    reactie = reactie_services.reactie_indienen(
        reactie=reactie_a_ter_accordering, actor=accordeerder_a2
    )
    client.force_login(opsteller_a)
    url = reverse("reacties:transitie", args=[reactie.pk, "accepteren"])
    assert client.post(url).status_code == 403
    client.force_login(accordeerder_a2)
    openstellen = reverse("consultaties:transitie", args=[reactie.consultatie_id, "openstellen"])
    assert client.post(openstellen).status_code == 409  # already open: the refusal, no question


def test_andermans_consultatie_is_404_ook_voor_de_vraag(client, opsteller_b, open_consultatie):
    ander = factories.opsteller(factories.OrganisatieFactory(afkorting="DUO", naam="DUO"))
    client.force_login(ander)
    url = reverse("consultaties:transitie", args=[open_consultatie.pk, "intrekken"])
    assert client.post(url, {"toelichting": "x"}).status_code == 404


def test_verlenging_afwijzen_vraagt_bevestiging(client, secretaris, reactie_a, opsteller_a):
    verzoek = notificatie_services.verlenging_aanvragen(
        reactie=reactie_a, actor=opsteller_a, reden="Bestuurder afwezig."
    )
    client.force_login(secretaris)
    url = reverse("notificaties:verlenging_afwijzen", args=[verzoek.pk])
    vraag = client.post(url, {"toelichting": "Geen grond."})
    assert vraag.status_code == 200 and BEVESTIGEN in vraag.content.decode()
    verzoek.refresh_from_db()
    assert verzoek.status == VerzoekStatus.AANGEVRAAGD
    client.post(url, {"toelichting": "Geen grond.", "bevestigd": "1"})
    verzoek.refresh_from_db()
    assert verzoek.status == VerzoekStatus.AFGEWEZEN


def test_knoppen_van_onomkeerbare_acties_zien_er_anders_uit(client, secretaris, open_consultatie):
    client.force_login(secretaris)
    inhoud = client.get(reverse("consultaties:detail", args=[open_consultatie.pk])).content.decode()
    intrekken = inhoud.split(f'action="/consultaties/{open_consultatie.pk}/intrekken/"', 1)[1]
    assert "utrecht-button--warning" in intrekken.split("</form>", 1)[0]
    sluiten = inhoud.split(f'action="/consultaties/{open_consultatie.pk}/sluiten/"', 1)[1]
    assert "utrecht-button--warning" not in sluiten.split("</form>", 1)[0]

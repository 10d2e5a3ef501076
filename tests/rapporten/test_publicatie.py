"""Open publication: the secretariat publishes the sent paper, at once or from a later day,
moves a planned day and withdraws it — through one service, audited, for the web and the
API alike. Who may, which version may, and what the public archive then holds."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from audit.models import AuditEvent
from kern.workflow import TransitieNietToegestaan
from rapporten import services
from rapporten.models import Rapport
from tests import factories
from tests.apihulp import api_client, assert_probleem


def _openbaar():
    return list(Rapport.objects.openbaar())


def _acties(rapport):
    return list(AuditEvent.objects.voor(rapport).values_list("actie", flat=True))


# --- the service -------------------------------------------------------------------------


@pytest.mark.django_db
def test_secretaris_publiceert_verzonden_paper_meteen(verzonden, secretaris):
    rapport = services.rapport_publiceren(rapport=verzonden, actor=secretaris)
    assert rapport.is_openbaar
    assert _openbaar() == [rapport]
    assert "publiceren" in _acties(rapport)
    # Published: nothing more to publish, only to withdraw.
    assert services.toegestane_acties(secretaris, rapport) == ["publicatie_intrekken"]


@pytest.mark.django_db
def test_publiceren_vanaf_een_latere_datum_is_pas_dan_openbaar(verzonden, secretaris):
    later = timezone.now() + timedelta(days=10)
    rapport = services.rapport_publiceren(rapport=verzonden, actor=secretaris, openbaar_vanaf=later)
    assert rapport.publicatie_gepland and not rapport.is_openbaar
    assert _openbaar() == []
    assert list(Rapport.objects.openbaar(nu=later)) == [rapport]
    assert list(Rapport.objects.openbaar(nu=later - timedelta(seconds=1))) == []
    assert set(services.toegestane_acties(secretaris, rapport)) == {
        "publiceren",
        "publicatie_intrekken",
    }


@pytest.mark.django_db
def test_geplande_datum_wijzigen_wordt_apart_gelogd(verzonden, secretaris):
    nu = timezone.now()
    services.rapport_publiceren(
        rapport=verzonden, actor=secretaris, openbaar_vanaf=nu + timedelta(days=10)
    )
    rapport = services.rapport_publiceren(
        rapport=verzonden, actor=secretaris, openbaar_vanaf=nu + timedelta(days=3)
    )
    assert rapport.openbaar_vanaf == nu + timedelta(days=3)
    assert _acties(rapport)[-2:] == ["publiceren", "publicatiedatum_gewijzigd"]
    # Moving it to today makes it public at once.
    rapport = services.rapport_publiceren(rapport=rapport, actor=secretaris)
    assert rapport.is_openbaar


@pytest.mark.django_db
def test_moment_in_het_verleden_betekent_meteen(verzonden, secretaris):
    voor = timezone.now()
    rapport = services.rapport_publiceren(
        rapport=verzonden, actor=secretaris, openbaar_vanaf=voor - timedelta(days=400)
    )
    assert rapport.openbaar_vanaf >= voor


@pytest.mark.django_db
def test_al_openbaar_paper_verschuift_niet(verzonden, secretaris):
    services.rapport_publiceren(rapport=verzonden, actor=secretaris)
    with pytest.raises(TransitieNietToegestaan, match="al openbaar"):
        services.rapport_publiceren(
            rapport=verzonden,
            actor=secretaris,
            openbaar_vanaf=timezone.now() + timedelta(days=5),
        )
    assert Rapport.objects.get(pk=verzonden.pk).is_openbaar


@pytest.mark.django_db
def test_datum_te_ver_weg_is_een_invoerfout(verzonden, secretaris):
    with pytest.raises(ValidationError) as fout:
        services.rapport_publiceren(
            rapport=verzonden,
            actor=secretaris,
            openbaar_vanaf=timezone.now() + timedelta(days=366 * 4),
        )
    assert "openbaar_vanaf" in fout.value.message_dict
    assert _openbaar() == []


@pytest.mark.django_db
def test_concept_en_definitief_maar_niet_verzonden_kunnen_niet_openbaar(concept, secretaris):
    with pytest.raises(TransitieNietToegestaan, match="verzonden"):
        services.rapport_publiceren(rapport=concept, actor=secretaris)
    definitief = services.rapport_definitief_maken(rapport=concept, actor=secretaris)
    with pytest.raises(TransitieNietToegestaan, match="verzonden"):
        services.rapport_publiceren(rapport=definitief, actor=secretaris)
    assert "publiceren" not in services.toegestane_acties(secretaris, definitief)
    assert _openbaar() == []


@pytest.mark.django_db
def test_alleen_de_secretaris_mag_publiceren(
    verzonden, ministerie_gebruiker, opsteller_a, accordeerder_a, beheerder_a
):
    for actor in (ministerie_gebruiker, opsteller_a, accordeerder_a, beheerder_a):
        with pytest.raises(PermissionDenied):
            services.rapport_publiceren(rapport=verzonden, actor=actor)
        assert "publiceren" not in services.toegestane_acties(actor, verzonden)
    assert _openbaar() == []


@pytest.mark.django_db
def test_inactieve_secretaris_mag_niet(verzonden, secretaris):
    secretaris.is_active = False
    secretaris.save(update_fields=["is_active"])
    with pytest.raises(PermissionDenied):
        services.rapport_publiceren(rapport=verzonden, actor=secretaris)


@pytest.mark.django_db
def test_intrekken_haalt_het_paper_uit_het_archief(verzonden, secretaris, ministerie_gebruiker):
    services.rapport_publiceren(rapport=verzonden, actor=secretaris)
    with pytest.raises(PermissionDenied):
        services.rapport_publicatie_intrekken(rapport=verzonden, actor=ministerie_gebruiker)
    rapport = services.rapport_publicatie_intrekken(
        rapport=verzonden, actor=secretaris, toelichting="Op verzoek van het ministerie."
    )
    assert rapport.openbaar_vanaf is None and not rapport.is_openbaar
    assert _openbaar() == []
    event = AuditEvent.objects.voor(rapport).get(actie="publicatie_intrekken")
    assert event.toelichting == "Op verzoek van het ministerie."
    assert event.actor == secretaris
    with pytest.raises(TransitieNietToegestaan, match="niet openbaar"):
        services.rapport_publicatie_intrekken(rapport=rapport, actor=secretaris)
    # And it can be published again.
    assert services.rapport_publiceren(rapport=rapport, actor=secretaris).is_openbaar


@pytest.mark.django_db
def test_geplande_publicatie_intrekken(verzonden, secretaris):
    services.rapport_publiceren(
        rapport=verzonden, actor=secretaris, openbaar_vanaf=timezone.now() + timedelta(days=2)
    )
    services.rapport_publicatie_intrekken(rapport=verzonden, actor=secretaris)
    assert list(Rapport.objects.openbaar(nu=timezone.now() + timedelta(days=3))) == []


@pytest.mark.django_db
def test_auditacties_hebben_een_nederlands_label():
    from audit import acties

    assert acties.label("publiceren") == "Openbaar gemaakt"
    assert acties.label("publicatie_intrekken") == "Publicatie ingetrokken"
    assert acties.label("publicatiedatum_gewijzigd") == "Datum van openbaarmaking gewijzigd"


# --- the web (secretariat) ------------------------------------------------------------------


@pytest.mark.django_db
def test_publiceren_op_het_web_vraagt_eerst_bevestiging(client, verzonden, secretaris):
    client.force_login(secretaris)
    pagina = client.get(f"/rapporten/{verzonden.pk}/")
    assert b"Niet openbaar" in pagina.content
    datum = (timezone.localdate() + timedelta(days=7)).isoformat()
    eerst = client.post(f"/rapporten/{verzonden.pk}/publiceren", {"openbaar_vanaf": datum})
    assert eerst.status_code == 200
    assert b"weet u het zeker" in eerst.content
    assert f'name="openbaar_vanaf" value="{datum}"'.encode() in eerst.content
    assert _openbaar() == [] and Rapport.objects.get(pk=verzonden.pk).openbaar_vanaf is None
    bevestigd = client.post(
        f"/rapporten/{verzonden.pk}/publiceren", {"openbaar_vanaf": datum, "bevestigd": "1"}
    )
    assert bevestigd.status_code == 302
    rapport = Rapport.objects.get(pk=verzonden.pk)
    assert timezone.localtime(rapport.openbaar_vanaf).date().isoformat() == datum
    assert timezone.localtime(rapport.openbaar_vanaf).hour == 0
    pagina = client.get(f"/rapporten/{verzonden.pk}/")
    assert b"Wordt openbaar op" in pagina.content
    consultatiepagina = client.get(f"/consultaties/{verzonden.consultatie_id}/")
    assert b"openbaar vanaf" in consultatiepagina.content
    # At once, then withdraw.
    client.post(f"/rapporten/{verzonden.pk}/publiceren", {"openbaar_vanaf": "", "bevestigd": "1"})
    assert Rapport.objects.get(pk=verzonden.pk).is_openbaar
    consultatiepagina = client.get(f"/consultaties/{verzonden.consultatie_id}/")
    assert f"/openbaar/{verzonden.consultatie.kenmerk}/".encode() in consultatiepagina.content
    ingetrokken = client.post(f"/rapporten/{verzonden.pk}/publicatie-intrekken", {})
    assert ingetrokken.status_code == 302
    assert _openbaar() == []


@pytest.mark.django_db
def test_web_publiceren_ongeldige_datum_geeft_400(client, verzonden, secretaris):
    client.force_login(secretaris)
    antwoord = client.post(
        f"/rapporten/{verzonden.pk}/publiceren", {"openbaar_vanaf": "9999-12-31", "bevestigd": "1"}
    )
    assert antwoord.status_code == 400
    assert _openbaar() == []


@pytest.mark.django_db
def test_web_andere_rollen(client, verzonden, ministerie_gebruiker, opsteller_a):
    # Roles that see the paper: 403, and no publication section on its page.
    for gebruiker in (ministerie_gebruiker, opsteller_a):
        client.force_login(gebruiker)
        assert client.post(f"/rapporten/{verzonden.pk}/publiceren", {}).status_code == 403
        assert client.post(f"/rapporten/{verzonden.pk}/publicatie-intrekken").status_code == 403
        assert b'id="openbaarheid"' not in client.get(f"/rapporten/{verzonden.pk}/").content
    # An organisation that did not contribute does not see the paper at all: 404.
    client.force_login(factories.opsteller(factories.OrganisatieFactory(afkorting="XYZ")))
    assert client.post(f"/rapporten/{verzonden.pk}/publiceren", {}).status_code == 404
    assert _openbaar() == []


@pytest.mark.django_db
def test_web_concept_publiceren_is_409(client, concept, secretaris):
    client.force_login(secretaris)
    antwoord = client.post(f"/rapporten/{concept.pk}/publiceren", {"bevestigd": "1"})
    assert antwoord.status_code == 409
    assert _openbaar() == []


# --- the API --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_api_publiceren_en_intrekken(verzonden, secretaris):
    api = api_client(secretaris)
    later = (timezone.now() + timedelta(days=5)).replace(microsecond=0)
    antwoord = api.post(
        f"/api/v1/rapporten/{verzonden.pk}/publiceren",
        {"openbaarVanaf": later.isoformat()},
        format="json",
    )
    assert antwoord.status_code == 200, antwoord.content
    data = antwoord.json()
    assert data["openbaarVanaf"] is not None
    assert "openbaar" not in data["_links"]
    assert set(data["toegestaneActies"]) >= {"publiceren", "publicatie-intrekken"}
    antwoord = api.post(f"/api/v1/rapporten/{verzonden.pk}/publiceren", {}, format="json")
    assert antwoord.json()["_links"]["openbaar"]["href"].endswith(
        f"/openbaar/{verzonden.consultatie.kenmerk}/"
    )
    assert_probleem(
        api.post(f"/api/v1/rapporten/{verzonden.pk}/publiceren", {}, format="json"), 409
    )
    antwoord = api.post(f"/api/v1/rapporten/{verzonden.pk}/publicatie-intrekken", {}, format="json")
    assert antwoord.status_code == 200
    assert antwoord.json()["openbaarVanaf"] is None
    assert _openbaar() == []


@pytest.mark.django_db
def test_api_ongeldige_invoer(verzonden, secretaris):
    api = api_client(secretaris)
    url = f"/api/v1/rapporten/{verzonden.pk}/publiceren"
    assert_probleem(api.post(url, {"openbaarVanaf": "morgen"}, format="json"), 400)
    assert_probleem(api.post(url, {"status": "openbaar"}, format="json"), 400)
    te_ver = (timezone.now() + timedelta(days=366 * 5)).isoformat()
    assert_probleem(api.post(url, {"openbaarVanaf": te_ver}, format="json"), 400)
    assert _openbaar() == []


@pytest.mark.django_db
def test_api_concept_publiceren_is_409(concept, secretaris):
    api = api_client(secretaris)
    assert_probleem(api.post(f"/api/v1/rapporten/{concept.pk}/publiceren", {}, format="json"), 409)

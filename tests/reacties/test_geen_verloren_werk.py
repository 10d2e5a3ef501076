"""Nobody loses work on the toets form (issue 15): adding a kernpunt or an attachment saves
the draft first, autosave follows the same version rule as a manual save, the form shows
what "ter accordering" needs, and a refused "ter accordering" links to each missing field."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from audit.models import AuditEvent
from reacties import services as reactie_services
from reacties.models import Dimensie, Status
from tests import factories
from tests.reacties.helpers import reactie_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def concept(reactie_a, opsteller_a):
    return reactie_services.reactie_starten(reactie=reactie_a, actor=opsteller_a)


def _kernpunt(**extra):
    return {
        "actie": "kernpunt",
        "kernpunt-dimensie": "ict",
        "kernpunt-tekst": "De koppeling met de BRP is niet op tijd klaar.",
        "kernpunt-ernst": "zwaarwegend",
        **extra,
    }


def test_kernpunt_toevoegen_bewaart_eerst_de_getypte_tekst(client, concept, opsteller_a):
    client.force_login(opsteller_a)
    url = reverse("reacties:bewerken", args=[concept.pk])
    data = reactie_post(concept, kernboodschap="Net getypt, nog niet opgeslagen.", **_kernpunt())
    response = client.post(url, data)
    assert response.status_code == 302
    assert response["Location"].endswith("#kernpunten-kop")
    concept.refresh_from_db()
    assert concept.kernboodschap == "Net getypt, nog niet opgeslagen."
    assert concept.kernpunten.get().tekst == "De koppeling met de BRP is niet op tijd klaar."


def test_kernpunt_met_htmx_laadt_de_hele_pagina(client, concept, opsteller_a):
    client.force_login(opsteller_a)
    url = reverse("reacties:bewerken", args=[concept.pk])
    response = client.post(url, reactie_post(concept, **_kernpunt()), HTTP_HX_REQUEST="true")
    assert response.status_code == 204
    assert response["HX-Redirect"].endswith("#kernpunten-kop")


def test_kernpunt_bij_verouderde_versie_verliest_niets(
    client, concept, opsteller_a, accordeerder_a
):
    begonnen_met = concept.versie
    reactie_services.reactie_bijwerken(
        reactie=concept, actor=accordeerder_a, versie=begonnen_met, velden={"kernboodschap": "X"}
    )
    client.force_login(opsteller_a)
    url = reverse("reacties:bewerken", args=[concept.pk])
    data = reactie_post(concept, versie=begonnen_met, kernboodschap="Mijn tekst", **_kernpunt())
    response = client.post(url, data)
    assert response.status_code == 409
    inhoud = response.content.decode()
    # Both the draft and the kernpunt text are still on the page; nothing was written.
    assert "Mijn tekst" in inhoud
    assert "De koppeling met de BRP is niet op tijd klaar." in inhoud
    concept.refresh_from_db()
    assert concept.kernboodschap == "X"
    assert not concept.kernpunten.exists()


def test_onvolledig_kernpunt_bewaart_wel_het_concept(client, concept, opsteller_a):
    client.force_login(opsteller_a)
    url = reverse("reacties:bewerken", args=[concept.pk])
    data = reactie_post(concept, kernboodschap="Bewaard", **_kernpunt(**{"kernpunt-tekst": ""}))
    response = client.post(url, data)
    assert response.status_code == 400
    assert "kernpunt is nog niet toegevoegd" in response.content.decode()
    concept.refresh_from_db()
    assert concept.kernboodschap == "Bewaard"
    assert not concept.kernpunten.exists()


def test_bijlage_toevoegen_bewaart_concept_en_bestand(client, concept, opsteller_a):
    client.force_login(opsteller_a)
    url = reverse("reacties:bewerken", args=[concept.pk])
    data = reactie_post(concept, kernboodschap="Met bijlage", actie="bijlage")
    data["bijlage"] = SimpleUploadedFile("onderbouwing.pdf", factories.PDF_BYTES)
    response = client.post(url, data)
    assert response.status_code == 302
    concept.refresh_from_db()
    assert concept.kernboodschap == "Met bijlage"
    bijlage = concept.bijlagen.get()
    assert bijlage.bestandsnaam == "onderbouwing.pdf"
    detail = client.get(reverse("reacties:detail", args=[concept.pk])).content.decode()
    assert reverse("reacties:bijlage", args=[concept.pk, bijlage.pk]) in detail


def test_verkeerd_bestand_wordt_geweigerd_maar_concept_bewaard(client, concept, opsteller_a):
    client.force_login(opsteller_a)
    url = reverse("reacties:bewerken", args=[concept.pk])
    data = reactie_post(concept, kernboodschap="Toch bewaard", actie="bijlage")
    data["bijlage"] = SimpleUploadedFile("virus.pdf", b"MZ\x90\x00 geen pdf")
    response = client.post(url, data)
    assert response.status_code == 400
    assert "PDF-, DOCX- of ODT" in response.content.decode()
    concept.refresh_from_db()
    assert concept.kernboodschap == "Toch bewaard"
    assert not concept.bijlagen.exists()


def test_andere_organisatie_kan_formulier_niet_gebruiken(client, concept, opsteller_b):
    client.force_login(opsteller_b)
    url = reverse("reacties:bewerken", args=[concept.pk])
    data = reactie_post(concept, actie="bijlage")
    data["bijlage"] = SimpleUploadedFile("x.pdf", factories.PDF_BYTES)
    assert client.post(url, data).status_code == 404
    assert not concept.bijlagen.exists()


class TestAutomatischOpslaan:
    def url(self, reactie):
        return reverse("reacties:automatisch_opslaan", args=[reactie.pk])

    def test_slaat_het_concept_op_en_geeft_de_nieuwe_versie(self, client, concept, opsteller_a):
        client.force_login(opsteller_a)
        response = client.post(self.url(concept), reactie_post(concept, kernboodschap="Auto"))
        assert response.status_code == 200
        concept.refresh_from_db()
        assert response.json()["versie"] == concept.versie
        assert concept.kernboodschap == "Auto"
        assert AuditEvent.objects.voor(concept).filter(actie="opgeslagen").exists()

    def test_verouderde_versie_wordt_gemeld_en_niet_overschreven(
        self, client, concept, opsteller_a, accordeerder_a
    ):
        begonnen_met = concept.versie
        reactie_services.reactie_bijwerken(
            reactie=concept,
            actor=accordeerder_a,
            versie=begonnen_met,
            velden={"kernboodschap": "A"},
        )
        client.force_login(opsteller_a)
        response = client.post(
            self.url(concept), reactie_post(concept, versie=begonnen_met, kernboodschap="B")
        )
        assert response.status_code == 409
        assert "iemand anders" in response.json()["melding"]
        concept.refresh_from_db()
        assert concept.kernboodschap == "A"

    def test_ongeldige_invoer_slaat_niets_op(self, client, concept, opsteller_a):
        client.force_login(opsteller_a)
        response = client.post(
            self.url(concept), reactie_post(concept, fte_incidenteel="veel", kernboodschap="Z")
        )
        assert response.status_code == 400
        concept.refresh_from_db()
        assert concept.kernboodschap != "Z"

    def test_andere_organisatie_krijgt_404_en_ministerie_ook(
        self, client, concept, opsteller_b, ministerie_gebruiker
    ):
        for user in (opsteller_b, ministerie_gebruiker):
            client.force_login(user)
            assert client.post(self.url(concept), reactie_post(concept)).status_code == 404

    def test_secretaris_mag_niet_opslaan(self, client, concept, secretaris):
        client.force_login(secretaris)
        assert client.post(self.url(concept), reactie_post(concept)).status_code == 403

    def test_na_indienen_is_het_409(self, client, reactie_a_ter_accordering, opsteller_a):
        client.force_login(opsteller_a)
        reactie = reactie_a_ter_accordering
        response = client.post(self.url(reactie), reactie_post(reactie))
        assert response.status_code == 409

    def test_alleen_post(self, client, concept, opsteller_a):
        client.force_login(opsteller_a)
        assert client.get(self.url(concept)).status_code == 405


def test_formulier_toont_voortgang_en_wat_nodig_is(client, concept, opsteller_a):
    reactie_services.reactie_bijwerken(
        reactie=concept,
        actor=opsteller_a,
        versie=concept.versie,
        beoordelingen={
            d.value: {"gevolgen": "beperkt", "toelichting": ""} for d in list(Dimensie)[:7]
        },
    )
    client.force_login(opsteller_a)
    inhoud = client.get(reverse("reacties:bewerken", args=[concept.pk])).content.decode()
    assert "7 van 10 dimensies beoordeeld" in inhoud
    assert inhoud.count('class="tk-nodig"') >= 12  # eindoordeel, kernboodschap, 10 dimensies
    assert "nog " in inhoud and " dagen" in inhoud


def test_geweigerde_accordering_noemt_elk_ontbrekend_veld_met_link(client, concept, opsteller_a):
    client.force_login(opsteller_a)
    response = client.post(reverse("reacties:transitie", args=[concept.pk, "ter_accordering"]))
    assert response.status_code == 400
    inhoud = response.content.decode()
    formulier = reverse("reacties:bewerken", args=[concept.pk])
    assert f'href="{formulier}#id_eindoordeel"' in inhoud
    assert f'href="{formulier}#id_kernboodschap"' in inhoud
    for d in Dimensie:
        assert f'href="{formulier}#id_gevolgen_{d.value}"' in inhoud
    assert "ontbreken nog 12 onderdelen" in inhoud
    concept.refresh_from_db()
    assert concept.status == Status.IN_VOORBEREIDING


def test_detailpagina_toont_de_dagen_tot_de_termijn(client, concept, opsteller_a):
    client.force_login(opsteller_a)
    inhoud = client.get(reverse("reacties:detail", args=[concept.pk])).content.decode()
    assert f"nog {concept.dagen_tot_termijn()} dagen" in inhoud

"""The web UI through Django's test client: visibility (404), role (403), stale buttons
(409), form errors tied to fields, and drafts that are never lost."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from consultaties.models import Consultatie
from consultaties.models import Status as ConsultatieStatus
from organisaties.models import Netwerk
from reacties import services as reactie_services
from reacties.models import Dimensie, Reactie, Status
from tests import factories
from tests.reacties.helpers import reactie_post

#: A termijn as the browser's date-time field sends it, well inside the allowed range.
TERMIJN_INVOER = (
    (timezone.localtime() + timedelta(days=60))
    .replace(hour=12, minute=0)
    .strftime("%Y-%m-%dT%H:%M")
)


@pytest.mark.django_db
class TestZichtbaarheid:
    def test_anoniem_wordt_naar_inloggen_gestuurd(self, client, open_consultatie):
        response = client.get(reverse("consultaties:detail", args=[open_consultatie.pk]))
        assert response.status_code == 302
        assert reverse("login") in response["Location"]

    def test_niet_uitgenodigde_organisatie_krijgt_404(self, client, open_consultatie):
        buitenstaander = factories.opsteller(factories.OrganisatieFactory(afkorting="DUO"))
        client.force_login(buitenstaander)
        assert (
            client.get(reverse("consultaties:detail", args=[open_consultatie.pk])).status_code
            == 404
        )
        reactie = open_consultatie.reacties.first()
        assert client.get(reverse("reacties:detail", args=[reactie.pk])).status_code == 404

    def test_concept_van_andere_organisatie_is_404(self, client, reactie_b, opsteller_a):
        client.force_login(opsteller_a)
        assert client.get(reverse("reacties:detail", args=[reactie_b.pk])).status_code == 404
        url = reverse("reacties:transitie", args=[reactie_b.pk, "starten"])
        assert client.post(url).status_code == 404

    def test_ministerie_ziet_concept_consultatie_niet(
        self, client, secretaris, ministerie, ministerie_gebruiker, org_a
    ):
        concept = factories.consultatie(
            secretaris_gebruiker=secretaris, ministerie=ministerie, organisaties=[org_a]
        )
        client.force_login(ministerie_gebruiker)
        assert client.get(reverse("consultaties:detail", args=[concept.pk])).status_code == 404

    def test_lijst_toont_alleen_zichtbare_consultaties(
        self, client, secretaris, ministerie, org_a, org_b, opsteller_a
    ):
        factories.consultatie(
            secretaris_gebruiker=secretaris,
            ministerie=ministerie,
            organisaties=[org_a],
            open=True,
            titel="Wet voor UWV",
        )
        factories.consultatie(
            secretaris_gebruiker=secretaris,
            ministerie=ministerie,
            organisaties=[org_b],
            open=True,
            titel="Wet alleen voor SVB",
        )
        client.force_login(opsteller_a)
        inhoud = client.get(reverse("consultaties:lijst")).content.decode()
        assert "Wet voor UWV" in inhoud
        assert "Wet alleen voor SVB" not in inhoud


@pytest.mark.django_db
class TestRollen:
    def test_opsteller_mag_geen_consultatie_aanmaken(self, client, opsteller_a):
        client.force_login(opsteller_a)
        assert client.get(reverse("consultaties:aanmaken")).status_code == 403
        assert client.post(reverse("consultaties:aanmaken"), {"titel": "x"}).status_code == 403

    def test_opsteller_mag_consultatie_niet_sluiten(self, client, open_consultatie, opsteller_a):
        client.force_login(opsteller_a)
        url = reverse("consultaties:transitie", args=[open_consultatie.pk, "sluiten"])
        assert client.post(url).status_code == 403
        open_consultatie.refresh_from_db()
        assert open_consultatie.status == ConsultatieStatus.OPEN

    def test_opsteller_ziet_geen_indienknop_accordeerder_wel(
        self, client, reactie_a_ter_accordering, opsteller_a, accordeerder_a
    ):
        url = reverse("reacties:detail", args=[reactie_a_ter_accordering.pk])
        client.force_login(opsteller_a)
        assert "Accorderen en indienen" not in client.get(url).content.decode()
        client.force_login(accordeerder_a)
        assert "Accorderen en indienen" in client.get(url).content.decode()

    def test_opsteller_die_toch_indient_krijgt_403(
        self, client, reactie_a_ter_accordering, opsteller_a
    ):
        client.force_login(opsteller_a)
        url = reverse("reacties:transitie", args=[reactie_a_ter_accordering.pk, "indienen"])
        assert client.post(url).status_code == 403

    def test_accordeerder_kan_eigen_aanbieding_niet_indienen(
        self, client, reactie_a, accordeerder_a, accordeerder_a2
    ):
        reactie = reactie_services.reactie_starten(reactie=reactie_a, actor=accordeerder_a)
        reactie = factories.vul_reactie_in(reactie, accordeerder_a)
        reactie_services.reactie_ter_accordering(reactie=reactie, actor=accordeerder_a)
        url = reverse("reacties:detail", args=[reactie.pk])
        client.force_login(accordeerder_a)
        pagina = client.get(url).content.decode()
        assert "Accorderen en indienen" not in pagina
        assert "vier-ogenprincipe" in pagina
        client.force_login(accordeerder_a2)
        assert "Accorderen en indienen" in client.get(url).content.decode()

    def test_transities_alleen_met_post(self, client, reactie_a, opsteller_a):
        client.force_login(opsteller_a)
        url = reverse("reacties:transitie", args=[reactie_a.pk, "starten"])
        assert client.get(url).status_code == 405
        reactie_a.refresh_from_db()
        assert reactie_a.status == Status.UITGENODIGD


@pytest.mark.django_db
class TestVerouderdeKnoppen:
    def test_tweede_keer_accepteren_geeft_409_met_duidelijke_melding(
        self, client, reactie_a_ter_accordering, accordeerder_a, secretaris
    ):
        reactie_services.reactie_indienen(reactie=reactie_a_ter_accordering, actor=accordeerder_a)
        client.force_login(secretaris)
        url = reverse("reacties:transitie", args=[reactie_a_ter_accordering.pk, "accepteren"])
        assert client.post(url, {"bevestigd": "1"}).status_code == 302
        response = client.post(url, {"bevestigd": "1"})
        assert response.status_code == 409
        inhoud = response.content.decode()
        assert "niet mogelijk in de status" in inhoud
        assert 'role="alert"' in inhoud

    def test_openstellen_van_open_consultatie_geeft_409(self, client, open_consultatie, secretaris):
        client.force_login(secretaris)
        url = reverse("consultaties:transitie", args=[open_consultatie.pk, "openstellen"])
        assert client.post(url).status_code == 409


@pytest.mark.django_db
class TestFormulieren:
    def test_consultatie_zonder_titel_toont_fout_bij_het_veld(self, client, secretaris, ministerie):
        client.force_login(secretaris)
        response = client.post(
            reverse("consultaties:aanmaken"),
            {
                "instrument": "wetsvoorstel",
                "ministerie": ministerie.pk,
                "termijn": TERMIJN_INVOER,
            },
        )
        assert response.status_code == 400
        inhoud = response.content.decode()
        assert 'id="id_titel_fout"' in inhoud
        assert 'aria-describedby="id_titel_fout"' in inhoud
        assert 'aria-invalid="true"' in inhoud

    def test_secretaris_maakt_consultatie_met_vragen(self, client, secretaris, ministerie):
        client.force_login(secretaris)
        response = client.post(
            reverse("consultaties:aanmaken"),
            {
                "titel": "Wet eenvoudiger toeslagen",
                "instrument": "wetsvoorstel",
                "ministerie": ministerie.pk,
                "termijn": TERMIJN_INVOER,
                "vragen": "Wat kost het?\n\nHoe lang duurt de invoering?",
            },
        )
        assert response.status_code == 302
        consultatie = Consultatie.objects.get(titel="Wet eenvoudiger toeslagen")
        assert [v.tekst for v in consultatie.vragen.all()] == [
            "Wat kost het?",
            "Hoe lang duurt de invoering?",
        ]
        assert timezone.localtime(consultatie.termijn).hour == 12

    def test_afzien_zonder_reden_toont_fout_bij_het_veld(self, client, reactie_a, accordeerder_a):
        client.force_login(accordeerder_a)
        url = reverse("reacties:transitie", args=[reactie_a.pk, "afzien"])
        response = client.post(url, {"toelichting": "  "})
        assert response.status_code == 400
        inhoud = response.content.decode()
        assert 'aria-describedby="toelichting-afzien-fout"' in inhoud
        reactie_a.refresh_from_db()
        assert reactie_a.status == Status.UITGENODIGD

    def test_ter_accordering_zonder_inhoud_noemt_wat_ontbreekt(
        self, client, reactie_a, opsteller_a
    ):
        reactie = reactie_services.reactie_starten(reactie=reactie_a, actor=opsteller_a)
        client.force_login(opsteller_a)
        url = reverse("reacties:transitie", args=[reactie.pk, "ter_accordering"])
        response = client.post(url)
        assert response.status_code == 400
        assert "Kies een eindoordeel." in response.content.decode()

    def test_document_met_verkeerd_type_wordt_geweigerd_bij_het_veld(
        self, client, secretaris, ministerie
    ):
        concept = factories.consultatie(secretaris_gebruiker=secretaris, ministerie=ministerie)
        client.force_login(secretaris)
        bestand = factories.pdf_upload("virus.pdf", b"MZ\x90\x00 geen pdf")
        response = client.post(
            reverse("consultaties:document", args=[concept.pk]), {"bestand": bestand}
        )
        assert response.status_code == 400
        assert 'id="id_bestand_fout"' in response.content.decode()


@pytest.mark.django_db
class TestConceptOpslaan:
    def test_concept_opslaan_bewaart_alle_onderdelen(self, client, reactie_a, opsteller_a):
        reactie = reactie_services.reactie_starten(reactie=reactie_a, actor=opsteller_a)
        client.force_login(opsteller_a)
        url = reverse("reacties:bewerken", args=[reactie.pk])
        response = client.post(url, reactie_post(reactie))
        assert response.status_code == 302, response.content.decode()[:2000]
        reactie.refresh_from_db()
        assert reactie.kernboodschap == "Goed uitvoerbaar."
        assert str(reactie.fte_incidenteel) == "2.5"
        assert reactie.levensgebeurtenissen == ["verhuizen", "scheiden"]
        assert reactie.beoordelingen.filter(gevolgen="beperkt").count() == len(Dimensie)
        assert [str(k.bedrag) for k in reactie.kosten.all()] == ["1500000.50"]

    def test_verouderde_opslag_wordt_geweigerd_en_tekst_blijft_staan(
        self, client, reactie_a, opsteller_a, accordeerder_a
    ):
        reactie = reactie_services.reactie_starten(reactie=reactie_a, actor=opsteller_a)
        begonnen_met = reactie.versie
        # A colleague saves first, from the same version.
        client.force_login(accordeerder_a)
        url = reverse("reacties:bewerken", args=[reactie.pk])
        assert (
            client.post(url, reactie_post(reactie, kernboodschap="Van de collega.")).status_code
            == 302
        )
        client.force_login(opsteller_a)
        mijn_tekst = "Mijn zorgvuldig geschreven kernboodschap <script>alert(1)</script>"
        response = client.post(
            url, reactie_post(reactie, versie=begonnen_met, kernboodschap=mijn_tekst)
        )
        assert response.status_code == 409
        inhoud = response.content.decode()
        assert "Mijn zorgvuldig geschreven kernboodschap &lt;script&gt;" in inhoud
        assert "<script>alert(1)</script>" not in inhoud
        assert "Iemand anders heeft deze reactie intussen opgeslagen" in inhoud
        reactie.refresh_from_db()
        assert reactie.kernboodschap == "Van de collega."
        # The form now carries the latest version, so a deliberate second save succeeds.
        assert f'name="versie" value="{reactie.versie}"' in inhoud

    def test_onjuiste_invoer_toont_fout_en_bewaart_niets(self, client, reactie_a, opsteller_a):
        reactie = reactie_services.reactie_starten(reactie=reactie_a, actor=opsteller_a)
        client.force_login(opsteller_a)
        url = reverse("reacties:bewerken", args=[reactie.pk])
        response = client.post(
            url, reactie_post(reactie, fte_incidenteel="veel", kernboodschap="Nieuw")
        )
        assert response.status_code == 400
        inhoud = response.content.decode()
        assert 'id="id_fte_incidenteel_fout"' in inhoud
        assert "Nieuw" in inhoud
        reactie.refresh_from_db()
        assert reactie.kernboodschap == ""

    def test_htmx_opslaan_geeft_status_in_het_formulier(self, client, reactie_a, opsteller_a):
        reactie = reactie_services.reactie_starten(reactie=reactie_a, actor=opsteller_a)
        client.force_login(opsteller_a)
        url = reverse("reacties:bewerken", args=[reactie.pk])
        response = client.post(url, reactie_post(reactie), HTTP_HX_REQUEST="true")
        assert response.status_code == 200
        assert "Opgeslagen om" in response.content.decode()

    def test_andere_organisatie_kan_niet_bewerken(
        self, client, reactie_a, opsteller_a, opsteller_b
    ):
        reactie_services.reactie_starten(reactie=reactie_a, actor=opsteller_a)
        client.force_login(opsteller_b)
        assert client.get(reverse("reacties:bewerken", args=[reactie_a.pk])).status_code == 404


@pytest.mark.django_db
class TestSecretaris:
    def test_heel_netwerk_in_een_keer_uitnodigen(self, client, secretaris, ministerie):
        manifest = [factories.OrganisatieFactory(netwerk=Netwerk.MANIFESTGROEP) for _ in range(3)]
        klein = factories.OrganisatieFactory(netwerk=Netwerk.KLEINLEF)
        concept = factories.consultatie(secretaris_gebruiker=secretaris, ministerie=ministerie)
        client.force_login(secretaris)
        response = client.post(
            reverse("consultaties:uitnodigen", args=[concept.pk]), {"netwerk": "Manifestgroep"}
        )
        assert response.status_code == 302
        uitgenodigd = set(concept.reacties.values_list("organisatie_id", flat=True))
        assert {o.pk for o in manifest} <= uitgenodigd
        assert klein.pk not in uitgenodigd

    def test_termijn_verlengen_voor_een_organisatie(
        self, client, open_consultatie, secretaris, org_a
    ):
        client.force_login(secretaris)
        nieuw = timezone.localtime(open_consultatie.termijn + timedelta(days=7))
        response = client.post(
            reverse("consultaties:termijn", args=[open_consultatie.pk]),
            {"termijn": nieuw.strftime("%Y-%m-%dT%H:%M"), "organisatie": org_a.pk},
        )
        assert response.status_code == 302
        reactie = Reactie.objects.get(consultatie=open_consultatie, organisatie=org_a)
        assert reactie.termijn_verlengd_tot is not None

    def test_dashboard_heeft_vaste_hoeveelheid_queries(
        self, client, secretaris, ministerie, org_a, org_b, django_assert_max_num_queries
    ):
        for _ in range(5):
            factories.consultatie(
                secretaris_gebruiker=secretaris, ministerie=ministerie, organisaties=[org_a, org_b]
            )
        client.force_login(secretaris)
        with django_assert_max_num_queries(13):
            assert client.get(reverse("consultaties:dashboard")).status_code == 200

    def test_consultatiepagina_toont_matrix_en_tijdlijn(self, client, open_consultatie, secretaris):
        client.force_login(secretaris)
        inhoud = client.get(
            reverse("consultaties:detail", args=[open_consultatie.pk])
        ).content.decode()
        assert "Uitgenodigde organisaties" in inhoud
        assert "UWV" in inhoud and "SVB" in inhoud
        assert "Opengesteld" in inhoud  # the timeline


@pytest.mark.django_db
def test_engels_als_tweede_taal(client, secretaris):
    client.force_login(secretaris)
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    inhoud = client.get(reverse("consultaties:dashboard")).content.decode()
    assert '<html lang="en">' in inhoud
    assert "Skip to content" in inhoud


@pytest.mark.django_db
@pytest.mark.parametrize("aantal_organisaties", [2, 8])
def test_consultatiepagina_queries_groeien_niet_met_het_aantal_organisaties(
    client, secretaris, ministerie, aantal_organisaties, django_assert_max_num_queries
):
    organisaties = [factories.OrganisatieFactory() for _ in range(aantal_organisaties)]
    consultatie = factories.consultatie(
        secretaris_gebruiker=secretaris, ministerie=ministerie, organisaties=organisaties, open=True
    )
    client.force_login(secretaris)
    with django_assert_max_num_queries(16):
        response = client.get(reverse("consultaties:detail", args=[consultatie.pk]))
    assert response.status_code == 200


@pytest.mark.django_db
def test_inbox_van_organisatie_toont_eigen_termijn(
    client, open_consultatie, secretaris, org_a, opsteller_a
):
    from consultaties import services as consultatie_services

    verlengd = open_consultatie.termijn + timedelta(days=3)
    consultatie_services.consultatie_termijn_verlengen(
        consultatie=open_consultatie, actor=secretaris, termijn=verlengd, organisatie=org_a
    )
    client.force_login(opsteller_a)
    inhoud = client.get(reverse("consultaties:dashboard")).content.decode()
    assert "Uitnodigingen voor UWV" in inhoud
    assert "verlengd" in inhoud
    assert open_consultatie.titel in inhoud


@pytest.mark.django_db
def test_inbox_toont_de_eerste_open_uitnodigingen_en_verwijst_naar_alle(
    client, secretaris, ministerie, org_a, opsteller_a, monkeypatch, django_assert_num_queries
):
    from reacties import paginas

    monkeypatch.setattr(paginas, "OPEN_OP_STARTPAGINA", 2)
    nu = timezone.now()

    def open_consultatie(titel, dagen):
        return factories.consultatie(
            secretaris_gebruiker=secretaris,
            ministerie=ministerie,
            organisaties=[org_a],
            open=True,
            termijn=nu + timedelta(days=dagen),
            titel=titel,
        )

    eerste = [open_consultatie("Eerste termijn", 20), open_consultatie("Tweede termijn", 21)]
    client.force_login(opsteller_a)
    url = reverse("consultaties:dashboard")
    lijst_url = reverse("consultaties:lijst") + "?status=open"
    client.get(url)
    with django_assert_num_queries(6):
        inhoud = client.get(url).content.decode()
    assert all(c.titel in inhoud for c in eerste)
    assert lijst_url not in inhoud  # nothing more to find

    laatste = open_consultatie("Laatste termijn", 40)
    with django_assert_num_queries(6):
        inhoud = client.get(url).content.decode()
    assert all(c.titel in inhoud for c in eerste)
    assert laatste.titel not in inhoud
    assert f'href="{lijst_url}"' in inhoud
    # Behind the link: every open invitation, the one beyond the inbox too.
    lijst = client.get(lijst_url).content.decode()
    assert all(c.titel in lijst for c in [*eerste, laatste])


@pytest.mark.django_db
def test_vragen_bewerken_kan_alleen_in_concept(client, secretaris, ministerie, org_a):
    concept = factories.consultatie(
        secretaris_gebruiker=secretaris, ministerie=ministerie, vragen=["Oude vraag?"]
    )
    client.force_login(secretaris)
    url = reverse("consultaties:bewerken", args=[concept.pk])
    assert "Oude vraag?" in client.get(url).content.decode()
    response = client.post(
        url,
        {
            "titel": concept.titel,
            "instrument": concept.instrument,
            "ministerie": ministerie.pk,
            "termijn": timezone.localtime(concept.termijn).strftime("%Y-%m-%dT%H:%M"),
            "vragen": "Nieuwe vraag één?\nNieuwe vraag twee?",
            "versie": concept.versie,
        },
    )
    assert response.status_code == 302
    assert [v.tekst for v in concept.vragen.all()] == ["Nieuwe vraag één?", "Nieuwe vraag twee?"]
    concept.refresh_from_db()
    factories.consultatie_services.consultatie_uitnodigen(
        consultatie=concept, actor=secretaris, organisaties=[org_a]
    )
    factories.consultatie_services.consultatie_document_toevoegen(
        consultatie=concept, actor=secretaris, bestand=factories.pdf_upload()
    )
    factories.consultatie_services.consultatie_openstellen(consultatie=concept, actor=secretaris)
    assert 'name="vragen"' not in client.get(url).content.decode()


@pytest.mark.django_db
def test_engelse_browser_krijgt_nederlands_tot_de_gebruiker_kiest(client, secretaris):
    client.force_login(secretaris)
    inhoud = client.get(reverse("consultaties:dashboard"), HTTP_ACCEPT_LANGUAGE="en-GB,en").content
    assert '<html lang="nl">' in inhoud.decode()


@pytest.mark.django_db
def test_nieuwe_menu_items_zijn_vertaald(client, secretaris):
    client.force_login(secretaris)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    inhoud = client.get(reverse("consultaties:dashboard")).content.decode()
    for tekst in ("Insights", "Notifications", "Second factor", "Behind schedule", "Extensions"):
        assert tekst in inhoud, tekst


@pytest.mark.django_db
def test_open_consultatie_na_haar_termijn_zegt_termijn_verstreken(
    client, open_consultatie, secretaris
):
    """Until the minute job closes it, a consultation past its termijn is still open: its
    page said "(nog 0 minuten)"."""
    url = reverse("consultaties:detail", args=[open_consultatie.pk])
    client.force_login(secretaris)
    assert "(nog " in client.get(url).content.decode()
    Consultatie.objects.filter(pk=open_consultatie.pk).update(
        termijn=timezone.now() - timedelta(minutes=5)
    )
    inhoud = client.get(url).content.decode()
    assert "(termijn verstreken)" in inhoud
    assert "nog 0" not in inhoud
    client.cookies["django_language"] = "en"
    assert "(deadline passed)" in client.get(url).content.decode()

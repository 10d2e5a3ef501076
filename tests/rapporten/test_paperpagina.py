"""The paper page: breadcrumbs, the PDF up front (in the browser and as a download, under
the same rules), numbered kernpunten, and a verwerking form that records nothing by haste."""

import pytest
from django.urls import reverse

from rapporten.models import Verwerking

pytestmark = pytest.mark.django_db


def test_pdf_bekijken_in_de_browser_met_dezelfde_regels(
    client, verzonden, ministerie_gebruiker, andere_ministerie_gebruiker, org_c
):
    from tests import factories

    client.force_login(ministerie_gebruiker)
    bekijken = client.get(reverse("rapporten:pdf_bekijken", args=[verzonden.pk]))
    assert bekijken.status_code == 200
    assert bekijken["Content-Type"] == "application/pdf"
    assert bekijken["Content-Disposition"].startswith("inline; filename=")
    csp = bekijken["Content-Security-Policy"]
    assert "default-src 'none'" in csp and "frame-ancestors 'none'" in csp
    assert "script-src" not in csp  # nothing may run in the viewer's context
    download = client.get(reverse("rapporten:pdf", args=[verzonden.pk]))
    assert download["Content-Disposition"].startswith("attachment; filename=")
    assert download.content == bekijken.content
    # Whoever may not see the paper, gets 404 on both.
    for buitenstaander in (andere_ministerie_gebruiker, factories.opsteller(org_c)):
        client.force_login(buitenstaander)
        assert client.get(reverse("rapporten:pdf_bekijken", args=[verzonden.pk])).status_code == 404


def test_pdf_bekijken_van_een_concept_is_niet_voor_het_ministerie(
    client, concept, ministerie_gebruiker
):
    client.force_login(ministerie_gebruiker)
    assert client.get(reverse("rapporten:pdf_bekijken", args=[concept.pk])).status_code == 404


def test_paperpagina_heeft_kruimelpad_en_de_pdf_vooraan(client, verzonden, ministerie_gebruiker):
    client.force_login(ministerie_gebruiker)
    inhoud = client.get(reverse("rapporten:detail", args=[verzonden.pk])).content.decode()
    assert 'aria-label="Kruimelpad"' in inhoud
    assert inhoud.index("Bekijken in de browser") < inhoud.index("Verwerking per kernpunt")
    assert reverse("rapporten:pdf", args=[verzonden.pk]) in inhoud


def test_concept_verwijst_naar_de_versie_die_telt(client, verzonden, secretaris, gesloten):
    from rapporten.models import Rapport

    ouder = Rapport.objects.create(consultatie=verzonden.consultatie, versie=99)
    client.force_login(secretaris)
    inhoud = client.get(reverse("rapporten:detail", args=[ouder.pk])).content.decode()
    assert "Dit is niet de versie die telt" in inhoud
    assert reverse("rapporten:detail", args=[verzonden.pk]) in inhoud


def test_verwerkingsformulier_begint_zonder_keuze_en_kernpunten_zijn_genummerd(
    client, verzonden, ministerie_gebruiker
):
    client.force_login(ministerie_gebruiker)
    inhoud = client.get(reverse("rapporten:detail", args=[verzonden.pk])).content.decode()
    formulieren = inhoud.split('name="kernpunt"')[1:]
    assert formulieren and all(" checked" not in f.split("</form>")[0] for f in formulieren)
    for nummer in verzonden.kernpuntnummers.values():
        assert f'<span class="tk-kernpuntnummer">{nummer}</span>' in inhoud
        assert f"Wat is er met {nummer} gedaan?" in inhoud


def test_haastig_versturen_legt_niets_vast_en_bewaart_de_tekst(
    client, verzonden, ministerie_gebruiker
):
    client.force_login(ministerie_gebruiker)
    kernpunt = verzonden.kernpunt_ids[0]
    antwoord = client.post(
        reverse("rapporten:verwerking", args=[verzonden.pk]),
        {"kernpunt": kernpunt, "toelichting": "Wordt meegenomen in de nota van wijziging."},
    )
    assert antwoord.status_code == 400
    inhoud = antwoord.content.decode()
    assert "Kies wat het ministerie met dit kernpunt heeft gedaan." in inhoud
    assert "Wordt meegenomen in de nota van wijziging.</textarea>" in inhoud
    assert f'aria-describedby="uitkomst-{kernpunt}-fout"' in inhoud
    assert not Verwerking.objects.exists()


def test_zonder_toelichting_blijft_de_keuze_staan(client, verzonden, ministerie_gebruiker):
    client.force_login(ministerie_gebruiker)
    kernpunt = verzonden.kernpunt_ids[0]
    antwoord = client.post(
        reverse("rapporten:verwerking", args=[verzonden.pk]),
        {"kernpunt": kernpunt, "uitkomst": "deels_overgenomen", "toelichting": ""},
    )
    assert antwoord.status_code == 400
    inhoud = antwoord.content.decode()
    assert "Licht toe wat er met dit kernpunt is gedaan." in inhoud
    keuze = inhoud.split(f'id="uitkomst-{kernpunt}-deels_overgenomen"', 1)[1].split(">", 1)[0]
    assert "checked" in keuze
    assert not Verwerking.objects.exists()


def test_secretaris_mag_geen_verwerking_vastleggen(client, verzonden, secretaris):
    client.force_login(secretaris)
    antwoord = client.post(
        reverse("rapporten:verwerking", args=[verzonden.pk]),
        {"kernpunt": verzonden.kernpunt_ids[0], "uitkomst": "overgenomen", "toelichting": "x"},
    )
    assert antwoord.status_code == 403


def test_paperpagina_kost_evenveel_queries_bij_meer_verwerkingen(
    client, verzonden, ministerie_gebruiker, django_assert_num_queries
):
    from rapporten import services

    client.force_login(ministerie_gebruiker)
    url = reverse("rapporten:detail", args=[verzonden.pk])
    client.get(url)
    with django_assert_num_queries(10):
        client.get(url)
    for kernpunt in verzonden.kernpunt_ids:
        services.verwerking_vastleggen(
            rapport=verzonden,
            actor=ministerie_gebruiker,
            kernpunt=kernpunt,
            uitkomst="overgenomen",
            toelichting="Overgenomen.",
        )
    with django_assert_num_queries(10):
        client.get(url)

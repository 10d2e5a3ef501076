import hashlib
import io

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from rapporten import services
from rapporten.models import Rapport
from tests import factories

pytestmark = pytest.mark.django_db


def _pdf(client, user, rapport):
    client.force_login(user)
    return client.get(f"/rapporten/{rapport.pk}/pdf")


def test_secretaris_downloadt_steeds_dezelfde_bytes(client, definitief, secretaris):
    eerste = _pdf(client, secretaris, definitief)
    tweede = _pdf(client, secretaris, definitief)
    assert eerste.status_code == 200
    assert eerste["Content-Type"] == "application/pdf"
    assert eerste.content == tweede.content
    assert hashlib.sha256(eerste.content).hexdigest() == definitief.sha256
    assert eerste["X-Content-SHA256"] == definitief.sha256


def test_pdf_is_onzichtbaar_voor_wie_het_niet_mag_zien(
    client, definitief, ministerie_gebruiker, opsteller_a, accordeerder_b
):
    for user in (ministerie_gebruiker, opsteller_a, accordeerder_b):
        assert _pdf(client, user, definitief).status_code == 404


def test_ministerie_downloadt_na_verzenden_ander_ministerie_niet(
    client, verzonden, ministerie_gebruiker, andere_ministerie_gebruiker
):
    assert _pdf(client, ministerie_gebruiker, verzonden).status_code == 200
    assert _pdf(client, andere_ministerie_gebruiker, verzonden).status_code == 404


def test_anoniem_moet_inloggen(client, definitief):
    response = client.get(f"/rapporten/{definitief.pk}/pdf")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_pdf_van_onbekend_rapport_is_404(client, secretaris):
    client.force_login(secretaris)
    assert client.get("/rapporten/999999/pdf").status_code == 404


def test_gewijzigd_bestand_wordt_niet_uitgeleverd(client, definitief, secretaris):
    with definitief.pdf.storage.open(definitief.pdf.name, "wb") as f:
        f.write(b"%PDF-vervalst")
    client.raise_request_exception = True
    with pytest.raises(RuntimeError):
        _pdf(client, secretaris, definitief)


def test_detailpagina_toont_acties_per_rol(client, concept, secretaris, opsteller_a):
    client.force_login(secretaris)
    response = client.get(f"/rapporten/{concept.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Definitief maken" in html and concept.sha256 in html
    assert "Ontvangst bevestigen" not in html
    client.force_login(opsteller_a)
    assert client.get(f"/rapporten/{concept.pk}/").status_code == 404


def test_ministerie_ziet_ontvangst_en_verwerking(client, verzonden, ministerie_gebruiker):
    client.force_login(ministerie_gebruiker)
    html = client.get(f"/rapporten/{verzonden.pk}/").content.decode()
    assert "Ontvangst bevestigen" in html and "Verwerking vastleggen" in html
    assert "Definitief maken" not in html and "Verzenden aan het ministerie" not in html


def test_voortgang_als_fragment_voor_htmx_en_als_pagina_zonder_js(client, concept, secretaris):
    client.force_login(secretaris)
    fragment = client.get(f"/rapporten/{concept.pk}/voortgang", headers={"HX-Request": "true"})
    assert fragment.content.decode().lstrip().startswith('<div id="rapport-voortgang"')
    pagina = client.get(f"/rapporten/{concept.pk}/voortgang")
    assert "<h1" in pagina.content.decode()


def test_voortgang_herlaadt_de_pagina_pas_als_de_pdf_klaar_is(client, concept, secretaris):
    """While busy the fragment just updates; once done the page reloads (HX-Refresh), so
    the actions that became possible (definitief maken) show up as well."""
    client.force_login(secretaris)
    Rapport.objects.filter(pk=concept.pk).update(generatie_status="bezig")
    bezig = client.get(f"/rapporten/{concept.pk}/voortgang", headers={"HX-Request": "true"})
    assert "HX-Refresh" not in bezig.headers
    Rapport.objects.filter(pk=concept.pk).update(generatie_status="klaar")
    klaar = client.get(f"/rapporten/{concept.pk}/voortgang", headers={"HX-Request": "true"})
    assert klaar.headers["HX-Refresh"] == "true"
    assert "HX-Refresh" not in client.get(f"/rapporten/{concept.pk}/voortgang").headers


def test_workflow_via_de_pagina(client, concept, secretaris, ministerie_gebruiker):
    client.force_login(secretaris)
    bevestigd = {"bevestigd": "1"}
    assert client.post(f"/rapporten/{concept.pk}/definitief", bevestigd).status_code == 302
    assert client.post(f"/rapporten/{concept.pk}/verzenden", bevestigd).status_code == 302
    client.force_login(ministerie_gebruiker)
    assert client.post(f"/rapporten/{concept.pk}/ontvangst").status_code == 302
    kernpunt = Rapport.objects.get(pk=concept.pk).kernpunt_ids[0]
    response = client.post(
        f"/rapporten/{concept.pk}/verwerking",
        {"kernpunt": kernpunt, "uitkomst": "niet_overgenomen", "toelichting": "Past niet."},
    )
    assert response.status_code == 302
    rapport = Rapport.objects.get(pk=concept.pk)
    assert rapport.ontvangen_op and rapport.verwerkingen.get().uitkomst == "niet_overgenomen"


def test_acties_op_verkeerd_moment_of_door_verkeerde_rol(
    client, concept, secretaris, ministerie_gebruiker
):
    client.force_login(secretaris)
    assert client.post(f"/rapporten/{concept.pk}/verzenden").status_code == 409
    assert client.post(f"/rapporten/{concept.pk}/ontvangst").status_code == 403
    assert client.get(f"/rapporten/{concept.pk}/definitief").status_code == 405
    client.force_login(ministerie_gebruiker)
    assert client.post(f"/rapporten/{concept.pk}/definitief").status_code == 404


def test_verwerking_zonder_toelichting_is_400(client, verzonden, ministerie_gebruiker):
    client.force_login(ministerie_gebruiker)
    response = client.post(
        f"/rapporten/{verzonden.pk}/verwerking",
        {"kernpunt": verzonden.kernpunt_ids[0], "uitkomst": "overgenomen", "toelichting": ""},
    )
    assert response.status_code == 400


def test_samenstellen_en_genereren(
    client, gesloten, secretaris, snelle_pdf, django_capture_on_commit_callbacks
):
    client.force_login(secretaris)
    assert client.get(f"/rapporten/consultatie/{gesloten.pk}/nieuw").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/rapporten/consultatie/{gesloten.pk}/nieuw",
            {"bestuurlijke_samenvatting": "<b>Kort</b>", "aanbevelingen": "Doe het niet."},
        )
    rapport = Rapport.objects.get()
    assert response["Location"] == f"/rapporten/{rapport.pk}/"
    assert rapport.snapshot["bestuurlijke_samenvatting"] == "<b>Kort</b>"
    assert rapport.pdf_gereed()


def test_samenstellen_door_andere_rollen(
    client, gesloten, opsteller_a, ministerie_gebruiker, open_consultatie, secretaris
):
    client.force_login(opsteller_a)
    assert client.get(f"/rapporten/consultatie/{gesloten.pk}/nieuw").status_code == 403
    buitenstaander = factories.opsteller(factories.OrganisatieFactory(afkorting="RDW"))
    client.force_login(buitenstaander)
    assert client.get(f"/rapporten/consultatie/{gesloten.pk}/nieuw").status_code == 404
    client.force_login(secretaris)
    response = client.post(f"/rapporten/consultatie/{open_consultatie.pk}/nieuw", {})
    assert response.status_code == 409


def test_kernpunten_als_xlsx(client, gesloten, secretaris, opsteller_b):
    client.force_login(secretaris)
    response = client.get(f"/rapporten/consultatie/{gesloten.pk}/kernpunten.xlsx")
    assert response.status_code == 200
    blad = load_workbook(io.BytesIO(response.content)).active
    rijen = list(blad.iter_rows(values_only=True))
    assert rijen[0][:4] == ("Nr.", "Organisatie", "Dimensie", "Kernpunt")
    teksten = {r[3] for r in rijen[1:]}
    assert teksten == {"Kernpunt van UWV", "Kernpunt van SVB"}
    client.force_login(opsteller_b)  # invited, consultation closed: may read them
    assert client.get(f"/rapporten/consultatie/{gesloten.pk}/kernpunten.xlsx").status_code == 200


def test_kernpunten_xlsx_niet_voor_ministerie_voor_verzending_en_niet_voor_buitenstaanders(
    client, gesloten, ministerie_gebruiker
):
    client.force_login(ministerie_gebruiker)
    assert client.get(f"/rapporten/consultatie/{gesloten.pk}/kernpunten.xlsx").status_code == 403
    client.force_login(factories.opsteller(factories.OrganisatieFactory(afkorting="RDW")))
    assert client.get(f"/rapporten/consultatie/{gesloten.pk}/kernpunten.xlsx").status_code == 404


def test_xlsx_zet_formules_om_in_tekst(client, gesloten, secretaris):
    from rapporten.export import _veilig

    assert _veilig('=HYPERLINK("http://evil")').startswith("'=")
    assert _veilig("gewoon") == "gewoon"


def test_commando_maakt_pdf(gesloten, tmp_path, capsys):
    uit = tmp_path / "paper.pdf"
    call_command("rapport", gesloten.kenmerk, "-o", str(uit))
    assert uit.read_bytes().startswith(b"%PDF")
    assert "pagina's" in capsys.readouterr().out


def test_commando_rendert_opgeslagen_versie_uit_snapshot(definitief, tmp_path):
    uit = tmp_path / "v1.pdf"
    call_command("rapport", definitief.consultatie.kenmerk, "-o", str(uit), "--versie", "1")
    assert uit.read_bytes().startswith(b"%PDF")
    assert services.toegestane_acties(definitief.aangemaakt_door, definitief) == ["verzenden"]

"""Control characters (other than tab, newline and the CR of CRLF) never get stored: they
printed as empty boxes in the official paper. One validator, used by the services, so
forms and API refuse them alike with a clear Dutch message."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from consultaties import services as consultatie_services
from reacties import services
from reacties.models import Reactie
from termijnen import services as termijn_services
from tests.apihulp import api_client

VERBODEN = ["\x00", "\x01", "\x07", "\x0b", "\x0c", "\x1b", "\x7f", "\x85", "\r", "\ud800"]


def _bijwerken(reactie, actor, **kwargs):
    reactie = Reactie.objects.get(pk=reactie.pk)
    return services.reactie_bijwerken(reactie=reactie, actor=actor, versie=reactie.versie, **kwargs)


@pytest.fixture
def concept(reactie_a, opsteller_a):
    return services.reactie_starten(reactie=reactie_a, actor=opsteller_a)


@pytest.mark.django_db
@pytest.mark.parametrize("teken", VERBODEN, ids=[f"U+{ord(t):04X}" for t in VERBODEN])
def test_stuurteken_in_reactietekst_wordt_geweigerd(concept, opsteller_a, teken):
    with pytest.raises(ValidationError) as fout:
        _bijwerken(concept, opsteller_a, velden={"kernboodschap": f"Uitvoer{teken}baar."})
    assert "stuurteken" in " ".join(fout.value.message_dict["kernboodschap"])
    assert Reactie.objects.get(pk=concept.pk).kernboodschap == ""


@pytest.mark.django_db
def test_tab_newline_en_crlf_blijven_gewone_tekst(concept, opsteller_a):
    tekst = "Eerste regel\r\nTweede\tregel\nDerde regel"
    reactie = _bijwerken(concept, opsteller_a, velden={"kernboodschap": tekst})
    assert Reactie.objects.get(pk=reactie.pk).kernboodschap == tekst


@pytest.mark.django_db
def test_elk_vrij_tekstveld_van_de_reactie_wordt_gecontroleerd(
    concept, opsteller_a, open_consultatie
):
    with pytest.raises(ValidationError) as fout:
        _bijwerken(
            concept,
            opsteller_a,
            beoordelingen={"ict": {"gevolgen": "beperkt", "toelichting": "a\x1bb"}},
            kosten=[
                {"categorie": "overig", "soort": "incidenteel", "bedrag": 1, "toelichting": "\x07"}
            ],
        )
    assert set(fout.value.message_dict) >= {"beoordelingen.ict.toelichting", "kosten.0.toelichting"}
    with pytest.raises(ValidationError) as fout:
        services.kernpunt_toevoegen(
            reactie=concept, actor=opsteller_a, dimensie="ict", tekst="BRP\x0b-koppeling"
        )
    assert "tekst" in fout.value.message_dict


@pytest.mark.django_db
def test_toelichting_bij_een_transitie_wordt_geweigerd(reactie_a_ter_accordering, accordeerder_a):
    with pytest.raises(ValidationError) as fout:
        services.reactie_afkeuren(
            reactie=reactie_a_ter_accordering, actor=accordeerder_a, toelichting="Nee\x08."
        )
    assert "toelichting" in fout.value.message_dict
    assert Reactie.objects.get(pk=reactie_a_ter_accordering.pk).status == "ter_accordering"


@pytest.mark.django_db
def test_consultatie_vragen_en_verlengingsverzoek(secretaris, ministerie, reactie_a, opsteller_a):
    with pytest.raises(ValidationError) as fout:
        consultatie_services.consultatie_aanmaken(
            actor=secretaris,
            ministerie=ministerie,
            titel="Wet\x1b[31m",
            instrument="wetsvoorstel",
            termijn=timezone.now() + timedelta(days=9),
        )
    assert "titel" in fout.value.message_dict
    with pytest.raises(ValidationError) as fout:
        consultatie_services.consultatie_aanmaken(
            actor=secretaris,
            ministerie=ministerie,
            titel="Wet",
            instrument="wetsvoorstel",
            termijn=timezone.now() + timedelta(days=9),
            vragen=["Wat kost het?\x00"],
        )
    assert "vragen" in fout.value.message_dict
    with pytest.raises(ValidationError) as fout:
        termijn_services.verlenging_aanvragen(
            reactie=reactie_a, actor=opsteller_a, reden="Meer tijd\x7f"
        )
    assert "reden" in fout.value.message_dict


@pytest.mark.django_db
def test_api_geeft_400_met_het_veld(concept, opsteller_a):
    api = api_client(opsteller_a)
    response = api.patch(
        f"/api/v1/reacties/{concept.pk}",
        {"versie": concept.versie, "kernboodschap": "Uitvoerbaar\u0007."},
        format="json",
    )
    assert response.status_code == 400, response.content
    assert "kernboodschap" in {p["name"] for p in response.json()["invalidParams"]}
    assert "stuurteken" in str(response.json())


@pytest.mark.django_db
def test_api_transitie_met_stuurteken_is_400(reactie_a_ter_accordering, accordeerder_a):
    response = api_client(accordeerder_a).post(
        f"/api/v1/reacties/{reactie_a_ter_accordering.pk}/afkeuren",
        {"toelichting": "Zo niet\u001b."},
        format="json",
    )
    assert response.status_code == 400, response.content
    assert Reactie.objects.get(pk=reactie_a_ter_accordering.pk).status == "ter_accordering"


@pytest.mark.django_db
def test_formulieren_geven_400_met_melding(
    client, secretaris, ministerie, reactie_a_ter_accordering, accordeerder_a
):
    client.force_login(accordeerder_a)
    response = client.post(
        f"/reacties/{reactie_a_ter_accordering.pk}/acties/afkeuren/",
        {"toelichting": "Zo niet\x1b."},
    )
    assert response.status_code == 400
    assert "stuurteken" in response.content.decode()
    client.force_login(secretaris)
    response = client.post(
        "/consultaties/nieuw/",
        {
            "titel": "W\x0cet",
            "instrument": "wetsvoorstel",
            "ministerie": ministerie.pk,
            "termijn": (timezone.localtime() + timedelta(days=9)).strftime("%Y-%m-%dT%H:%M"),
        },
    )
    assert response.status_code == 400
    assert "stuurteken" in response.content.decode()

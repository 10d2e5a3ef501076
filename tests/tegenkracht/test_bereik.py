"""Bad input never breaks a page: dates out of any sensible range and ids beyond 64 bits
are a 400 with a clear Dutch message, in the services, the forms and the API — on SQLite
and PostgreSQL alike (``make test-postgres`` runs this file there too)."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from consultaties import services as consultatie_services
from consultaties.models import TERMIJN_HOOGSTENS_JAREN
from reacties import services as reactie_services
from termijnen import services as termijn_services
from tests.apihulp import api_client

JAAR_1 = datetime(1, 1, 1, 12, 0, tzinfo=UTC)
HUGE = "99999999999999999999"


def _nieuw(secretaris, ministerie, **velden):
    velden.setdefault("termijn", timezone.now() + timedelta(days=10))
    return consultatie_services.consultatie_aanmaken(
        actor=secretaris, ministerie=ministerie, titel="Wet", instrument="wetsvoorstel", **velden
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("velden", "veld"),
    [
        ({"termijn": JAAR_1}, "termijn"),
        ({"termijn": timezone.now() - timedelta(minutes=1)}, "termijn"),
        (
            {"termijn": timezone.now() + timedelta(days=366 * TERMIJN_HOOGSTENS_JAREN + 2)},
            "termijn",
        ),
        ({"beoogde_inwerkingtreding": date(1, 1, 1)}, "beoogde_inwerkingtreding"),
        ({"beoogde_inwerkingtreding": date(1899, 12, 31)}, "beoogde_inwerkingtreding"),
        ({"beoogde_inwerkingtreding": date(2101, 1, 1)}, "beoogde_inwerkingtreding"),
    ],
)
def test_service_weigert_datums_buiten_bereik(secretaris, ministerie, velden, veld):
    with pytest.raises(ValidationError) as fout:
        _nieuw(secretaris, ministerie, **velden)
    assert veld in fout.value.message_dict
    assert "jaar" in " ".join(fout.value.message_dict[veld]) or "toekomst" in str(fout.value)


@pytest.mark.django_db
def test_service_aanvaardt_gewone_datums(secretaris, ministerie):
    c = _nieuw(
        secretaris,
        ministerie,
        termijn=timezone.now() + timedelta(days=365 * TERMIJN_HOOGSTENS_JAREN - 1),
        beoogde_inwerkingtreding=date(2100, 12, 31),
    )
    c.refresh_from_db()
    assert c.beoogde_inwerkingtreding == date(2100, 12, 31)


@pytest.mark.django_db
def test_verlengen_heropenen_en_verlengingsverzoek_weigeren_jaar_1(
    secretaris, open_consultatie, reactie_a, opsteller_a, org_a
):
    with pytest.raises(ValidationError, match="jaar"):
        consultatie_services.consultatie_termijn_verlengen(
            consultatie=open_consultatie, actor=secretaris, termijn=JAAR_1.replace(year=9999)
        )
    with pytest.raises(ValidationError):
        consultatie_services.consultatie_termijn_verlengen(
            consultatie=open_consultatie, actor=secretaris, termijn=JAAR_1, organisatie=org_a
        )
    with pytest.raises(ValidationError):
        termijn_services.verlenging_aanvragen(
            reactie=reactie_a, actor=opsteller_a, reden="Meer tijd", gewenste_termijn=JAAR_1
        )
    gesloten = consultatie_services.consultatie_sluiten(
        consultatie=open_consultatie, actor=secretaris
    )
    with pytest.raises(ValidationError):
        consultatie_services.consultatie_heropenen(
            consultatie=gesloten, actor=secretaris, termijn=JAAR_1
        )


@pytest.mark.django_db
def test_api_jaar_1_is_400_en_de_lijst_blijft_werken(secretaris, ministerie, open_consultatie):
    api = api_client(secretaris)
    for body, veld in (
        ({"termijn": "0001-01-01T00:00:00+01:00"}, "termijn"),
        ({"beoogdeInwerkingtreding": "0001-01-01"}, "beoogdeInwerkingtreding"),
        ({"termijn": "9999-12-31T23:59:00-12:00"}, "termijn"),
    ):
        response = api.post(
            "/api/v1/consultaties",
            {
                "titel": "Wet",
                "instrument": "amvb",
                "ministerie": ministerie.pk,
                "termijn": (timezone.now() + timedelta(days=9)).isoformat(),
                **body,
            },
            format="json",
        )
        assert response.status_code == 400, response.content
        assert veld in {p["name"] for p in response.json()["invalidParams"]}
    response = api.post(
        f"/api/v1/consultaties/{open_consultatie.pk}/termijn-verlengen",
        {"termijn": "0001-01-01T00:00:00Z"},
        format="json",
    )
    assert response.status_code == 400
    assert api.get("/api/v1/consultaties").status_code == 200


@pytest.mark.django_db
def test_api_invoering_mogelijk_per_jaar_1_is_400(reactie_a, opsteller_a):
    reactie = reactie_services.reactie_starten(reactie=reactie_a, actor=opsteller_a)
    response = api_client(opsteller_a).patch(
        f"/api/v1/reacties/{reactie.pk}",
        {"versie": reactie.versie, "invoeringMogelijkPer": "0001-01-01"},
        format="json",
    )
    assert response.status_code == 400, response.content
    assert "invoeringMogelijkPer" in {p["name"] for p in response.json()["invalidParams"]}


@pytest.mark.django_db
def test_formulier_jaar_1_is_400_met_melding(client, secretaris, ministerie):
    client.force_login(secretaris)
    response = client.post(
        "/consultaties/nieuw/",
        {
            "titel": "Wet",
            "instrument": "wetsvoorstel",
            "ministerie": ministerie.pk,
            "termijn": "0001-01-01T10:00",
            "beoogde_inwerkingtreding": "0001-01-01",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "controleer het jaartal" in html
    assert client.get("/consultaties/").status_code == 200


# --- ids beyond 64 bits -------------------------------------------------------------------


@pytest.mark.django_db
def test_uitnodigen_met_enorm_id_is_400_in_formulier_en_api(client, secretaris, open_consultatie):
    client.force_login(secretaris)
    response = client.post(
        f"/consultaties/{open_consultatie.pk}/uitnodigen/", {"organisaties": [HUGE]}
    )
    assert response.status_code == 400
    response = api_client(secretaris).post(
        f"/api/v1/consultaties/{open_consultatie.pk}/uitnodigingen",
        {"organisaties": [int(HUGE)]},
        format="json",
    )
    assert response.status_code == 400


@pytest.mark.django_db
def test_andere_id_invoer_met_enorm_getal_geeft_geen_500(client, secretaris, open_consultatie):
    client.force_login(secretaris)
    assert client.get(f"/consultaties/?ministerie={HUGE}").status_code == 200
    response = client.post(
        f"/consultaties/{open_consultatie.pk}/termijn/",
        {"termijn": "2030-01-01T10:00", "organisatie": HUGE},
    )
    assert response.status_code == 400
    response = client.post(
        "/consultaties/nieuw/",
        {
            "titel": "Wet",
            "instrument": "wetsvoorstel",
            "ministerie": HUGE,
            "vorige_consultatie": HUGE,
            "termijn": (timezone.localtime() + timedelta(days=9)).strftime("%Y-%m-%dT%H:%M"),
        },
    )
    assert response.status_code == 400
    api = api_client(secretaris)
    for url in (
        f"/api/v1/reacties?organisatie={HUGE}",
        f"/api/v1/reacties?consultatie={HUGE}",
        f"/api/v1/rapporten?consultatie={HUGE}",
        f"/api/v1/consultaties?ministerie={HUGE}",
    ):
        assert api.get(url).status_code == 400, url


@pytest.mark.django_db
def test_samenvoegen_met_enorm_kernpunt_id_geeft_een_melding(
    client, secretaris, open_consultatie, reactie_a, opsteller_a
):
    reactie = reactie_services.reactie_starten(reactie=reactie_a, actor=opsteller_a)
    kernpunt = reactie_services.kernpunt_toevoegen(
        reactie=reactie, actor=opsteller_a, dimensie="ict", tekst="Koppeling."
    )
    client.force_login(secretaris)
    response = client.post(
        f"/reacties/kernpunten/{kernpunt.pk}/samenvoegen/", {"in_kernpunt": HUGE}
    )
    # The merge page again, with the error at the choice.
    assert response.status_code == 400
    assert "Kies een ander kernpunt van dezelfde consultatie." in response.content.decode()

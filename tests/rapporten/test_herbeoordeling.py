"""Hertoets (issue 20, bullet 8): per kernpunt of its earlier toets the organisation marks
whether the new draft resolves it, next to what the ministry recorded for it; frozen in the
re-toets's paper and printed there."""

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from pypdf import PdfReader

from audit.models import AuditEvent
from consultaties import services as consultatie_services
from kern.workflow import TransitieNietToegestaan
from rapporten import pdf
from rapporten import services as rapport_services
from rapporten.snapshot import build_snapshot
from reacties import services
from reacties.models import KernpuntHertoets, Reactie
from tests import factories

from .helpers import accepteer, inhoud

echte_render_pdf = pdf.render_pdf

KP_A1 = {
    "dimensie": "ict",
    "tekst": "De koppeling met de BRP is niet op tijd klaar.",
    "ernst": "zwaarwegend",
}
KP_A2 = {
    "dimensie": "juridisch",
    "tekst": "Er ontbreekt een hardheidsclausule.",
    "ernst": "belangrijk",
}
KP_B = {
    "dimensie": "privacy",
    "tekst": "De grondslag voor de gegevensdeling ontbreekt.",
    "ernst": "belangrijk",
}


@pytest.fixture
def eerder(secretaris, ministerie, org_a, org_b, ministerie_gebruiker, snelle_pdf):
    """The earlier toets: org_a raised two kernpunten, org_b one; the paper was sent and the
    ministry recorded what it did with org_a's first kernpunt."""
    consultatie = factories.consultatie(
        secretaris_gebruiker=secretaris,
        ministerie=ministerie,
        organisaties=[org_a, org_b],
        open=True,
    )
    for reactie in consultatie.reacties.select_related("organisatie"):
        kernpunten = [KP_A1, KP_A2] if reactie.organisatie == org_a else [KP_B]
        accepteer(reactie, secretaris, kernpunten=kernpunten, **inhoud())
    consultatie = consultatie_services.consultatie_sluiten(
        consultatie=consultatie, actor=secretaris
    )
    rapport = rapport_services.rapport_aanmaken(
        consultatie=consultatie, actor=secretaris, op_achtergrond=False
    )
    rapport = rapport_services.rapport_pdf_genereren(rapport_id=rapport.pk)
    rapport = rapport_services.rapport_definitief_maken(rapport=rapport, actor=secretaris)
    rapport = rapport_services.rapport_verzenden(rapport=rapport, actor=secretaris)
    a1 = consultatie.reacties.get(organisatie=org_a).kernpunten.get(tekst=KP_A1["tekst"])
    rapport_services.verwerking_vastleggen(
        rapport=rapport,
        actor=ministerie_gebruiker,
        kernpunt=a1,
        uitkomst="deels_overgenomen",
        toelichting="De termijn is met een jaar verlengd.",
    )
    return consultatie


@pytest.fixture
def hertoets(eerder, secretaris, ministerie, org_a, org_b):
    return factories.consultatie(
        secretaris_gebruiker=secretaris,
        ministerie=ministerie,
        organisaties=[org_a, org_b],
        open=True,
        instrument="nota_van_wijziging",
        vorige_consultatie=eerder,
    )


@pytest.fixture
def reactie_a(hertoets, org_a, opsteller_a):
    reactie = hertoets.reacties.get(organisatie=org_a)
    return services.reactie_starten(reactie=reactie, actor=opsteller_a)


def _kernpunt(consultatie, tekst):
    return consultatie.reacties.get(kernpunten__tekst=tekst).kernpunten.get(tekst=tekst)


def _markeer(reactie, actor, herbeoordelingen):
    reactie = Reactie.objects.get(pk=reactie.pk)
    return services.reactie_bijwerken(
        reactie=reactie, actor=actor, versie=reactie.versie, herbeoordelingen=herbeoordelingen
    )


# --- the service ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_eerdere_kernpunten_komen_uit_het_verzonden_paper_met_de_verwerking(
    reactie_a, eerder, django_assert_max_num_queries
):
    with django_assert_max_num_queries(3):
        rijen = services.eerdere_kernpunten(reactie_a)
    # Only the own kernpunten, numbered as in the earlier paper (the severe one first).
    assert sorted(r["tekst"] for r in rijen) == sorted([KP_A1["tekst"], KP_A2["tekst"]])
    assert rijen[0]["nummer"] == "K1" and rijen[0]["tekst"] == KP_A1["tekst"]
    assert rijen[1]["nummer"] in ("K2", "K3")
    a1 = next(r for r in rijen if r["tekst"] == KP_A1["tekst"])
    assert (a1["verwerking"], a1["verwerking_toelichting"]) == (
        "deels_overgenomen",
        "De termijn is met een jaar verlengd.",
    )
    a2 = next(r for r in rijen if r["tekst"] == KP_A2["tekst"])
    assert a2["verwerking"] == "" and a2["oordeel"] == ""


@pytest.mark.django_db
def test_organisatie_markeert_haar_kernpunten_en_het_telt_als_inhoud(
    reactie_a, eerder, opsteller_a
):
    a1 = _kernpunt(eerder, KP_A1["tekst"])
    a2 = _kernpunt(eerder, KP_A2["tekst"])
    reactie = _markeer(
        reactie_a,
        opsteller_a,
        {
            str(a1.pk): {"oordeel": "deels_opgelost", "toelichting": "Termijn beter, BRP niet."},
            a2.pk: {"oordeel": "opgelost"},
        },
    )
    assert dict(reactie.herbeoordelingen.values_list("kernpunt_id", "oordeel")) == {
        a1.pk: "deels_opgelost",
        a2.pk: "opgelost",
    }
    gebeurtenis = AuditEvent.objects.voor(reactie).filter(actie="opgeslagen").last()
    assert gebeurtenis.actor == opsteller_a
    assert gebeurtenis.gegevens["herbeoordelingen"] == sorted([a1.pk, a2.pk])
    # Four-eyes: the drafter changed the content, so may not approve it alone.
    assert opsteller_a.pk in Reactie.objects.get(pk=reactie.pk).inhoud_gewijzigd_door()

    # An empty oordeel clears the marking.
    reactie = _markeer(reactie, opsteller_a, {a2.pk: {"oordeel": ""}})
    assert list(reactie.herbeoordelingen.values_list("kernpunt_id", flat=True)) == [a1.pk]


@pytest.mark.django_db
def test_kernpunt_van_een_andere_organisatie_of_onbekend_wordt_geweigerd(
    reactie_a, eerder, opsteller_a
):
    b = _kernpunt(eerder, KP_B["tekst"])
    for sleutel in (b.pk, "abc", 999_999):
        with pytest.raises(ValidationError) as fout:
            _markeer(reactie_a, opsteller_a, {sleutel: {"oordeel": "opgelost"}})
        assert any(k.startswith("herbeoordelingen.") for k in fout.value.message_dict)
    assert not KernpuntHertoets.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "waarden, veld",
    [
        ({"oordeel": "weet_niet"}, "oordeel"),
        ({"oordeel": "opgelost", "toelichting": "x" * 501}, "toelichting"),
        ({"oordeel": "opgelost", "toelichting": "stuur\x07teken"}, "toelichting"),
        ({"toelichting": "Alleen een toelichting."}, "oordeel"),
        ({"oordeel": "opgelost", "toelichting": ["lijst"]}, "toelichting"),
    ],
)
def test_ongeldige_markering_wordt_geweigerd(reactie_a, eerder, opsteller_a, waarden, veld):
    a1 = _kernpunt(eerder, KP_A1["tekst"])
    with pytest.raises(ValidationError) as fout:
        _markeer(reactie_a, opsteller_a, {a1.pk: waarden})
    assert f"herbeoordelingen.{a1.pk}.{veld}" in fout.value.message_dict
    assert not KernpuntHertoets.objects.exists()


@pytest.mark.django_db
def test_andere_organisatie_en_verkeerde_status_mogen_niet(
    reactie_a, eerder, opsteller_a, opsteller_b
):
    a1 = _kernpunt(eerder, KP_A1["tekst"])
    with pytest.raises(PermissionDenied):
        _markeer(reactie_a, opsteller_b, {a1.pk: {"oordeel": "opgelost"}})
    reactie = services.reactie_bijwerken(
        reactie=reactie_a,
        actor=opsteller_a,
        versie=Reactie.objects.get(pk=reactie_a.pk).versie,
        **inhoud(),
    )
    services.reactie_ter_accordering(reactie=reactie, actor=opsteller_a)
    with pytest.raises(TransitieNietToegestaan):
        _markeer(reactie_a, opsteller_a, {a1.pk: {"oordeel": "opgelost"}})
    assert not KernpuntHertoets.objects.exists()


@pytest.mark.django_db
def test_zonder_eerdere_toets_valt_er_niets_te_markeren(open_consultatie, org_a, opsteller_a):
    reactie = services.reactie_starten(
        reactie=open_consultatie.reacties.get(organisatie=org_a), actor=opsteller_a
    )
    assert services.eerdere_kernpunten(reactie) == []
    with pytest.raises(ValidationError):
        _markeer(reactie, opsteller_a, {1: {"oordeel": "opgelost"}})


# --- the paper -----------------------------------------------------------------------------


def _gesloten_hertoets(hertoets, eerder, secretaris, org_a):
    a1 = _kernpunt(eerder, KP_A1["tekst"])
    for reactie in hertoets.reacties.select_related("organisatie"):
        extra = {}
        if reactie.organisatie == org_a:
            extra["herbeoordelingen"] = {
                a1.pk: {"oordeel": "deels_opgelost", "toelichting": "Termijn beter, BRP niet."}
            }
        accepteer(reactie, secretaris, **inhoud(), **extra)
    return consultatie_services.consultatie_sluiten(consultatie=hertoets, actor=secretaris)


@pytest.mark.django_db
def test_snapshot_zet_markering_naast_de_verwerking(hertoets, eerder, secretaris, org_a):
    hertoets = _gesloten_hertoets(hertoets, eerder, secretaris, org_a)
    rijen = build_snapshot(hertoets)["hertoets"]["kernpunten"]
    per_tekst = {r["tekst"]: r for r in rijen}
    assert set(per_tekst) == {KP_A1["tekst"], KP_A2["tekst"], KP_B["tekst"]}
    a1 = per_tekst[KP_A1["tekst"]]
    assert (a1["oordeel_label"], a1["verwerking_label"], a1["toelichting"]) == (
        "Deels opgelost",
        "Deels overgenomen",
        "Termijn beter, BRP niet.",
    )
    assert a1["nummer"].startswith("K")
    assert per_tekst[KP_B["tekst"]]["oordeel"] == ""


@pytest.mark.django_db
def test_pdf_drukt_de_tabel_af(hertoets, eerder, secretaris, org_a):
    hertoets = _gesloten_hertoets(hertoets, eerder, secretaris, org_a)
    snapshot = build_snapshot(hertoets)
    resultaat = echte_render_pdf(snapshot, versie=1, inhoud_sha256="0" * 64, status_label="Concept")
    tekst = " ".join(
        " ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(resultaat.pdf)).pages
    )
    assert "Kernpunten van de vorige toets" in tekst
    assert "Deels opgelost: Termijn beter, BRP niet." in tekst
    assert "Deels overgenomen" in tekst
    assert "1 deels opgelost, 2 niet beoordeeld" in tekst


# --- the web pages -------------------------------------------------------------------------


def response_html(client, url) -> str:
    return client.get(url).content.decode()


def _plat(response) -> str:
    from django.utils.html import strip_tags

    return " ".join(strip_tags(response.content.decode()).split())


@pytest.mark.django_db
def test_formulier_toont_eerdere_kernpunten_en_slaat_de_keuze_op(
    client, reactie_a, eerder, opsteller_a, django_assert_max_num_queries
):
    from django.urls import reverse

    from tests.reacties.helpers import reactie_post

    a1 = _kernpunt(eerder, KP_A1["tekst"])
    client.force_login(opsteller_a)
    url = reverse("reacties:bewerken", args=[reactie_a.pk])
    with django_assert_max_num_queries(40):
        pagina = _plat(client.get(url))
    assert "Kernpunten van uw vorige toets" in pagina
    assert KP_A1["tekst"] in pagina and KP_A2["tekst"] in pagina
    assert KP_B["tekst"] not in pagina  # another organisation's kernpunt
    assert "Deels overgenomen" in pagina and "De termijn is met een jaar verlengd." in pagina
    assert f'name="herbeoordeling_{a1.pk}"' in response_html(client, url)

    reactie = Reactie.objects.get(pk=reactie_a.pk)
    data = reactie_post(
        reactie,
        **{
            f"herbeoordeling_{a1.pk}": "niet_opgelost",
            f"herbeoordeling_toelichting_{a1.pk}": "De BRP-koppeling blijft te laat.",
        },
    )
    response = client.post(url, data)
    assert response.status_code == 302
    assert dict(reactie.herbeoordelingen.values_list("kernpunt_id", "oordeel")) == {
        a1.pk: "niet_opgelost"
    }

    # A too long explanation is refused, tied to its field, and nothing is saved.
    reactie = Reactie.objects.get(pk=reactie_a.pk)
    data = reactie_post(
        reactie,
        **{
            f"herbeoordeling_{a1.pk}": "opgelost",
            f"herbeoordeling_toelichting_{a1.pk}": "x" * 501,
        },
    )
    response = client.post(url, data)
    assert response.status_code == 400
    assert "Maximaal 500 tekens" in _plat(response)
    assert reactie.herbeoordelingen.get().oordeel == "niet_opgelost"

    with django_assert_max_num_queries(40):
        detail = _plat(client.get(reverse("reacties:detail", args=[reactie_a.pk])))
    assert "Kernpunten van de vorige toets: lost deze versie ze op?" in detail
    assert "Niet opgelost: De BRP-koppeling blijft te laat." in detail
    assert "Nog niet beoordeeld" in detail  # the second kernpunt


@pytest.mark.django_db
def test_andere_organisatie_ziet_het_formulier_niet(client, reactie_a, opsteller_b):
    from django.urls import reverse

    client.force_login(opsteller_b)
    response = client.get(reverse("reacties:bewerken", args=[reactie_a.pk]))
    assert response.status_code in (403, 404)


# --- the API -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_api_leest_en_schrijft_de_herbeoordeling(reactie_a, eerder, opsteller_a, opsteller_b):
    from tests.apihulp import api_client

    a1 = _kernpunt(eerder, KP_A1["tekst"])
    b = _kernpunt(eerder, KP_B["tekst"])
    client = api_client(opsteller_a)
    url = f"/api/v1/reacties/{reactie_a.pk}"
    rijen = client.get(f"{url}/eerdere-kernpunten").json()
    assert {r["kernpunt"] for r in rijen} == {a1.pk, _kernpunt(eerder, KP_A2["tekst"]).pk}
    eerste = next(r for r in rijen if r["kernpunt"] == a1.pk)
    assert eerste["nummer"] == "K1"
    assert eerste["verwerking"] == "deels_overgenomen"
    assert eerste["verwerkingToelichting"] == "De termijn is met een jaar verlengd."

    versie = client.get(url).json()["versie"]
    response = client.patch(
        url,
        {
            "versie": versie,
            "herbeoordelingen": [
                {"kernpunt": a1.pk, "oordeel": "opgelost", "toelichting": "Termijn verlengd."}
            ],
        },
        format="json",
    )
    assert response.status_code == 200
    assert response.json()["herbeoordelingen"] == [
        {"kernpunt": a1.pk, "oordeel": "opgelost", "toelichting": "Termijn verlengd."}
    ]
    assert client.get(f"{url}/eerdere-kernpunten").json()[0]["oordeel"] == "opgelost"

    versie = response.json()["versie"]
    for fout, naam in (
        ({"kernpunt": b.pk, "oordeel": "opgelost"}, f"herbeoordelingen.{b.pk}"),
        ({"kernpunt": a1.pk, "oordeel": "misschien"}, "herbeoordelingen"),
        (
            {"kernpunt": a1.pk, "oordeel": "opgelost", "toelichting": "x" * 501},
            f"herbeoordelingen.{a1.pk}.toelichting",
        ),
    ):
        response = client.patch(url, {"versie": versie, "herbeoordelingen": [fout]}, format="json")
        assert response.status_code == 400, response.content
        namen = [p["name"] for p in response.json()["invalidParams"]]
        assert any(n.startswith(naam) for n in namen), namen
    assert KernpuntHertoets.objects.get().oordeel == "opgelost"

    # Another organisation cannot write it (its response is not visible: 404).
    response = api_client(opsteller_b).patch(
        url,
        {"versie": versie, "herbeoordelingen": [{"kernpunt": a1.pk, "oordeel": "niet_opgelost"}]},
        format="json",
    )
    assert response.status_code in (403, 404)
    assert KernpuntHertoets.objects.get().oordeel == "opgelost"


@pytest.mark.django_db
def test_xlsx_heeft_een_blad_met_de_kernpunten_van_de_vorige_toets(
    hertoets, eerder, secretaris, org_a
):
    from openpyxl import load_workbook

    from rapporten.export import kernpunten_xlsx

    hertoets = _gesloten_hertoets(hertoets, eerder, secretaris, org_a)
    boek = load_workbook(io.BytesIO(kernpunten_xlsx(hertoets, secretaris)))
    rijen = list(boek["Kernpunten vorige toets"].iter_rows(values_only=True))
    assert rijen[0][0] == "Nr. vorige toets"
    a1 = next(r for r in rijen if r[2] == KP_A1["tekst"])
    assert a1[0] == "K1"
    assert a1[3] == "Deels overgenomen: De termijn is met een jaar verlengd."
    assert (a1[4], a1[5]) == ("Deels opgelost", "Termijn beter, BRP niet.")
    assert len(rijen) == 4


@pytest.mark.django_db
def test_paginas_kosten_niet_meer_queries_met_meer_eerdere_kernpunten(
    client, reactie_a, eerder, opsteller_a, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    client.force_login(opsteller_a)
    paginas = [
        reverse("reacties:bewerken", args=[reactie_a.pk]),
        reverse("reacties:detail", args=[reactie_a.pk]),
    ]
    voor = []
    for url in paginas:
        with CaptureQueriesContext(connection) as q:
            assert client.get(url).status_code == 200
        voor.append(len(q))
    # Ten more kernpunten (and markings) in the earlier paper's snapshot.
    from rapporten.models import Rapport

    rapport = Rapport.objects.get(consultatie=eerder, status="verzonden")
    extra = [
        {**rapport.snapshot["kernpunten"][0], "id": 10_000 + n, "nummer": f"K{10 + n}"}
        for n in range(10)
    ]
    snapshot = {**rapport.snapshot, "kernpunten": rapport.snapshot["kernpunten"] + extra}
    # A sent paper's snapshot is frozen (the model refuses the write): set it in SQL,
    # for this test only.
    import json

    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {Rapport._meta.db_table} SET snapshot = %s WHERE id = %s",
            [json.dumps(snapshot), rapport.pk],
        )
    for url, aantal in zip(paginas, voor, strict=True):
        with django_assert_max_num_queries(aantal):
            pagina = client.get(url)
        assert pagina.status_code == 200
        assert "K19" in pagina.content.decode()

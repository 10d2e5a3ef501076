"""Hostile, odd and very long input is stored exactly as typed and shown harmlessly in the
page and the e-mail (the PDF: tests/rapporten/test_pdf.py)."""

import pytest

from reacties import services
from reacties.models import MAXIMALE_LENGTE, Dimensie, Reactie
from tests import factories

SCRIPT = '<script>alert("tegenkracht")</script>'
AFBEELDING = '"><img src=x onerror=alert(1)>'
VREEMD = "Zoë Çelik — “citaat” ‮omgekeerd‬ 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 ﷽ \u200b"
# As long as a kernboodschap may be (the documented maximum, issue 20); longer text is
# refused with a message (tests/reacties/test_lengtes.py).
LANG = ("Uitvoering. " * 200)[: MAXIMALE_LENGTE["kernboodschap"] - len(SCRIPT)]

TEKSTVELDEN = {
    "kernboodschap": SCRIPT + LANG,
    "voorwaarden": AFBEELDING,
    "beslag_op_portfolio": VREEMD,
    "burgerperspectief": SCRIPT,
    "doenvermogen_conclusie": AFBEELDING,
    "ondertekenaar_naam": VREEMD[:200],
    "ondertekenaar_functie": '<b onmouseover="alert(1)">bestuurder</b>',
}


@pytest.fixture
def vijandige_reactie(reactie_a, opsteller_a):
    reactie = services.reactie_starten(reactie=reactie_a, actor=opsteller_a)
    reactie = services.reactie_bijwerken(
        reactie=reactie,
        actor=opsteller_a,
        versie=reactie.versie,
        velden={"eindoordeel": "uitvoerbaar", **TEKSTVELDEN},
        beoordelingen={d.value: {"gevolgen": "beperkt", "toelichting": SCRIPT} for d in Dimensie},
        kosten=[
            {
                "categorie": "overig",
                "soort": "incidenteel",
                "bedrag": "1",
                "toelichting": AFBEELDING,
            }
        ],
    )
    services.kernpunt_toevoegen(reactie=reactie, actor=opsteller_a, dimensie="ict", tekst=SCRIPT)
    return Reactie.objects.get(pk=reactie.pk)


@pytest.mark.django_db
def test_tekst_wordt_precies_opgeslagen_zoals_getypt(vijandige_reactie):
    for veld, waarde in TEKSTVELDEN.items():
        assert getattr(vijandige_reactie, veld) == waarde, veld
    assert vijandige_reactie.beoordelingen.first().toelichting == SCRIPT
    assert vijandige_reactie.kernpunten.get().tekst == SCRIPT


@pytest.mark.django_db
def test_pagina_toont_alles_onschadelijk(client, vijandige_reactie, opsteller_a):
    client.force_login(opsteller_a)
    for pad in (
        f"/reacties/{vijandige_reactie.pk}/",
        f"/reacties/{vijandige_reactie.pk}/bewerken/",
    ):
        html = client.get(pad).content.decode()
        assert "alert(&quot;tegenkracht&quot;)" in html, pad
        assert SCRIPT not in html, pad
        assert "<img src=x" not in html, pad
        assert 'onmouseover="alert' not in html, pad
        assert "Zoë Çelik" in html, pad


@pytest.mark.django_db
def test_email_html_is_ontsmet_en_tekst_blijft_leesbaar(
    vijandige_reactie, opsteller_a, accordeerder_a, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        reactie = services.reactie_ter_accordering(reactie=vijandige_reactie, actor=opsteller_a)
    with django_capture_on_commit_callbacks(execute=True):
        services.reactie_afkeuren(
            reactie=reactie, actor=accordeerder_a, toelichting=SCRIPT + VREEMD
        )
    bericht = next(m for m in mailoutbox if "afgekeurd" in m.subject)
    html = bericht.alternatives[0][0]
    assert SCRIPT not in html
    assert "&lt;script&gt;" in html
    assert SCRIPT + VREEMD in bericht.body  # plain text: exactly as typed


@pytest.mark.django_db
def test_html_in_de_titel_van_een_consultatie_blijft_tekst(client, secretaris, ministerie):
    consultatie = factories.consultatie(
        secretaris_gebruiker=secretaris, ministerie=ministerie, titel=SCRIPT
    )
    client.force_login(secretaris)
    for pad in ("/", "/consultaties/", f"/consultaties/{consultatie.pk}/"):
        html = client.get(pad).content.decode()
        assert SCRIPT not in html, pad
        assert "&lt;script&gt;" in html, pad

"""On the consultation form the earlier consultation of a hertoets is typed by its
kenmerk, with the most recent ones as suggestions: a select of every consultation grew
with the years (2,000 options, 158 kB, 70 ms a page; issue 19)."""

import re

import pytest
from django.urls import reverse

from consultaties.forms import SUGGESTIES
from consultaties.models import Consultatie
from tests import factories
from tests.consultaties.test_web_paginas import TERMIJN_INVOER

pytestmark = pytest.mark.django_db


def _nieuw(client, ministerie, **extra):
    return client.post(
        reverse("consultaties:aanmaken"),
        {
            "titel": "Nota van wijziging toeslagen",
            "instrument": "nota_van_wijziging",
            "ministerie": ministerie.pk,
            "termijn": TERMIJN_INVOER,
            **extra,
        },
    )


def test_hertoets_met_het_kenmerk_van_de_eerdere(client, secretaris, ministerie, open_consultatie):
    client.force_login(secretaris)
    getypt = f"  {open_consultatie.kenmerk.lower()} "
    assert _nieuw(client, ministerie, vorige_consultatie=getypt).status_code == 302
    nieuw = Consultatie.objects.get(titel="Nota van wijziging toeslagen")
    assert nieuw.vorige_consultatie == open_consultatie


def test_onbekend_kenmerk_geeft_een_fout_en_houdt_de_invoer(client, secretaris, ministerie):
    client.force_login(secretaris)
    response = _nieuw(client, ministerie, vorige_consultatie="TK-1999-<b>")
    assert response.status_code == 400
    inhoud = response.content.decode()
    assert "Er is geen consultatie met dit kenmerk." in inhoud
    assert 'value="TK-1999-&lt;b&gt;"' in inhoud
    assert not Consultatie.objects.filter(titel="Nota van wijziging toeslagen").exists()


def test_leeg_is_een_eerste_toets(client, secretaris, ministerie):
    client.force_login(secretaris)
    assert _nieuw(client, ministerie, vorige_consultatie="").status_code == 302
    assert Consultatie.objects.get(titel="Nota van wijziging toeslagen").vorige_consultatie is None


def test_suggesties_begrensd_en_bewerken_toont_het_kenmerk(client, secretaris, ministerie):
    eerste = factories.consultatie(secretaris_gebruiker=secretaris, ministerie=ministerie)
    for _ in range(SUGGESTIES + 3):
        factories.consultatie(secretaris_gebruiker=secretaris, ministerie=ministerie)
    hertoets = factories.consultatie(
        secretaris_gebruiker=secretaris, ministerie=ministerie, vorige_consultatie=eerste
    )
    client.force_login(secretaris)
    nieuw = client.get(reverse("consultaties:aanmaken")).content.decode()
    lijst = nieuw.split('<datalist id="id_vorige_consultatie_suggesties">', 1)[1]
    lijst = lijst.split("</datalist>", 1)[0]
    assert lijst.count("<option ") == SUGGESTIES  # not one per consultation
    assert 'list="id_vorige_consultatie_suggesties"' in nieuw
    bewerken = client.get(reverse("consultaties:bewerken", args=[hertoets.pk])).content.decode()
    veld = re.search(r'<input type="text" name="vorige_consultatie"[^>]*>', bewerken).group(0)
    assert f'value="{eerste.kenmerk}"' in veld
    # A consultation is not suggested as a hertoets of itself.
    assert f'<option value="{hertoets.kenmerk}">' not in bewerken

"""The consultation page summarises and filters its invited organisations for the
secretaris (``reacties/paginas.py``: ``Reactie.objects.statusoverzicht``,
``OrganisatieLijstFilter``). The whole page costs a fixed number of queries however many
organisations are invited."""

import pytest
from django.urls import reverse

from tests import factories
from tests.werkhulp import medewerker, tel_queries, werk_erbij

pytestmark = pytest.mark.django_db

#: The consultation page of the secretaris, with the summary and the filtered list.
CONSULTATIEPAGINA_QUERIES = 12


@pytest.fixture
def org_c(db):
    return factories.OrganisatieFactory(afkorting="DUO", naam="Dienst Uitvoering Onderwijs")


def test_statusoverzicht_per_netwerk(client, drie_ingediend, secretaris):
    client.force_login(secretaris)
    _, inhoud = tel_queries(client, reverse("consultaties:detail", args=[drie_ingediend.pk]))
    assert "Stand per status en per netwerk" in inhoud
    assert "?status=ingediend#organisaties" in inhoud
    assert 'form="bulkacties"' in inhoud


def test_lijst_filtert_en_sorteert_zonder_javascript(client, drie_ingediend, secretaris):
    client.force_login(secretaris)
    url = reverse("consultaties:detail", args=[drie_ingediend.pk])
    _, inhoud = tel_queries(client, url + "?status=ingediend")
    assert (
        "2 organisaties getoond." in inhoud and "Dienst Uitvoering Onderwijs</a></th>" not in inhoud
    )
    _, inhoud = tel_queries(client, url + "?status=lopend")
    assert "1 organisatie getoond." in inhoud and "Dienst Uitvoering Onderwijs</a></th>" in inhoud
    duo, uwv = "Dienst Uitvoering Onderwijs</a></th>", "UWV</a></th>"
    _, oplopend = tel_queries(client, url + "?sorteer=status")
    _, aflopend = tel_queries(client, url + "?sorteer=-status")
    assert oplopend.index(duo) < oplopend.index(uwv)  # in_voorbereiding before ingediend
    assert aflopend.index(duo) > aflopend.index(uwv)
    _, inhoud = tel_queries(client, url + "?status=bestaat-niet")
    assert "Selecteer een geldige keuze" in inhoud


def test_organisatie_ziet_geen_overzicht_of_bulkacties(client, drie_ingediend, org_a):
    client.force_login(medewerker(org_a, "opsteller"))
    inhoud = client.get(reverse("consultaties:detail", args=[drie_ingediend.pk])).content.decode()
    assert "Stand per status" not in inhoud and "bulkacties" not in inhoud


def test_consultatiepagina_queries_vast_in_aantal_organisaties(client, secretaris, ministerie):
    client.force_login(secretaris)
    klein = werk_erbij(secretaris, ministerie, 3)
    groot = werk_erbij(secretaris, ministerie, 12)
    aantallen = {
        tel_queries(client, reverse("consultaties:detail", args=[c.pk]) + filter_)[0]
        for c in (klein, groot)
        for filter_ in ("", "?status=lopend&sorteer=-termijn")
    }
    assert aantallen == {CONSULTATIEPAGINA_QUERIES}

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
CONSULTATIEPAGINA_QUERIES = 11


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


#: The page of a closed consultation: its kernpunten counted (one query), not listed.
GESLOTEN_PAGINA_QUERIES = {"secretaris": 15, "opsteller": 13}
#: The kernpunten page of a closed consultation: the kernpunten, their endorsers (one
#: query) and themes; no paper version yet, so no kernpunt numbers.
KERNPUNTENPAGINA_QUERIES = {"secretaris": 10, "opsteller": 10}


def _gesloten_met_kernpunten(secretaris, ministerie, per_reactie: int):
    """A closed consultation of three organisations, each response with ``per_reactie``
    more kernpunten, each endorsed by the other two organisations."""
    from reacties.models import Kernpunt, Onderschrijving
    from tests.rapporten.helpers import gesloten_consultatie

    organisaties = [factories.OrganisatieFactory() for _ in range(3)]
    consultatie = gesloten_consultatie(secretaris, ministerie, organisaties)
    reacties = list(consultatie.reacties.select_related("organisatie"))
    for reactie in reacties:
        for i in range(per_reactie):
            Kernpunt.objects.create(reactie=reactie, dimensie="ict", tekst=f"Punt {i}")
    for kernpunt in Kernpunt.objects.filter(reactie__consultatie=consultatie):
        for reactie in reacties:
            if reactie.organisatie_id != kernpunt.reactie.organisatie_id:
                Onderschrijving.objects.create(
                    kernpunt=kernpunt,
                    organisatie=reactie.organisatie,
                    door=medewerker(reactie.organisatie, "opsteller"),
                )
    return consultatie, organisaties


@pytest.mark.parametrize("rol", ["secretaris", "opsteller"])
def test_gesloten_consultatiepagina_queries_vast_in_aantal_kernpunten(
    client, secretaris, ministerie, rol
):
    aantallen = set()
    for per_reactie in (1, 6):
        consultatie, organisaties = _gesloten_met_kernpunten(secretaris, ministerie, per_reactie)
        client.force_login(secretaris if rol == "secretaris" else medewerker(organisaties[0], rol))
        aantal, inhoud = tel_queries(client, reverse("consultaties:detail", args=[consultatie.pk]))
        aantallen.add(aantal)
        # One kernpunt per response from the helper, and per_reactie more each.
        assert f"{3 * (per_reactie + 1)} kernpunten van 3 organisaties." in inhoud
        assert "Onderschreven door" not in inhoud  # the list is on the kernpunten page
    assert aantallen == {GESLOTEN_PAGINA_QUERIES[rol]}


@pytest.mark.parametrize("rol", ["secretaris", "opsteller"])
def test_kernpuntenpagina_queries_vast_in_aantal_kernpunten(client, secretaris, ministerie, rol):
    aantallen = set()
    for per_reactie in (1, 6):
        consultatie, organisaties = _gesloten_met_kernpunten(secretaris, ministerie, per_reactie)
        client.force_login(secretaris if rol == "secretaris" else medewerker(organisaties[0], rol))
        url = reverse("consultaties:kernpunten", args=[consultatie.pk])
        aantal, inhoud = tel_queries(client, url)
        aantallen.add(aantal)
        anderen = ", ".join(o.afkorting for o in organisaties[1:])
        assert inhoud.count(f"Onderschreven door: {anderen}") == per_reactie + 1
    assert aantallen == {KERNPUNTENPAGINA_QUERIES[rol]}

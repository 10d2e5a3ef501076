"""Backlog, workload, notifications and extension requests: filtered, sorted and paginated
on the server, never unbounded, at a query cost that does not grow with the data."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from consultaties import services as consultatie_services
from kern.lijsten import PER_PAGINA
from notificaties.models import Notificatie
from organisaties.models import Netwerk
from reacties.models import Reactie
from termijnen import overzichten as termijnen
from termijnen import services
from tests import factories

pytestmark = pytest.mark.django_db


def meer_organisaties(consultatie, secretaris, aantal, netwerk=Netwerk.KLEINLEF, begin=0):
    nieuwe = [
        factories.OrganisatieFactory(
            afkorting=f"EXTRA{begin + i}", naam=f"Extra {begin + i:03d}", netwerk=netwerk
        )
        for i in range(aantal)
    ]
    consultatie_services.consultatie_uitnodigen(
        consultatie=consultatie, actor=secretaris, organisaties=nieuwe
    )
    return nieuwe


def rijen(response) -> int:
    """Rows of the list's table body (0 when the page shows no table)."""
    inhoud = response.content.decode()
    if "<tbody" not in inhoud:
        return 0
    return inhoud.split("<tbody", 1)[1].split("</tbody>", 1)[0].count("<tr ")


# --- achterstand (backlog) -----------------------------------------------------------------


def test_achterstand_pagineert_en_houdt_filters_in_de_paginalinks(
    client, open_consultatie, secretaris
):
    meer_organisaties(open_consultatie, secretaris, PER_PAGINA + 3)
    client.force_login(secretaris)
    url = reverse("notificaties:achterstand")
    eerste = client.get(url, {"netwerk": Netwerk.KLEINLEF})
    assert rijen(eerste) == PER_PAGINA
    inhoud = eerste.content.decode()
    assert 'aria-current="page"' in inhoud
    assert "netwerk=KleinLef&amp;pagina=2" in inhoud
    tweede = client.get(url, {"netwerk": Netwerk.KLEINLEF, "pagina": 2})
    assert rijen(tweede) == 3  # 28 KleinLef organisations; UWV and SVB are not in it


def test_achterstand_filtert_op_organisatie_status_en_consultatie(
    client, open_consultatie, secretaris, ministerie, org_a, org_b, reactie_a, opsteller_a
):
    from reacties import services as reactie_services

    reactie_services.reactie_starten(reactie=reactie_a, actor=opsteller_a)
    andere = factories.consultatie(
        secretaris_gebruiker=secretaris, ministerie=ministerie, organisaties=[org_b], open=True
    )
    client.force_login(secretaris)
    url = reverse("notificaties:achterstand")
    inhoud = client.get(url, {"status": "in_voorbereiding"}).content.decode()
    assert org_a.naam in inhoud and org_b.naam not in inhoud
    response = client.get(url, {"consultatie": andere.pk})
    assert rijen(response) == 1 and andere.kenmerk in response.content.decode()
    assert rijen(client.get(url, {"zoek": "svb"})) == 2  # SVB in both consultations


def test_achterstand_sorteert_op_organisatie(client, open_consultatie, secretaris, org_a, org_b):
    client.force_login(secretaris)
    inhoud = client.get(
        reverse("notificaties:achterstand"), {"sorteer": "organisatie"}
    ).content.decode()
    assert inhoud.index(org_b.naam) < inhoud.index(org_a.naam)  # SVB before UWV


def test_ongeldige_filters_laten_de_pagina_heel(client, open_consultatie, secretaris):
    client.force_login(secretaris)
    response = client.get(
        reverse("notificaties:achterstand"),
        {"consultatie": "x", "urgentie": "bestaat-niet", "sorteer": "drop", "pagina": "999"},
    )
    assert response.status_code == 200
    assert rijen(response) == 2


@pytest.mark.parametrize("dagen", [0.5, 1, 2, 3, 4, 6, 9, 10, 11, 14, 20, 40])
def test_urgentiefilter_geeft_dezelfde_categorie_als_de_regel(
    open_consultatie, secretaris, reactie_a, dagen
):
    nu = timezone.now()
    Reactie.objects.filter(pk=reactie_a.pk).update(termijn_verlengd_tot=nu + timedelta(days=dagen))
    reactie = Reactie.objects.met_effectieve_termijn().get(pk=reactie_a.pk)
    verwacht, _ = termijnen.urgentie(reactie, nu)
    basis = Reactie.objects.filter(pk=reactie_a.pk).met_effectieve_termijn()
    gevonden = [
        categorie
        for categorie in termijnen.Urgentie.LABELS
        if termijnen.met_urgentie(basis, categorie, nu).exists()
    ]
    assert gevonden == [verwacht]


def test_achterstand_van_een_consultatie_kent_geen_consultatiefilter(
    client, open_consultatie, secretaris
):
    client.force_login(secretaris)
    response = client.get(
        reverse("notificaties:achterstand_consultatie", args=[open_consultatie.pk])
    )
    assert response.status_code == 200
    assert 'name="consultatie"' not in response.content.decode()
    assert 'aria-label="Kruimelpad"' in response.content.decode()


def test_achterstand_alleen_voor_het_secretariaat(client, open_consultatie, opsteller_a):
    client.force_login(opsteller_a)
    assert client.get(reverse("notificaties:achterstand")).status_code == 403


def test_achterstand_kost_evenveel_queries_bij_meer_organisaties_en_consultaties(
    client, open_consultatie, secretaris, ministerie, org_a, django_assert_num_queries
):
    client.force_login(secretaris)
    url = reverse("notificaties:achterstand")
    client.get(url)  # warm the session and the content types
    with django_assert_num_queries(8):
        assert client.get(url).status_code == 200
    meer_organisaties(open_consultatie, secretaris, 40)
    factories.consultatie(
        secretaris_gebruiker=secretaris, ministerie=ministerie, organisaties=[org_a], open=True
    )
    with django_assert_num_queries(8):
        assert rijen(client.get(url)) == PER_PAGINA


# --- werklast (workload) ----------------------------------------------------------------


def test_werklast_overzicht_filtert_sorteert_en_pagineert(
    client, open_consultatie, secretaris, org_a
):
    meer_organisaties(open_consultatie, secretaris, PER_PAGINA + 1, netwerk=Netwerk.RBB_GROEP)
    client.force_login(secretaris)
    url = reverse("notificaties:werklast")
    assert rijen(client.get(url)) == PER_PAGINA
    assert rijen(client.get(url, {"pagina": 2})) == 3
    assert rijen(client.get(url, {"netwerk": Netwerk.RBB_GROEP, "pagina": 2})) == 1
    inhoud = client.get(url, {"zoek": "uwv"}).content.decode()
    assert org_a.naam in inhoud and "Extra 000" not in inhoud
    namen = client.get(url, {"sorteer": "naam"}).content.decode()
    assert namen.index("Extra 000") < namen.index("Extra 001")


def test_werklast_overzicht_kost_evenveel_queries_bij_meer_organisaties(
    client, open_consultatie, secretaris, django_assert_num_queries
):
    client.force_login(secretaris)
    url = reverse("notificaties:werklast")
    client.get(url)
    with django_assert_num_queries(6):
        client.get(url)
    meer_organisaties(open_consultatie, secretaris, 40)
    with django_assert_num_queries(6):
        assert rijen(client.get(url)) == PER_PAGINA


def test_werklast_van_een_organisatie_filtert_en_pagineert(
    client, secretaris, ministerie, org_a, opsteller_a
):
    for _ in range(PER_PAGINA + 2):
        factories.consultatie(
            secretaris_gebruiker=secretaris, ministerie=ministerie, organisaties=[org_a], open=True
        )
    client.force_login(opsteller_a)
    url = reverse("notificaties:werklast_organisatie", args=[org_a.pk])
    eerste = client.get(url)
    assert rijen(eerste) == PER_PAGINA
    assert f"{PER_PAGINA + 2} uitvoeringstoetsen nog in te dienen" in eerste.content.decode()
    assert rijen(client.get(url, {"pagina": 2})) == 2
    assert rijen(client.get(url, {"stand": "klaar"})) == 0
    assert rijen(client.get(url, {"urgentie": "op_schema"})) == PER_PAGINA


def test_werklast_van_een_andere_organisatie_is_404(client, open_consultatie, org_b, opsteller_a):
    client.force_login(opsteller_a)
    url = reverse("notificaties:werklast_organisatie", args=[org_b.pk])
    assert client.get(url).status_code == 404


def test_werklast_van_een_organisatie_kost_evenveel_queries(
    client, secretaris, ministerie, org_a, opsteller_a, django_assert_num_queries
):
    factories.consultatie(
        secretaris_gebruiker=secretaris, ministerie=ministerie, organisaties=[org_a], open=True
    )
    client.force_login(opsteller_a)
    url = reverse("notificaties:werklast_organisatie", args=[org_a.pk])
    client.get(url)
    with django_assert_num_queries(10):
        client.get(url)
    for _ in range(PER_PAGINA + 5):
        factories.consultatie(
            secretaris_gebruiker=secretaris, ministerie=ministerie, organisaties=[org_a], open=True
        )
    with django_assert_num_queries(10):
        assert rijen(client.get(url)) == PER_PAGINA


# --- notifications ----------------------------------------------------------------------


def _notificaties(gebruiker, aantal, **kwargs):
    Notificatie.objects.bulk_create(
        Notificatie(
            ontvanger=gebruiker, soort="x", onderwerp=f"Bericht {i:03d}", tekst="t", **kwargs
        )
        for i in range(aantal)
    )


def test_notificaties_filteren_op_gelezen_en_onderwerp(client, opsteller_a):
    _notificaties(opsteller_a, 3)
    _notificaties(opsteller_a, 2, gelezen_op=timezone.now())
    client.force_login(opsteller_a)
    url = reverse("notificaties:lijst")
    assert client.get(url, {"gelezen": "nee"}).content.decode().count("Markeer als gelezen") == 3
    assert client.get(url, {"gelezen": "ja"}).content.decode().count("Markeer als gelezen") == 0
    inhoud = client.get(url, {"zoek": "Bericht 001"}).content.decode()
    assert inhoud.count(">Bericht 001</span>") == 2  # one unread, one read


def test_notificaties_pagineren_en_kosten_evenveel_queries(
    client, opsteller_a, django_assert_num_queries
):
    _notificaties(opsteller_a, 2)
    client.force_login(opsteller_a)
    url = reverse("notificaties:lijst")
    client.get(url)
    with django_assert_num_queries(6):
        client.get(url)
    _notificaties(opsteller_a, 3 * PER_PAGINA)
    with django_assert_num_queries(6):
        inhoud = client.get(url, {"sorteer": "oudste", "pagina": 2}).content.decode()
    assert "Bericht 000" not in inhoud and inhoud.count('<li class="ongelezen">') == PER_PAGINA


# --- extension requests -----------------------------------------------------------------


def test_verlengingen_filteren_op_status_en_pagineren(
    client, open_consultatie, secretaris, opsteller_a, reactie_a, django_assert_num_queries
):
    services.verlenging_aanvragen(reactie=reactie_a, actor=opsteller_a, reden="Drukte.")
    client.force_login(secretaris)
    url = reverse("notificaties:verlengingen")
    client.get(url)
    # The page's responses (with consultation and organisation) and requesters are read
    # for its rows: two queries, however many requests the years left.
    with django_assert_num_queries(8):
        assert rijen(client.get(url, {"status": "aangevraagd"})) == 1
    assert rijen(client.get(url, {"status": "afgewezen"})) == 0
    nieuwe = meer_organisaties(open_consultatie, secretaris, PER_PAGINA + 1)
    for organisatie in nieuwe:
        medewerker = factories.opsteller(organisatie)
        services.verlenging_aanvragen(
            reactie=open_consultatie.reacties.get(organisatie=organisatie),
            actor=medewerker,
            reden="Drukte.",
        )
    with django_assert_num_queries(8):
        assert rijen(client.get(url)) == PER_PAGINA
    assert rijen(client.get(url, {"pagina": 2})) == 2
    assert rijen(client.get(url, {"zoek": "EXTRA3"})) == 1


def test_organisatie_ziet_alleen_eigen_verzoeken(
    client, open_consultatie, opsteller_a, opsteller_b, reactie_a
):
    services.verlenging_aanvragen(reactie=reactie_a, actor=opsteller_a, reden="Drukte.")
    client.force_login(opsteller_b)
    assert rijen(client.get(reverse("notificaties:verlengingen"))) == 0

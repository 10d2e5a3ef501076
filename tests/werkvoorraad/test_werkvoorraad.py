"""The secretaris's dashboard is a work queue grouped by consultation, with counts in the
menu; the consultation page summarises and filters its organisations. Both cost a fixed
number of queries however much work there is."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from notificaties.models import Email, EmailStatus
from termijnen import services as termijn_services
from tests import factories
from tests.werkvoorraad.conftest import dien_in, medewerker

pytestmark = pytest.mark.django_db

#: The dashboard of the secretaris: session and user, the menu counts (one query), the
#: counts per status, the running consultations, and the seven queries of the work queue.
DASHBOARD_QUERIES = 13
#: The consultation page of the secretaris, with the summary and the filtered list.
CONSULTATIEPAGINA_QUERIES = 12


def werk_erbij(secretaris, ministerie, n: int, termijn_dagen=3):
    """An open consultation closing soon with ``n`` organisations: one submitted, one with
    an extension request, the others behind; and a failed e-mail."""
    organisaties = [factories.OrganisatieFactory() for _ in range(n)]
    consultatie = factories.consultatie(
        secretaris_gebruiker=secretaris,
        ministerie=ministerie,
        organisaties=organisaties,
        open=True,
        termijn=timezone.now() + timedelta(days=termijn_dagen),
    )
    reacties = list(consultatie.reacties.select_related("organisatie"))
    dien_in(reacties[0])
    termijn_services.verlenging_aanvragen(
        reactie=reacties[1],
        actor=medewerker(reacties[1].organisatie, "opsteller"),
        reden="Het bestuur vergadert pas na de termijn.",
    )
    Email.objects.create(
        aan="x@example.nl",
        onderwerp="Uitnodiging",
        tekst="-",
        html="-",
        status=EmailStatus.OPGEGEVEN,
    )
    return consultatie


def _tel(client, url) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_werkvoorraad_gegroepeerd_met_tellers(client, secretaris, ministerie):
    consultatie = werk_erbij(secretaris, ministerie, 4)
    client.force_login(secretaris)
    _, inhoud = _tel(client, reverse("consultaties:dashboard"))
    assert f'id="werk-{consultatie.pk}"' in inhoud
    assert "1 reactie te beoordelen" in inhoud
    assert "1 verzoek om verlenging" in inhoud
    assert "organisaties achter op de termijn" in inhoud
    assert "sluit over" in inhoud
    assert (
        f"{reverse('consultaties:detail', args=[consultatie.pk])}?status=ingediend#organisaties"
        in inhoud
    )
    # The menu: 1 response + 1 request in the queue, 1 open request, 1 failed e-mail.
    assert '2<span class="tk-visueel-verborgen"> punten in de werkvoorraad' in inhoud
    assert '1<span class="tk-visueel-verborgen"> open verzoeken' in inhoud
    assert '1<span class="tk-visueel-verborgen"> mislukt' in inhoud


def test_dashboard_queries_vast_als_het_werk_groeit(client, secretaris, ministerie):
    client.force_login(secretaris)
    werk_erbij(secretaris, ministerie, 3)
    klein, _ = _tel(client, reverse("consultaties:dashboard"))
    for dagen in (2, 5, 12):
        werk_erbij(secretaris, ministerie, 6, termijn_dagen=dagen)
    groot, inhoud = _tel(client, reverse("consultaties:dashboard"))
    assert inhoud.count('class="tk-kaart tk-werkvoorraad__groep"') == 4
    assert klein == groot == DASHBOARD_QUERIES


def test_andere_rollen_zien_geen_werkvoorraad(
    client, open_consultatie, opsteller_a, ministerie_gebruiker
):
    for gebruiker in (opsteller_a, ministerie_gebruiker):
        client.force_login(gebruiker)
        inhoud = client.get(reverse("consultaties:dashboard")).content.decode()
        assert "Werkvoorraad" not in inhoud and "punten in de werkvoorraad" not in inhoud


def test_ander_secretarispagina_kost_geen_extra_query_voor_de_menutellers(
    client, secretaris, ministerie
):
    """The menu counts share the one query the unread count already made."""
    werk_erbij(secretaris, ministerie, 3)
    client.force_login(secretaris)
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("notificaties:lijst"))
    [teller] = [q["sql"] for q in queries if '"gelezen_op" IS NULL' in q["sql"]]
    assert "te_beoordelen" in teller and "emails_mislukt" in teller


# --- the consultation page ----------------------------------------------------------------


def test_statusoverzicht_per_netwerk(client, drie_ingediend, secretaris):
    client.force_login(secretaris)
    _, inhoud = _tel(client, reverse("consultaties:detail", args=[drie_ingediend.pk]))
    assert "Stand per status en per netwerk" in inhoud
    assert "?status=ingediend#organisaties" in inhoud
    assert 'form="bulkacties"' in inhoud


def test_lijst_filtert_en_sorteert_zonder_javascript(client, drie_ingediend, secretaris):
    client.force_login(secretaris)
    url = reverse("consultaties:detail", args=[drie_ingediend.pk])
    _, inhoud = _tel(client, url + "?status=ingediend")
    assert (
        "2 organisaties getoond." in inhoud and "Dienst Uitvoering Onderwijs</a></th>" not in inhoud
    )
    _, inhoud = _tel(client, url + "?status=lopend")
    assert "1 organisatie getoond." in inhoud and "Dienst Uitvoering Onderwijs</a></th>" in inhoud
    duo, uwv = "Dienst Uitvoering Onderwijs</a></th>", "UWV</a></th>"
    _, oplopend = _tel(client, url + "?sorteer=status")
    _, aflopend = _tel(client, url + "?sorteer=-status")
    assert oplopend.index(duo) < oplopend.index(uwv)  # in_voorbereiding before ingediend
    assert aflopend.index(duo) > aflopend.index(uwv)
    _, inhoud = _tel(client, url + "?status=bestaat-niet")
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
        _tel(client, reverse("consultaties:detail", args=[c.pk]) + filter_)[0]
        for c in (klein, groot)
        for filter_ in ("", "?status=lopend&sorteer=-termijn")
    }
    assert aantallen == {CONSULTATIEPAGINA_QUERIES}


def test_definitief_paper_staat_klaar_om_te_verzenden(client, secretaris, definitief):
    client.force_login(secretaris)
    aantal, inhoud = _tel(client, reverse("consultaties:dashboard"))
    assert reverse("rapporten:detail", args=[definitief.pk]) in inhoud
    assert "is definitief en klaar om te verzenden" in inhoud
    assert aantal == DASHBOARD_QUERIES
    # In the menu: the paper is the one item waiting for a decision.
    assert '1<span class="tk-visueel-verborgen"> punten in de werkvoorraad' in inhoud


def test_lege_selectie_is_ongeldig(secretaris):
    from django.core.exceptions import ValidationError

    from reacties import services

    with pytest.raises(ValidationError) as fout:
        services.reacties_accepteren(ids=[], actor=secretaris)
    assert "reacties" in fout.value.message_dict


def test_werkvoorraad_toont_de_eerste_consultaties_en_telt_alles(client, secretaris, ministerie):
    """However much work is running, the page shows the consultations whose termijn comes
    first and counts the rest: same queries, totals over all of them."""
    from notificaties.werkvoorraad import GROEPEN_OP_DASHBOARD

    eerst = [
        werk_erbij(secretaris, ministerie, 3, termijn_dagen=2 + i)
        for i in range(GROEPEN_OP_DASHBOARD)
    ]
    later = [werk_erbij(secretaris, ministerie, 3, termijn_dagen=30 + i) for i in range(2)]
    client.force_login(secretaris)
    aantal, inhoud = _tel(client, reverse("consultaties:dashboard"))
    assert aantal == DASHBOARD_QUERIES
    assert inhoud.count('class="tk-kaart tk-werkvoorraad__groep"') == GROEPEN_OP_DASHBOARD
    for consultatie in eerst:
        assert f'id="werk-{consultatie.pk}"' in inhoud
    for consultatie in later:
        assert f'id="werk-{consultatie.pk}"' not in inhoud
    assert "Nog 2 consultaties met werk" in inhoud
    # Totals over all twelve: one submitted response and one extension request each.
    totaal = GROEPEN_OP_DASHBOARD + 2
    assert f'<span class="tk-tellers__getal">{totaal}</span> reacties te beoordelen' in inhoud
    assert f'<span class="tk-tellers__getal">{totaal}</span> verlengingsverzoeken' in inhoud

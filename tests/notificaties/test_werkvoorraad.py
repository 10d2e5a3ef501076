"""The secretaris's dashboard is a work queue grouped by consultation, with counts in the
menu (``notificaties/werkvoorraad.py``, on the dashboard through ``kern.startpagina``). It
costs a fixed number of queries however much work there is."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.werkhulp import tel_queries, werk_erbij

pytestmark = pytest.mark.django_db

#: The dashboard of the secretaris: session and user (with his organisation), the menu
#: counts (one query), the counts per status, the running consultations (their keys, then
#: the first with their counts), and the eight queries of the work queue (every item of
#: work by consultation and kind, the first consultations, each kind's items, the failed
#: e-mails).
DASHBOARD_QUERIES = 14


def test_werkvoorraad_gegroepeerd_met_tellers(client, secretaris, ministerie):
    consultatie = werk_erbij(secretaris, ministerie, 4)
    client.force_login(secretaris)
    _, inhoud = tel_queries(client, reverse("consultaties:dashboard"))
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
    klein, _ = tel_queries(client, reverse("consultaties:dashboard"))
    for dagen in (2, 5, 12):
        werk_erbij(secretaris, ministerie, 6, termijn_dagen=dagen)
    groot, inhoud = tel_queries(client, reverse("consultaties:dashboard"))
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


def test_definitief_paper_staat_klaar_om_te_verzenden(client, secretaris, definitief):
    client.force_login(secretaris)
    aantal, inhoud = tel_queries(client, reverse("consultaties:dashboard"))
    assert reverse("rapporten:detail", args=[definitief.pk]) in inhoud
    assert "is definitief en klaar om te verzenden" in inhoud
    assert aantal == DASHBOARD_QUERIES
    # In the menu: the paper is the one item waiting for a decision.
    assert '1<span class="tk-visueel-verborgen"> punten in de werkvoorraad' in inhoud


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
    aantal, inhoud = tel_queries(client, reverse("consultaties:dashboard"))
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

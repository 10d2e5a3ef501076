"""List pages cost the same number of queries whatever the number of rows shown."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from consultaties import services as consultatie_services
from notificaties import services
from tests import factories


def aantal_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def meer_organisaties(consultatie, secretaris, aantal):
    nieuwe = [
        factories.OrganisatieFactory(afkorting=f"EXTRA{i}", naam=f"Extra {i}")
        for i in range(aantal)
    ]
    consultatie_services.consultatie_uitnodigen(
        consultatie=consultatie, actor=secretaris, organisaties=nieuwe
    )


@pytest.mark.django_db
def test_achterstand_constant_in_aantal_organisaties(client, open_consultatie, secretaris):
    client.force_login(secretaris)
    url = reverse("notificaties:achterstand")
    voor = aantal_queries(client, url)
    meer_organisaties(open_consultatie, secretaris, 5)
    assert aantal_queries(client, url) == voor


@pytest.mark.django_db
def test_werklast_en_agenda_constant_in_aantal_consultaties(
    client, open_consultatie, secretaris, ministerie, org_a, opsteller_a
):
    client.force_login(opsteller_a)
    werklast = reverse("notificaties:werklast_organisatie", args=[org_a.pk])
    agenda = reverse("notificaties:agenda_feed", args=[services.agenda_token(org_a).token])
    voor = (aantal_queries(client, werklast), aantal_queries(client, agenda))
    for _ in range(3):
        factories.consultatie(
            secretaris_gebruiker=secretaris, ministerie=ministerie, organisaties=[org_a], open=True
        )
    assert (aantal_queries(client, werklast), aantal_queries(client, agenda)) == voor

"""The secretaris's workload overview counts, per organisation, its running responses in
open consultations and their first effective termijn (``werklast_per_organisatie``)."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from consultaties import services as consultatie_services
from reacties.models import Reactie, Status
from termijnen.overzichten import werklast_per_organisatie
from tests import factories

pytestmark = pytest.mark.django_db


def test_telt_lopende_reacties_in_open_consultaties_en_de_eerste_termijn(
    secretaris, ministerie, org_a, org_b
):
    eerste = factories.consultatie(
        secretaris_gebruiker=secretaris, ministerie=ministerie, organisaties=[org_a, org_b],
        open=True, termijn=factories.timezone.now() + timedelta(days=10),
    )  # fmt: skip
    factories.consultatie(
        secretaris_gebruiker=secretaris, ministerie=ministerie, organisaties=[org_a],
        open=True, termijn=factories.timezone.now() + timedelta(days=20),
    )  # fmt: skip
    # Not running: a response withdrawn from (afgezien), and a consultation not yet open.
    Reactie.objects.filter(consultatie=eerste, organisatie=org_b).update(status=Status.AFGEZIEN)
    factories.consultatie(
        secretaris_gebruiker=secretaris, ministerie=ministerie, organisaties=[org_b]
    )
    # UWV's own extension on the first consultation moves its first termijn.
    consultatie_services.consultatie_termijn_verlengen(
        consultatie=eerste, actor=secretaris, termijn=eerste.termijn + timedelta(days=3),
        organisatie=org_a,
    )  # fmt: skip

    rijen = {o.afkorting: (o.lopend, o.eerste_termijn) for o in werklast_per_organisatie()}

    assert rijen == {org_a.afkorting: (2, eerste.termijn + timedelta(days=3))}


def test_leest_alleen_lopende_reacties(secretaris, ministerie, org_a):
    """The count is asked per organisation of its running responses only, not joined over
    every response of the years (what made it grow with the data)."""
    factories.consultatie(
        secretaris_gebruiker=secretaris, ministerie=ministerie, organisaties=[org_a], open=True
    )
    with CaptureQueriesContext(connection) as queries:
        list(werklast_per_organisatie())
    (sql,) = [q["sql"] for q in queries.captured_queries]
    # The organisations alone at the top; the responses only in subqueries on their status.
    assert 'FROM "organisaties_organisatie" WHERE' in sql
    assert sql.count('"reacties_reactie"') == sql.count('FROM "reacties_reactie" U0')
    assert sql.count('U0."status" IN') == sql.count('FROM "reacties_reactie" U0') >= 2
    # Counted without GROUP BY: grouped by organisation, SQLite walked all of its
    # responses of the years by (organisation, status) instead of the open consultations.
    assert "GROUP BY" not in sql

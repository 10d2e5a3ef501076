"""The API list of consultations reads the invited organisations with the rows (one query,
no model instance per invitation) and still offers exactly the allowed actions."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from consultaties import services as consultatie_services
from consultaties.models import Consultatie
from tests import factories
from tests.apihulp import api_client


@pytest.mark.django_db
def test_uitgenodigden_en_acties_in_de_lijst(secretaris, ministerie, org_a, org_b):
    zonder = factories.consultatie(secretaris_gebruiker=secretaris, ministerie=ministerie)
    consultatie_services.consultatie_document_toevoegen(
        consultatie=zonder, actor=secretaris, bestand=factories.pdf_upload()
    )  # everything opening needs but an invitation
    met = factories.consultatie(
        secretaris_gebruiker=secretaris, ministerie=ministerie, organisaties=[org_b, org_a]
    )
    with CaptureQueriesContext(connection) as queries:
        data = api_client(secretaris).get("/api/v1/consultaties").json()
    per_id = {c["id"]: c for c in data["resultaten"]}
    assert per_id[met.pk]["uitgenodigdeOrganisaties"] == sorted([org_a.pk, org_b.pk])
    assert per_id[zonder.pk]["uitgenodigdeOrganisaties"] == []
    # Opening needs an invitation: read from the loaded list, not from a query per row.
    assert "openstellen" in per_id[met.pk]["toegestaneActies"]
    assert "openstellen" not in per_id[zonder.pk]["toegestaneActies"]
    uitnodigingen = [q for q in queries if 'FROM "reacties_reactie"' in q["sql"]]
    assert len(uitnodigingen) == 1
    assert '"reacties_reactie"."kernboodschap"' not in uitnodigingen[0]["sql"]
    # The paper's verwerkingsstand is asked for the page's rows only, not computed in the
    # page's own query (SQLite did that for every visible row before sorting).
    stand = [q["sql"] for q in queries if "reacties_kernpunt" in q["sql"]]
    assert len(stand) == 1
    assert 'WHERE "consultaties_consultatie"."id" IN (' in stand[0]


@pytest.mark.django_db
def test_uitgenodigden_geladen_met_de_rijen(secretaris, ministerie, org_a):
    c = factories.consultatie(
        secretaris_gebruiker=secretaris, ministerie=ministerie, organisaties=[org_a]
    )
    gelezen = Consultatie.objects.met_uitgenodigden().get(pk=c.pk)
    assert gelezen.uitgenodigde_organisatie_ids == [org_a.pk]
    assert gelezen.heeft_uitnodigingen()
    # Without it: the relation itself, as before.
    assert not hasattr(Consultatie.objects.get(pk=c.pk), "uitgenodigde_organisatie_ids")
    assert list(Consultatie.objects.met_uitgenodigden().filter(pk=c.pk).values_list("pk")) == [
        (c.pk,)
    ]

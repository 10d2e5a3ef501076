"""The effective termijn is one database expression; the property reads it."""

from datetime import timedelta

import pytest

from consultaties import services as consultatie_services
from reacties.models import Reactie


@pytest.mark.django_db
def test_property_en_annotatie_zijn_dezelfde_regel(open_consultatie, reactie_a, secretaris):
    termijn = open_consultatie.termijn
    assert reactie_a.effectieve_termijn == termijn
    # An extension for one organisation counts for that organisation only.
    consultatie_services.consultatie_termijn_verlengen(
        consultatie=open_consultatie,
        actor=secretaris,
        termijn=termijn + timedelta(days=3),
        organisatie=reactie_a.organisatie,
    )
    reactie_a.refresh_from_db()
    assert reactie_a.effectieve_termijn == termijn + timedelta(days=3)
    # A later general extension overtakes the organisation's own.
    consultatie_services.consultatie_termijn_verlengen(
        consultatie=open_consultatie, actor=secretaris, termijn=termijn + timedelta(days=5)
    )
    reactie_a.refresh_from_db()
    assert reactie_a.effectieve_termijn == termijn + timedelta(days=5)
    geannoteerd = dict(
        Reactie.objects.filter(consultatie=open_consultatie)
        .met_effectieve_termijn()
        .values_list("organisatie__afkorting", "termijn_effectief")
    )
    assert geannoteerd == {"UWV": termijn + timedelta(days=5), "SVB": termijn + timedelta(days=5)}


@pytest.mark.django_db
def test_lijst_leest_de_annotatie_zonder_extra_query(
    open_consultatie, secretaris, django_assert_num_queries
):
    reacties = list(Reactie.objects.zichtbaar_voor(secretaris).filter(consultatie=open_consultatie))
    with django_assert_num_queries(0):
        assert {r.effectieve_termijn for r in reacties} == {open_consultatie.termijn}

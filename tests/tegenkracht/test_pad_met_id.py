"""``pad_met_id`` (the API's links, reversed once per route) says what ``reverse`` says."""

import pytest
from django.urls import reverse, set_script_prefix

from tegenkracht.api.serializers import pad_met_id


@pytest.mark.parametrize(
    "naam", ["api:rapport-detail", "api:rapport-pdf", "api:consultatie-detail"]
)
@pytest.mark.parametrize("pk", [1, 7, 90, 2080, 10**18 - 1])
def test_zelfde_als_reverse(naam, pk):
    assert pad_met_id(naam, pk) == reverse(naam, args=[pk])


def test_volgt_het_scriptvoorvoegsel():
    try:
        set_script_prefix("/tegenkracht/")
        assert pad_met_id("api:rapport-detail", 5) == reverse("api:rapport-detail", args=[5])
        assert pad_met_id("api:rapport-detail", 5).startswith("/tegenkracht/")
    finally:
        set_script_prefix("/")
    assert pad_met_id("api:rapport-detail", 5) == reverse("api:rapport-detail", args=[5])

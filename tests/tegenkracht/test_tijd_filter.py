"""The ``tijd`` filter gives exactly what Django's ``date`` filter gives, for the formats the
lists use and for any other format (which it hands to ``date``)."""

import datetime
import zoneinfo

import pytest
from django.template import Context, Template
from django.utils import timezone, translation

AMSTERDAM = zoneinfo.ZoneInfo("Europe/Amsterdam")

MOMENTEN = [
    datetime.datetime(2026, 1, 2, 3, 4, 5, tzinfo=datetime.UTC),
    datetime.datetime(2026, 3, 29, 0, 59, 59, 123456, tzinfo=datetime.UTC),  # DST starts
    datetime.datetime(2026, 10, 25, 1, 30, tzinfo=datetime.UTC),  # DST ends
    datetime.datetime(2025, 12, 31, 23, 0, tzinfo=datetime.UTC),  # next year in NL
    datetime.datetime(999, 5, 6, 7, 8, tzinfo=datetime.UTC),  # a year of three digits
    datetime.datetime(2026, 8, 17, 12, 0, tzinfo=AMSTERDAM),
]

FORMATEN = [
    "c",
    "j F Y H:i",
    "j F Y, H:i",
    "j M Y H:i",
    "j M",
    "d-m-Y",
    r"j \d\e F",
    "DATE_FORMAT",
    "DATETIME_FORMAT",
    "SHORT_DATETIME_FORMAT",
]


def _render(tekst, **context):
    return Template("{% load tegenkracht %}" + tekst).render(Context(context))


@pytest.mark.parametrize("taal", ["nl", "en"])
@pytest.mark.parametrize("zone", ["Europe/Amsterdam", "UTC"])
@pytest.mark.parametrize("formaat", FORMATEN)
def test_tijd_is_de_date_filter(taal, zone, formaat):
    with translation.override(taal), timezone.override(zone):
        for moment in MOMENTEN:
            verwacht = _render("{{ m|date:f }}", m=moment, f=formaat)
            assert _render("{{ m|tijd:f }}", m=moment, f=formaat) == verwacht
            assert verwacht  # a format that gives nothing would prove nothing


@pytest.mark.parametrize("waarde", [None, "", datetime.date(2026, 1, 2)])
def test_tijd_van_geen_of_een_datum_is_de_date_filter(waarde):
    for formaat in ("j F Y", "c"):
        verwacht = _render("{{ m|date:f }}", m=waarde, f=formaat)
        assert _render("{{ m|tijd:f }}", m=waarde, f=formaat) == verwacht

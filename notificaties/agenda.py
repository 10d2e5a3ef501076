"""The iCalendar feed of an organisation's deadlines (RFC 5545, built by ``icalendar``)."""

from datetime import timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from icalendar import Alarm, Calendar, Event

from consultaties.models import Status as ConsultatieStatus
from reacties.models import Reactie
from termijnen.kalender import AMSTERDAM

#: Deadlines longer ago than this drop out of the feed.
TERUGKIJKEN = timedelta(days=90)


def agenda_reacties(organisatie):
    grens = timezone.now() - TERUGKIJKEN
    return (
        Reactie.objects.filter(organisatie=organisatie)
        .exclude(consultatie__status__in=(ConsultatieStatus.CONCEPT, ConsultatieStatus.INGETROKKEN))
        .met_effectieve_termijn()
        .filter(termijn_effectief__gte=grens)
        .select_related("consultatie", "consultatie__ministerie")
        .order_by("termijn_effectief", "pk")
    )


def agenda_ics(organisatie) -> bytes:
    kalender = Calendar()
    kalender.add("prodid", "-//Netwerk van Publieke Dienstverleners//Tegenkracht//NL")
    kalender.add("version", "2.0")
    kalender.add("calscale", "GREGORIAN")
    kalender.add("x-wr-calname", f"Tegenkracht: termijnen {organisatie.afkorting}")
    kalender.add("x-wr-timezone", "Europe/Amsterdam")
    nu = timezone.now()
    for reactie in agenda_reacties(organisatie):
        consultatie = reactie.consultatie
        termijn = reactie.effectieve_termijn.astimezone(AMSTERDAM)
        link = settings.SITE_URL + reverse("reacties:detail", args=[reactie.pk])
        event = Event()
        event.add("uid", f"reactie-{reactie.pk}-termijn@tegenkracht")
        event.add("dtstamp", nu)
        event.add("dtstart", termijn)
        event.add("summary", f"Termijn uitvoeringstoets {consultatie.kenmerk}: {consultatie.titel}")
        event.add(
            "description",
            f"Uiterste moment van indienen voor {organisatie.naam}.\n"
            f"Ministerie: {consultatie.ministerie.naam}\n"
            f"Status: {reactie.get_status_display()}\n{link}",
        )
        event.add("url", link)
        event.add("status", "CONFIRMED")
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", f"Morgen sluit de termijn van {consultatie.kenmerk}")
        alarm.add("trigger", timedelta(days=-1))
        event.add_component(alarm)
        kalender.add_component(event)
    kalender.add_missing_timezones()
    return kalender.to_ical()

"""What the insights tests share: the period asked and a consultation closed in it."""

from datetime import timedelta

from django.utils import timezone

from consultaties import services as consultatie_services
from tests import factories


def middag():
    """Today at noon, local time: a test that travels minutes or hours from here stays on
    the same day, so the period it asks (and the cache key) stays the same. From the
    real clock, a run late in the evening crossed midnight and asked another period."""
    return timezone.localtime().replace(hour=12, minute=0, second=0, microsecond=0)


def periode():
    vandaag = timezone.localdate()
    return vandaag - timedelta(days=30), vandaag + timedelta(days=60)


def nog_een_gesloten(secretaris, ministerie, organisatie):
    c = factories.consultatie(
        secretaris_gebruiker=secretaris, ministerie=ministerie, organisaties=[organisatie],
        open=True,
    )  # fmt: skip
    consultatie_services.consultatie_sluiten(consultatie=c, actor=secretaris)

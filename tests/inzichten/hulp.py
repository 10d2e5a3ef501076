"""What the insights tests share: the period asked and a consultation closed in it."""

from datetime import timedelta

from django.utils import timezone

from consultaties import services as consultatie_services
from tests import factories


def periode():
    vandaag = timezone.localdate()
    return vandaag - timedelta(days=30), vandaag + timedelta(days=60)


def nog_een_gesloten(secretaris, ministerie, organisatie):
    c = factories.consultatie(
        secretaris_gebruiker=secretaris, ministerie=ministerie, organisaties=[organisatie],
        open=True,
    )  # fmt: skip
    consultatie_services.consultatie_sluiten(consultatie=c, actor=secretaris)

"""Background jobs (Django Tasks API): rendering a paper and telling the ministry."""

from django.urls import reverse
from django_tasks import task

from notificaties import services as notificaties
from organisaties.models import Gebruiker, Rol

from . import services
from .models import Rapport


@task()
def genereer_rapport(rapport_id: int):
    """Render and store the PDF of a concept version; progress shows on the version."""
    services.rapport_pdf_genereren(rapport_id=rapport_id)


@task()
def rapport_verzonden_melden(rapport_id: int):
    rapport = Rapport.objects.select_related("consultatie", "consultatie__ministerie").get(
        pk=rapport_id
    )
    ontvangers = Gebruiker.objects.filter(
        organisatie_id=rapport.consultatie.ministerie_id, rol=Rol.MINISTERIE, is_active=True
    )
    notificaties.verstuur(
        ontvangers,
        "rapport_verzonden",
        {"rapport": rapport, "consultatie": rapport.consultatie},
        link=reverse("rapporten:detail", args=[rapport.pk]),
    )

"""Background jobs (Django Tasks API) that send notifications after a commit."""

from django.urls import reverse
from django_tasks import task

from consultaties.models import Document
from reacties.models import Reactie

from . import services


@task()
def uitnodigingen_versturen(reactie_ids: list[int]):
    reacties = Reactie.objects.filter(pk__in=reactie_ids).select_related(
        "consultatie", "organisatie"
    )
    for reactie in reacties:
        services.verstuur(
            services.medewerkers(reactie.organisatie_id),
            "uitnodiging",
            {"reactie": reactie, "consultatie": reactie.consultatie},
            link=reverse("reacties:detail", args=[reactie.pk]),
        )


@task()
def nieuw_document(document_id: int):
    document = Document.objects.select_related("consultatie").get(pk=document_id)
    for reactie in document.consultatie.reacties.lopend().select_related("organisatie"):
        services.verstuur(
            services.medewerkers(reactie.organisatie_id),
            "nieuw_document",
            {"document": document, "consultatie": document.consultatie, "reactie": reactie},
            link=reverse("consultaties:detail", args=[document.consultatie_id]),
        )


#: Who hears of which event on a response.
_ONTVANGERS = {
    "ter_accordering": lambda r: services.medewerkers(r.organisatie_id, rollen=["accordeerder"]),
    "afgekeurd": lambda r: services.medewerkers(r.organisatie_id),
    "teruggestuurd": lambda r: services.medewerkers(r.organisatie_id),
    "ingediend": lambda r: services.secretarissen(),
    "afgezien": lambda r: services.secretarissen(),
}


@task()
def reactie_gebeurtenis(reactie_id: int, gebeurtenis: str, toelichting: str = ""):
    reactie = Reactie.objects.select_related("consultatie", "organisatie").get(pk=reactie_id)
    services.verstuur(
        _ONTVANGERS[gebeurtenis](reactie),
        f"reactie_{gebeurtenis}",
        {"reactie": reactie, "consultatie": reactie.consultatie, "toelichting": toelichting},
        link=reverse("reacties:detail", args=[reactie.pk]),
    )

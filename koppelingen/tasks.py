"""Background jobs of the webhooks (Django Tasks API, run by ``manage.py db_worker``)."""

from datetime import datetime

from django_tasks import task

from consultaties.models import Document

from . import services


@task()
def gebeurtenis_verdelen(
    object: str,
    object_id: int,
    actie: str,
    naar: str = "",
    tijdstip: str = "",
    extra: dict | None = None,
):
    return services.gebeurtenis_verdelen(
        object=object,
        object_id=object_id,
        actie=actie,
        naar=naar,
        tijdstip=datetime.fromisoformat(tijdstip) if tijdstip else None,
        extra=extra,
    )


@task()
def document_toegevoegd(document_id: int, tijdstip: str):
    document = Document.objects.filter(pk=document_id).only("consultatie_id").first()
    if document is None:
        return 0
    return services.gebeurtenis_verdelen(
        object="consultatie",
        object_id=document.consultatie_id,
        actie="document_toegevoegd",
        tijdstip=datetime.fromisoformat(tijdstip),
        extra={"document": document_id},
    )


@task()
def aflevering_versturen(aflevering_id: int):
    return services.aflevering_versturen(aflevering_id)

"""Background jobs (Django Tasks API): rendering a paper. Telling the ministry is
``notificaties.tasks.rapport_verzonden``, with the other notifications."""

from django_tasks import task

from . import services


@task()
def genereer_rapport(rapport_id: int):
    """Render and store the PDF of a concept version; progress shows on the version."""
    services.rapport_pdf_genereren(rapport_id=rapport_id)

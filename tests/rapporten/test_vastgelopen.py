"""Jobs that die: a worker killed while rendering leaves the paper "bezig". With no sign of
life (heartbeat) for too long it is marked mislukt with a reason, shown on the page, and
can be made again — instead of "bezig" forever and 409 on retry and definitief."""

import contextlib
import os
import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone

from notificaties.bewaking import verwerk_termijnen
from rapporten import services
from rapporten.models import Rapport
from tests.apihulp import api_client

from .helpers import maak_rapport


def _bezig_sinds(rapport, geleden: timedelta) -> Rapport:
    """As a worker leaves it when it is killed mid-render: bezig, last beat ``geleden``."""
    Rapport.objects.filter(pk=rapport.pk).update(
        generatie_status="bezig",
        voortgang="Impactmatrix opmaken",
        hartslag_op=timezone.now() - geleden,
        pdf="",
        sha256="",
    )
    return Rapport.objects.get(pk=rapport.pk)


@pytest.fixture
def verdwenen(concept):
    return _bezig_sinds(concept, timedelta(seconds=settings.RAPPORT_STIL_NA_SECONDEN + 60))


@pytest.mark.django_db
def test_termijnbewaking_markeert_verdwenen_job_als_mislukt_met_reden(
    verdwenen, client, secretaris
):
    assert verwerk_termijnen()["rapporten_vastgelopen"] == 1
    rapport = Rapport.objects.get(pk=verdwenen.pk)
    assert rapport.generatie_status == "mislukt"
    assert "geen teken van leven" in rapport.foutmelding
    assert "opnieuw_genereren" in services.toegestane_acties(secretaris, rapport)
    client.force_login(secretaris)
    html = client.get(f"/rapporten/{rapport.pk}/").content.decode()
    assert "geen teken van leven" in html
    assert "PDF opnieuw maken" in html
    assert verwerk_termijnen()["rapporten_vastgelopen"] == 0  # idempotent


@pytest.mark.django_db
def test_opnieuw_genereren_van_verdwenen_job_geeft_geen_409(verdwenen, secretaris, snelle_pdf):
    response = api_client(secretaris).post(f"/api/v1/rapporten/{verdwenen.pk}/opnieuw-genereren")
    assert response.status_code == 202, response.content
    rapport = Rapport.objects.get(pk=verdwenen.pk)
    assert rapport.generatie_status == "wachtrij"
    services.rapport_pdf_genereren(rapport_id=rapport.pk)  # what the queued task does
    rapport = services.rapport_definitief_maken(
        rapport=Rapport.objects.get(pk=rapport.pk), actor=secretaris
    )
    assert rapport.status == "definitief"


@pytest.mark.django_db
def test_de_pagina_ziet_het_ook_zonder_termijnbewaking(verdwenen, client, secretaris):
    client.force_login(secretaris)
    assert "geen teken van leven" in client.get(f"/rapporten/{verdwenen.pk}/").content.decode()
    assert Rapport.objects.get(pk=verdwenen.pk).generatie_status == "mislukt"


@pytest.mark.django_db
def test_levende_job_blijft_bezig_en_opnieuw_is_409(concept, secretaris):
    rapport = _bezig_sinds(concept, timedelta(seconds=5))
    assert verwerk_termijnen()["rapporten_vastgelopen"] == 0
    response = api_client(secretaris).post(f"/api/v1/rapporten/{rapport.pk}/opnieuw-genereren")
    assert response.status_code == 409
    assert Rapport.objects.get(pk=rapport.pk).generatie_status == "bezig"


@pytest.mark.django_db
def test_wachtrij_die_nooit_wordt_opgepakt_telt_met_een_ruimere_grens(concept):
    Rapport.objects.filter(pk=concept.pk).update(
        generatie_status="wachtrij",
        hartslag_op=timezone.now() - timedelta(seconds=settings.RAPPORT_STIL_NA_SECONDEN + 60),
    )
    assert services.rapport_vastgelopen_afbreken() == 0  # a busy queue is no dead worker
    later = timezone.now() + timedelta(seconds=settings.RAPPORT_WACHTRIJ_STIL_NA_SECONDEN)
    assert services.rapport_vastgelopen_afbreken(nu=later) == 1


@pytest.mark.django_db
def test_renderen_zet_een_hartslag(gesloten, secretaris, snelle_pdf):
    voor = timezone.now()
    rapport = maak_rapport(gesloten, secretaris)
    assert rapport.hartslag_op is not None and rapport.hartslag_op >= voor


# --- a real worker, really killed --------------------------------------------------------


@pytest.mark.postgres
@pytest.mark.skipif(
    "postgresql" not in settings.DATABASES["default"]["ENGINE"],
    reason="Een echte worker in een ander proces vraagt een gedeelde database (PostgreSQL).",
)
@pytest.mark.django_db(transaction=True)
def test_worker_gedood_met_sigkill_tijdens_renderen(gesloten, secretaris, settings):
    """Start ``manage.py db_worker`` on the test database, let it begin rendering, SIGKILL
    it, and see the job detected, failed with a reason, and retried."""
    from rapporten import tasks

    rapport = services.rapport_aanmaken(
        consultatie=gesloten, actor=secretaris, op_achtergrond=False
    )
    # The real queue, as in production: a row the worker process claims.
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }
    tasks.genereer_rapport.enqueue(rapport_id=rapport.pk)
    db = connection.settings_dict
    omgeving = {
        **os.environ,
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
        "SECRET_KEY": "test-worker-" + "x" * 50,
        "DEBUG": "1",
        "RAPPORT_HARTSLAG_SECONDEN": "1",
    }
    worker = subprocess.Popen(
        [
            sys.executable,
            "manage.py",
            "db_worker",
            "--no-reload",
            "--no-startup-delay",
            "--interval",
            "0.1",
        ],
        cwd=Path(settings.BASE_DIR),
        env=omgeving,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its own process group: nothing of it can outlive the test
    )
    try:
        einde = time.monotonic() + 60
        while Rapport.objects.get(pk=rapport.pk).generatie_status != "bezig":
            assert time.monotonic() < einde, "de worker begon niet"
            assert worker.poll() is None, "de worker stopte vanzelf"
            time.sleep(0.02)
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait(timeout=10)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(worker.pid, signal.SIGKILL)
        worker.wait(timeout=10)
    rapport = Rapport.objects.get(pk=rapport.pk)
    assert rapport.generatie_status == "bezig"  # what used to stay forever
    assert services.rapport_vastgelopen_afbreken() == 0  # not yet: the limit has not passed
    later = timezone.now() + timedelta(seconds=settings.RAPPORT_STIL_NA_SECONDEN + 1)
    assert services.rapport_vastgelopen_afbreken(nu=later) == 1
    rapport = Rapport.objects.get(pk=rapport.pk)
    assert rapport.generatie_status == "mislukt"
    assert "de worker is waarschijnlijk gestopt" in rapport.foutmelding
    rapport = services.rapport_opnieuw_genereren(rapport=rapport, actor=secretaris)
    assert rapport.generatie_status == "wachtrij"

"""Run the deadline job: reminders, expiry, automatic closing and e-mail retries.

Idempotent and safe to start every minute from cron, also when runs overlap. With
``--elke N`` it keeps running and repeats every N seconds (for a process manager instead
of cron); with ``--als-taak`` it only enqueues the job for ``db_worker``.
"""

import signal
import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from notificaties import bewaking, tasks


class Command(BaseCommand):
    help = "Verwerk termijnen: herinneringen, verlopen reacties, automatisch sluiten, e-mails."
    # Started by cron every minute: the system checks (URLs, templates, admin, security
    # settings) are for deployments and ``manage.py check``, not for every run; they cost
    # more start-up than the idle run itself (benchmarks/RESULTS.md).
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument(
            "--elke",
            type=int,
            metavar="SECONDEN",
            help="Blijf draaien en herhaal elke SECONDEN seconden (bijvoorbeeld 60).",
        )
        parser.add_argument(
            "--als-taak",
            action="store_true",
            help="Zet het werk alleen als achtergrondtaak klaar voor db_worker.",
        )

    def handle(self, *args, elke=None, als_taak=False, **options):
        if elke is not None and elke < 1:
            self.stderr.write("--elke moet ten minste 1 seconde zijn.")
            return
        self._stoppen = False
        if elke:
            signal.signal(signal.SIGTERM, self._stop)
            signal.signal(signal.SIGINT, self._stop)
        while True:
            begin = time.monotonic()
            self._eenmaal(als_taak, blijven=bool(elke))
            if not elke or self._stoppen:
                break
            while not self._stoppen and time.monotonic() - begin < elke:
                time.sleep(min(1.0, elke))
            if self._stoppen:
                break

    def _stop(self, signum, frame):
        self._stoppen = True

    def _eenmaal(self, als_taak: bool, blijven: bool):
        if blijven:
            # A long-running loop must not hold on to a connection the database dropped.
            close_old_connections()
        if als_taak:
            resultaat = tasks.termijnen_verwerken.enqueue()
            self.stdout.write(f"Taak klaargezet: {resultaat.id}")
            return
        try:
            resultaat = bewaking.verwerk_termijnen()
        except Exception as fout:
            if not blijven:
                raise
            # Keep the loop alive (a database restart, say); the next run retries.
            self.stderr.write(f"Termijnbewaking mislukt: {fout!r}")
            return
        self.stdout.write(
            "Termijnbewaking: {verlopen} verlopen, {gesloten} gesloten, "
            "{herinneringen} herinneringen, {emails_opnieuw} e-mails opnieuw".format(**resultaat)
        )

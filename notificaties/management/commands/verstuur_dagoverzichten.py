"""Send the daily digest to every user who chose it (at most one per user per day).

The deadline job (``verwerk_termijnen``) already does this each morning from 07:00; this
command is for deployments that schedule it apart, or to send them now."""

from django.core.management.base import BaseCommand

from notificaties import services, tasks


class Command(BaseCommand):
    help = "Verstuur het dagoverzicht aan wie daarvoor koos (hooguit één per dag)."
    # Scheduled from cron like verwerk_termijnen: no system checks on every run.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument(
            "--als-taak",
            action="store_true",
            help="Zet het werk alleen als achtergrondtaak klaar voor db_worker.",
        )

    def handle(self, *args, als_taak=False, **options):
        if als_taak:
            tasks.dagoverzichten_versturen.enqueue()
            self.stdout.write("Dagoverzichten als taak klaargezet.")
            return
        aantal = services.dagoverzichten_versturen()
        self.stdout.write(f"{aantal} dagoverzicht(en) in de wachtrij gezet.")

"""python manage.py rapport <kenmerk> -o out.pdf"""

import time

from django.core.management.base import BaseCommand, CommandError

from consultaties.models import Consultatie
from rapporten import pdf
from rapporten.snapshot import build_snapshot, inhoud_hash


class Command(BaseCommand):
    # Run once per paper: skip the system checks, as verwerk_termijnen does.
    requires_system_checks = []
    help = (
        "Maak het position paper van een consultatie als PDF. Zonder --versie uit de huidige "
        "gegevens (een proefdruk, niets wordt opgeslagen); met --versie uit de bevroren inhoud "
        "van die versie."
    )

    def add_arguments(self, parser):
        parser.add_argument("kenmerk")
        parser.add_argument("-o", "--output", required=True, help="pad van het PDF-bestand")
        parser.add_argument("--versie", type=int, help="een opgeslagen versie opnieuw opmaken")

    def handle(self, kenmerk, output, versie=None, **options):
        consultatie = Consultatie.objects.filter(kenmerk=kenmerk).first()
        if consultatie is None:
            raise CommandError(f"Geen consultatie met kenmerk {kenmerk}.")
        begin = time.perf_counter()
        if versie is not None:
            rapport = consultatie.rapporten.filter(versie=versie).first()
            if rapport is None:
                raise CommandError(f"{kenmerk} heeft geen versie {versie}.")
            snapshot, hash_, nummer, label = (
                rapport.snapshot,
                rapport.inhoud_sha256,
                rapport.versie,
                rapport.get_status_display(),
            )
        else:
            snapshot = build_snapshot(consultatie)
            hash_, nummer, label = inhoud_hash(snapshot), 0, "Proefdruk"
        resultaat = pdf.render_pdf(snapshot, versie=nummer, inhoud_sha256=hash_, status_label=label)
        with open(output, "wb") as f:
            f.write(resultaat.pdf)
        self.stdout.write(
            f"{output}: {resultaat.paginas} pagina's, sha256 {resultaat.sha256}, "
            f"{time.perf_counter() - begin:.1f} s"
        )

from pathlib import Path

from django.core.management.base import BaseCommand

from ontwikkeling.demo import laad_demo_consultaties
from organisaties.netwerk import DEMO_WACHTWOORD, laad_netwerk


class Command(BaseCommand):
    help = (
        "Laad het demonetwerk: organisaties, demo-accounts en consultaties in elke status "
        "(idempotent)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--netwerk", type=Path, help="CSV met afkorting,naam,soort,netwerk")
        parser.add_argument(
            "--groot",
            action="store_true",
            help="Ook 12 open consultaties met alle organisaties in elke stap (werkvoorraad "
            "op ware grootte).",
        )

    def handle(self, *args, netwerk=None, groot=False, **options):
        organisaties = laad_netwerk(netwerk)
        self.stdout.write(f"{len(organisaties)} organisaties geladen.")
        gebouwd = laad_demo_consultaties()
        for consultatie in gebouwd:
            self.stdout.write(f"  {consultatie.kenmerk} {consultatie.titel} ({consultatie.status})")
        if groot:
            from ontwikkeling.demo_groot import laad_groot

            for consultatie in laad_groot():
                self.stdout.write(f"  {consultatie.kenmerk} {consultatie.titel} (open)")
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo klaar. Log in als 'secretaris', 'uwv-opsteller', 'uwv-accordeerder' of "
                f"'szw-ministerie' met wachtwoord '{DEMO_WACHTWOORD}'."
            )
        )

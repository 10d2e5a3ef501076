from pathlib import Path

from django.core.management.base import BaseCommand

from ontwikkeling.demo import SSO_DEMO_ORGANISATIE, laad_demo_accounts, laad_demo_consultaties
from organisaties.netwerk import DEMO_WACHTWOORD, laad_netwerk


class Command(BaseCommand):
    help = (
        "Laad het demonetwerk: organisaties, demo-accounts en consultaties in elke status "
        "(idempotent)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--netwerk", type=Path, help="CSV met afkorting,naam,soort,netwerk")
        parser.add_argument(
            "--sso-issuer",
            help="Issuer van de lokale testprovider (make demo-sso): die organisatie logt daar in.",
        )
        parser.add_argument(
            "--groot",
            action="store_true",
            help="Ook 12 open consultaties met alle organisaties in elke stap (werkvoorraad "
            "op ware grootte).",
        )

    def handle(self, *args, netwerk=None, sso_issuer=None, groot=False, **options):
        organisaties = laad_netwerk(netwerk)
        self.stdout.write(f"{len(organisaties)} organisaties geladen.")
        if sso_issuer:
            _wacht_op_provider(sso_issuer)
        laad_demo_accounts(sso_issuer=sso_issuer)
        if sso_issuer:
            self.stdout.write(f"{SSO_DEMO_ORGANISATIE} logt in via {sso_issuer}.")
        gebouwd = laad_demo_consultaties()
        for consultatie in gebouwd:
            self.stdout.write(f"  {consultatie.kenmerk} {consultatie.titel} ({consultatie.status})")
        if groot:
            from ontwikkeling.demo_groot import laad_groot

            for consultatie in laad_groot():
                self.stdout.write(f"  {consultatie.kenmerk} {consultatie.titel} (open)")
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo klaar. Log in als 'secretaris', 'uwv-opsteller', 'uwv-accordeerder', "
                f"'uwv-beheerder' of 'szw-ministerie' met wachtwoord '{DEMO_WACHTWOORD}'."
            )
        )


def _wacht_op_provider(issuer: str, pogingen: int = 50) -> None:
    """make demo-sso starts the provider just before this command: give it a moment."""
    import time
    import urllib.request

    for _ in range(pogingen):
        try:
            urllib.request.urlopen(f"{issuer}/.well-known/openid-configuration", timeout=2)  # noqa: S310
            return
        except OSError:
            time.sleep(0.2)

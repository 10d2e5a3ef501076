from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from consultaties.last import genereer
from organisaties.netwerk import laad_netwerk


class Command(BaseCommand):
    help = (
        "Vul de database met jaren aan realistische gegevens voor last- en prestatietests: "
        "consultaties in elke status met reacties, beoordelingen, kosten, kernpunten en "
        "onderschrijvingen. Niet voor productie."
    )

    def add_arguments(self, parser):
        parser.add_argument("--consultaties", type=int, default=2000)
        parser.add_argument(
            "--organisaties",
            type=int,
            default=40,
            help="uitgenodigde organisaties per consultatie (maximaal het netwerk)",
        )
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument(
            "--open",
            action="store_true",
            dest="alleen_open",
            help="alle consultaties open, met een termijn in de komende 30 dagen",
        )

    def handle(self, *args, consultaties, organisaties, seed, alleen_open, **options):
        if consultaties < 1:
            raise CommandError("Geef ten minste één consultatie op.")
        laad_netwerk()
        with tqdm(
            total=consultaties,
            unit="consultatie",
            desc="Genereren",
            disable=options["verbosity"] == 0,
        ) as balk:
            try:
                totalen = genereer(
                    consultaties,
                    organisaties_per_consultatie=organisaties,
                    seed=seed,
                    voortgang=balk.update,
                    alleen_open=alleen_open,
                )
            except ValueError as fout:
                raise CommandError(str(fout)) from fout
        self.stdout.write(
            self.style.SUCCESS(
                ", ".join(
                    f"{aantal:,} {naam}".replace(",", ".") for naam, aantal in totalen.items()
                )
            )
        )

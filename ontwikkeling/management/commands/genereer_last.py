from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from tqdm import tqdm

from kennisbank.zoeken import BRONNEN, fts_index
from ontwikkeling.last import genereer
from ontwikkeling.last_historie import genereer_historie, zonder_historie
from organisaties.netwerk import laad_netwerk


class Command(BaseCommand):
    help = (
        "Vul de database met jaren aan realistische gegevens voor last- en prestatietests: "
        "consultaties in elke status met reacties, beoordelingen, kosten, kernpunten en "
        "onderschrijvingen, en wat het werk daarnaast achterlaat: auditgebeurtenissen, "
        "versies van het position paper in elke status, verwerkingen, publicaties in het "
        "openbare archief, notificaties en "
        "e-mails, herinneringen en verlengingsverzoeken. Niet voor productie."
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
            "--jaren",
            type=float,
            default=5,
            help="over zoveel jaar worden de consultaties gespreid (standaard 5); evenveel "
            "consultaties per jaar geeft evenveel lopend werk, bij minder of meer historie",
        )
        parser.add_argument(
            "--open",
            action="store_true",
            dest="alleen_open",
            help="alle consultaties open, met een termijn in de komende 30 dagen",
        )
        parser.add_argument(
            "--zonder-historie",
            action="store_true",
            help="alleen consultaties en reacties, geen papers, audit en notificaties",
        )
        parser.add_argument(
            "--alleen-historie",
            action="store_true",
            help="geen nieuwe consultaties: vul alleen de historie aan van eerder "
            "gegenereerde consultaties die die nog niet hebben",
        )
        parser.add_argument(
            "--echte-snapshots",
            type=int,
            default=200,
            help="zoveel papers krijgen een eigen, echt opgebouwde snapshot; de rest een "
            "kopie van even grote omvang met de eigen kernpunten",
        )

    def handle(self, *args, consultaties, organisaties, seed, alleen_open, **options):
        if consultaties < 1:
            raise CommandError("Geef ten minste één consultatie op.")
        if not 0 < options["jaren"] <= 50:
            raise CommandError("Geef met --jaren een periode tussen 0 en 50 jaar op.")
        stil = options["verbosity"] == 0
        totalen = {}
        if not options["alleen_historie"]:
            laad_netwerk()
            with tqdm(total=consultaties, unit="consultatie", desc="Genereren", disable=stil) as b:
                try:
                    totalen = genereer(
                        consultaties,
                        organisaties_per_consultatie=organisaties,
                        seed=seed,
                        voortgang=b.update,
                        alleen_open=alleen_open,
                        jaren=options["jaren"],
                    )
                except ValueError as fout:
                    raise CommandError(str(fout)) from fout
        if not options["zonder_historie"]:
            ids = zonder_historie()
            with tqdm(total=len(ids), unit="consultatie", desc="Historie", disable=stil) as b:
                totalen.update(
                    genereer_historie(
                        ids,
                        seed=seed,
                        echte_snapshots=options["echte_snapshots"],
                        voortgang=b.update,
                    )
                )
        # Fresh statistics after a bulk load, as autovacuum would give them later: without
        # them PostgreSQL plans the hot queries as if the tables were still empty.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
            if connection.vendor == "sqlite":
                # The search indexes in one b-tree each, as FTS5's automerge keeps a live
                # database close to; the bulk load left hundreds of segments to merge.
                for bron in BRONNEN:
                    index = fts_index(bron)
                    # The names are constants of the module, not input.
                    cursor.execute(f"INSERT INTO {index}({index}) VALUES ('optimize')")  # noqa: S608
        self.stdout.write(
            self.style.SUCCESS(
                ", ".join(
                    f"{aantal:,} {naam}".replace(",", ".") for naam, aantal in totalen.items()
                )
            )
        )

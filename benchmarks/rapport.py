"""Benchmark: the joint paper for 10, 20 and 40 organisations with full-length texts:
every free-text field exactly at its documented maximum length (reacties.MAXIMALE_LENGTE).

Prints, per size, the time of the whole pipeline (snapshot from the database, charts,
template, WeasyPrint), the pages, the peak memory of the process, and the time WeasyPrint
alone needs for the same final HTML. "eigen" is our own share (snapshot, charts, template:
everything before WeasyPrint gets the HTML); "eigen %" is that against WeasyPrint alone.
Each size renders twice and reports the second, warm run (as a long-running worker would).
Wall-clock ("s") and CPU time of the process ("cpu … s") are both shown: on a shared machine
the CPU time is the steadier figure.

    .venv/bin/python benchmarks/rapport.py            # 10, 20, 40
    .venv/bin/python benchmarks/rapport.py 10 80      # other sizes

Each size runs in a fresh process with its own temporary SQLite database, so peak memory
is that size's own.
"""

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ZIN = (
    "De uitvoering vraagt een zorgvuldige aanpassing van processen en systemen, waarbij de "
    "gegevenslevering door ketenpartners tijdig en volledig moet zijn geregeld. "
)


def tekst(woorden_zinnen: int) -> str:
    return (ZIN * woorden_zinnen).strip()


def vol(veld: str, *, i: int = 0) -> str:
    """A text exactly as long as the field's documented maximum ("full-length")."""
    from reacties.models import MAXIMALE_LENGTE

    maximum = MAXIMALE_LENGTE[veld]
    basis = f"Organisatie {i}: " + ZIN * (maximum // len(ZIN) + 1)
    return basis[:maximum].rsplit(" ", 1)[0].rstrip(",") + "."


VOORWAARDEN = [
    "De invoeringstermijn wordt ten minste achttien maanden na publicatie van de AMvB.",
    "De gegevenslevering door de ketenpartners is vóór de start wettelijk geregeld en getest.",
    "De extra uitvoeringskosten worden structureel gefinancierd, niet uit de eigen begroting.",
    "Er komt een hardheidsclausule voor burgers die buiten hun schuld niet tijdig kunnen melden.",
    "De ICT-aanpassingen kunnen gefaseerd worden ingevoerd, te beginnen bij nieuwe aanvragen.",
    "Er is extra capaciteit in het klantcontact tijdens het eerste jaar van de invoering.",
    "De communicatie aan burgers wordt centraal door het ministerie gecoördineerd.",
    "Het besluit regelt een grondslag voor het verwerken van de benodigde persoonsgegevens.",
    "De uitvoering wordt na twee jaar geëvalueerd met de betrokken uitvoeringsorganisaties.",
    "Er komt een overgangsregeling voor lopende aanvragen en bezwaarprocedures.",
    "De definities in de wet sluiten aan bij die van de andere regelingen in de keten.",
    "Het ministerie stelt een landelijke regie in op de ketenbrede invoering.",
]


def vul_database(aantal: int):
    from datetime import date, timedelta
    from decimal import Decimal

    from django.utils import timezone

    from consultaties.models import Consultatie, Vraag
    from organisaties.models import Organisatie
    from reacties.models import (
        Antwoord,
        Beoordeling,
        Dimensie,
        Kernpunt,
        Kostenpost,
        Onderschrijving,
        Reactie,
    )

    ministerie = Organisatie.objects.create(
        naam="Ministerie van SZW", afkorting="SZW", soort="ministerie"
    )
    from organisaties.models import Gebruiker

    gebruiker = Gebruiker.objects.create(username="bench")
    consultatie = Consultatie.objects.create(
        kenmerk="BENCH-1",
        titel="Wet benchmark",
        samenvatting=tekst(6),
        instrument="wetsvoorstel",
        ministerie=ministerie,
        beoogde_inwerkingtreding=date(2028, 1, 1),
        termijn=timezone.now(),
        kenmerk_ministerie="2026-0000123456",
        bestuurlijke_samenvatting="\n\n".join(tekst(8) for _ in range(4)),
        aanbevelingen=tekst(6),
    )
    Consultatie.objects.filter(pk=consultatie.pk).update(status="gesloten")
    from rapporten.models import Ondertekenaar

    for netwerk, naam in (("Manifestgroep", "M. de Voorzitter"), ("KleinLef", "K. Klein")):
        Ondertekenaar.objects.create(
            rol="voorzitter", netwerk=netwerk, naam=naam, functie=f"Voorzitter {netwerk}"
        )
    Ondertekenaar.objects.create(
        rol="contactpersoon", naam="S. Secretaris", email="secretariaat@example.nl"
    )
    vragen = [
        Vraag.objects.create(consultatie=consultatie, volgorde=i, tekst=f"Vraag {i}? " + tekst(1))
        for i in range(1, 3)
    ]
    niveaus = ["nvt", "beperkt", "middelgroot", "ingrijpend"]
    oordelen = [
        "uitvoerbaar",
        "uitvoerbaar_onder_voorwaarden",
        "niet_uitvoerbaar",
        "uitvoerbaar_onder_voorwaarden",
    ]
    organisaties = [
        Organisatie.objects.create(
            naam=f"Uitvoeringsorganisatie {i:02d}",
            afkorting=f"UO{i:02d}",
            soort="uitvoeringsorganisatie",
            netwerk=["Manifestgroep", "KleinLef", "RBB Groep", "overig"][i % 4],
        )
        for i in range(aantal)
    ]
    alle_kernpunten = []
    for i, org in enumerate(organisaties):
        reactie = Reactie.objects.create(
            consultatie=consultatie,
            organisatie=org,
            eindoordeel=oordelen[i % 4],
            kernboodschap=vol("kernboodschap", i=i),
            voorwaarden="\n".join(
                f"- {VOORWAARDEN[(i + k) % len(VOORWAARDEN)]}" for k in range(5 + i % 4)
            ),
            risico_procesverstoringen=["klein", "gemiddeld", "groot"][i % 3],
            fte_incidenteel=Decimal(5 + i),
            fte_structureel=Decimal(1 + i % 4),
            invoering_mogelijk_per=date(2027, 1, 1) + timedelta(days=30 * (i % 24)),
            doorlooptijd_maanden=12 + i % 12,
            beslag_op_portfolio=vol("beslag_op_portfolio", i=i),
            helpt_burger=["ja", "deels", "nee"][i % 3],
            burgerperspectief=vol("burgerperspectief", i=i),
            doenvermogentoets_uitgevoerd=i % 2 == 0,
            doenvermogen_conclusie=vol("doenvermogen_conclusie", i=i),
            aantal_burgers=[250_000, 1_200_000, 40_000, 0][i % 4],
            aantal_bedrijven=[None, 15_000, 2_500][i % 3],
            prijspeil=2026,
            levensgebeurtenissen=[
                ["werk_verliezen", "schulden"],
                ["verhuizen"],
                ["pensioen", "overlijden"],
            ][i % 3],
            ondertekenaar_naam=f"Bestuurder {i}",
            ondertekenaar_functie="Lid raad van bestuur",
            ingediend_op=timezone.now(),
        )
        Reactie.objects.filter(pk=reactie.pk).update(status="geaccepteerd")
        Beoordeling.objects.bulk_create(
            Beoordeling(
                reactie=reactie,
                dimensie=d.value,
                gevolgen=niveaus[(i + j) % 4],
                toelichting=vol("toelichting", i=i),
            )
            for j, d in enumerate(Dimensie)
        )
        Kostenpost.objects.bulk_create(
            [
                *(
                    Kostenpost(
                        reactie=reactie,
                        categorie="automatisering",
                        soort="incidenteel",
                        jaar=jaar,
                        bedrag=Decimal(1_000_000 + i * 10_000) / (jaar + 1),
                        toelichting="Systemen",
                    )
                    for jaar in range(3)
                ),
                Kostenpost(
                    reactie=reactie,
                    categorie="dienstverlening",
                    soort="structureel",
                    bedrag=Decimal(250_000 + i * 1_000),
                    toelichting="Klantcontact",
                ),
                Kostenpost(
                    reactie=reactie,
                    categorie="handhaving_toezicht",
                    soort="structureel",
                    bedrag=Decimal(80_000),
                    toelichting="Toezicht",
                ),
            ]
        )
        Antwoord.objects.bulk_create(
            Antwoord(reactie=reactie, vraag=v, tekst=vol("antwoord", i=i)) for v in vragen
        )
        for k in range(3):
            alle_kernpunten.append(
                Kernpunt.objects.create(
                    reactie=reactie,
                    dimensie=list(Dimensie)[(i + k) % 10].value,
                    tekst=vol("kernpunt", i=i),
                    artikel=f"Artikel {k + 1}",
                    voorgestelde_wijziging=vol("voorgestelde_wijziging", i=i),
                    ernst=["zwaarwegend", "belangrijk", "aandachtspunt"][k],
                )
            )
    for n, kernpunt in enumerate(alle_kernpunten):
        for org in organisaties[(n % aantal) : (n % aantal) + 3]:
            if org.pk != kernpunt.reactie.organisatie_id:
                Onderschrijving.objects.create(kernpunt=kernpunt, organisatie=org, door=gebruiker)
    return consultatie


def meet(aantal: int, herhalingen: int = 2) -> dict:
    # A throwaway key: the settings refuse to start without one when DEBUG is off.
    os.environ.setdefault("SECRET_KEY", "benchmark-" + "x" * 60)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tegenkracht.settings")
    os.environ["VAR_DIR"] = tempfile.mkdtemp(prefix="tk-bench-")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from rapporten import pdf
    from rapporten.snapshot import build_snapshot, inhoud_hash

    consultatie = vul_database(aantal)
    # Warm up fonts and caches once, so neither measurement pays the first-run cost.
    pdf.html_naar_pdf("<html lang='nl'><title>x</title><p>warm</p></html>")

    totaal, eigen, alleen_weasy, cpu_totaal, cpu_weasy = [], [], [], [], []
    for _ in range(herhalingen):
        cpu_begin = time.process_time()
        begin = time.perf_counter()
        snapshot = build_snapshot(consultatie)
        snapshot_s = time.perf_counter() - begin
        resultaat = pdf.render_pdf(
            snapshot, versie=1, inhoud_sha256=inhoud_hash(snapshot), status_label="Concept"
        )
        totaal.append(time.perf_counter() - begin)
        cpu_totaal.append(time.process_time() - cpu_begin)
        # Our own share: the snapshot, the charts and the template (everything before
        # WeasyPrint gets the HTML), measured inside the same run.
        eigen.append(snapshot_s + resultaat.tijden["html"])
        data = list(resultaat.fetcher.toegestane_data)
        cpu_begin = time.process_time()
        begin = time.perf_counter()
        pdf.html_naar_pdf(resultaat.html, data)
        alleen_weasy.append(time.perf_counter() - begin)
        cpu_weasy.append(time.process_time() - cpu_begin)
    piek_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    # The synthesis: every page before the first annex (or before the per-organisation
    # contributions in papers that have no annex numbering).
    import io as _io

    from pypdf import PdfReader

    lezer = PdfReader(_io.BytesIO(resultaat.pdf))
    synthese = next(
        (
            lezer.get_destination_page_number(o)
            for o in lezer.outline
            if not isinstance(o, list)
            and (o.title.startswith("Bijlage") or o.title == "De bijdragen in hun geheel")
        ),
        len(lezer.pages),
    )
    # The last run is the warm one (templates compiled, imports done), as in a worker.
    t, e, w = totaal[-1], eigen[-1], alleen_weasy[-1]
    return {
        "organisaties": aantal,
        "paginas": resultaat.paginas,
        "synthese": synthese,
        "totaal_s": round(t, 2),
        "weasyprint_s": round(w, 2),
        "cpu_totaal_s": round(cpu_totaal[-1], 2),
        "cpu_weasyprint_s": round(cpu_weasy[-1], 2),
        "overhead_s": round(e, 3),
        "overhead_pct": round(100 * e / w, 1),
        "piek_mb": round(piek_mb),
        "pdf_kb": round(len(resultaat.pdf) / 1024),
    }


def main(argv):
    if argv and argv[0] == "--een":
        print(json.dumps(meet(int(argv[1]))))
        return
    groottes = [int(a) for a in argv] or [10, 20, 40]
    koppen = [
        "orgs",
        "pagina",
        "synthese",
        "totaal s",
        "weasy s",
        "cpu tot s",
        "cpu wsy s",
        "eigen s",
        "eigen %",
        "piek MB",
        "pdf kB",
    ]
    print(" ".join(f"{k:>9}" for k in koppen))
    for n in groottes:
        uit = subprocess.run(
            [sys.executable, __file__, "--een", str(n)], capture_output=True, text=True, check=True
        )
        r = json.loads(uit.stdout.strip().splitlines()[-1])
        waarden = [
            r["organisaties"],
            r["paginas"],
            r["synthese"],
            r["totaal_s"],
            r["weasyprint_s"],
            r["cpu_totaal_s"],
            r["cpu_weasyprint_s"],
            r["overhead_s"],
            r["overhead_pct"],
            r["piek_mb"],
            r["pdf_kb"],
        ]
        print(" ".join(f"{w:>9}" for w in waarden), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])

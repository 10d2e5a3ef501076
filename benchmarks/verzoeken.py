"""Cost per request of every page type and API list, per role, on a small and a large
database, on PostgreSQL and SQLite (issue 19).

    .venv/bin/python benchmarks/verzoeken.py \\
        --pg-klein postgres://postgres@127.0.0.1:5432/tk_prestaties_klein \\
        --pg-groot postgres://postgres@127.0.0.1:5432/tk_prestaties_groot \\
        --sqlite-klein var/klein/klein.sqlite3 --sqlite-groot var/groot/groot.sqlite3

The databases must already be filled (``manage.py demo`` and
``ONTWIKKELING=1 manage.py genereer_last``: ``--consultaties 2000 --seed 2026`` for the
large one, five years; ``--consultaties 200 --jaren 0.5 --seed 2025`` for the small one,
half a year of the same network: as many consultations a week, so as much running work
(open consultations, responses in preparation) and full pages on both, and the ratio
measures the years of history, not a quieter network or the rows on a page; the script
names any request whose page is not full on the small one); this script changes no
data (only the cache: sessions, throttles, remembered counts).
For each database it measures:

- CPU per request in-process: the Django test client as each role (DEBUG off), the
  process CPU time (``time.process_time``) around each request, median of
  ``--herhalingen``, in ``--rondes`` processes per database that take turns over the
  databases; the figure is the lowest of those medians (``snelste``). Less sensitive to
  the other jobs on the machine than wall time.
  On SQLite this includes the database's work (it runs in-process); on PostgreSQL the
  server's work is not in it, only in the wall time and the load figures.
- on the large databases only: gunicorn (2 workers, DEBUG off) and ``wrk`` with 4
  connections for ``--seconden`` per request, after a second of the same load that is not
  counted (the workers' first requests compile the page's templates, as the in-process
  measurement's two warm-up requests do): p50/p95/p99 and requests per second, as a
  ratio to the trivial view ``/gezondheid/live`` in the same run, with the 1-minute load
  average of the machine before each run. Beside the server runs what a deployment's
  every-minute job does for the pages (``inzichten.services.vooraf_tellen``: the default
  period's insights counted before they expire); the job's other work (closing, expiring,
  reminding) would change the data between runs, so it does not run.

Also, per request, the work no other process can change: the Python function calls of one
request (cProfile) and its SQL time, small → large (a second table).

Prints Markdown tables and writes the raw figures to ``var/verzoeken-<tijd>.json``.
"""

import argparse
import cProfile
import json
import os
import platform
import pstats
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# The project first: benchmarks/termijnen.py would otherwise shadow the termijnen app.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]
sys.path.insert(0, str(ROOT))
sys.path.append(str(Path(__file__).resolve().parent))
PYTHON = sys.executable
POORT = int(os.environ.get("BENCH_POORT", "8791"))

#: wrk script: the percentiles the issue asks for, in ms, machine-readable.
WRK_LUA = """
done = function(summary, latency, requests)
  io.write(string.format("PCT %.3f %.3f %.3f\\n",
    latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000))
  io.write(string.format("NON2XX %d\\n", summary.errors.status))
end
"""


STATIC_ROOT = ROOT / "var" / "benchmark-static"


def omgeving_bench(url: str, tmp: Path) -> dict:
    """Production settings (DEBUG off) as in ``last.py``, with one collected static root
    (the manifest storage needs it) for every run."""
    from last import omgeving

    return {**omgeving(url, tmp), "STATIC_ROOT": str(STATIC_ROOT)}


def collectstatic(url: str):
    with tempfile.TemporaryDirectory(prefix="tk-verzoeken-") as tmp:
        subprocess.run(
            [PYTHON, "manage.py", "collectstatic", "--no-input", "-v0"],
            cwd=ROOT,
            env=omgeving_bench(url, Path(tmp)),
            check=True,
        )


def load() -> float:
    return float(Path("/proc/loadavg").read_text().split()[0])


def database_url(waarde: str) -> str:
    return waarde if "://" in waarde else f"sqlite:///{Path(waarde).resolve()}"


# --- in-process: which pages, and their CPU per request ---------------------------------


def kies_paden() -> dict:
    """Per role (username) the pages to measure, chosen the same way on every database:
    the most recent generated consultation in each state that UWV was invited to."""
    from consultaties.models import Consultatie
    from organisaties.models import Organisatie
    from rapporten.models import Publicatie, Rapport
    from reacties.models import Kernpunt, Reactie
    from themas.models import Thema

    uwv = Organisatie.objects.get(afkorting="UWV")

    def laatste(status):
        basis = Consultatie.objects.filter(status=status, reacties__organisatie=uwv)
        gegenereerd = basis.filter(kenmerk__startswith="LAST-")
        return (gegenereerd.order_by("-termijn").first() or basis.order_by("-termijn").first()).pk

    open_ = laatste("open")
    gesloten = laatste("gesloten")
    verzonden = laatste("verzonden")
    rapport = Rapport.objects.get(consultatie_id=verzonden, status="verzonden")
    ministerie = Consultatie.objects.get(pk=verzonden).ministerie.afkorting.lower() + "-ministerie"
    eigen_open = Reactie.objects.get(consultatie_id=open_, organisatie=uwv).pk
    eigen_verzonden = Reactie.objects.get(consultatie_id=verzonden, organisatie=uwv).pk
    # The form opens once the toets is started: one in preparation in an open consultation
    # whose termijn has not passed (past it the form sends you back to the response).
    in_voorbereiding = next(
        r.pk
        for r in Reactie.objects.filter(
            organisatie=uwv, consultatie__status="open", status="in_voorbereiding"
        )
        .select_related("consultatie")
        .order_by("-pk")
        if r.open_en_binnen_termijn()
    )
    dubbel = (
        Kernpunt.objects.filter(reactie__consultatie_id=gesloten, samengevoegd_in__isnull=True)
        .order_by("pk")
        .first()
        .pk
    )
    thema = Thema.objects.order_by("pk").values_list("pk", flat=True).first()
    openbaar = (
        Publicatie.objects.order_by("pk")
        .values_list("rapport__consultatie__kenmerk", flat=True)
        .first()
    )
    zoekvraag = "?q=uitvoering"
    return {
        "anoniem": {
            "inloggen": "/accounts/login/",
            "openbaar archief": "/openbaar/",
            "openbaar archief zoeken": f"/openbaar/{zoekvraag}",
            "openbaar paper": f"/openbaar/{openbaar}/",
            "openbare feed": "/openbaar/feed.atom",
        },
        "secretaris": {
            "dashboard": "/",
            "consultatielijst": "/consultaties/",
            "consultatie open": f"/consultaties/{open_}/",
            "consultatie gesloten (paper in voorbereiding)": f"/consultaties/{gesloten}/",
            "consultatie verzonden": f"/consultaties/{verzonden}/",
            "kernpunten gesloten (bundelen)": f"/consultaties/{gesloten}/kernpunten/",
            "kernpunten verzonden": f"/consultaties/{verzonden}/kernpunten/",
            "kernpunt samenvoegen": f"/reacties/kernpunten/{dubbel}/samenvoegen/",
            "reactie": f"/reacties/{eigen_verzonden}/",
            "paper (verzonden versie)": f"/rapporten/{rapport.pk}/",
            "notificaties": "/notificaties/",
            "verlengingsverzoeken": "/notificaties/verlengingen/",
            "API consultaties": "/api/v1/consultaties",
            "API reacties": "/api/v1/reacties",
            "API rapporten": "/api/v1/rapporten",
            "API organisaties": "/api/v1/organisaties",
            "werklast": "/notificaties/werklast/",
            "achterstand": "/notificaties/achterstand/",
            "achterstand van een consultatie": f"/notificaties/achterstand/{open_}/",
            "mislukte e-mails": "/notificaties/emails/mislukt/",
            "inzichten": "/inzichten/",
            "inzichten grafiek": "/inzichten/grafiek/netwerken.svg",
            "API inzichten": "/api/v1/inzichten",
            "thema's": "/themas/",
            "thema": f"/themas/{thema}/",
            "knelpunten": "/themas/knelpunten/",
            "API thema's": "/api/v1/themas",
            "API knelpunten": "/api/v1/themas/knelpunten",
            "zoeken": f"/zoeken/{zoekvraag}",
            "API zoeken": f"/api/v1/zoeken{zoekvraag}",
            "koppelingen": "/koppelingen/",
            "API abonnementen": "/api/v1/abonnementen",
            "gebruikers": "/beheer/gebruikers/",
            "uitnodigingen": "/beheer/uitnodigingen/",
        },
        "uwv-opsteller": {
            "dashboard (inbox)": "/",
            "consultatielijst": "/consultaties/",
            "consultatie open": f"/consultaties/{open_}/",
            "consultatie gesloten": f"/consultaties/{gesloten}/",
            "consultatie verzonden": f"/consultaties/{verzonden}/",
            "kernpunten gesloten (onderschrijven)": f"/consultaties/{gesloten}/kernpunten/",
            "eigen reactie (open)": f"/reacties/{eigen_open}/",
            "notificaties": "/notificaties/",
            "API consultaties": "/api/v1/consultaties",
            "API reacties": "/api/v1/reacties",
            "API rapporten": "/api/v1/rapporten",
            "API kernpunten van een reactie": f"/api/v1/reacties/{eigen_verzonden}/kernpunten",
            "eigen reactie bewerken": f"/reacties/{in_voorbereiding}/bewerken/",
            "eerdere standpunten": f"/zoeken/reacties/{eigen_open}/eerdere-standpunten/",
            "werklast van de organisatie": f"/notificaties/werklast/{uwv.pk}/",
            "agenda": "/notificaties/agenda/",
            "thema's": "/themas/",
            "inzichten": "/inzichten/",
            "zoeken": f"/zoeken/{zoekvraag}",
        },
        "uwv-beheerder": {
            "gebruikers": "/beheer/gebruikers/",
            "uitnodigingen": "/beheer/uitnodigingen/",
        },
        ministerie: {
            "dashboard (papers)": "/",
            "consultatielijst": "/consultaties/",
            "consultatie verzonden": f"/consultaties/{verzonden}/",
            "paper (verzonden versie)": f"/rapporten/{rapport.pk}/",
            "notificaties": "/notificaties/",
            "API consultaties": "/api/v1/consultaties",
            "API rapporten": "/api/v1/rapporten",
            "API rapport": f"/api/v1/rapporten/{rapport.pk}",
        },
    }


def meet_cpu(herhalingen: int) -> dict:
    """Runs inside the benchmark's child process (Django set up on one database) as
    gunicorn runs it: through ``tegenkracht.wsgi``, which also freezes what start-up
    loaded (``tegenkracht.geheugen``)."""
    import importlib

    importlib.import_module("tegenkracht.wsgi")  # sets Django up as in production
    from django.db import connection
    from django.test import Client

    from organisaties.models import Gebruiker

    paden = kies_paden()
    uitkomst = {"paden": paden, "metingen": []}
    # The trivial view first, then the public pages, then the roles that log in.
    rollen = {"anoniem": {"triviale view": "/gezondheid/live", **paden.get("anoniem", {})}}
    rollen.update((rol, p) for rol, p in paden.items() if rol != "anoniem")
    if alleen := os.environ.get("VERZOEKEN_ALLEEN"):
        # --alleen: these requests (and the trivial view) measured once more, in more rounds.
        rollen = {
            rol: {
                naam: pad
                for naam, pad in p.items()
                if naam == "triviale view" or re.search(alleen, f"{rol} {naam}")
            }
            for rol, p in rollen.items()
        }
        uitkomst["paden"] = {
            rol: {n: pad for n, pad in p.items() if n != "triviale view"}
            for rol, p in rollen.items()
        }
    for gebruiker, pagina_s in rollen.items():
        client = Client(HTTP_HOST="127.0.0.1")
        if gebruiker != "anoniem":
            client.force_login(Gebruiker.objects.get(username=gebruiker))
        for naam, pad in pagina_s.items():
            for _ in range(2):  # warm caches (templates, content types, connection)
                client.get(pad)
            queries = []

            def tel(execute, sql, params, many, context, queries=queries):
                begin = time.perf_counter()
                try:
                    return execute(sql, params, many, context)
                finally:
                    queries.append((time.perf_counter() - begin) * 1000)

            # One request counted: its queries and their time; another its Python function
            # calls (cProfile: a count no other process on the machine can change), apart,
            # as the profiler slows the Python side of every query it would time.
            with connection.execute_wrapper(tel):
                antwoord = client.get(pad)
            profiel = cProfile.Profile()
            profiel.runcall(client.get, pad)
            aanroepen = pstats.Stats(profiel).total_calls
            status = antwoord.status_code
            if status != 200:
                print(f"FOUT: {gebruiker} {pad}: HTTP {status}", file=sys.stderr)
            cpu, wand = [], []
            for _ in range(herhalingen):
                c0, w0 = time.process_time(), time.perf_counter()
                client.get(pad)
                cpu.append((time.process_time() - c0) * 1000)
                wand.append((time.perf_counter() - w0) * 1000)
            uitkomst["metingen"].append(
                {
                    "rol": gebruiker,
                    "naam": naam,
                    "pad": pad,
                    "status": status,
                    "queries": len(queries),
                    "sql_ms": sum(queries),
                    "aanroepen": aanroepen,
                    "bytes": len(antwoord.content),
                    "cpu_ms": statistics.median(cpu),
                    "wand_ms": statistics.median(wand),
                }
            )
    return uitkomst


def snelste(rondes: list[dict]) -> dict:
    """Per request the lowest of the rounds' medians (each round its own process), with
    every round's figure kept. On a shared machine one process can run half again as slow
    as the next for seconds at a time, the same code on the same data; the rounds take
    turns over the databases, so the fastest of each is the cost with the least of that
    noise, for small and large alike."""
    uitkomst = {**rondes[0], "metingen": []}
    for metingen in zip(*(r["metingen"] for r in rondes), strict=True):
        uitkomst["metingen"].append(
            {
                **metingen[0],
                "cpu_ms": min(m["cpu_ms"] for m in metingen),
                "wand_ms": min(m["wand_ms"] for m in metingen),
                "cpu_ms_rondes": [m["cpu_ms"] for m in metingen],
                "sql_ms": min(m["sql_ms"] for m in metingen),
            }
        )
    return uitkomst


def cpu_meting(url: str, herhalingen: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="tk-verzoeken-") as tmp:
        env = omgeving_bench(url, Path(tmp))
        uitvoer = subprocess.run(
            [PYTHON, __file__, "--kind", str(herhalingen)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
        )
        if uitvoer.returncode:
            raise RuntimeError(uitvoer.stderr)
        print(uitvoer.stderr, file=sys.stderr, end="")
        uitvoer = uitvoer.stdout
    return json.loads(uitvoer.strip().splitlines()[-1])


# --- gunicorn and wrk ------------------------------------------------------------------


def start_server(env) -> subprocess.Popen:
    server = subprocess.Popen(
        [str(Path(PYTHON).with_name("gunicorn")), "tegenkracht.wsgi", "-b",
         f"127.0.0.1:{POORT}", "-w", "2", "--log-level", "warning"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )  # fmt: skip
    for _ in range(150):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{POORT}/gezondheid/live").read()
            return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise RuntimeError("gunicorn startte niet: " + server.stderr.read().decode())


def wrk(url: str, cookie: str | None, seconden: int, script: str) -> dict:
    opdracht = ["wrk", "-t2", "-c4", f"-d{seconden}s", "--timeout", "20s", "-s", script, url]
    if cookie:
        opdracht[1:1] = ["-H", f"Cookie: {cookie}"]
    voor = load()
    uitvoer = subprocess.run(opdracht, capture_output=True, text=True, check=True).stdout
    regels = {r.split()[0]: r.split()[1:] for r in uitvoer.splitlines() if r.split()}
    p50, p95, p99 = (float(x) for x in regels["PCT"])
    per_seconde = float(regels["Requests/sec:"][0])
    return {
        "p50": p50,
        "p95": p95,
        "p99": p99,
        "per_seconde": per_seconde,
        "niet_2xx": int(regels.get("NON2XX", ["0"])[0]),
        "load": voor,
    }


#: Seconds of load on each page before it is measured (discarded): its first requests in
#: each worker compile its templates.
OPWARMEN = 1

#: The pages' part of the every-minute job (``verwerk_termijnen``), once a minute. Its
#: first run (the figures are not there yet) counts before the first request is measured:
#: in a deployment the job has been running all along.
MINUUTJOB = """
import time
import django
django.setup()
from inzichten.services import vooraf_tellen
vooraf_tellen()
print("klaar", flush=True)
while True:
    time.sleep(60)
    vooraf_tellen()
"""


def belasting(url: str, paden: dict, seconden: int) -> dict:
    from last import Sessie

    uitkomst = {}
    with tempfile.TemporaryDirectory(prefix="tk-verzoeken-") as tmp:
        env = omgeving_bench(url, Path(tmp))
        script = Path(tmp) / "pct.lua"
        script.write_text(WRK_LUA)
        server = start_server(env)
        minuutjob = subprocess.Popen(
            [PYTHON, "-c", MINUUTJOB],
            cwd=ROOT,
            env={**env, "DJANGO_SETTINGS_MODULE": "tegenkracht.settings"},
            stdout=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
        minuutjob.stdout.readline()  # "klaar": the first count is done
        try:
            basis = f"http://127.0.0.1:{POORT}"
            uitkomst[("anoniem", "/gezondheid/live")] = wrk(
                f"{basis}/gezondheid/live", None, seconden, str(script)
            )
            for gebruiker, pagina_s in paden.items():
                anoniem = gebruiker == "anoniem"
                cookie = None if anoniem else Sessie(basis, gebruiker).cookie_header()
                for pad in pagina_s.values():
                    # Warm first, as the in-process measurement does: both workers compile
                    # the page's templates (and keep its SQL) on their first requests, as
                    # a deployment's long-running workers did long ago. Measured cold, a
                    # run of four seconds counted those first requests in its p95 and p99.
                    wrk(f"{basis}{pad}", cookie, OPWARMEN, str(script))
                    uitkomst[(gebruiker, pad)] = wrk(f"{basis}{pad}", cookie, seconden, str(script))
        finally:
            minuutjob.kill()
            minuutjob.wait(timeout=30)
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
    return uitkomst


# --- report ----------------------------------------------------------------------------


def paren(cpu: dict):
    """Per request, in the order measured: the request and per database (``pg``,
    ``sqlite``) its measurements on the small and the large one (``None`` if missing)."""
    basis = next(
        cpu[n] for n in ("pg-groot", "sqlite-groot", "pg-klein", "sqlite-klein") if n in cpu
    )
    for index, meting in enumerate(basis["metingen"]):
        paar = {}
        for db in ("pg", "sqlite"):
            klein = cpu.get(f"{db}-klein", {}).get("metingen", [])
            groot = cpu.get(f"{db}-groot", {}).get("metingen", [])
            paar[db] = (
                klein[index] if index < len(klein) else None,
                groot[index] if index < len(groot) else None,
            )
        yield meting, paar


def tabel(cpu: dict, last: dict) -> list[str]:
    """One table: per request CPU small → large on both databases, and under load on the
    large ones p50/p95/p99 and throughput as a ratio to the trivial view."""
    regels = [
        "| rol | verzoek | queries | CPU PG klein → groot (ms) | × | CPU SQLite klein → groot "
        "(ms) | × | PG p50/p95/p99 (ms) | PG doorvoer | SQLite p50/p95/p99 (ms) "
        "| SQLite doorvoer |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    triviaal = {
        db: last.get(db, {}).get(("anoniem", "/gezondheid/live"), {}).get("per_seconde")
        for db in ("pg", "sqlite")
    }
    for meting, paar in paren(cpu):
        rol = meting["rol"].replace("uwv-", "").replace("-ministerie", " (ministerie)")
        cellen = [rol, f"{meting['naam']} `{meting['pad']}`", str(meting["queries"])]
        for klein, groot in paar.values():
            if klein and groot:
                k, g = klein["cpu_ms"], groot["cpu_ms"]
                cellen += [f"{k:.1f} → {g:.1f}", f"{g / k:.2f}"]
            else:
                cellen += ["–", "–"]
        for db, (_klein, m) in paar.items():
            w = last.get(db, {}).get((m["rol"], m["pad"])) if m else None
            if not w:
                cellen += ["–", "–"]
                continue
            fout = f" ({w['niet_2xx']} fout)" if w["niet_2xx"] else ""
            cellen.append(f"{w['p50']:.0f} / {w['p95']:.0f} / {w['p99']:.0f}{fout}")
            if w["per_seconde"] and triviaal[db]:
                cellen.append(f"{w['per_seconde']:.0f}/s = 1/{triviaal[db] / w['per_seconde']:.0f}")
            else:
                cellen.append(f"{w['per_seconde']:.1f}/s")
        regels.append("| " + " | ".join(cellen) + " |")
    return regels


def werktabel(cpu: dict) -> list[str]:
    """Per request the work that no other process can change: Python function calls of
    one request (cProfile) and its SQL time (fastest round), small → large."""
    regels = [
        "| rol | verzoek | aanroepen PG klein → groot | × | SQL PG (ms) | aanroepen SQLite "
        "klein → groot | × | SQL SQLite (ms) |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for meting, paar in paren(cpu):
        cellen = [meting["rol"], f"{meting['naam']} `{meting['pad']}`"]
        for k, g in paar.values():
            if not (k and g and "aanroepen" in k):
                cellen += ["–", "–", "–"]
                continue
            cellen += [
                f"{k['aanroepen']:,} → {g['aanroepen']:,}",
                f"{g['aanroepen'] / max(k['aanroepen'], 1):.2f}",
                f"{k['sql_ms']:.1f} → {g['sql_ms']:.1f}",
            ]
        regels.append("| " + " | ".join(cellen) + " |")
    return regels


#: A page on the small database smaller than this share of the same page on the large
#: one shows fewer rows (a list not full): its ratio measures the rows, not the data.
VOLLE_PAGINA = 0.8


def paginavulling(cpu: dict) -> list[str]:
    """The requests whose response on the small database is much smaller than on the
    large one: there the small database has too few rows to fill the page, and the
    ratio of their costs says little about growth with the data."""
    regels = []
    for db in ("pg", "sqlite"):
        klein = cpu.get(f"{db}-klein", {}).get("metingen", [])
        groot = cpu.get(f"{db}-groot", {}).get("metingen", [])
        for k, g in zip(klein, groot, strict=False):
            if k.get("bytes") and g.get("bytes") and k["bytes"] < VOLLE_PAGINA * g["bytes"]:
                regels.append(
                    f"- {db}: {k['rol']} {k['naam']}: {k['bytes']:,} bytes op de kleine, "
                    f"{g['bytes']:,} op de grote database"
                )
    if regels:
        regels.insert(
            0,
            "\nNiet vol op de kleine database (minder dan "
            f"{VOLLE_PAGINA:.0%} van de bytes op de grote; de verhouding meet daar de rijen "
            "op de pagina, niet de groei met de data):",
        )
    return regels


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--pg-klein")
    parser.add_argument("--pg-groot")
    parser.add_argument("--sqlite-klein")
    parser.add_argument("--sqlite-groot")
    parser.add_argument("--herhalingen", type=int, default=15)
    parser.add_argument("--rondes", type=int, default=3)
    parser.add_argument(
        "--alleen",
        help="alleen de verzoeken waarvan 'rol naam' hierop past (een reguliere expressie), "
        "om een uitschieter met meer rondes opnieuw te meten",
    )
    parser.add_argument("--seconden", type=int, default=6)
    parser.add_argument("--zonder-belasting", action="store_true")
    parser.add_argument("--kind", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.alleen:
        os.environ["VERZOEKEN_ALLEEN"] = args.alleen
    if args.kind:
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tegenkracht.settings")
        print(json.dumps(meet_cpu(args.kind)))
        return
    begin = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    loads = [load()]
    cpu, belast = {}, {}
    databases = {
        "pg-klein": args.pg_klein,
        "pg-groot": args.pg_groot,
        "sqlite-klein": args.sqlite_klein,
        "sqlite-groot": args.sqlite_groot,
    }
    collectstatic(database_url(next(w for w in databases.values() if w)))
    rondes = {naam: [] for naam, waarde in databases.items() if waarde}
    for ronde in range(1, args.rondes + 1):
        for naam in rondes:
            print(f"CPU per verzoek: {naam}, ronde {ronde} …", file=sys.stderr, flush=True)
            rondes[naam].append(cpu_meting(database_url(databases[naam]), args.herhalingen))
            loads.append(load())
    cpu = {naam: snelste(metingen) for naam, metingen in rondes.items()}
    if not args.zonder_belasting:
        for db in ("pg", "sqlite"):
            waarde = databases[f"{db}-groot"]
            if waarde:
                print(f"Belasting: {db}-groot …", file=sys.stderr, flush=True)
                belast[db] = belasting(
                    database_url(waarde), cpu[f"{db}-groot"]["paden"], args.seconden
                )
                loads += [w["load"] for w in belast[db].values()]
    loads.append(load())
    print(
        f"Run {begin}: {platform.machine()}, {os.cpu_count()} kernen, Python "
        f"{platform.python_version()}; load average (1 min) tijdens de run "
        f"{min(loads):.2f}–{max(loads):.2f}, mediaan {statistics.median(loads):.2f}.\n"
    )
    uit = ROOT / "var" / f"verzoeken-{time.strftime('%Y%m%dT%H%M%S')}.json"
    uit.parent.mkdir(exist_ok=True)
    uit.write_text(
        json.dumps(
            {
                "begin": begin,
                "loads": loads,
                "cpu": cpu,
                "belasting": {
                    db: [{"rol": k[0], "pad": k[1], **v} for k, v in w.items()]
                    for db, w in belast.items()
                },
            },
            indent=1,
        )
    )
    for regel in tabel(cpu, belast):
        print(regel)
    print()
    for regel in werktabel(cpu):
        print(regel)
    for regel in paginavulling(cpu):
        print(regel)
    print(f"\nRuwe cijfers: {uit.relative_to(ROOT)}")


if __name__ == "__main__":
    main()

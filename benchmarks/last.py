"""Benchmark Tegenkracht against years of data, on SQLite and PostgreSQL.

    .venv/bin/python benchmarks/last.py [--consultaties 2000] [--databases sqlite,postgres]

For each database it fills a fresh database with ``genereer_last``, starts the production
server (gunicorn, DEBUG off) and prints:

- p50/p95 latency of the main pages and API lists, per role, over sequential requests;
- throughput under load (wrk) of a page and an API list, against the trivial liveness view
  measured in the same run, as a ratio (what our code costs compared to Django itself);
- the deadline job (``verwerk_termijnen``) over many open responses, if it exists.

Figures go to stdout; copy them into benchmarks/RESULTS.md with the machine description.
Needs ``wrk`` (``apt-get install wrk``) for the throughput part; skips it otherwise.
"""

import argparse
import http.cookiejar
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
PG_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/tk_benchmark")
POORT = int(os.environ.get("BENCH_POORT", "8790"))


def omgeving(database_url: str, var_dir: Path) -> dict:
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "VAR_DIR": str(var_dir),
        "STATIC_ROOT": str(var_dir / "static"),
        "DEBUG": "0",
        "ONTWIKKELING": "1",  # demo and genereer_last fill the database
        "SECRET_KEY": "benchmark-" + "x" * 60,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_COOKIES": "0",
        "SECURE_HSTS_SECONDS": "0",
        "AXES_ENABLED": "0",
        "TWEEDE_FACTOR_SECRETARIS": "0",
        "LOG_LEVEL": "WARNING",
        "CONN_MAX_AGE": "60",  # as in production (docs/deployment.md)
    }


def manage(env, *args, stil=True):
    uitvoer = subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=stil,
        text=True,
    )
    return uitvoer.stdout if stil else ""


def verse_postgres(url: str):
    naam = urllib.parse.urlparse(url).path.lstrip("/")
    beheer = url.rsplit("/", 1)[0] + "/postgres"
    for sql in (f'DROP DATABASE IF EXISTS "{naam}" WITH (FORCE)', f'CREATE DATABASE "{naam}"'):
        subprocess.run(["psql", beheer, "-q", "-c", sql], check=True, capture_output=True)


class Sessie:
    """A logged-in browser session (cookies, CSRF) against the running server."""

    def __init__(self, basis: str, gebruiker: str):
        self.basis = basis
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        self.opener.open(f"{basis}/accounts/login/").read()
        csrf = next(c.value for c in self.jar if c.name == "csrftoken")
        data = urllib.parse.urlencode(
            {"username": gebruiker, "password": "demo", "csrfmiddlewaretoken": csrf}
        ).encode()
        verzoek = urllib.request.Request(
            f"{basis}/accounts/login/", data=data, headers={"Referer": f"{basis}/accounts/login/"}
        )
        self.opener.open(verzoek).read()
        if not any(c.name == "sessionid" for c in self.jar):
            raise RuntimeError(f"Inloggen als {gebruiker} mislukt")

    def cookie_header(self) -> str:
        return "; ".join(f"{c.name}={c.value}" for c in self.jar)

    def meet(self, pad: str, herhalingen: int) -> tuple[float, float, int]:
        tijden = []
        status = 0
        for _ in range(herhalingen):
            start = time.perf_counter()
            try:
                with self.opener.open(f"{self.basis}{pad}") as antwoord:
                    antwoord.read()
                    status = antwoord.status
            except urllib.error.HTTPError as fout:
                status = fout.code
            tijden.append((time.perf_counter() - start) * 1000)
        tijden.sort()
        p95 = tijden[min(len(tijden) - 1, int(round(0.95 * (len(tijden) - 1))))]
        return statistics.median(tijden), p95, status


def wrk(url: str, cookie: str | None, seconden: int) -> float | None:
    if not shutil.which("wrk"):
        return None
    opdracht = ["wrk", "-t2", "-c16", f"-d{seconden}s", "--latency", url]
    if cookie:
        opdracht[1:1] = ["-H", f"Cookie: {cookie}"]
    uitvoer = subprocess.run(opdracht, capture_output=True, text=True, check=True).stdout
    niet_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", uitvoer)
    if niet_2xx:
        # A benchmark of error pages measures nothing useful: say so loudly.
        print(f"FOUT: {url}: {niet_2xx.group(1)} antwoorden anders dan 2xx/3xx", file=sys.stderr)
        return float("nan")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", uitvoer).group(1))


def start_server(env) -> subprocess.Popen:
    server = subprocess.Popen(
        [
            str(Path(PYTHON).with_name("gunicorn")),
            "tegenkracht.wsgi",
            "-b",
            f"127.0.0.1:{POORT}",
            "-w",
            "4",
            "--access-logfile",
            "-",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{POORT}/gezondheid/live").read()
            return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise RuntimeError("gunicorn startte niet: " + server.stderr.read().decode())


def kies_objecten(env) -> tuple[str, str, str]:
    """A sent consultation UWV was invited to, UWV's response and the ministry's username."""
    code = (
        "from consultaties.models import Consultatie;"
        "from reacties.models import Reactie;"
        "c = Consultatie.objects.filter(kenmerk__startswith='LAST-', status='verzonden',"
        " reacties__organisatie__afkorting='UWV').order_by('pk').first();"
        "r = Reactie.objects.get(consultatie=c, organisatie__afkorting='UWV');"
        "print('IDS', c.pk, r.pk, c.ministerie.afkorting.lower() + '-ministerie')"
    )
    uitvoer = manage(env, "shell", "-c", code)
    _, consultatie, reactie, ministerie = re.search(r"^IDS .*$", uitvoer, re.M).group(0).split()
    return consultatie, reactie, ministerie


def paden(consultatie: str, reactie: str) -> dict:
    return {
        "secretaris": [
            "/",
            "/consultaties/",
            f"/consultaties/{consultatie}/",
            f"/reacties/{reactie}/",
            "/api/v1/consultaties",
            "/api/v1/reacties",
        ],
        "opsteller": [
            "/",
            "/consultaties/",
            f"/consultaties/{consultatie}/",
            f"/reacties/{reactie}/",
            "/api/v1/reacties",
        ],
        "ministerie": [
            "/",
            "/consultaties/",
            f"/consultaties/{consultatie}/",
            "/api/v1/consultaties",
        ],
    }


def benchmark(naam: str, args) -> list[str]:
    regels = [f"### {naam}", ""]
    with tempfile.TemporaryDirectory(prefix=f"tk-bench-{naam}-") as tmp:
        database_url = PG_URL if naam == "postgres" else f"sqlite:///{tmp}/benchmark.sqlite3"
        env = omgeving(database_url, Path(tmp))
        if naam == "postgres":
            verse_postgres(database_url)
        start = time.perf_counter()
        manage(env, "migrate", "--no-input")
        manage(env, "demo")
        manage(
            env,
            "genereer_last",
            "--consultaties",
            str(args.consultaties),
            "--organisaties",
            str(args.organisaties),
            "--verbosity",
            "0",
        )
        manage(env, "collectstatic", "--no-input")
        regels.append(
            f"Gegevens: {args.consultaties} consultaties × {args.organisaties} organisaties "
            f"in {time.perf_counter() - start:.0f} s gegenereerd."
        )
        regels.append("")
        consultatie, reactie, ministerie = kies_objecten(env)
        alle_paden = paden(consultatie, reactie)
        rollen = [
            ("secretaris", "secretaris"),
            ("opsteller", "uwv-opsteller"),
            ("ministerie", ministerie),
        ]
        server = start_server(env)
        try:
            basis = f"http://127.0.0.1:{POORT}"
            regels += ["| rol | pad | status | p50 (ms) | p95 (ms) |", "|---|---|---|---|---|"]
            sessies = {}
            for rol, gebruiker in rollen:
                sessies[rol] = Sessie(basis, gebruiker)
                for pad in alle_paden[rol]:
                    p50, p95, status = sessies[rol].meet(pad, args.herhalingen)
                    regels.append(f"| {rol} | `{pad}` | {status} | {p50:.1f} | {p95:.1f} |")
            regels.append("")
            triviaal = wrk(f"{basis}/gezondheid/live", None, args.seconden)
            if triviaal is None:
                regels.append("Doorvoer overgeslagen: `wrk` ontbreekt (`apt-get install wrk`).")
            else:
                cookie = sessies["secretaris"].cookie_header()
                regels += [
                    "| doel (wrk, 2 threads, 16 verbindingen) | verzoeken/s | t.o.v. triviaal |",
                    "|---|---|---|",
                    f"| `/gezondheid/live` (triviale view) | {triviaal:.0f} | 1.00 |",
                ]
                for pad in ("/consultaties/", "/api/v1/consultaties"):
                    doorvoer = wrk(f"{basis}{pad}", cookie, args.seconden)
                    regels.append(
                        f"| `{pad}` als secretaris | {doorvoer:.0f} | {doorvoer / triviaal:.2f} |"
                    )
            regels.append("")
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
        if "verwerk_termijnen" in manage(env, "help", "--commands"):
            start = time.perf_counter()
            manage(env, "verwerk_termijnen")
            regels.append(
                f"Termijnbewaking (`verwerk_termijnen`) over deze database: "
                f"{time.perf_counter() - start:.1f} s."
            )
            regels.append("")
    return regels


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--consultaties", type=int, default=2000)
    parser.add_argument("--organisaties", type=int, default=40)
    parser.add_argument("--databases", default="sqlite,postgres")
    parser.add_argument("--herhalingen", type=int, default=30)
    parser.add_argument("--seconden", type=int, default=10)
    args = parser.parse_args()
    print(
        f"Machine: {platform.processor() or platform.machine()}, {os.cpu_count()} kernen, "
        f"Python {platform.python_version()}, {platform.platform()}"
    )
    for naam in args.databases.split(","):
        for regel in benchmark(naam, args):
            print(regel, flush=True)


if __name__ == "__main__":
    main()

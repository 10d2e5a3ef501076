"""A real HTTP receiver on 127.0.0.1 (http.server in a thread, a free port) and a
subscription per role, for the webhook tests."""

import json
import queue
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from koppelingen import services


@dataclass
class Verzoek:
    pad: str
    headers: dict
    body: bytes

    @property
    def json(self):
        return json.loads(self.body)


@dataclass
class Ontvanger:
    """Records every request; answers with the queued status codes, then ``standaard``."""

    poort: int
    verzoeken: list = field(default_factory=list)
    antwoorden: queue.Queue = field(default_factory=queue.Queue)
    standaard: int = 204
    redirect_naar: str = ""

    def url(self, pad: str = "/haak") -> str:
        return f"http://127.0.0.1:{self.poort}{pad}"

    def antwoord(self, *codes: int):
        for code in codes:
            self.antwoorden.put(code)

    def op(self, pad: str) -> list[Verzoek]:
        return [v for v in self.verzoeken if v.pad == pad]

    def soorten(self, pad: str) -> list[str]:
        return [v.json["type"].removeprefix("nl.tegenkracht.") for v in self.op(pad)]


@pytest.fixture
def ontvanger():
    status = {}

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            lengte = int(self.headers.get("Content-Length", 0))
            body = self.rfile.read(lengte)
            status["ontvanger"].verzoeken.append(
                Verzoek(self.path, {k.lower(): v for k, v in self.headers.items()}, body)
            )
            try:
                code = status["ontvanger"].antwoorden.get_nowait()
            except queue.Empty:
                code = status["ontvanger"].standaard
            self.send_response(code)
            if 300 <= code < 400:
                self.send_header("Location", status["ontvanger"].redirect_naar or "/elders")
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    status["ontvanger"] = Ontvanger(poort=server.server_address[1])
    draad = threading.Thread(target=server.serve_forever, daemon=True)
    draad.start()
    yield status["ontvanger"]
    server.shutdown()
    server.server_close()


@pytest.fixture(autouse=True)
def _loopback_toegestaan(settings):
    """The receiver lives on 127.0.0.1: production refuses that (SSRF), tests allow it."""
    settings.WEBHOOKS_INTERNE_ADRESSEN_TOESTAAN = True
    settings.WEBHOOKS_TOEGESTANE_HOSTS = []
    settings.WEBHOOKS_TIMEOUT_SECONDEN = 5
    settings.WEBHOOKS_BACKOFF_SECONDEN = 60
    settings.WEBHOOKS_MAX_POGINGEN = 4


@pytest.fixture
def na_commit(django_capture_on_commit_callbacks):
    """Run what happens after commit (events, tasks, deliveries) at the end of the block."""

    @contextmanager
    def blok():
        with django_capture_on_commit_callbacks(execute=True):
            yield

    return blok


@pytest.fixture
def abonneer(ontvanger):
    def maak(gebruiker, pad: str, **velden):
        return services.abonnement_aanmaken(actor=gebruiker, url=ontvanger.url(pad), **velden)

    return maak

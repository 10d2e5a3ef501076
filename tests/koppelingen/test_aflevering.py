"""Delivery to a real receiver on 127.0.0.1: the CloudEvent, its signature, retries with
backoff, giving up, timeouts, no redirects, and the SSRF guard."""

import base64
import hashlib
import hmac
import json
import socket
import time
from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from koppelingen import services
from koppelingen.models import AfleveringStatus
from reacties import services as reactie_services
from tests import factories

pytestmark = pytest.mark.django_db


def verifieer(geheim: str, headers: dict, body: bytes, tolerantie: int = 300) -> bool:
    """What a receiver does (the example in docs/api.md), written independently of ours."""
    tijdstempel = int(headers["webhook-timestamp"])
    if abs(time.time() - tijdstempel) > tolerantie:
        return False
    sleutel = base64.b64decode(geheim.removeprefix("whsec_"))
    inhoud = f"{headers['webhook-id']}.{tijdstempel}.".encode() + body
    verwacht = base64.b64encode(hmac.new(sleutel, inhoud, hashlib.sha256).digest()).decode()
    return any(
        hmac.compare_digest(verwacht, deel.split(",", 1)[1])
        for deel in headers["webhook-signature"].split(" ")
    )


@pytest.fixture
def gestart(abonneer, ontvanger, na_commit, opsteller_a, reactie_a):
    """A subscription of organisation A, and one event (the response started) for it."""

    def doe(pad="/haak"):
        abonnement = abonneer(opsteller_a, pad)
        with na_commit():
            reactie_services.reactie_starten(reactie=reactie_a, actor=opsteller_a)
        return abonnement

    return doe


def test_bericht_is_cloudevent_volgens_nl_gov_profiel(gestart, ontvanger, reactie_a, settings):
    settings.SITE_URL = "https://tegenkracht.example.nl"
    abonnement = gestart()

    [verzoek] = ontvanger.op("/haak")
    assert verzoek.headers["content-type"].startswith("application/cloudevents+json")
    bericht = verzoek.json
    assert bericht["specversion"] == "1.0"
    assert bericht["type"] == "nl.tegenkracht.reactie.gestart"
    assert bericht["source"] == settings.WEBHOOKS_BRON
    assert bericht["source"].startswith("urn:")
    assert bericht["subject"] == str(reactie_a.pk)
    assert bericht["datacontenttype"] == "application/json"
    assert bericht["dataref"] == f"https://tegenkracht.example.nl/api/v1/reacties/{reactie_a.pk}"
    assert abs(timezone.datetime.fromisoformat(bericht["time"]) - timezone.now()) < timedelta(
        minutes=1
    )
    assert bericht["data"] == {
        "id": reactie_a.pk,
        "consultatie": reactie_a.consultatie_id,
        "organisatie": reactie_a.organisatie_id,
        "status": "in_voorbereiding",
    }
    assert verzoek.headers["webhook-id"] == bericht["id"]
    assert verifieer(abonnement.geheim, verzoek.headers, verzoek.body)
    # Log: one attempt, delivered, with its status code.
    aflevering = abonnement.afleveringen.get()
    assert aflevering.status == AfleveringStatus.AFGELEVERD
    assert [(p.statuscode, p.gelukt) for p in aflevering.pogingen_log.all()] == [(204, True)]


def test_handtekening_klopt_niet_met_ander_geheim_of_gewijzigde_body(gestart, ontvanger):
    abonnement = gestart()
    [verzoek] = ontvanger.op("/haak")
    ander = services.abonnement_geheim_vernieuwen(abonnement=abonnement, actor=abonnement.eigenaar)
    assert not verifieer(ander.geheim, verzoek.headers, verzoek.body)
    assert not verifieer(abonnement.geheim, verzoek.headers, verzoek.body.replace(b"}", b" }", 1))


def test_oude_tijdstempel_wordt_geweigerd(gestart, ontvanger):
    abonnement = gestart()
    [verzoek] = ontvanger.op("/haak")
    with time_machine.travel(timezone.now() + timedelta(minutes=10)):
        assert not verifieer(abonnement.geheim, verzoek.headers, verzoek.body)


def test_na_vernieuwen_ondertekenen_oud_en_nieuw_geheim_een_dag(
    abonneer, ontvanger, na_commit, opsteller_a, reactie_a
):
    abonnement = abonneer(opsteller_a, "/haak")
    oud = abonnement.geheim
    nieuw = services.abonnement_geheim_vernieuwen(abonnement=abonnement, actor=opsteller_a).geheim
    assert nieuw != oud
    with na_commit():
        reactie = reactie_services.reactie_starten(reactie=reactie_a, actor=opsteller_a)
    [verzoek] = ontvanger.op("/haak")
    assert len(verzoek.headers["webhook-signature"].split(" ")) == 2
    assert verifieer(nieuw, verzoek.headers, verzoek.body)
    assert verifieer(oud, verzoek.headers, verzoek.body)

    # A day later the old secret no longer signs.
    reactie = factories.vul_reactie_in(reactie, opsteller_a)
    with time_machine.travel(timezone.now() + timedelta(hours=25)), na_commit():
        reactie_services.reactie_ter_accordering(reactie=reactie, actor=opsteller_a)
        # (the receiver checks the timestamp against its own clock: travel with it)
    verzoek = ontvanger.op("/haak")[-1]
    assert verzoek.json["type"] == "nl.tegenkracht.reactie.ter-accordering-aangeboden"
    assert len(verzoek.headers["webhook-signature"].split(" ")) == 1
    with time_machine.travel(int(verzoek.headers["webhook-timestamp"])):
        assert verifieer(nieuw, verzoek.headers, verzoek.body)
        assert not verifieer(oud, verzoek.headers, verzoek.body)


def test_opnieuw_na_500_met_oplopende_wachttijd(gestart, ontvanger, na_commit):
    ontvanger.antwoord(500, 503)
    begin = timezone.now()
    abonnement = gestart()
    aflevering = abonnement.afleveringen.get()
    assert aflevering.status == AfleveringStatus.MISLUKT
    assert aflevering.pogingen == 1
    eerste_wachttijd = aflevering.volgende_poging_op - begin
    assert timedelta(seconds=55) < eerste_wachttijd < timedelta(seconds=70)

    # Before the backoff has passed, the minute job leaves it alone.
    assert services.afleveringen_opnieuw_inplannen(timezone.now()) == 0
    assert len(ontvanger.op("/haak")) == 1

    with time_machine.travel(aflevering.volgende_poging_op + timedelta(seconds=1)):
        with na_commit():
            assert services.afleveringen_opnieuw_inplannen() == 1
        aflevering.refresh_from_db()
        assert aflevering.status == AfleveringStatus.MISLUKT
        tweede_wachttijd = aflevering.volgende_poging_op - timezone.now()
        assert timedelta(seconds=110) < tweede_wachttijd < timedelta(seconds=130)

    with time_machine.travel(aflevering.volgende_poging_op + timedelta(seconds=1)), na_commit():
        assert services.afleveringen_opnieuw_inplannen() == 1

    aflevering.refresh_from_db()
    assert aflevering.status == AfleveringStatus.AFGELEVERD
    assert [p.statuscode for p in aflevering.pogingen_log.all()] == [500, 503, 204]
    # Every attempt is the same message: same id, same body.
    verzoeken = ontvanger.op("/haak")
    assert len({v.headers["webhook-id"] for v in verzoeken}) == 1
    assert len({v.body for v in verzoeken}) == 1


def test_opgegeven_na_max_pogingen(gestart, ontvanger, settings, na_commit):
    settings.WEBHOOKS_MAX_POGINGEN = 3
    ontvanger.standaard = 500
    abonnement = gestart()
    aflevering = abonnement.afleveringen.get()
    for _ in range(5):
        aflevering.refresh_from_db()
        if aflevering.volgende_poging_op is None:
            break
        moment = aflevering.volgende_poging_op + timedelta(seconds=1)
        with time_machine.travel(moment), na_commit():
            services.afleveringen_opnieuw_inplannen()
    aflevering.refresh_from_db()
    assert aflevering.status == AfleveringStatus.OPGEGEVEN
    assert aflevering.pogingen == 3
    assert len(ontvanger.op("/haak")) == 3
    with time_machine.travel(timezone.now() + timedelta(days=2)), na_commit():
        assert services.afleveringen_opnieuw_inplannen() == 0
    assert len(ontvanger.op("/haak")) == 3


def test_redirect_wordt_niet_gevolgd(gestart, ontvanger):
    ontvanger.antwoord(302)
    ontvanger.redirect_naar = ontvanger.url("/elders")
    abonnement = gestart()
    aflevering = abonnement.afleveringen.get()
    assert aflevering.status == AfleveringStatus.MISLUKT
    assert [p.statuscode for p in aflevering.pogingen_log.all()] == [302]
    assert ontvanger.op("/elders") == []


def test_timeout_wordt_gelogd(abonneer, na_commit, opsteller_a, reactie_a, settings):
    """A receiver that accepts the connection and never answers."""
    settings.WEBHOOKS_TIMEOUT_SECONDEN = 0.3
    stil = socket.socket()
    stil.bind(("127.0.0.1", 0))
    stil.listen(1)
    try:
        abonnement = services.abonnement_aanmaken(
            actor=opsteller_a, url=f"http://127.0.0.1:{stil.getsockname()[1]}/stil"
        )
        with na_commit():
            reactie_services.reactie_starten(reactie=reactie_a, actor=opsteller_a)
    finally:
        stil.close()
    [poging] = abonnement.afleveringen.get().pogingen_log.all()
    assert poging.statuscode is None
    assert "Timeout" in poging.fout


def test_geweigerd_adres_bij_aflevering_wordt_niet_benaderd(gestart, ontvanger, settings):
    """Loopback allowed when subscribing, refused by the time of delivery (production)."""
    abonnement = gestart("/eerst")
    settings.WEBHOOKS_INTERNE_ADRESSEN_TOESTAAN = False
    aflevering = abonnement.afleveringen.get()
    services.abonnement_bijwerken(abonnement=abonnement, actor=abonnement.eigenaar, actief=True)
    # A new event to the same URL: refused before any connection is made.
    from koppelingen.models import Aflevering

    nieuw = Aflevering.objects.create(
        abonnement=abonnement,
        gebeurtenis_id=aflevering.gebeurtenis_id,
        soort=aflevering.soort,
        onderwerp=aflevering.onderwerp,
        bericht=aflevering.bericht,
    )
    assert services.aflevering_versturen(nieuw.pk) is False
    [poging] = nieuw.pogingen_log.all()
    assert poging.statuscode is None
    assert poging.fout.startswith("Geweigerd")
    assert len(ontvanger.op("/eerst")) == 1


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8000/haak",
        "http://localhost/haak",
        "http://[::1]/haak",
        "http://169.254.169.254/latest/meta-data",
        "http://10.0.0.5/haak",
        "http://192.168.1.1/haak",
        "http://[::ffff:127.0.0.1]/haak",
        "http://0.0.0.0/haak",
        "ftp://example.nl/haak",
        "file:///etc/passwd",
        "https://gebruiker:wachtwoord@example.nl/haak",
        "javascript:alert(1)",
    ],
)
def test_interne_of_vreemde_adressen_geweigerd(url, opsteller_a, settings):
    settings.WEBHOOKS_INTERNE_ADRESSEN_TOESTAAN = False
    with pytest.raises(ValidationError) as fout:
        services.abonnement_aanmaken(actor=opsteller_a, url=url)
    assert "url" in fout.value.message_dict


def test_toegestane_hosts(opsteller_a, settings):
    settings.WEBHOOKS_INTERNE_ADRESSEN_TOESTAAN = False
    settings.WEBHOOKS_TOEGESTANE_HOSTS = ["uwv.nl"]
    assert services.abonnement_aanmaken(actor=opsteller_a, url="https://haak.uwv.nl/in")
    assert services.abonnement_aanmaken(actor=opsteller_a, url="https://uwv.nl/in")
    for url in ("https://example.nl/in", "https://uwv.nl.example.nl/in", "https://nepuwv.nl/in"):
        with pytest.raises(ValidationError):
            services.abonnement_aanmaken(actor=opsteller_a, url=url)


def test_bericht_bevat_geen_toelichting(
    abonneer, ontvanger, na_commit, reactie_a_ter_accordering, accordeerder_a
):
    abonneer(accordeerder_a, "/haak")
    with na_commit():
        reactie_services.reactie_afkeuren(
            reactie=reactie_a_ter_accordering, actor=accordeerder_a, toelichting="GEHEIME-NOTITIE"
        )
    [verzoek] = ontvanger.op("/haak")
    assert b"GEHEIME-NOTITIE" not in verzoek.body
    assert json.loads(verzoek.body)["data"]["status"] == "in_voorbereiding"


@pytest.fixture
def https_ontvanger(tmp_path, monkeypatch):
    """A TLS receiver for 'localhost' with a self-signed certificate that the client trusts
    (SSL_CERT_FILE), to check that the pinned address still verifies the name."""
    import shutil
    import ssl
    import subprocess
    import threading
    from http.server import BaseHTTPRequestHandler, HTTPServer

    if not shutil.which("openssl"):
        pytest.skip("openssl ontbreekt")
    sleutel, certificaat = tmp_path / "k.pem", tmp_path / "c.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", sleutel,
         "-out", certificaat, "-days", "1", "-subj", "/CN=localhost",
         "-addext", "subjectAltName=DNS:localhost"],
        check=True,
        capture_output=True,
    )  # fmt: skip
    hosts = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            self.rfile.read(int(self.headers.get("Content-Length", 0)))
            hosts.append(self.headers["Host"])
            self.send_response(202)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(certificaat, sleutel)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    monkeypatch.setenv("SSL_CERT_FILE", str(certificaat))
    yield server.server_address[1], hosts
    server.shutdown()
    server.server_close()


def test_https_verbindt_met_gecontroleerd_adres_en_controleert_de_naam(https_ontvanger):
    from koppelingen import bezorging

    poort, hosts = https_ontvanger
    goed = bezorging.post(f"https://localhost:{poort}/in?x=1", b"{}", {})
    assert goed.statuscode == 202
    assert hosts == [f"localhost:{poort}"]
    # The certificate is for 'localhost': the same server by IP address does not verify.
    fout = bezorging.post(f"https://127.0.0.1:{poort}/in", b"{}", {})
    assert fout.statuscode is None
    assert "SSLError" in fout.fout
    assert len(hosts) == 1


def test_minutenjob_probeert_opnieuw(gestart, ontvanger, na_commit):
    """The deadline job (cron, every minute) also retries the webhooks whose backoff passed."""
    from notificaties.bewaking import verwerk_termijnen

    ontvanger.antwoord(500)
    aflevering = gestart().afleveringen.get()
    assert aflevering.status == AfleveringStatus.MISLUKT
    with time_machine.travel(aflevering.volgende_poging_op + timedelta(seconds=1)), na_commit():
        verwerk_termijnen()
    aflevering.refresh_from_db()
    assert aflevering.status == AfleveringStatus.AFGELEVERD
    assert [p.statuscode for p in aflevering.pogingen_log.all()] == [500, 204]


def test_oude_afleveringen_worden_opgeruimd(gestart, ontvanger, na_commit, settings):
    settings.WEBHOOKS_LOG_DAGEN = 30
    ontvanger.antwoord(500)
    abonnement = gestart()
    afgeleverd_later = abonnement.afleveringen.get()  # failed: stays while it may retry
    with time_machine.travel(timezone.now() + timedelta(days=31)):
        assert services.afleveringen_opruimen() == 0
        afgeleverd_later.status = AfleveringStatus.AFGELEVERD
        afgeleverd_later.save(update_fields=["status"])
        assert services.afleveringen_opruimen(timezone.now() - timedelta(days=2)) == 0
        assert services.afleveringen_opruimen() == 1
    assert not abonnement.afleveringen.exists()

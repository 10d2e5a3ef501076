"""One HTTP POST to a subscriber, guarded against server-side request forgery.

A subscription's URL is chosen by a user, and the worker posts to it from inside our
network. So: only http(s), no credentials in the URL, an optional allow-list of hosts
(``WEBHOOKS_TOEGESTANE_HOSTS``) and never an internal address (loopback, private, link-local
such as cloud metadata, carrier-grade NAT, multicast, reserved) unless
``WEBHOOKS_INTERNE_ADRESSEN_TOESTAAN`` is on (development and tests). The name is resolved
once and the connection goes to that checked address (with the original Host header and TLS
name), so DNS cannot point elsewhere between check and connect. Redirects are never
followed; the timeout covers connect and read.
"""

import ipaddress
import socket
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

import urllib3
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext

#: Hostnames that always point at this machine, whatever DNS says.
LOKALE_NAMEN = {"localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback"}


class OnveiligAdres(Exception):
    """The URL points somewhere the worker must not post to."""


@dataclass
class Uitkomst:
    statuscode: int | None
    fout: str
    duur_ms: int

    @property
    def gelukt(self) -> bool:
        return self.statuscode is not None and 200 <= self.statuscode < 300


def _intern(adres: str) -> bool:
    ip = ipaddress.ip_address(adres.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return (
        not ip.is_global
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
        or ip.is_loopback
        or ip.is_link_local
    )


def _host_toegestaan(host: str) -> bool:
    lijst = [h.lower().lstrip(".") for h in settings.WEBHOOKS_TOEGESTANE_HOSTS]
    return not lijst or any(host == h or host.endswith("." + h) for h in lijst)


def controleer_url(url: str) -> None:
    """Refuse a URL that can never be delivered to (``ValidationError``, for forms and API).
    Names are not resolved here: that happens at each delivery."""
    delen = urlsplit(url)
    host = (delen.hostname or "").lower()
    if delen.scheme not in ("http", "https") or not host:
        raise ValidationError(gettext("Gebruik een http- of https-adres."))
    try:
        delen.port  # noqa: B018 (raises for a port out of range)
    except ValueError as fout:
        raise ValidationError(gettext("Gebruik een http- of https-adres.")) from fout
    if delen.username or delen.password:
        raise ValidationError(gettext("Zet geen gebruikersnaam of wachtwoord in het adres."))
    if not _host_toegestaan(host):
        raise ValidationError(gettext("Dit adres staat niet op de lijst van toegestane hosts."))
    if settings.WEBHOOKS_INTERNE_ADRESSEN_TOESTAAN:
        return
    try:
        intern = _intern(host)
    except ValueError:
        intern = host in LOKALE_NAMEN or host.endswith(".localhost")
    if intern:
        raise ValidationError(gettext("Een intern adres kan geen berichten ontvangen."))


def _veilig_adres(host: str, poort: int) -> str:
    try:
        adressen = {info[4][0] for info in socket.getaddrinfo(host, poort, type=socket.SOCK_STREAM)}
    except socket.gaierror as fout:
        raise OnveiligAdres(f"Naam niet gevonden: {host}") from fout
    if not settings.WEBHOOKS_INTERNE_ADRESSEN_TOESTAAN and any(_intern(a) for a in adressen):
        raise OnveiligAdres(f"{host} wijst naar een intern adres.")
    return sorted(adressen)[0]


def post(url: str, body: bytes, headers: dict) -> Uitkomst:
    """POST ``body`` once; never raises for network trouble, returns the outcome."""
    begin = time.monotonic()

    def uitkomst(statuscode=None, fout=""):
        return Uitkomst(statuscode, fout[:500], int((time.monotonic() - begin) * 1000))

    try:
        controleer_url(url)
        delen = urlsplit(url)
        host = delen.hostname.lower()
        https = delen.scheme == "https"
        poort = delen.port or (443 if https else 80)
        adres = _veilig_adres(host, poort)
    except (ValidationError, OnveiligAdres) as fout:
        tekst = "; ".join(fout.messages) if isinstance(fout, ValidationError) else str(fout)
        return uitkomst(fout=f"Geweigerd: {tekst}")
    timeout = urllib3.Timeout(
        connect=settings.WEBHOOKS_TIMEOUT_SECONDEN, read=settings.WEBHOOKS_TIMEOUT_SECONDEN
    )
    if https:
        pool = urllib3.HTTPSConnectionPool(
            adres, poort, server_hostname=host, assert_hostname=host, timeout=timeout
        )
    else:
        pool = urllib3.HTTPConnectionPool(adres, poort, timeout=timeout)
    pad = delen.path or "/"
    if delen.query:
        pad += "?" + delen.query
    alle_headers = {
        "Host": delen.netloc.rsplit("@", 1)[-1],
        "User-Agent": "Tegenkracht-webhooks/1",
        **headers,
    }
    try:
        with pool:
            antwoord = pool.urlopen(
                "POST",
                pad,
                body=body,
                headers=alle_headers,
                redirect=False,
                retries=False,
                preload_content=False,
                assert_same_host=False,
            )
            # Only the status counts: the body is never read (a huge or endless answer
            # cannot keep the worker busy), the connection is closed.
            antwoord.close()
    except urllib3.exceptions.HTTPError as fout:
        return uitkomst(fout=f"{type(fout).__name__}: {fout}")
    return uitkomst(statuscode=antwoord.status)

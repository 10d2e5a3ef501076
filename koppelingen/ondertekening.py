"""The signature of a delivery, after the Standard Webhooks specification.

Headers: ``webhook-id`` (the CloudEvent id, the same on every attempt), ``webhook-timestamp``
(Unix seconds of this attempt) and ``webhook-signature``: ``v1,<base64 HMAC-SHA256>`` over
``"{id}.{timestamp}.{body}"`` with the subscription's secret (base64 after ``whsec_``).
While a rotated secret is still valid, the header carries a second signature, separated by
a space, so a receiver can switch to the new secret without losing events. The timestamp is
signed too: a receiver refuses a message older than a few minutes (replay).
"""

import base64
import hashlib
import hmac

from .models import GEHEIM_VOORVOEGSEL


def _sleutel(geheim: str) -> bytes:
    return base64.b64decode(geheim.removeprefix(GEHEIM_VOORVOEGSEL))


def handtekening(geheim: str, bericht_id: str, tijdstempel: int, body: bytes) -> str:
    inhoud = f"{bericht_id}.{tijdstempel}.".encode() + body
    digest = hmac.new(_sleutel(geheim), inhoud, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode()


def headers(geheimen: list[str], bericht_id: str, tijdstempel: int, body: bytes) -> dict:
    return {
        "webhook-id": bericht_id,
        "webhook-timestamp": str(tijdstempel),
        "webhook-signature": " ".join(
            handtekening(geheim, bericht_id, tijdstempel, body) for geheim in geheimen
        ),
    }

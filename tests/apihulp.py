"""Talking to the API as another system does: a client with a real token, and the check
that an error answer is a complete problem+json document (NL API Design Rules)."""

from knox.models import AuthToken
from rest_framework.test import APIClient

PROBLEEM = "application/problem+json"


def api_client(user=None) -> APIClient:
    """A client that authenticates as ``user`` with a real token, as other systems do."""
    client = APIClient()
    if user is not None:
        _, sleutel = AuthToken.objects.create(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {sleutel}")
    return client


def assert_probleem(response, status: int) -> dict:
    assert response.status_code == status, response.content[:500]
    assert response["Content-Type"] == PROBLEEM
    assert response["API-Version"] == "1.0.0"
    data = response.json()
    assert data["status"] == status
    assert data["type"].startswith("urn:tegenkracht:probleem:")
    for sleutel in ("title", "detail", "code", "instance"):
        assert isinstance(data[sleutel], str) and data[sleutel], sleutel
    return data

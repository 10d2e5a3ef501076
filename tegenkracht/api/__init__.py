"""Shared API machinery (NL API Design Rules): problem details, pagination, the
``API-Version`` header, OpenAPI helpers. No domain logic lives here; serializers and
views live in each app's ``api.py``."""

"""REST API v1 (NL API Design Rules: no trailing slashes)."""

urlpatterns = []

# The paper's closed consultation and its versions, for the cache and confidentiality tests.
from tests.rapporten.conftest import (  # noqa: F401
    concept,
    definitief,
    gesloten,
    snelle_pdf,
    verzonden,
)

"""The search tests' world (``tests/kennisbank/wereld.py``); modules that need another
world define their own ``wereld``."""

import pytest

from tests.kennisbank.wereld import bouw_wereld


@pytest.fixture
def wereld(db, secretaris):
    return bouw_wereld(secretaris)

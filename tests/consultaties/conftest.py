from tests.termijnhulp import draai, klok, maak_consultatie, na_commit  # noqa: F401

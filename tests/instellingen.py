"""The application's settings for the test run.

``tegenkracht.settings`` refuses to start with DEBUG off and no SECRET_KEY (production
must never run on a known key). Tests run with DEBUG off, as production does, so they
get a throwaway key here; subprocesses that tests start inherit it.
"""

import os
import secrets

os.environ.setdefault("SECRET_KEY", "tests-" + secrets.token_urlsafe(40))

from tegenkracht.settings import *  # noqa: E402, F403

"""Browser tests: Playwright for Python driving Debian's Chromium against pytest-django's
live server. Screenshots of every step go to test-artifacts/screenshots/ (on PostgreSQL to
test-artifacts/screenshots-postgresql/, so the two runs of CI, side by side, keep theirs)."""

import os
import time
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; Django's ORM calls in the test
# body (fixtures, assertions) are still synchronous and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTEFACTEN = Path(__file__).resolve().parents[2] / "test-artifacts"
#: When this test process started: screenshots older than that are from an earlier run.
BEGIN = time.time()


def _screenshots() -> Path:
    from django.db import connection

    if connection.vendor == "sqlite":
        return ARTEFACTEN / "screenshots"
    return ARTEFACTEN / f"screenshots-{connection.vendor}"


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} ontbreekt; installeer Debian's chromium (zie .ci/run)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def screenshot_map():
    """Clears only what an earlier run left: another process of this run (a pytest-xdist
    worker, say) may already have written its screenshots here."""
    screenshots = _screenshots()
    screenshots.mkdir(parents=True, exist_ok=True)
    for oud in screenshots.glob("*.png"):
        if oud.stat().st_mtime < BEGIN:
            oud.unlink(missing_ok=True)
    return screenshots


def pytest_terminal_summary(terminalreporter):
    screenshots = _screenshots()
    if screenshots.exists() and any(screenshots.glob("*.png")):
        terminalreporter.write_line(f"Schermafbeeldingen van de browsertests: {screenshots}")


# The live server runs over plain HTTP: tests/conftest.py switches off the TLS settings.

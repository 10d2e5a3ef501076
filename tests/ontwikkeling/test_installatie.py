"""The demo and the load generator are development tools: production does not install them."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _commandos(**extra) -> str:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTEST_VERSION", "DEBUG")}
    env.update(SECRET_KEY="x" * 60, DEBUG="0", **extra)
    return subprocess.run(
        [sys.executable, "manage.py", "help"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout


@pytest.mark.parametrize(("extra", "verwacht"), [({}, False), ({"ONTWIKKELING": "1"}, True)])
def test_demo_en_lastgenerator_alleen_als_erom_gevraagd(extra, verwacht):
    uitvoer = _commandos(**extra)
    assert ("genereer_last" in uitvoer) is verwacht
    assert ("    demo\n" in uitvoer) is verwacht

"""The package stays ruff- and mypy-clean: style is checked with the tests, not by memory."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from tests.helpers import REPO


def _tool(name: str) -> list[str]:
    if shutil.which(name) is None and not (REPO / ".venv" / "bin" / name).exists():
        try:
            __import__(name)
        except ImportError:
            if os.environ.get("CI") == "true":
                pytest.fail(f"{name} is not installed (it is in the test extras)")
            pytest.skip(f"{name} is not installed; pip install '.[test]'")
    return [sys.executable, "-m", name]


def test_ruff_finds_nothing() -> None:
    done = subprocess.run(
        [*_tool("ruff"), "check", "readiness", "tests", "benchmarks"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_mypy_strict_finds_nothing() -> None:
    done = subprocess.run(
        [*_tool("mypy"), "readiness"], cwd=REPO, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr

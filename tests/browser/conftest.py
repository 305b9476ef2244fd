"""Fixtures for the browser tests: Debian's Chromium driven by Playwright, fully offline."""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any, NoReturn

import pytest

from readiness.reporters import html

CHROMIUM = Path("/usr/bin/chromium")
# The same offline flags as the project's checkers: no network, no background traffic.
OFFLINE_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-default-apps",
    "--no-pings",
    "--disable-domain-reliability",
    "--host-resolver-rules=MAP * ~NOTFOUND",
]


def unavailable(reason: str) -> NoReturn:
    """Skip on a developer machine without a browser; fail in CI, where it must run."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"browser test cannot run in CI: {reason}")
    pytest.skip(reason)


def _sample() -> ModuleType:
    # The sample result lives with the reporter tests; load it by path, not by package.
    path = Path(__file__).resolve().parent.parent / "reporters" / "report_sample.py"
    spec = importlib.util.spec_from_file_location("readiness_report_sample", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """A headless Chromium, or a skip (a failure in CI) saying what is missing."""
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError:
        unavailable("playwright is not installed (pip install playwright)")
    if not CHROMIUM.exists():
        unavailable(f"{CHROMIUM} is missing (apt-get install chromium)")
    with sync_playwright() as p:
        try:
            launched = p.chromium.launch(
                executable_path=str(CHROMIUM), headless=True, args=OFFLINE_ARGS
            )
        except Error as error:
            unavailable(f"Chromium did not start: {error}")
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def report_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The sample report, plain and with hostile user text, as files on disk."""
    sample = _sample()
    folder = tmp_path_factory.mktemp("reports")
    files = {}
    for name, hostile in (("plain", False), ("hostile", True)):
        path = folder / f"{name}.html"
        path.write_text(html.render(sample.make_result(hostile=hostile)), encoding="utf-8")
        files[name] = path
    return files

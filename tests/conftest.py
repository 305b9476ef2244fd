"""Suite-wide settings: property tests draw the same examples on every run."""

from __future__ import annotations

import os

import pytest
from hypothesis import settings

# A failure must come back on the next run and on every machine, so examples are derived from
# each test's name; `pytest --hypothesis-profile=explore` draws fresh random ones instead.
settings.register_profile("deterministic", derandomize=True, database=None)
settings.register_profile("explore", derandomize=False)
settings.load_profile("deterministic")


def pytest_configure() -> None:
    """Let the few processes the tests start reuse compiled modules.

    Without it each `python -m readiness` recompiles the package from source (a third of its
    start-up); the bytecode goes to the ignored __pycache__ folders.
    """
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)


@pytest.fixture(autouse=True)
def own_result_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each test gets an empty result cache of its own (the default folder is read from
    XDG_CACHE_HOME, here and in the processes tests start): no test writes into the user's
    cache, and no entry left by another test or an earlier run can answer for a site."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))

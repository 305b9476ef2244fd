"""Suite-wide settings: property tests draw the same examples on every run."""

from __future__ import annotations

import os

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

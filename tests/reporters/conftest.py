"""Fixtures for the reporter tests: the sample site's result, plain and hostile."""

from __future__ import annotations

import pytest
from report_sample import make_result

from readiness.result import Result


@pytest.fixture(scope="session")
def result() -> Result:
    """A NO-GO result with every status, severity and waiver state, and 34 systems."""
    return make_result()


@pytest.fixture(scope="session")
def hostile() -> Result:
    """The same result with markup, quotes, separators and controls in user text."""
    return make_result(hostile=True)

"""A bound on the time one rule may take, so that no condition can stall a run.

A user's rule can hold a regular expression that backtracks for minutes (`(a+)+$`). Python's
regular-expression engine checks for signals while it matches, so a timer signal stops it;
the rule is then reported as a rule error, never as a pass.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

# Generous: the whole shipped catalogue evaluates a national-scale site in about a second.
RULE_SECONDS = 20.0


class OverBudget(Exception):
    """A rule ran past its time budget."""


def over_budget() -> str:
    """Why a rule stopped by the budget has no result."""
    return (
        f"it ran for more than {RULE_SECONDS:g} seconds (a regular expression that "
        "backtracks?) and was stopped"
    )


def _expire(signum: int, frame: FrameType | None) -> None:
    raise OverBudget


@contextmanager
def time_budget(seconds: float | None = None) -> Iterator[None]:
    """Raise OverBudget inside the block once `seconds` (default RULE_SECONDS) have passed.

    Only the main thread can receive signals; elsewhere the block runs unbounded (the CLI and
    `compare`'s worker processes evaluate rules in their main threads).
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGALRM, _expire)
    signal.setitimer(signal.ITIMER_REAL, RULE_SECONDS if seconds is None else seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)

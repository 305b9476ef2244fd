"""The five-point delivery confidence, rating by rating, as docs/outputs.md maps it."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from report_sample import make_result

from readiness.delivery_confidence import delivery_confidence
from readiness.problems import Location
from readiness.result import Finding, Result
from readiness.verdict import scores, verdict

BASE = make_result()


def _finding(severity: str, status: str = "fail", days_left: int | None = None) -> Finding:
    due = None if days_left is None else BASE.as_of + dt.timedelta(days=days_left)
    return Finding(
        "R-1",
        "A rule",
        "testing",
        severity,
        status,
        "item",
        "message",
        Location("site.yaml", 1, 1),
        due=due,
        days_left=days_left,
    )


def _result(*findings: Finding, as_of: dt.date = BASE.as_of) -> Result:
    passing = _finding("minor", "pass")
    everything = (passing, *findings)
    return dataclasses.replace(
        BASE,
        as_of=as_of,
        findings=everything,
        verdict=verdict(everything),
        scores=scores(everything),
    )


@pytest.mark.parametrize(
    ("findings", "rating"),
    [
        ((), "G"),
        ((_finding("minor"),), "A/G"),
        ((_finding("minor", "waived"),), "A/G"),
        ((_finding("major", days_left=5),), "A"),
        # A waiver in force: the condition is not overdue, whatever its rule's date.
        ((_finding("major", "waived", days_left=-5),), "A"),
        ((_finding("major", days_left=5), _finding("major", days_left=-1)), "A/R"),
        ((_finding("blocker", days_left=30),), "A/R"),
        ((_finding("blocker"),), "A/R"),
        ((_finding("blocker", days_left=30), _finding("blocker", days_left=-2)), "R"),
    ],
)
def test_each_rating_follows_the_verdict_and_what_is_overdue(
    findings: tuple[Finding, ...], rating: str
) -> None:
    assert delivery_confidence(_result(*findings)) == rating


def test_a_blocker_without_a_due_date_is_overdue_once_go_live_has_passed() -> None:
    after = BASE.go_live + dt.timedelta(days=1)
    assert delivery_confidence(_result(_finding("blocker"), as_of=after)) == "R"
    assert delivery_confidence(_result(_finding("blocker"), as_of=BASE.go_live)) == "A/R"

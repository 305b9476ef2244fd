"""The verdict and category scores, from findings built in the test."""

from __future__ import annotations

import pytest

from readiness.result import CATEGORIES, SEVERITIES, Finding
from readiness.verdict import scores, verdict

from .build import finding


@pytest.mark.parametrize(
    ("findings", "expected"),
    [
        ([], "GO"),
        ([finding("pass", "blocker"), finding("fail", "minor")], "GO"),
        ([finding("not_applicable", "blocker")], "GO"),
        ([finding("waived", "major")], "CONDITIONAL"),
        ([finding("waived", "minor")], "GO"),
        ([finding("fail", "major")], "CONDITIONAL"),
        ([finding("waived", "blocker")], "CONDITIONAL"),
        ([finding("fail", "blocker")], "NO-GO"),
        ([finding("waived", "blocker"), finding("fail", "blocker", target="u")], "NO-GO"),
        ([finding("fail", "major"), finding("fail", "blocker", target="u")], "NO-GO"),
    ],
    ids=[
        "nothing",
        "minor-failure",
        "blocker-not-applicable",
        "waived-major",
        "waived-minor",
        "failing-major",
        "waived-blocker",
        "failing-blocker",
        "one-waived-one-not",
        "blocker-beats-major",
    ],
)
def test_verdict(findings: list[Finding], expected: str) -> None:
    assert verdict(findings) == expected
    assert verdict(iter(findings)) == expected


def _training(*statuses: str, severity: str = "minor") -> tuple[int, str, int, int, int]:
    findings = [finding(s, severity, target=f"t{i}") for i, s in enumerate(statuses)]
    [score] = [s for s in scores(findings) if s.category == "training"]
    return score.percent, score.rag, score.passed, score.failed, score.waived


def test_every_category_is_scored_once_in_order() -> None:
    assert tuple(s.category for s in scores([])) == CATEGORIES


def test_a_category_with_nothing_applicable_has_no_rag() -> None:
    findings = [finding("not_applicable"), finding("pass", category="testing")]
    training = next(s for s in scores(findings) if s.category == "training")
    assert (training.percent, training.rag, training.passed) == (100, "none", 0)


@pytest.mark.parametrize(
    ("statuses", "severity", "expected"),
    [
        # Failing minors do not colour a category: the verdict does not depend on them,
        # however low the percentage (not-applicable findings are not counted at all).
        ((*["pass"] * 9, "fail", "not_applicable"), "minor", (90, "green", 9, 1, 0)),
        (("pass", "pass", "fail"), "minor", (66, "green", 2, 1, 0)),
        (("pass", "waived"), "minor", (50, "green", 1, 0, 1)),
        # A failing blocker makes the category red whatever its percentage.
        ((*["pass"] * 99, "fail"), "blocker", (99, "red", 99, 1, 0)),
        # A failing major, or a waived blocker or major, is a condition: amber.
        ((*["pass"] * 99, "fail"), "major", (99, "amber", 99, 1, 0)),
        ((*["pass"] * 19, "waived"), "blocker", (95, "amber", 19, 0, 1)),
        ((*["pass"] * 19, "waived"), "major", (95, "amber", 19, 0, 1)),
    ],
)
def test_rag_follows_the_failing_severities_not_the_percentage(
    statuses: tuple[str, ...], severity: str, expected: tuple[int, str, int, int, int]
) -> None:
    assert _training(*statuses, severity=severity) == expected


def test_score_counts_failing_and_waived_checks_per_severity() -> None:
    findings = [
        finding("fail", "blocker", target="a"),
        finding("waived", "blocker", target="b"),
        finding("fail", "major", target="c"),
        finding("fail", "major", target="d"),
        finding("waived", "minor", target="e"),
        finding("fail", "minor", target="f"),
        finding("pass", "blocker", target="g"),
    ]
    [training] = [s for s in scores(findings) if s.category == "training"]
    assert [(training.failing(s), training.waived_at(s)) for s in SEVERITIES] == [
        (1, 1),
        (2, 0),
        (1, 1),
    ]
    assert (training.rag, training.failed, training.waived) == ("red", 4, 2)

"""The verdict and category scores, from findings built in the test."""

from __future__ import annotations

import pytest

from readiness.result import CATEGORIES, Finding
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
        # 90% is green; not-applicable findings are not counted at all.
        ((*["pass"] * 9, "fail", "not_applicable"), "minor", (90, "green", 9, 1, 0)),
        # 8 of 9 is 88.9%, cut to 88: amber.
        ((*["pass"] * 8, "fail"), "minor", (88, "amber", 8, 1, 0)),
        ((*["pass"] * 7, *["fail"] * 3), "minor", (70, "amber", 7, 3, 0)),
        # 2 of 3 is 66%: red.
        (("pass", "pass", "fail"), "minor", (66, "red", 2, 1, 0)),
        # A failing blocker makes the category red whatever its percentage.
        ((*["pass"] * 19, "fail"), "blocker", (95, "red", 19, 1, 0)),
        # A failing major, or a waiver, keeps a high percentage amber.
        ((*["pass"] * 19, "fail"), "major", (95, "amber", 19, 1, 0)),
        ((*["pass"] * 19, "waived"), "blocker", (95, "amber", 19, 0, 1)),
        # A waived check is not a passed one.
        (("pass", "waived"), "minor", (50, "red", 1, 0, 1)),
    ],
)
def test_score_and_rag_thresholds(
    statuses: tuple[str, ...], severity: str, expected: tuple[int, str, int, int, int]
) -> None:
    assert _training(*statuses, severity=severity) == expected

"""The verdict and the category scores, exactly as the product contract defines them."""

from __future__ import annotations

from collections.abc import Iterable

from readiness.result import CATEGORIES, Finding, Score

# Score thresholds for RAG: green needs this many percent passed and no failing blocker.
GREEN_FROM = 90
AMBER_FROM = 70


def verdict(findings: Iterable[Finding]) -> str:
    """NO-GO on an unwaived failing blocker; CONDITIONAL on a failing major or a waived
    blocker or major; GO otherwise."""
    findings = list(findings)
    if any(f.blocking for f in findings):
        return "NO-GO"
    if any(f.conditional for f in findings):
        return "CONDITIONAL"
    return "GO"


def scores(findings: Iterable[Finding]) -> tuple[Score, ...]:
    """Per category: percent of applicable checks passed (waived ones do not count as passed).

    RAG: red with a failing blocker or under 70%; green at 90% or more with no failing
    blocker or major; amber otherwise.
    """
    findings = list(findings)
    out = []
    for category in CATEGORIES:
        mine = [f for f in findings if f.category == category and f.status != "not_applicable"]
        passed = sum(f.status == "pass" for f in mine)
        failed = sum(f.status == "fail" for f in mine)
        waived = sum(f.status == "waived" for f in mine)
        if not mine:
            out.append(Score(category, 100, "none", 0, 0, 0))
            continue
        percent = (100 * passed) // len(mine)
        blocker = any(f.blocking for f in mine)
        major = any(f.status == "fail" and f.severity == "major" for f in mine)
        if blocker or percent < AMBER_FROM:
            rag = "red"
        elif percent >= GREEN_FROM and not major and not waived:
            rag = "green"
        else:
            rag = "amber"
        out.append(Score(category, percent, rag, passed, failed, waived))
    return tuple(out)

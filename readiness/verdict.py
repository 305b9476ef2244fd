"""The verdict and the category scores, exactly as the product contract defines them."""

from __future__ import annotations

from collections.abc import Iterable

from readiness.result import CATEGORIES, SEVERITIES, Finding, Score


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
    """Per category: failing and waived checks by severity, the RAG they give, and the percent
    of applicable checks passed (a waived check is not a passed one).

    The RAG says what the category does to the verdict, never a percentage: red when an
    unwaived blocker fails (the category alone makes it NO-GO), amber when a major fails or a
    blocker or major is waived (each a condition), green otherwise. Failing minors are counted
    beside it but do not change the colour, as they do not change the verdict.
    """
    findings = list(findings)
    out = []
    for category in CATEGORIES:
        mine = [f for f in findings if f.category == category and f.status != "not_applicable"]
        if not mine:
            out.append(Score(category, 100, "none", 0, 0, 0))
            continue
        failing = _by_severity(f for f in mine if f.status == "fail")
        waived = _by_severity(f for f in mine if f.status == "waived")
        passed = sum(f.status == "pass" for f in mine)
        out.append(
            Score(
                category,
                (100 * passed) // len(mine),
                _rag(failing, waived),
                passed,
                sum(failing),
                sum(waived),
                failing,
                waived,
            )
        )
    return tuple(out)


def _by_severity(findings: Iterable[Finding]) -> tuple[int, int, int]:
    severities = [f.severity for f in findings]
    blockers, majors, minors = (severities.count(s) for s in SEVERITIES)
    return blockers, majors, minors


def _rag(failing: tuple[int, int, int], waived: tuple[int, int, int]) -> str:
    if failing[0]:
        return "red"
    if failing[1] or waived[0] or waived[1]:
        return "amber"
    return "green"

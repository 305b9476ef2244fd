"""The five-point delivery confidence a programme board reads beside the RAG.

The UK Infrastructure and Projects Authority rates delivery confidence G, A/G, A, A/R or R.
readiness derives it from the verdict and from whether what stands in the way is already
past the date it was due (a rule's due date, else go-live):

- G: GO, and no check fails, waived or not;
- A/G: GO, with minors failing or waived (they do not change the verdict, but are open);
- A: CONDITIONAL GO, and no condition is past its due date;
- A/R: CONDITIONAL GO with a condition past its due date, or NO-GO with no blocker past
  its due date;
- R: NO-GO, with a blocker past its due date.

The rating never reads better than the verdict: a NO-GO is at best A/R, a CONDITIONAL at
best A. A waived finding is not overdue while its waiver is in force.
"""

from __future__ import annotations

from readiness.result import Finding, Result
from readiness.site_summary import SiteSummary

SCALE = ("G", "A/G", "A", "A/R", "R")
WORDS = {"G": "Green", "A/G": "Amber/Green", "A": "Amber", "A/R": "Amber/Red", "R": "Red"}
# The RAG colour each rating is drawn in; its letters are always printed beside it.
COLOURS = {"G": "green", "A/G": "green", "A": "amber", "A/R": "red", "R": "red"}
MEANINGS = {
    "G": "GO, and no check fails, waived or not",
    "A/G": "GO, with minors failing or waived",
    "A": "CONDITIONAL GO, no condition past its due date",
    "A/R": "CONDITIONAL GO with a condition past its due date, "
    "or NO-GO with no blocker past its due date",
    "R": "NO-GO with a blocker past its due date",
}


def overdue(finding: Finding, result: Result | SiteSummary) -> bool:
    """True when an unwaived failing finding is past its due date (or, without one, go-live)."""
    if finding.status != "fail":
        return False
    if finding.days_left is not None:
        return finding.days_left < 0
    if finding.due is not None:
        return finding.due < result.as_of
    return result.days_to_go_live < 0


def delivery_confidence(result: Result | SiteSummary) -> str:
    """The site's rating on the five-point scale (see the module's list)."""
    if result.verdict == "NO-GO":
        return "R" if any(overdue(f, result) for f in result.blockers) else "A/R"
    if result.verdict == "CONDITIONAL":
        return "A/R" if any(overdue(f, result) for f in result.conditions) else "A"
    if result.verdict == "GO":
        # A summary keeps only the failing findings, which is all this looks at.
        findings = result.failing if isinstance(result, SiteSummary) else result.findings
        return "A/G" if any(f.failing for f in findings) else "G"
    raise ValueError(f"unknown verdict {result.verdict!r}")

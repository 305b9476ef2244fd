"""One site's result reduced to what the history keeps: the figures a trend is drawn from.

An assessment is built from a run's `Result` (`check --record`, `compare --record`) or read
back from an earlier `check --json` file (`history import`); both give the same fields.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from readiness.report_loader import Report
from readiness.result import Finding, Result
from readiness.site_summary import SiteSummary

ORIGINS = ("check", "compare", "import")


@dataclass(frozen=True)
class Failure:
    """A finding that failed (waived or not): the rule and the item, which a trend follows."""

    rule: str
    target: str
    severity: str
    category: str
    status: str  # fail or waived
    owner: str | None = None

    @property
    def key(self) -> tuple[str, str]:
        """What identifies the finding from one assessment to the next."""
        return (self.rule, self.target)


@dataclass(frozen=True)
class Count:
    """Failing findings of one severity or one category: unwaived and waived."""

    kind: str  # severity or category
    name: str
    failed: int
    waived: int


@dataclass(frozen=True)
class Assessment:
    """One site as assessed on one date."""

    site: str
    site_name: str
    as_of: dt.date
    go_live: dt.date
    verdict: str
    blockers: int
    conditions: int
    rules_evaluated: int
    rules_in_catalogue: int
    counts: tuple[Count, ...]
    failures: tuple[Failure, ...]
    tool_version: str
    origin: str  # check, compare or import

    @property
    def days_to_go_live(self) -> int:
        """Days from the assessment to go-live (negative once past)."""
        return (self.go_live - self.as_of).days

    @property
    def partial(self) -> str:
        """`partial: 5 of 79 rules` when the run left rules out, else empty."""
        if self.rules_evaluated >= self.rules_in_catalogue:
            return ""
        return f"partial: {self.rules_evaluated} of {self.rules_in_catalogue} rules"

    @property
    def open_items(self) -> int:
        """Blockers and conditions: what stands between the site and a plain GO."""
        return self.blockers + self.conditions


def counts_of(failures: tuple[Failure, ...]) -> tuple[Count, ...]:
    """Failing findings counted by severity, then by category, in name order."""
    counts: list[Count] = []
    for kind in ("severity", "category"):
        failed = Counter(getattr(f, kind) for f in failures if f.status == "fail")
        waived = Counter(getattr(f, kind) for f in failures if f.status == "waived")
        counts.extend(
            Count(kind, name, failed[name], waived[name]) for name in sorted(failed | waived)
        )
    return tuple(counts)


def from_result(result: Result | SiteSummary, tool_version: str, origin: str) -> Assessment:
    """The assessment a run's result gives, or the summary `compare` keeps of it (the same)."""
    if isinstance(result, SiteSummary):
        evaluated, findings = result.rules_evaluated, result.failing
    else:
        evaluated, findings = len(result.rules), result.findings
    return Assessment(
        site=result.site_id,
        site_name=result.site_name,
        as_of=result.as_of,
        go_live=result.go_live,
        verdict=result.verdict,
        blockers=len(result.blockers),
        conditions=len(result.conditions),
        rules_evaluated=evaluated,
        rules_in_catalogue=result.rules_in_catalogue,
        counts=counts_of(failures_of(findings)),
        failures=failures_of(findings),
        tool_version=tool_version,
        origin=origin,
    )


def failures_of(findings: Iterable[Finding]) -> tuple[Failure, ...]:
    """The failing findings (waived or not), in rule and item order."""
    failing = (
        Failure(f.rule, f.target, f.severity, f.category, f.status, _owner_text(f))
        for f in findings
        if f.failing
    )
    return tuple(sorted(failing, key=lambda f: f.key))


def _owner_text(finding: Finding) -> str | None:
    # History keeps who owned a failure as the reports print it: `Name (Role)`.
    return None if finding.owner is None else finding.owner.text


def from_report(report: Report) -> tuple[Assessment | None, list[str]]:
    """The assessment an earlier `check --json` file gives, or what it lacks for one."""
    errors: list[str] = []
    as_of, go_live = _date(report.as_of, "as_of", errors), _date(report.go_live, "go_live", errors)
    if report.rules is None:
        errors.append("`rules_evaluated` and `rules_in_catalogue` must be whole numbers")
    if errors or as_of is None or go_live is None or report.rules is None:
        return None, errors
    findings = [
        Finding(
            e.rule,
            e.title,
            e.category,
            e.severity,
            e.status,
            e.target,
            e.message,
            e.location,
            owner=e.owner,
        )
        for e in report.findings.values()
    ]
    failures = failures_of(findings)
    assessment = Assessment(
        site=report.site,
        site_name=report.site_name or report.site,
        as_of=as_of,
        go_live=go_live,
        verdict=report.verdict,
        blockers=sum(f.blocking for f in findings),
        conditions=sum(f.conditional for f in findings),
        rules_evaluated=report.rules[0],
        rules_in_catalogue=report.rules[1],
        counts=counts_of(failures),
        failures=failures,
        tool_version=report.tool_version or "unknown",
        origin="import",
    )
    return assessment, []


def _date(text: str | None, key: str, errors: list[str]) -> dt.date | None:
    if text is None:
        errors.append(f"`{key}` is missing: the history needs each assessment's dates")
        return None
    try:
        if len(text) != len("YYYY-MM-DD"):
            raise ValueError
        return dt.date.fromisoformat(text)
    except ValueError:
        errors.append(f"`{key}` is {json.dumps(text)}; expected a date, YYYY-MM-DD")
        return None

"""One site's result as the portfolio needs it: small enough to send back from a worker process
and to keep in the cache for hundreds of sites.

A result holds a finding for every rule and item (thousands at a large site); the portfolio
reads the failing ones, how many passed, and the integration graph's systems and interfaces.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from readiness.result import Finding, GraphEdge, GraphNode, Result, Score, ThresholdChange


@dataclass(frozen=True)
class SiteSummary:
    """A site's verdict, scores, failing findings, counts and graph, without its passes."""

    site_id: str
    site_name: str
    organisation: str | None
    go_live: dt.date
    as_of: dt.date
    verdict: str
    scores: tuple[Score, ...]
    failing: tuple[Finding, ...]  # failing and waived findings, in report order
    passed: int
    not_applicable: int
    rules_evaluated: int
    thresholds: tuple[ThresholdChange, ...]
    nodes: tuple[GraphNode, ...]
    edges: tuple[GraphEdge, ...]
    # The rules that make each not-ready system or interface not ready, by its id.
    reasons: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def days_to_go_live(self) -> int:
        """Days from the as-of date to go-live (negative once past)."""
        return (self.go_live - self.as_of).days

    @property
    def settings_changed(self) -> tuple[ThresholdChange, ...]:
        """The thresholds and severities set apart from the catalogue's (see
        `Result.settings_changed`)."""
        return tuple(c for c in self.thresholds if c.name != "evaluated")

    @property
    def rules_in_catalogue(self) -> int:
        """The rules the run could have evaluated (see `Result.rules_in_catalogue`)."""
        return self.rules_evaluated + sum(1 for c in self.thresholds if c.name == "evaluated")

    def by_status(self, status: str) -> list[Finding]:
        """The failing findings with this status (`fail` or `waived`)."""
        if status not in ("fail", "waived"):
            # Passes are counted, not kept: an empty list would read as "none passed".
            raise ValueError(f"a summary keeps failing findings only, not {status!r} ones")
        return [f for f in self.failing if f.status == status]

    @property
    def blockers(self) -> list[Finding]:
        """Unwaived failing blockers."""
        return [f for f in self.failing if f.blocking]

    @property
    def conditions(self) -> list[Finding]:
        """Failing majors and waived blockers and majors."""
        return [f for f in self.failing if f.conditional]


def summarise(result: Result) -> SiteSummary:
    """What the portfolio reads of the result."""
    return SiteSummary(
        site_id=result.site_id,
        site_name=result.site_name,
        organisation=result.organisation,
        go_live=result.go_live,
        as_of=result.as_of,
        verdict=result.verdict,
        scores=result.scores,
        failing=tuple(f for f in result.findings if f.failing),
        passed=len(result.by_status("pass")),
        not_applicable=len(result.by_status("not_applicable")),
        rules_evaluated=len(result.rules),
        thresholds=result.thresholds,
        nodes=result.nodes,
        edges=result.edges,
        reasons={i.id: i.reasons for i in result.impacts},
    )

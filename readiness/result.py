"""The result of checking one site: findings, waivers, impact and the verdict.

Everything here is immutable and built complete; reporters only read it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from readiness.owners import Owner
from readiness.problems import Location

SEVERITIES = ("blocker", "major", "minor")
STATUSES = ("fail", "waived", "pass", "not_applicable")
VERDICTS = ("GO", "CONDITIONAL", "NO-GO")
CATEGORIES = (
    "clinical-safety",
    "patient-identification",
    "interfaces",
    "integration",
    "workflows",
    "training",
    "resourcing",
    "data-migration",
    "testing",
    "cutover",
    "infrastructure",
    "governance",
)
CATEGORY_TITLES = {
    "clinical-safety": "Clinical safety",
    "patient-identification": "Patient identification",
    "interfaces": "Interfaces",
    "integration": "Integration graph",
    "workflows": "Workflows",
    "training": "Training",
    "resourcing": "Resourcing and support",
    "data-migration": "Data migration",
    "testing": "Testing",
    "cutover": "Cutover",
    "infrastructure": "Infrastructure and contingency",
    "governance": "Governance",
}


@dataclass(frozen=True)
class RuleInfo:
    """What a user reads about a rule: its metadata, rationale and remediation."""

    id: str
    title: str
    category: str
    severity: str
    rationale: str
    remediation: str
    reference: str
    applies_to: str
    due_days_before: int | None
    source: Location


@dataclass(frozen=True)
class Waiver:
    """A waiver as written in the site, with its state as of the run's date."""

    rule: str
    target: str
    justification: str
    approved_by: str  # the approver's name (or the free text of older sites)
    approved_on: dt.date
    expires: dt.date
    # active, lapsed (expired), not-yet-approved, unused (matches no failing finding) or
    # not-authorised (its approver may not accept that risk: the finding stays failed) or
    # expires-before-go-live (in force now, gone on the day: the finding stays failed)
    state: str
    location: Location
    role: str | None = None  # the approver's role as the site states it
    reason: str = ""  # why a not-authorised or expires-before-go-live waiver does not count

    @property
    def approver(self) -> str:
        """The approver as the reports print it: `Dr A Patel (cso)`."""
        return self.approved_by if self.role is None else f"{self.approved_by} ({self.role})"


@dataclass(frozen=True)
class Finding:
    """One rule's outcome for one target item."""

    rule: str
    title: str
    category: str
    severity: str
    status: str
    target: str
    message: str
    location: Location
    # The item's owner, else the site's lead for the category (`Owner.lead_of` says which).
    owner: Owner | None = None
    due: dt.date | None = None
    days_left: int | None = None
    # The waiver that covers a waived finding, or the one that fails to cover a failing one.
    waiver: Waiver | None = None
    evidence: tuple[str, ...] = ()  # the first few items (`listing.SHOWN`)
    # Where each listed item is written, when the items are written apart from the finding.
    evidence_locations: tuple[Location, ...] = ()
    evidence_more: int = 0  # evidence items beyond those listed
    # Graph items (system and interface ids, sequencing constraints `a>b`) that cause a
    # graph check to fail for the target: not ready themselves, though the rule is not about them.
    causes: tuple[str, ...] = ()

    @property
    def failing(self) -> bool:
        """True when the rule failed for the target, waived or not."""
        return self.status in ("fail", "waived")

    @property
    def refused_waiver(self) -> Waiver | None:
        """A waiver written for this failing finding that does not count (no authority)."""
        if self.status == "fail" and self.waiver is not None:
            return self.waiver
        return None

    @property
    def blocking(self) -> bool:
        """An unwaived failing blocker: alone it makes the verdict NO-GO."""
        return self.status == "fail" and self.severity == "blocker"

    @property
    def conditional(self) -> bool:
        """A failing major, or a waived blocker or major: a condition of a CONDITIONAL GO.

        The contract lists each waiver among the conditions, and a GO cannot carry
        conditions; a waived minor is no condition, as a failing one is none.
        """
        return (self.status == "fail" and self.severity == "major") or (
            self.status == "waived" and self.severity in ("blocker", "major")
        )


@dataclass(frozen=True)
class ImpactPath:
    """Something put at risk by a not-ready system or interface, and how."""

    kind: str  # system or workflow
    id: str
    name: str
    path: tuple[str, ...]  # node ids from the not-ready item to what is at risk


@dataclass(frozen=True)
class Impact:
    """What one not-ready system or interface puts at risk downstream."""

    kind: str  # system or interface
    id: str
    name: str
    reasons: tuple[str, ...]  # rule ids that make it not ready
    systems: tuple[ImpactPath, ...]  # the first few (`listing.SHOWN`), by id
    workflows: tuple[ImpactPath, ...]  # the first few, in the site's order
    systems_more: int = 0  # systems at risk beyond those listed
    workflows_more: int = 0  # workflows at risk beyond those listed


@dataclass(frozen=True)
class RiskCause:
    """A not-ready system or interface that puts a workflow at risk, and the path from it."""

    kind: str  # system or interface
    id: str
    name: str
    reasons: tuple[str, ...]  # rule ids that make it not ready
    path: tuple[str, ...]  # node ids from the not-ready item to the workflow's step


@dataclass(frozen=True)
class WorkflowRisk:
    """A workflow put at risk, with what puts it at risk: the first few, then a count."""

    id: str
    name: str
    causes: tuple[RiskCause, ...]  # in the order of the impacts
    more: int = 0  # causes beyond those listed


@dataclass(frozen=True)
class GraphNode:
    """A system as drawn in the integration graph."""

    id: str
    name: str
    category: str
    criticality: str
    lifecycle: str
    ready: bool
    go_live: dt.date | None = None  # None for a retained system: it is live already


@dataclass(frozen=True)
class GraphEdge:
    """An interface (or a go-live sequencing constraint) between two systems."""

    id: str
    source: str
    target: str
    kind: str  # interface or sequence
    standard: str
    ready: bool
    via: str | None = None  # the integration engine the messages pass through


@dataclass(frozen=True)
class ThresholdChange:
    """A rule parameter set by programme configuration to a non-default value."""

    rule: str
    name: str
    default: object
    value: object
    source: Location

    @property
    def default_text(self) -> str:
        """The default as the reports print it (a list as `a, b`)."""
        return _setting_text(self.default)

    @property
    def value_text(self) -> str:
        """The value used, as the reports print it (a list as `a, b`)."""
        return _setting_text(self.value)


def _setting_text(value: object) -> str:
    # Numbers keep their `85.0` form: reports printed them so before parameters had types.
    if isinstance(value, tuple):
        return ", ".join(str(v) for v in value) if value else "[]"
    return str(value)


@dataclass(frozen=True)
class Score:
    """One category's standing: its failing checks by severity, the RAG they give, the percent."""

    category: str
    percent: int
    rag: str  # red, amber, green, or none when nothing applied (see verdict.scores)
    passed: int
    failed: int
    waived: int
    # Unwaived failing and waived findings per severity, in SEVERITIES order.
    failing_by_severity: tuple[int, int, int] = (0, 0, 0)
    waived_by_severity: tuple[int, int, int] = (0, 0, 0)

    def failing(self, severity: str) -> int:
        """How many checks of this severity fail without a waiver."""
        return self.failing_by_severity[SEVERITIES.index(severity)]

    def waived_at(self, severity: str) -> int:
        """How many checks of this severity fail under a waiver that counts."""
        return self.waived_by_severity[SEVERITIES.index(severity)]


@dataclass(frozen=True)
class Result:
    """Everything known about one site after evaluation."""

    site_id: str
    site_name: str
    organisation: str | None
    approach: str | None
    go_live: dt.date
    as_of: dt.date
    verdict: str
    scores: tuple[Score, ...]
    findings: tuple[Finding, ...]
    rules: tuple[RuleInfo, ...]
    waivers: tuple[Waiver, ...]
    impacts: tuple[Impact, ...]
    nodes: tuple[GraphNode, ...]
    edges: tuple[GraphEdge, ...]
    thresholds: tuple[ThresholdChange, ...]
    files: tuple[str, ...]
    workflows: dict[str, str] = field(default_factory=dict)  # workflow id -> name
    at_risk: tuple[WorkflowRisk, ...] = ()  # each workflow put at risk by a not-ready item

    @property
    def left_out(self) -> tuple[str, ...]:
        """Rules of the run's catalogue that `select` or `ignore` kept from being evaluated."""
        return tuple(c.rule for c in self.thresholds if c.name == "evaluated")

    @property
    def settings_changed(self) -> tuple[ThresholdChange, ...]:
        """The thresholds and severities the configuration set apart from the catalogue's
        (the rules left out are `left_out`)."""
        return tuple(c for c in self.thresholds if c.name != "evaluated")

    @property
    def partial(self) -> bool:
        """True when some rule of the catalogue was not evaluated: the verdict covers less."""
        return bool(self.left_out)

    @property
    def rules_in_catalogue(self) -> int:
        """The rules the run could have evaluated: shipped ones plus those of rule folders."""
        return len(self.rules) + len(self.left_out)

    @property
    def days_to_go_live(self) -> int:
        """Days from the as-of date to go-live (negative once past)."""
        return (self.go_live - self.as_of).days

    def by_status(self, *statuses: str) -> list[Finding]:
        """Findings with one of the given statuses, in report order."""
        return [f for f in self.findings if f.status in statuses]

    @property
    def blockers(self) -> list[Finding]:
        """Unwaived failing blockers: each one alone makes the verdict NO-GO."""
        return [f for f in self.findings if f.blocking]

    @property
    def conditions(self) -> list[Finding]:
        """Failing majors and waived blockers: the conditions of a CONDITIONAL GO."""
        return [f for f in self.findings if f.conditional]

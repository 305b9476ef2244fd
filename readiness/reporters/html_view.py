"""What the HTML report shows, arranged for the template: rows, groups and phrases."""

from __future__ import annotations

import posixpath
from collections import defaultdict
from dataclasses import dataclass

from readiness.listing import joined, more
from readiness.problems import Location
from readiness.reporters.wording import (
    by_severity,
    category_order,
    category_title,
    days_left,
    due_date,
    evidence_items,
    left_phrase,
    names_by_id,
    plural,
    refused_note,
    rules_by_id,
    verdict_note,
    where,
)
from readiness.result import Finding, Result, RuleInfo, Score, Waiver

VERDICT_HEADLINES = {"GO": "GO", "CONDITIONAL": "CONDITIONAL GO", "NO-GO": "NO-GO"}
RAG_WORDS = {"red": "Red", "amber": "Amber", "green": "Green", "none": "N/A"}


@dataclass(frozen=True)
class Row:
    """One failing or waived finding as a table row."""

    rule: str
    title: str
    severity: str
    status: str
    target: str
    message: str
    where: str
    owner: str
    due: str
    left: str
    overdue: bool
    evidence: tuple[tuple[str, str], ...]  # each listed item, and where it is written or ""
    evidence_more: str  # `and N more` when the list is cut, else ""
    waiver: Waiver | None
    refused: str  # why a waiver written for this failing finding does not count


@dataclass(frozen=True)
class RuleGroup:
    """A rule with its rationale and remediation, and the items it failed for."""

    id: str
    title: str
    severity: str
    rationale: str
    remediation: str
    reference: str
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class CategoryGroup:
    """The failing rules of one category, with the category's score."""

    id: str
    title: str
    score: Score | None
    rules: tuple[RuleGroup, ...]


@dataclass(frozen=True)
class PassedRule:
    """A rule and the items it passed for (or did not apply to)."""

    id: str
    title: str
    category: str
    passed: tuple[str, ...]
    not_applicable: tuple[str, ...]


@dataclass(frozen=True)
class Cause:
    """One not-ready item that puts a workflow at risk, and the path from it."""

    kind: str
    name: str
    reasons: tuple[str, ...]
    path: tuple[str, ...]


@dataclass(frozen=True)
class AtRisk:
    """A workflow at risk and what puts it there: the first few, then `and N more`."""

    id: str
    name: str
    causes: tuple[Cause, ...]
    more: str = ""


@dataclass(frozen=True)
class NotReady:
    """A not-ready system or interface and how much it puts at risk downstream."""

    kind: str
    id: str
    name: str
    reasons: tuple[str, ...]
    systems: str  # names, the first few then `and N more`; "" when none
    workflows: str


def source_root(result: Result) -> str:
    """The folder every site file is in (`sites/northgate/`), or "" when they differ."""
    folders = {posixpath.dirname(f.replace("\\", "/")) for f in result.files}
    try:
        common = posixpath.commonpath(folders) if folders else ""
    except ValueError:  # absolute and relative paths mixed
        return ""
    return f"{common}/" if common else ""


def source(location: Location, root: str) -> str:
    """`file:line:col` with the site folder left out, so the tables stay narrow."""
    if root and location.file.replace("\\", "/").startswith(root):
        location = Location(location.file[len(root) :], location.line, location.column)
    return where(location)


def row(finding: Finding, result: Result) -> Row:
    """A finding as the report's tables show it."""
    due = due_date(finding)
    left = days_left(finding, result.as_of)
    return Row(
        rule=finding.rule,
        title=finding.title,
        severity=finding.severity,
        status=finding.status,
        target=finding.target,
        message=finding.message,
        where=source(finding.location, source_root(result)),
        owner="" if finding.owner is None else finding.owner.text,
        due="" if due is None else due.isoformat(),
        left="" if left is None else left_phrase(left),
        overdue=left is not None and left < 0,
        evidence=tuple(
            (item, "" if at is None else source(at, source_root(result)))
            for item, at in evidence_items(finding)
        ),
        evidence_more=more(finding.evidence_more) if finding.evidence_more else "",
        waiver=finding.waiver,
        refused=refused_note(finding).replace("waiver", "Waiver", 1),
    )


def go_live_phrase(result: Result) -> str:
    """`109 days to go-live`, `go-live is today`, `go-live was 3 days ago`."""
    days = result.days_to_go_live
    if days > 0:
        return f"{plural(days, 'day')} to go-live"
    if days == 0:
        return "go-live is today"
    return f"go-live was {plural(-days, 'day')} ago"


def running_footer(result: Result) -> str:
    """What every printed page says at its foot: the site, the verdict and the as-of date."""
    note = verdict_note(result)
    verdict = VERDICT_HEADLINES.get(result.verdict, result.verdict)
    if note:
        verdict += f" ({note})"
    return f"{result.site_name} · {verdict} · as of {result.as_of.isoformat()}"


def verdict_reason(result: Result) -> str:
    """One sentence saying why the verdict is what it is."""
    if result.verdict == "NO-GO":
        return f"Do not go live: {plural(len(result.blockers), 'blocker')} must be resolved."
    if result.verdict == "CONDITIONAL":
        if len(result.conditions) == 1:
            return "Go live only if the condition below is met or accepted by the board."
        count = len(result.conditions)
        return f"Go live only if the {count} conditions below are met or accepted by the board."
    return "No blocker or major check fails."


def category_groups(result: Result) -> list[CategoryGroup]:
    """Failing and waived findings grouped by category, then by rule, blockers first."""
    rules = rules_by_id(result)
    scores = {s.category: s for s in result.scores}
    groups = []
    for category in category_order(result):
        failing = by_severity([f for f in result.findings if f.category == category and f.failing])
        by_rule: dict[str, list[Finding]] = defaultdict(list)
        for f in failing:
            by_rule[f.rule].append(f)
        rule_groups = tuple(
            _rule_group(rules.get(rule_id), found, result) for rule_id, found in by_rule.items()
        )
        if rule_groups:
            groups.append(
                CategoryGroup(category, category_title(category), scores.get(category), rule_groups)
            )
    return groups


def _rule_group(rule: RuleInfo | None, found: list[Finding], result: Result) -> RuleGroup:
    first = found[0]
    return RuleGroup(
        id=first.rule,
        title=rule.title if rule else first.title,
        severity=first.severity,
        rationale=rule.rationale if rule else "",
        remediation=rule.remediation if rule else "",
        reference=rule.reference if rule else "",
        rows=tuple(row(f, result) for f in found),
    )


def passed_rules(result: Result) -> list[PassedRule]:
    """Rules with the items they passed for or did not apply to, in category order."""
    titles: dict[str, tuple[str, str]] = {}
    passed: dict[str, list[str]] = defaultdict(list)
    skipped: dict[str, list[str]] = defaultdict(list)
    for f in result.findings:
        titles.setdefault(f.rule, (f.title, f.category))
        if f.status == "pass":
            passed[f.rule].append(f.target)
        elif f.status == "not_applicable":
            skipped[f.rule].append(f.target)
    order = {c: i for i, c in enumerate(category_order(result))}
    ids = sorted(set(passed) | set(skipped), key=lambda r: (order.get(titles[r][1], 99), r))
    return [
        PassedRule(
            r, titles[r][0], category_title(titles[r][1]), tuple(passed[r]), tuple(skipped[r])
        )
        for r in ids
    ]


def not_ready(result: Result) -> list[NotReady]:
    """Each not-ready system or interface with the names of what it puts at risk."""
    return [
        NotReady(
            kind=i.kind,
            id=i.id,
            name=i.name,
            reasons=i.reasons,
            systems=joined([p.name for p in i.systems], len(i.systems) + i.systems_more),
            workflows=joined([p.name for p in i.workflows], len(i.workflows) + i.workflows_more),
        )
        for i in result.impacts
    ]


def workflows_at_risk(result: Result) -> list[AtRisk]:
    """Workflows put at risk by not-ready items, each with the paths that reach it."""
    names = names_by_id(result)
    return [
        AtRisk(
            w.id,
            w.name,
            tuple(
                Cause(c.kind, c.name, c.reasons, tuple(names.get(step, step) for step in c.path))
                for c in w.causes
            ),
            more(w.more) if w.more else "",
        )
        for w in sorted(result.at_risk, key=lambda w: (w.name, w.id))
    ]


def rag_word(rag: str) -> str:
    """The word printed beside the colour, so colour is never the only signal."""
    return RAG_WORDS.get(rag, rag)

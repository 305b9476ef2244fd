"""Phrases and look-ups shared by the reporters: dates, counts, names, order."""

from __future__ import annotations

import datetime as dt

from readiness.listing import more
from readiness.problems import Location
from readiness.result import CATEGORIES, CATEGORY_TITLES, SEVERITIES, Finding, Result, RuleInfo

SEVERITY_RANK = {severity: rank for rank, severity in enumerate(SEVERITIES)}


def plural(count: int, noun: str, nouns: str | None = None) -> str:
    """`1 blocker`, `2 blockers`."""
    return f"{count} {noun if count == 1 else (nouns or noun + 's')}"


def partial_note(result: Result) -> str:
    """`partial: 12 of 61 rules` when selection left rules out, else an empty string."""
    # A verdict over some rules must never read as one over all of them.
    if not result.partial:
        return ""
    return f"partial: {len(result.rules)} of {result.rules_in_catalogue} rules"


def verdict_note(result: Result) -> str:
    """What qualifies the verdict: `partial: 5 of 79 rules; modified: 2 settings`, or ``.

    A verdict over fewer rules, or under thresholds and severities the configuration changed,
    must never read as the catalogue's verdict where it stands.
    """
    changed = len(result.settings_changed)
    notes = [partial_note(result)] if result.partial else []
    if changed:
        notes.append(f"modified: {plural(changed, 'setting')}")
    return "; ".join(notes)


def relative_days(days: int) -> str:
    """`in 109 days`, `today`, `3 days ago`."""
    if days == 0:
        return "today"
    if days > 0:
        return f"in {plural(days, 'day')}"
    return f"{plural(-days, 'day')} ago"


def days_left(finding: Finding, as_of: dt.date) -> int | None:
    """Days until the finding is due (negative when overdue), or None when it has no date."""
    if finding.days_left is not None:
        return finding.days_left
    due = due_date(finding)
    return None if due is None else (due - as_of).days


def due_date(finding: Finding) -> dt.date | None:
    """When the finding must be resolved: its own due date, else its waiver's expiry."""
    if finding.due is not None:
        return finding.due
    if finding.status == "waived" and finding.waiver is not None:
        return finding.waiver.expires
    return None


def refused_note(finding: Finding) -> str:
    """`waiver by Dr B (sro) not valid: approver lacks authority (...)`, or ""."""
    # Wherever a failing finding stands, a waiver written for it that does not count says why.
    w = finding.refused_waiver
    return "" if w is None else f"waiver by {w.approver} {w.reason}"


def due_phrase(finding: Finding, as_of: dt.date) -> str | None:
    """`due 2027-02-28, overdue by 3 days`, or None when the finding has no date."""
    due = due_date(finding)
    left = days_left(finding, as_of)
    if due is None or left is None:
        return None
    return f"due {due.isoformat()}, {left_phrase(left)}"


def left_phrase(left: int) -> str:
    """`overdue by 3 days`, `due today`, `12 days left`."""
    if left < 0:
        return f"overdue by {plural(-left, 'day')}"
    if left == 0:
        return "due today"
    return f"{plural(left, 'day')} left"


def where(location: Location) -> str:
    """`file:line:col`, `file:line` without a column, `file` for the whole file."""
    if location.line <= 0:
        return location.file
    if location.column <= 0:
        return f"{location.file}:{location.line}"
    return f"{location.file}:{location.line}:{location.column}"


def evidence_items(finding: Finding) -> list[tuple[str, Location | None]]:
    """Each listed evidence item, with where it is written when it has a place of its own."""
    at: tuple[Location | None, ...] = finding.evidence_locations or (None,) * len(finding.evidence)
    return list(zip(finding.evidence, at, strict=True))


def evidence_lines(finding: Finding) -> list[str]:
    """Each listed evidence item, after its own `file:line` when it has one, then `and N more`
    when the list is cut."""
    lines = [item if at is None else f"{where(at)}: {item}" for item, at in evidence_items(finding)]
    return lines + ([more(finding.evidence_more)] if finding.evidence_more else [])


def category_title(category: str) -> str:
    """The reader's name of a category; unknown categories are shown as they are."""
    return CATEGORY_TITLES.get(category, category)


def category_order(result: Result) -> list[str]:
    """Every category the result mentions: the catalogue's order first, then the rest sorted."""
    seen = {s.category for s in result.scores} | {f.category for f in result.findings}
    known = [c for c in CATEGORIES if c in seen]
    return known + sorted(seen - set(CATEGORIES))


def rules_by_id(result: Result) -> dict[str, RuleInfo]:
    """The rules of the run keyed by id."""
    return {rule.id: rule for rule in result.rules}


def names_by_id(result: Result) -> dict[str, str]:
    """Readable names of systems, interfaces and workflows, for drawing impact paths."""
    names = {edge.id: edge.id for edge in result.edges}
    names.update({impact.id: impact.name for impact in result.impacts})
    names.update(result.workflows)
    names.update({node.id: node.name for node in result.nodes})
    return names


def by_severity(findings: list[Finding]) -> list[Finding]:
    """Findings ordered blocker first, keeping the result's order within a severity."""
    return sorted(findings, key=lambda f: SEVERITY_RANK.get(f.severity, len(SEVERITY_RANK)))


def count_summary(result: Result) -> str:
    """`12 failed (3 blocker, 5 major, 4 minor), 2 waived, 40 passed, 6 not applicable`."""
    failed = result.by_status("fail")
    parts = [
        f"{sum(1 for f in failed if f.severity == s)} {s}"
        for s in SEVERITIES
        if any(f.severity == s for f in failed)
    ]
    detail = f" ({', '.join(parts)})" if parts else ""
    return (
        f"{len(failed)} failed{detail}, {len(result.by_status('waived'))} waived, "
        f"{len(result.by_status('pass'))} passed, "
        f"{len(result.by_status('not_applicable'))} not applicable"
    )

"""Compare two JSON results of `readiness check` finding by finding.

A finding is identified by its rule and target together. Each finding that differs falls
in exactly one section: newly failing, newly passing, otherwise changed in status or
severity, appeared (only in NEW) or disappeared (only in OLD).
"""

from __future__ import annotations

from dataclasses import dataclass

from readiness.report_loader import Entry, Report
from readiness.result import SEVERITIES

SECTIONS = ("newly_failing", "newly_passing", "changed", "appeared", "disappeared")


@dataclass(frozen=True)
class Change:
    """A finding as it was (None: absent) and as it is (None: gone)."""

    old: Entry | None
    new: Entry | None

    @property
    def current(self) -> Entry:
        """The finding as it is now, or as it was when it disappeared."""
        entry = self.new or self.old
        assert entry is not None
        return entry


@dataclass(frozen=True)
class Diff:
    """Two reports and the changed findings, by section name."""

    old: Report
    new: Report
    sections: dict[str, tuple[Change, ...]]


def compare_reports(old: Report, new: Report) -> Diff:
    """The changed findings of two reports, each in one section, most severe first."""
    sections: dict[str, list[Change]] = {name: [] for name in SECTIONS}
    for key in old.findings.keys() | new.findings.keys():
        change = Change(old.findings.get(key), new.findings.get(key))
        section = _section(change)
        if section is not None:
            sections[section].append(change)
    return Diff(
        old, new, {name: tuple(sorted(found, key=_order)) for name, found in sections.items()}
    )


def _section(change: Change) -> str | None:
    old, new = change.old, change.new
    if old is None:
        return "appeared"
    if new is None:
        return "disappeared"
    if new.status == "fail" and old.status != "fail":
        return "newly_failing"
    if old.status in ("fail", "waived") and new.status == "pass":
        return "newly_passing"
    if (old.status, old.severity) != (new.status, new.severity):
        return "changed"
    return None


def _order(change: Change) -> tuple[int, str, str]:
    entry = change.current
    return (SEVERITIES.index(entry.severity), entry.rule, entry.target)

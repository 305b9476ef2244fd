"""The JSON form of a diff: both reports' headlines, the counts and every section."""

from __future__ import annotations

import json

from readiness import __version__
from readiness.report_diff import Change, Diff
from readiness.report_loader import Entry, Report


def render(diff: Diff) -> str:
    """The JSON form: both reports' headlines, the counts and every section, in a stable order."""
    data = {
        "old": _headline(diff.old),
        "new": _headline(diff.new),
        "verdict_changed": diff.old.verdict != diff.new.verdict,
        "summary": {name: len(changes) for name, changes in diff.sections.items()},
        **{name: [_change(c) for c in changes] for name, changes in diff.sections.items()},
        "format_version": 1,
        "tool": {"name": "readiness", "version": __version__},
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _headline(report: Report) -> dict[str, object]:
    return {
        "file": report.path,
        "site": report.site,
        "as_of": report.as_of,
        "verdict": report.verdict,
        "partial": bool(report.partial),
    }


def _state(entry: Entry | None) -> dict[str, str] | None:
    return None if entry is None else {"status": entry.status, "severity": entry.severity}


def _change(change: Change) -> dict[str, object]:
    entry = change.current
    return {
        "rule": entry.rule,
        "target": entry.target,
        "title": entry.title,
        "category": entry.category,
        "old": _state(change.old),
        "new": _state(change.new),
        "message": entry.message,
        "location": {
            "file": entry.location.file,
            "line": entry.location.line,
            "column": entry.location.column,
        },
    }

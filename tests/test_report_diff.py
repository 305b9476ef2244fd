"""Comparing two read-back reports, without the command line: each change in one section."""

from __future__ import annotations

import json
from pathlib import Path

from readiness.problems import Location
from readiness.report_diff import SECTIONS, compare_reports
from readiness.report_loader import Entry, Report, load_report


def _entry(rule: str, status: str, severity: str = "major") -> Entry:
    return Entry(rule, "t", "Title", "training", severity, status, "m", Location("s.yaml", 1, 1))


def _report(*entries: Entry) -> Report:
    return Report("r.json", "site", "2027-01-01", "GO", {(e.rule, e.target): e for e in entries})


def test_each_kind_of_change_falls_in_its_own_section() -> None:
    old = _report(
        _entry("A", "pass"),
        _entry("B", "fail"),
        _entry("C", "fail", "major"),
        _entry("D", "pass"),
        _entry("E", "pass"),
    )
    new = _report(
        _entry("A", "fail"),
        _entry("B", "pass"),
        _entry("C", "fail", "blocker"),
        _entry("E", "pass"),
        _entry("F", "pass"),
    )
    diff = compare_reports(old, new)
    assert tuple(diff.sections) == SECTIONS
    found = {name: [c.current.rule for c in changes] for name, changes in diff.sections.items()}
    assert found == {
        "newly_failing": ["A"],
        "newly_passing": ["B"],
        "changed": ["C"],
        "appeared": ["F"],
        "disappeared": ["D"],
    }


def test_a_portfolio_file_is_refused_with_what_to_give_instead(tmp_path: Path) -> None:
    path = tmp_path / "portfolio.json"
    path.write_text(json.dumps({"format_version": 1, "sites": []}), encoding="utf-8")
    report, problems = load_report(path)
    assert report is None
    assert [p.code for p in problems] == ["not-readiness-json"]
    assert "portfolio from `readiness compare`" in problems[0].message

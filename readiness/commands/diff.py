"""`readiness diff OLD.json NEW.json`: what changed between two `check --json` results.

A finding is identified by its rule and target together. Each finding that differs falls
in exactly one section: newly failing, newly passing, otherwise changed in status or
severity, appeared (only in NEW) or disappeared (only in OLD).
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from readiness import __version__
from readiness.problems import Location, Problem
from readiness.reporters.wording import one_line, plural, where
from readiness.result import SEVERITIES, STATUSES, VERDICTS

EXIT_INPUT = 2
SUPPORTED_FORMATS = (1,)
SECTIONS = {
    "newly_failing": "Newly failing",
    "newly_passing": "Newly passing",
    "changed": "Status or severity changed",
    "appeared": "Appeared (only in NEW)",
    "disappeared": "Disappeared (only in OLD)",
}
HOW_TO_WRITE = "expected the output of `readiness check SITE --json FILE`"
TEXT_FIELDS = ("rule", "target", "title", "category", "message")

T = TypeVar("T")


@dataclass(frozen=True)
class Entry:
    """One finding as read back from a JSON report."""

    rule: str
    target: str
    title: str
    category: str
    severity: str
    status: str
    message: str
    location: Location


@dataclass(frozen=True)
class Report:
    """The parts of a JSON report that `diff` compares."""

    path: str
    site: str
    as_of: str | None
    verdict: str
    findings: dict[tuple[str, str], Entry]


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


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Declare the command's arguments."""
    parser = commands.add_parser(
        "diff",
        help="show what changed between two `check --json` results",
        description="Compare two JSON results of `readiness check` by rule and target: the "
        "verdict, newly failing and newly passing findings, changed status or severity, and "
        "findings that appeared or disappeared. Exit 0, or 2 when a file cannot be read.",
    )
    parser.add_argument("old", type=Path, metavar="OLD.json", help="the earlier result")
    parser.add_argument("new", type=Path, metavar="NEW.json", help="the later result")
    parser.add_argument(
        "--format", choices=("text", "json"), default="text", help="what to print (default: text)"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Read both reports, print what changed, and return 0 (2 when a file is unusable)."""
    old, old_problems = load_report(args.old)
    new, new_problems = load_report(args.new)
    if old is None or new is None:
        problems = old_problems + new_problems
        for problem in problems:
            print(problem.render(), file=sys.stderr)
        print(f"{plural(len(problems), 'problem')}: nothing was compared", file=sys.stderr)
        return EXIT_INPUT
    diff = compare_reports(old, new)
    sys.stdout.write(render_json(diff) if args.format == "json" else render_text(diff))
    return 0


def load_report(path: Path) -> tuple[Report | None, list[Problem]]:
    """Read a `check --json` file; on failure, no report and every problem found."""
    whole = Location(str(path))
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        return None, [Problem(whole, "no such file", "path-missing")]
    except OSError as error:
        reason = error.strerror or str(error)
        return None, [Problem(whole, f"cannot read the file: {reason}", "file-unreadable")]
    except UnicodeDecodeError as error:
        message = f"not a JSON file: byte {error.start} is not UTF-8; {HOW_TO_WRITE}"
        return None, [Problem(whole, message, "not-json")]
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        at = Location(str(path), error.lineno, error.colno)
        return None, [Problem(at, f"not a JSON file: {error.msg}; {HOW_TO_WRITE}", "not-json")]
    except RecursionError:
        return None, [Problem(whole, f"JSON nested too deeply; {HOW_TO_WRITE}", "not-json")]
    return _report(path, data)


def _report(path: Path, data: object) -> tuple[Report | None, list[Problem]]:
    whole = Location(str(path))
    if not isinstance(data, dict) or "format_version" not in data:
        found = "it has no `format_version`" if isinstance(data, dict) else f"{_kind(data)}"
        message = f"not a readiness JSON report: {found}; {HOW_TO_WRITE}"
        return None, [Problem(whole, message, "not-readiness-json")]
    if "sites" in data and "site" not in data:
        message = (
            f"this is a portfolio from `readiness compare`, not one site's result; {HOW_TO_WRITE}"
        )
        return None, [Problem(whole, message, "not-readiness-json")]
    version = data["format_version"]
    if isinstance(version, bool) or version not in SUPPORTED_FORMATS:
        supported = ", ".join(str(v) for v in SUPPORTED_FORMATS)
        message = (
            f"`format_version` {json.dumps(version)} is not supported; "
            f"this readiness reads {supported}"
        )
        return None, [Problem(whole, message, "unsupported-format")]
    errors: list[str] = []
    site = _field(data, "site", str, "", errors)
    verdict = _choice(data, "verdict", VERDICTS, "", errors)
    as_of = data.get("as_of")
    findings = _findings(data, errors)
    if errors or site is None or verdict is None:
        return None, [Problem(whole, error, "invalid-report") for error in errors]
    return Report(str(path), site, as_of if isinstance(as_of, str) else None, verdict, findings), []


def _findings(data: dict[str, object], errors: list[str]) -> dict[tuple[str, str], Entry]:
    items = _field(data, "findings", list, "", errors) or []
    findings: dict[tuple[str, str], Entry] = {}
    for index, item in enumerate(items):
        entry = _entry(item, f"findings[{index}]", errors)
        if entry is not None:
            findings.setdefault((entry.rule, entry.target), entry)
    return findings


def _entry(item: object, at: str, errors: list[str]) -> Entry | None:
    if not isinstance(item, dict):
        errors.append(f"`{at}` is {_kind(item)}; expected an object")
        return None
    before = len(errors)
    text = {key: _field(item, key, str, at, errors) or "" for key in TEXT_FIELDS}
    status = _choice(item, "status", STATUSES, at, errors)
    severity = _choice(item, "severity", SEVERITIES, at, errors)
    location = _location(item, at, errors)
    if len(errors) > before or status is None or severity is None or location is None:
        return None
    return Entry(**text, severity=severity, status=status, location=location)


def _location(item: dict[str, object], at: str, errors: list[str]) -> Location | None:
    data = _field(item, "location", dict, at, errors)
    if data is None:
        return None
    file = _field(data, "file", str, f"{at}.location", errors)
    line = _field(data, "line", int, f"{at}.location", errors)
    column = _field(data, "column", int, f"{at}.location", errors)
    if file is None or line is None or column is None:
        return None
    return Location(file, line, column)


def _field(
    data: dict[str, object], key: str, kind: type[T], at: str, errors: list[str]
) -> T | None:
    name = f"{at}.{key}" if at else key
    if key not in data:
        errors.append(f"`{name}` is missing")
        return None
    value = data[key]
    if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
        errors.append(f"`{name}` is {_kind(value)}; expected {_kind_name(kind)}")
        return None
    return value


def _choice(
    data: dict[str, object], key: str, choices: tuple[str, ...], at: str, errors: list[str]
) -> str | None:
    value = _field(data, key, str, at, errors)
    if value is not None and value not in choices:
        name = f"{at}.{key}" if at else key
        errors.append(f"`{name}` is {json.dumps(value)}; expected one of {', '.join(choices)}")
        return None
    return value


def _kind(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true or false"
    return _kind_name(type(value))


def _kind_name(kind: type) -> str:
    names = {dict: "an object", list: "a list", str: "a string", int: "a whole number"}
    return names.get(kind, "a number" if kind is float else kind.__name__)


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


def render_text(diff: Diff) -> str:
    """The terminal form: the verdict first, then each non-empty section, then the counts."""
    old, new = diff.old, diff.new
    if old.verdict == new.verdict:
        verdict = f"{new.verdict}  {one_line(new.site)}: the verdict is unchanged"
    else:
        verdict = f"{old.verdict} -> {new.verdict}  {one_line(new.site)}: the verdict changed"
    lines = [f"{verdict} (as of {old.as_of or '?'} -> {new.as_of or '?'})"]
    if old.site != new.site:
        lines.append(
            f"note: the reports are of different sites, "
            f"{one_line(old.site)} and {one_line(new.site)}"
        )
    for name, heading in SECTIONS.items():
        changes = diff.sections[name]
        if changes:
            lines += ["", f"{heading} ({len(changes)}):", *(_line(c) for c in changes)]
    counts = ", ".join(
        f"{len(diff.sections[n])} {h.split(' (')[0].lower()}" for n, h in SECTIONS.items()
    )
    return "\n".join([*lines, "", counts]) + "\n"


def _line(change: Change) -> str:
    entry = change.current
    old, new = change.old, change.new
    if old is not None and new is not None:
        severity = (
            new.severity if old.severity == new.severity else f"{old.severity} -> {new.severity}"
        )
        state = f"{severity}, {old.status} -> {new.status}"
    else:
        state = f"{entry.severity}, {'was ' if new is None else ''}{entry.status}"
    return (
        f"{one_line(where(entry.location))}: {one_line(entry.rule)} {one_line(entry.target)} "
        f"({state}) {one_line(entry.message)}"
    )


def render_json(diff: Diff) -> str:
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

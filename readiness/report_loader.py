"""Read a JSON result of `readiness check` back: every problem with the file is collected."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from readiness.input_files import NotRegularFile, OverLimit, read_limited
from readiness.owners import Owner, owner_of
from readiness.problems import Location, Problem
from readiness.result import SEVERITIES, STATUSES, VERDICTS
from readiness.yaml_scalars import MAX_DIGITS

SUPPORTED_FORMATS = (1,)
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
    owner: Owner | None = None


@dataclass(frozen=True)
class Report:
    """The parts of a JSON report that `diff` compares."""

    path: str
    site: str
    as_of: str | None
    verdict: str
    findings: dict[tuple[str, str], Entry]
    # `partial: 5 of 58 rules` when the run left rules out; empty for a full run.
    partial: str = ""
    # What `history import` needs besides: read when present, checked by whoever needs them.
    site_name: str | None = None
    go_live: str | None = None
    rules: tuple[int, int] | None = None  # evaluated, in the catalogue
    tool_version: str | None = None


# Far above a national-scale site's report (about 8 MB), far below what would exhaust memory.
MAX_REPORT_BYTES = 256 * 1024 * 1024


class _LongNumber(ValueError):
    """A whole number longer than any figure a report holds."""


def _whole_number(text: str) -> int:
    # Python refuses to read whole numbers past a few thousand digits; no report needs 30.
    if len(text) > MAX_DIGITS:
        raise _LongNumber(f"it holds a number of {len(text.lstrip('-'))} digits")
    return int(text)


def load_report(path: Path) -> tuple[Report | None, list[Problem]]:
    """Read a `check --json` file; on failure, no report and every problem found."""
    whole = Location(str(path))
    try:
        text = read_limited(path, MAX_REPORT_BYTES).decode("utf-8-sig")
    except NotRegularFile:
        message = f"not a regular file; {HOW_TO_WRITE}"
        return None, [Problem(whole, message, "file-not-regular")]
    except OverLimit:
        message = f"file is over {MAX_REPORT_BYTES:,} bytes; {HOW_TO_WRITE}"
        return None, [Problem(whole, message, "file-too-large")]
    except FileNotFoundError:
        return None, [Problem(whole, "no such file", "path-missing")]
    except OSError as error:
        reason = error.strerror or str(error)
        return None, [Problem(whole, f"cannot read the file: {reason}", "file-unreadable")]
    except UnicodeDecodeError as error:
        message = f"not a JSON file: byte {error.start} is not UTF-8; {HOW_TO_WRITE}"
        return None, [Problem(whole, message, "not-json")]
    try:
        data = json.loads(text, parse_int=_whole_number)
    except json.JSONDecodeError as error:
        at = Location(str(path), error.lineno, error.colno)
        return None, [Problem(at, f"not a JSON file: {error.msg}; {HOW_TO_WRITE}", "not-json")]
    except RecursionError:
        return None, [Problem(whole, f"JSON nested too deeply; {HOW_TO_WRITE}", "not-json")]
    except _LongNumber as error:
        message = f"not a readiness JSON file: {error}; {HOW_TO_WRITE}"
        return None, [Problem(whole, message, "not-json")]
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
    shown_as_of = as_of if isinstance(as_of, str) else None
    report = Report(
        str(path),
        site,
        shown_as_of,
        verdict,
        findings,
        _partial(data),
        site_name=_text(data.get("site_name")),
        go_live=_text(data.get("go_live")),
        rules=_rule_counts(data),
        tool_version=_tool_version(data),
    )
    return report, []


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _rule_counts(data: dict[str, object]) -> tuple[int, int] | None:
    done, of = data.get("rules_evaluated"), data.get("rules_in_catalogue")
    if isinstance(done, bool) or isinstance(of, bool):
        return None
    return (done, of) if isinstance(done, int) and isinstance(of, int) else None


def _tool_version(data: dict[str, object]) -> str | None:
    tool = data.get("tool")
    return _text(tool.get("version")) if isinstance(tool, dict) else None


def _partial(data: dict[str, object]) -> str:
    if data.get("partial") is not True:
        return ""
    done, of = data.get("rules_evaluated"), data.get("rules_in_catalogue")
    if isinstance(done, int) and isinstance(of, int):
        return f"partial: {done} of {of} rules"
    return "partial"


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
    # An owner as `check --json` writes it ({name, role, email}), or as text (older files).
    owner = owner_of(item.get("owner"))
    return Entry(**text, severity=severity, status=status, location=location, owner=owner)


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

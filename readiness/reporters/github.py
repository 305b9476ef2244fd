"""GitHub Actions workflow commands: one annotation per failing finding, then a summary."""

from __future__ import annotations

from readiness.reporters.wording import (
    count_summary,
    plural,
    refused_note,
    relative_days,
    verdict_note,
)
from readiness.result import Finding, Result
from readiness.visible_text import visible

COMMANDS = {"blocker": "error", "major": "warning", "minor": "notice"}
VERDICT_COMMANDS = {"NO-GO": "error", "CONDITIONAL": "warning", "GO": "notice"}


def render(result: Result) -> str:
    """Workflow commands that GitHub turns into annotations on the site's YAML files."""
    lines = [_annotation(f) for f in result.findings if f.status == "fail"]
    note = verdict_note(result)
    partial = f" ({note})" if note else ""
    summary = (
        f"{result.verdict}{partial}: {result.site_name}, go-live {result.go_live.isoformat()} "
        f"({relative_days(result.days_to_go_live)}), as of {result.as_of.isoformat()}; "
        f"{plural(len(result.blockers), 'blocker')}, "
        f"{plural(len(result.conditions), 'condition')}; {count_summary(result)}"
    )
    command = VERDICT_COMMANDS.get(result.verdict, "notice")
    title = escape_property(f"readiness {result.site_id}")
    lines.append(f"::{command} title={title}::{escape_data(summary)}")
    return "\n".join(lines) + "\n"


def escape_data(text: str) -> str:
    """Escape a command's message as the runner expects (other controls shown as `\\xNN`)."""
    return visible(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a command property value: as a message, plus `:` and `,`."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _annotation(f: Finding) -> str:
    props = [f"file={escape_property(f.location.file.replace(chr(92), '/'))}"]
    if f.location.line > 0:
        props.append(f"line={f.location.line}")
        if f.location.column > 0:
            props.append(f"col={f.location.column}")
    props.append(f"title={escape_property(f.rule)}")
    refused = refused_note(f)
    message = f"{f.message}; {refused}" if refused else f.message
    return f"::{COMMANDS.get(f.severity, 'warning')} {','.join(props)}::{escape_data(message)}"

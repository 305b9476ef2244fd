"""The terminal summary: verdict first, then blockers and conditions with `file:line`."""

from __future__ import annotations

from collections.abc import Callable

from readiness.reporters.wording import (
    count_summary,
    days_left,
    due_phrase,
    evidence_lines,
    plural,
    refused_note,
    relative_days,
    verdict_note,
    where,
)
from readiness.result import Finding, Result, Waiver
from readiness.visible_text import one_line

RESET = "\x1b[0m"
BOLD = "\x1b[1m"
VERDICT_COLOURS = {"GO": "\x1b[1;32m", "CONDITIONAL": "\x1b[1;33m", "NO-GO": "\x1b[1;31m"}
SEVERITY_COLOURS = {"blocker": "\x1b[31m", "major": "\x1b[33m", "minor": "\x1b[36m"}
OVERDUE = "\x1b[1;31m"

_Paint = Callable[[str, str], str]


def render(result: Result, colour: bool = False) -> str:
    """The summary printed by `readiness check`; ANSI colour only when asked for."""

    def paint(style: str, value: str) -> str:
        return f"{style}{value}{RESET}" if colour else value

    partial = verdict_note(result)
    lines = [
        f"{paint(VERDICT_COLOURS.get(result.verdict, BOLD), result.verdict)}"
        f"{f' ({partial})' if partial else ''}  "
        f"{one_line(result.site_name)} — go-live {result.go_live.isoformat()} "
        f"({relative_days(result.days_to_go_live)}), as of {result.as_of.isoformat()}"
    ]
    for heading, findings in (("Blockers", result.blockers), ("Conditions", result.conditions)):
        if findings:
            lines += ["", paint(BOLD, f"{heading} ({len(findings)}):")]
            for f in findings:
                lines += [_finding_line(f, result, paint), *_evidence(f)]
    stale = [w for w in result.waivers if w.state != "active"]
    if stale:
        lines += ["", paint(BOLD, f"Waivers not in force or not used ({len(stale)}):")]
        lines += [_waiver_line(w) for w in stale]
    # A verdict reached under changed thresholds or severities must not read as the catalogue's.
    changes = result.settings_changed
    if changes:
        lines += ["", paint(BOLD, f"Settings that differ from the catalogue ({len(changes)}):")]
        lines += [
            f"{one_line(where(c.source))}: {c.rule} {c.name} is {c.value_text} "
            f"(default {c.default_text})"
            for c in changes
        ]
    lines += [
        "",
        f"{plural(len(result.blockers), 'blocker')}, "
        f"{plural(len(result.conditions), 'condition')}; {count_summary(result)}",
    ]
    return "\n".join(lines) + "\n"


def _finding_line(f: Finding, result: Result, paint: _Paint) -> str:
    rule = paint(SEVERITY_COLOURS.get(f.severity, BOLD), f.rule)
    extra = [one_line(f.owner.text)] if f.owner else []
    due = due_phrase(f, result.as_of)
    if due:
        left = days_left(f, result.as_of)
        extra.append(paint(OVERDUE, due) if left is not None and left < 0 else due)
    if f.status == "waived" and f.waiver is not None:
        extra.append(f"waived by {one_line(f.waiver.approver)}")
    if f.refused_waiver is not None:
        extra.append(one_line(refused_note(f)))
    tail = f" ({', '.join(extra)})" if extra else ""
    return f"{one_line(where(f.location))}: {rule} {one_line(f.message)}{tail}"


def _evidence(f: Finding) -> list[str]:
    # Evidence written apart from the finding is named at its own place, one item a line,
    # the first few then a count; other evidence is in the message already.
    if not f.evidence_locations:
        return []
    return [f"    {one_line(line)}" for line in evidence_lines(f)]


def _waiver_line(w: Waiver) -> str:
    if w.state == "lapsed":
        state = f"lapsed on {w.expires.isoformat()}"
    elif w.state == "unused":
        state = "matches no failing finding"
    elif w.state == "active":
        state = f"expires on {w.expires.isoformat()}"
    elif w.state == "not-yet-approved":
        state = f"not in force until its approval on {w.approved_on.isoformat()}"
    elif w.state in ("not-authorised", "expires-before-go-live"):
        state = one_line(w.reason)
    else:
        state = one_line(w.state)
    return (
        f"{one_line(where(w.location))}: waiver of {one_line(w.rule)} for "
        f"{one_line(w.target)} {state} (approved by {one_line(w.approver)})"
    )

"""Markdown for a pull-request comment or a job summary (GitHub-flavoured tables)."""

from __future__ import annotations

import re

from readiness.reporters.wording import (
    category_title,
    count_summary,
    days_left,
    due_date,
    left_phrase,
    plural,
    refused_note,
    relative_days,
    verdict_note,
    where,
)
from readiness.result import Finding, Result
from readiness.visible_text import one_line

ICONS = {"GO": "🟢", "CONDITIONAL": "🟠", "NO-GO": "🔴"}
RAG_WORDS = {"red": "🔴 Red", "amber": "🟠 Amber", "green": "🟢 Green", "none": "⚪ N/A"}

# Characters that would start markup: emphasis, code, links, tables, headings (HTML: entities).
_MARKUP = re.compile(r"([\\`*_\[\]#|~])")
_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}


def text(value: str) -> str:
    """User text made inert in Markdown: no HTML, no links or emphasis, safe in a table cell."""
    value = one_line(re.sub(r"\s*[\r\n\u2028\u2029]+\s*", " ", value).strip())
    value = "".join(_HTML.get(ch, ch) for ch in value)
    return _MARKUP.sub(r"\\\1", value)


def code(value: str) -> str:
    """A short identifier shown as inline code; backticks are replaced so it cannot escape."""
    # GitHub splits table cells on `|` even inside code spans, unless it is escaped.
    inner = one_line(value).replace("`", "'").replace("|", "\\|").strip() or " "
    return f"`{inner}`"


def render(result: Result) -> str:
    """A compact Markdown report: verdict, scorecard, blockers, conditions, waivers, and the
    settings that differ from the catalogue's."""
    note = verdict_note(result)
    partial = f" ({note})" if note else ""
    out = [
        f"## {ICONS.get(result.verdict, '')} {text(result.verdict)}{partial}: "
        f"{text(result.site_name)}",
        "",
        f"Go-live **{result.go_live.isoformat()}** ({relative_days(result.days_to_go_live)}), "
        f"as of {result.as_of.isoformat()}. {text(count_summary(result))}.",
        "",
        "| Category | Score | RAG | Passed | Failed | Waived |",
        "|---|---:|---|---:|---:|---:|",
    ]
    out += [
        f"| {text(category_title(s.category))} | {s.percent}% | {RAG_WORDS.get(s.rag, text(s.rag))}"
        f" | {s.passed} | {s.failed} | {s.waived} |"
        for s in result.scores
    ]
    out += _findings(f"Blockers ({len(result.blockers)})", result.blockers, result)
    out += _findings(f"Conditions ({len(result.conditions)})", result.conditions, result)
    out += _waivers(result)
    out += _settings(result)
    return "\n".join(out) + "\n"


def _settings(result: Result) -> list[str]:
    """Thresholds and severities the programme's configuration changed: a verdict reached
    under them must not read as one under the catalogue's defaults."""
    changes = result.settings_changed
    if not changes:
        return []
    out = [
        "",
        f"### Settings that differ from the catalogue ({len(changes)})",
        "",
        "| Rule | Setting | Default | Here | Set at |",
        "|---|---|---|---|---|",
    ]
    out += [
        f"| {code(c.rule)} | {text(c.name)} | {text(c.default_text)} | **{text(c.value_text)}** "
        f"| {code(where(c.source))} |"
        for c in changes
    ]
    return out


def _findings(heading: str, findings: list[Finding], result: Result) -> list[str]:
    out = ["", f"### {heading}", ""]
    if not findings:
        return [*out, "None."]
    out += ["| Rule | Item | Finding | Owner | Due | Source |", "|---|---|---|---|---|---|"]
    for f in findings:
        due = due_date(f)
        left = days_left(f, result.as_of)
        due_text = "" if due is None else due.isoformat()
        if left is not None and left < 0:
            due_text += f" ⚠️ **{left_phrase(left)}**"
        status = " (waived)" if f.status == "waived" else ""
        refused = refused_note(f)
        status += " (waiver not valid)" if refused else ""
        message = f"{f.message}; {refused}" if refused else f.message
        out.append(
            f"| {code(f.rule)}{status} | {text(f.target)} | {text(message)} "
            f"| {text(f.owner.text if f.owner else '')} | {due_text} | {code(where(f.location))} |"
        )
    return out


def _waivers(result: Result) -> list[str]:
    out = ["", f"### Waivers ({len(result.waivers)})", ""]
    if not result.waivers:
        return [*out, "None."]
    out += [
        "| State | Rule | Item | Justification | Approved by | Expires |",
        "|---|---|---|---|---|---|",
    ]
    out += [
        f"| {text(w.state + (f': {w.reason}' if w.reason else ''))} | {code(w.rule)} "
        f"| {text(w.target)} | {text(w.justification)} "
        f"| {text(w.approver)} ({w.approved_on.isoformat()}) | {w.expires.isoformat()} |"
        for w in result.waivers
    ]
    lapsed = sum(1 for w in result.waivers if w.state != "active")
    if lapsed:
        out += [
            "",
            f"{plural(lapsed, 'waiver')} lapsed, unused, not yet approved or approved without "
            "authority: they do not count.",
        ]
    return out

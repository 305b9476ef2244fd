"""A site's trend as Markdown, for a pull request or a wiki page."""

from __future__ import annotations

from readiness.reporters.markdown import code, text
from readiness.reporters.trend_text import (
    change_summary,
    failure_phrase,
    projection_sentence,
    verdict_cell,
)
from readiness.reporters.wording import plural
from readiness.trend import Trend


def render(trend: Trend) -> str:
    """The trend as a Markdown section: table of assessments, changes, projection."""
    lines = [
        f"## Trend: {text(trend.site_name)}",
        "",
        f"{plural(len(trend.points), 'assessment')} of {code(trend.site)}, "
        f"go-live {trend.go_live.isoformat()}.",
        "",
        "| As of | Days to go-live | Verdict | Blockers | Conditions | Failing |",
        "|---|--:|---|--:|--:|--:|",
        *(
            f"| {p.as_of.isoformat()} | {p.days_to_go_live} | {text(verdict_cell(p))} | "
            f"{p.blockers} | {p.conditions} | {len(p.failures)} |"
            for p in trend.points
        ),
        "",
        "### Changes",
        "",
    ]
    for change in trend.changes:
        lines.append(f"- {text(change_summary(change).replace(' -> ', ' → '))}")
        lines.extend(f"  - opened: {text(failure_phrase(f))}" for f in change.opened)
        lines.extend(f"  - closed: {text(failure_phrase(f))}" for f in change.closed)
    if not trend.changes:
        lines.append("None: one assessment so far.")
    lines += ["", text(projection_sentence(trend)), ""]
    return "\n".join(lines)

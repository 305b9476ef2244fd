"""The terminal form of a diff: the verdict first, then each non-empty section, then counts."""

from __future__ import annotations

from readiness.report_diff import Change, Diff
from readiness.report_loader import Report
from readiness.reporters.wording import where
from readiness.visible_text import one_line

HEADINGS = {
    "newly_failing": "Newly failing",
    "newly_passing": "Newly passing",
    "changed": "Status or severity changed",
    "appeared": "Appeared (only in NEW)",
    "disappeared": "Disappeared (only in OLD)",
}


def _verdict(report: Report) -> str:
    return f"{report.verdict} ({report.partial})" if report.partial else report.verdict


def render(diff: Diff) -> str:
    """The terminal form: the verdict first, then each non-empty section, then the counts."""
    old, new = diff.old, diff.new
    before, after = _verdict(old), _verdict(new)
    if before == after:
        verdict = f"{after}  {one_line(new.site)}: the verdict is unchanged"
    else:
        verdict = f"{before} -> {after}  {one_line(new.site)}: the verdict changed"
    lines = [f"{verdict} (as of {old.as_of or '?'} -> {new.as_of or '?'})"]
    if old.partial or new.partial:
        lines.append(
            "note: a partial run left rules out; their findings show as appeared or disappeared"
        )
    if old.site != new.site:
        lines.append(
            f"note: the reports are of different sites, "
            f"{one_line(old.site)} and {one_line(new.site)}"
        )
    for name, heading in HEADINGS.items():
        changes = diff.sections[name]
        if changes:
            lines += ["", f"{heading} ({len(changes)}):", *(_line(c) for c in changes)]
    counts = ", ".join(
        f"{len(diff.sections[n])} {h.split(' (')[0].lower()}" for n, h in HEADINGS.items()
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

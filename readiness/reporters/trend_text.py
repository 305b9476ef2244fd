"""A site's trend for the terminal: assessments by date, what changed, the projection."""

from __future__ import annotations

from readiness.assessment import Assessment, Failure
from readiness.reporters.wording import plural
from readiness.trend import Change, Trend
from readiness.visible_text import one_line

HEADER = ("As of", "Days", "Verdict", "Blockers", "Conditions", "Failing")
NUMERIC = {1, 3, 4, 5}


def render(trend: Trend) -> str:
    """The trend as plain text: a table of assessments, the changes, the projection."""
    lines = [
        f"Trend of {one_line(trend.site_name)} ({one_line(trend.site)}): "
        f"{plural(len(trend.points), 'assessment')}, go-live {trend.go_live.isoformat()}",
        "",
        *_table(trend.points),
        "",
        f"Changes between assessments ({len(trend.changes)}):",
        *[line for change in trend.changes for line in change_lines(change)],
        *(["  none: one assessment so far"] if not trend.changes else []),
        "",
        projection_sentence(trend),
    ]
    return "\n".join(lines) + "\n"


def verdict_cell(point: Assessment) -> str:
    """The verdict, with the partial-run note a verdict over fewer rules must carry."""
    return f"{point.verdict} ({point.partial})" if point.partial else point.verdict


def _table(points: tuple[Assessment, ...]) -> list[str]:
    rows = [HEADER] + [
        (
            p.as_of.isoformat(),
            str(p.days_to_go_live),
            verdict_cell(p),
            str(p.blockers),
            str(p.conditions),
            str(len(p.failures)),
        )
        for p in points
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(len(HEADER))]
    return [
        "  ".join(
            cell.rjust(width) if i in NUMERIC else cell.ljust(width)
            for i, (cell, width) in enumerate(zip(row, widths, strict=True))
        ).rstrip()
        for row in rows
    ]


def change_summary(change: Change) -> str:
    """`2027-02-26 -> 2027-03-04: NO-GO -> CONDITIONAL; 0 opened, 1 closed`."""
    verdicts = (
        change.verdict_after
        if change.verdict_before == change.verdict_after
        else f"{change.verdict_before} -> {change.verdict_after}"
    )
    moved = (
        f"{len(change.opened)} opened, {len(change.closed)} closed"
        if change.opened or change.closed
        else "nothing opened or closed"
    )
    return f"{change.since.isoformat()} -> {change.until.isoformat()}: {verdicts}; {moved}"


def failure_phrase(failure: Failure) -> str:
    """`GV-RAID (major, waived) Theatres nurses, owner Fiona Mackay`."""
    state = failure.severity + (", waived" if failure.status == "waived" else "")
    owner = f", owner {failure.owner}" if failure.owner else ""
    return one_line(f"{failure.rule} ({state}) {failure.target}{owner}")


def change_lines(change: Change) -> list[str]:
    """The summary line of a change, then one line per finding opened or closed."""
    return [
        change_summary(change),
        *(f"  opened  {failure_phrase(f)}" for f in change.opened),
        *(f"  closed  {failure_phrase(f)}" for f in change.closed),
    ]


def projection_sentence(trend: Trend) -> str:
    """The projection to go-live in words, saying plainly that it is one."""
    p = trend.projection
    if p is None:
        return f"No projection to go-live: {trend.no_projection}."
    if p.per_week < 0:
        rate = f"falling by {-p.per_week:.1f} a week"
    elif p.per_week > 0:
        rate = f"rising by {p.per_week:.1f} a week"
    else:
        rate = "level"
    sentence = (
        f"Projection, not a forecast: a straight line through "
        f"{plural(p.points, 'full assessment')} before go-live ({rate}) gives "
        f"{p.at_go_live:.1f} blockers and conditions open at go-live"
    )
    if p.zero_days_before is None:
        return f"{sentence}; at this rate they do not all close."
    if p.zero_days_before == 0:
        return f"{sentence}; at this rate the last closes on go-live day."
    when = "before" if p.zero_days_before > 0 else "after"
    days = plural(abs(p.zero_days_before), "day")
    return f"{sentence}; at this rate the last closes about {days} {when} go-live."

"""A site's assessments over time: the figures by date, what changed, and a projection.

The projection is a least-squares straight line through the open blockers and conditions
of the full (not partial) assessments made before go-live, against the days left to
go-live, read off at go-live. It is arithmetic on past figures, not a forecast: it says
where the present rate of closing findings leads, nothing about the work left.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from readiness.assessment import Assessment, Failure


@dataclass(frozen=True)
class Change:
    """What opened and closed between two consecutive assessments."""

    since: dt.date
    until: dt.date
    opened: tuple[Failure, ...]
    closed: tuple[Failure, ...]
    verdict_before: str
    verdict_after: str


@dataclass(frozen=True)
class Projection:
    """Where the straight line through the open items reaches at go-live."""

    points: int  # assessments the line is fitted to
    per_week: float  # change in open items per week (negative: closing)
    at_go_live: float  # open items on the line at go-live, never below zero
    # Days before go-live the line reaches zero (negative: after go-live); None if it never does.
    zero_days_before: int | None
    # The line itself, for drawing: open items = intercept + slope * days to go-live, from
    # the earliest assessment fitted (`first_days` to go-live) to go-live.
    slope: float
    intercept: float
    first_days: int


@dataclass(frozen=True)
class Trend:
    """Every assessment of one site, oldest first, with the changes and the projection."""

    site: str
    site_name: str
    go_live: dt.date  # as the latest assessment states it
    points: tuple[Assessment, ...]
    changes: tuple[Change, ...]
    projection: Projection | None
    no_projection: str  # why there is no projection, when there is none

    @property
    def latest(self) -> Assessment:
        """The most recent assessment."""
        return self.points[-1]

    @property
    def direction(self) -> str:
        """`better`, `worse` or `same`: the last assessment's open items against the one before."""
        if len(self.points) < 2:
            return "same"
        before, now = self.points[-2].open_items, self.points[-1].open_items
        return "better" if now < before else "worse" if now > before else "same"


def build_trend(assessments: Sequence[Assessment]) -> Trend:
    """The trend of one site's assessments (one or more, any order)."""
    points = tuple(sorted(assessments, key=lambda a: a.as_of))
    if not points or len({a.site for a in points}) != 1:
        raise ValueError("a trend needs one or more assessments of one site")
    projection, why = project(points)
    return Trend(
        site=points[-1].site,
        site_name=points[-1].site_name,
        go_live=points[-1].go_live,
        points=points,
        changes=tuple(_change(a, b) for a, b in itertools.pairwise(points)),
        projection=projection,
        no_projection=why,
    )


def _change(before: Assessment, after: Assessment) -> Change:
    old = {f.key: f for f in before.failures}
    new = {f.key: f for f in after.failures}
    return Change(
        since=before.as_of,
        until=after.as_of,
        opened=tuple(f for key, f in sorted(new.items()) if key not in old),
        closed=tuple(f for key, f in sorted(old.items()) if key not in new),
        verdict_before=before.verdict,
        verdict_after=after.verdict,
    )


def project(points: Sequence[Assessment]) -> tuple[Projection | None, str]:
    """The straight line through the open items before go-live, or why there is none."""
    if points[-1].days_to_go_live <= 0:
        return None, "go-live has passed"
    used = [p for p in points if p.days_to_go_live > 0 and not p.partial]
    if len({p.days_to_go_live for p in used}) < 2:
        return None, "it needs two or more full assessments on different dates before go-live"
    xs = [float(p.days_to_go_live) for p in used]
    ys = [float(p.open_items) for p in used]
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    spread = sum((x - mean_x) ** 2 for x in xs)
    slope = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / spread
    at_zero = mean_y - slope * mean_x  # the line at zero days to go-live
    # Days to go-live fall as time passes: a positive slope means items are closing.
    zero = None if slope <= 0 else round(-at_zero / slope)
    return (
        Projection(
            points=len(used),
            per_week=round(-slope * 7, 1) + 0.0,  # + 0.0: never print -0.0
            at_go_live=round(max(at_zero, 0.0), 1),
            zero_days_before=zero,
            slope=slope,
            intercept=at_zero,
            first_days=max(p.days_to_go_live for p in used),
        ),
        "",
    )

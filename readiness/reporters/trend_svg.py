"""Lay out a site's trend as a chart for the HTML reports: blockers and conditions against
days to go-live, with the projection to go-live, and a sparkline for the portfolio.

Time runs left to right, so days to go-live fall towards the go-live line on the right.
Each series differs by line pattern and marker shape as well as colour. Every coordinate is
rounded, so the SVG is byte-identical between runs.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from readiness.assessment import Assessment
from readiness.reporters.trend_text import projection_sentence
from readiness.reporters.wording import plural
from readiness.trend import Change, Trend

WIDTH, HEIGHT = 640, 250
LEFT, RIGHT, TOP, BOTTOM = 46, 560, 16, 206  # the plot area; room for labels around it
SPARK_W, SPARK_H, SPARK_PAD = 84, 22, 3
DAY_STEPS = (1, 2, 7, 14, 28, 56, 91, 182, 364)
COUNT_STEPS = (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000)
MAX_TICKS = 6


@dataclass(frozen=True)
class Tick:
    """An axis mark: its position in the picture and its label."""

    at: float
    label: str


@dataclass(frozen=True)
class Marker:
    """One assessment on one series, with its figures as a tooltip."""

    x: float
    y: float
    label: str


@dataclass(frozen=True)
class Series:
    """One line of the chart: blockers or conditions."""

    name: str
    css: str
    d: str
    markers: tuple[Marker, ...]


@dataclass(frozen=True)
class Chart:
    """The positioned trend, with its text alternative, ready for the template."""

    width: int
    height: int
    left: int
    right: int
    top: int
    bottom: int
    title: str
    desc: str
    series: tuple[Series, ...]
    x_ticks: tuple[Tick, ...]
    y_ticks: tuple[Tick, ...]
    go_live_x: float
    projection: str  # path of the projected line, or empty
    points: tuple[Assessment, ...]
    changes: tuple[Change, ...]
    projection_text: str
    direction: str


@dataclass(frozen=True)
class Spark:
    """A portfolio row's sparkline of open blockers and conditions, and its arrow."""

    d: str
    last_x: float
    last_y: float
    label: str
    direction: str  # better, worse or same
    arrow: str


ARROWS = {"better": "↓", "worse": "↑", "same": "→"}
AGAINST = {
    "better": "fewer than at the assessment before",
    "worse": "more than at the assessment before",
    "same": "as many as at the assessment before",
}
Scale = Callable[[float], float]


def _f(value: float) -> str:
    return f"{value:.1f}".replace("-0.0", "0.0")


def _step(span: float, steps: tuple[int, ...]) -> int:
    return next((s for s in steps if span / s <= MAX_TICKS - 1), steps[-1])


def trend_chart(trend: Trend) -> Chart:
    """The trend laid out for the site report's chart."""
    days = [p.days_to_go_live for p in trend.points]
    x_hi, x_lo = max(max(days), 1), min(min(days), 0)
    projected = trend.projection
    high = max([1, *(p.blockers for p in trend.points), *(p.conditions for p in trend.points)])
    if projected is not None:
        high = max(high, math.ceil(projected.intercept + projected.slope * projected.first_days))
    y_step = _step(high, COUNT_STEPS)
    y_top = math.ceil(high / y_step) * y_step

    def x(day: float) -> float:
        return LEFT + (x_hi - day) / (x_hi - x_lo) * (RIGHT - LEFT)

    def y(count: float) -> float:
        return BOTTOM - count / y_top * (BOTTOM - TOP)

    series = tuple(
        _series(name, css, [(x(p.days_to_go_live), y(getattr(p, name)), p) for p in trend.points])
        # Blockers last, so that their dots stay visible on the conditions' squares.
        for name, css in (("conditions", "t-conditions"), ("blockers", "t-blockers"))
    )
    x_step = _step(x_hi - x_lo, DAY_STEPS)
    first = math.ceil(x_lo / x_step) * x_step
    x_ticks = tuple(Tick(x(d), str(d)) for d in range(first, x_hi + 1, x_step))
    y_ticks = tuple(Tick(y(c), str(c)) for c in range(0, y_top + 1, y_step))
    return Chart(
        WIDTH,
        HEIGHT,
        LEFT,
        RIGHT,
        TOP,
        BOTTOM,
        title=f"Blockers and conditions of {trend.site_name} by days to go-live",
        desc=_desc(trend),
        series=series,
        x_ticks=x_ticks,
        y_ticks=y_ticks,
        go_live_x=x(0),
        projection=_projection_path(trend, x, y),
        points=trend.points,
        changes=trend.changes,
        projection_text=projection_sentence(trend),
        direction=trend.direction,
    )


def _series(name: str, css: str, placed: list[tuple[float, float, Assessment]]) -> Series:
    d = " ".join(
        f"{'M' if i == 0 else 'L'}{_f(px)} {_f(py)}" for i, (px, py, _) in enumerate(placed)
    )
    markers = tuple(
        Marker(
            px,
            py,
            f"{p.as_of.isoformat()} ({plural(p.days_to_go_live, 'day')} to go-live): "
            f"{plural(getattr(p, name), name[:-1])}",
        )
        for px, py, p in placed
    )
    return Series(name.capitalize(), css, d, markers)


def _projection_path(trend: Trend, x: Scale, y: Scale) -> str:
    p = trend.projection
    if p is None:
        return ""
    start = p.intercept + p.slope * p.first_days
    end_day = 0.0
    # A falling line stops where it reaches zero: no count goes below it.
    if p.intercept < 0 < p.slope:
        end_day = -p.intercept / p.slope
    end = max(p.intercept + p.slope * end_day, 0.0)
    return f"M{_f(x(p.first_days))} {_f(y(start))} L{_f(x(end_day))} {_f(y(end))}"


def _desc(trend: Trend) -> str:
    first, last = trend.points[0], trend.points[-1]
    return (
        f"{plural(len(trend.points), 'assessment')} from {first.as_of.isoformat()} "
        f"({plural(first.days_to_go_live, 'day')} to go-live) to {last.as_of.isoformat()} "
        f"({plural(last.days_to_go_live, 'day')}): blockers {first.blockers} to {last.blockers}, "
        f"conditions {first.conditions} to {last.conditions}. {projection_sentence(trend)}"
    )


def sparkline(trend: Trend) -> Spark:
    """The open blockers and conditions of each assessment as a small line, oldest first."""
    values = [p.open_items for p in trend.points]
    count = len(values)
    top = max([*values, 1])

    def x(i: int) -> float:
        return SPARK_PAD + (i / max(count - 1, 1)) * (SPARK_W - 2 * SPARK_PAD)

    def y(v: int) -> float:
        return SPARK_H - SPARK_PAD - v / top * (SPARK_H - 2 * SPARK_PAD)

    d = " ".join(f"{'M' if i == 0 else 'L'}{_f(x(i))} {_f(y(v))}" for i, v in enumerate(values))
    figures = ", ".join(str(v) for v in values)
    label = (
        f"Blockers and conditions at {plural(count, 'assessment')}, oldest first: {figures}; "
        f"{AGAINST[trend.direction]}"
        if count > 1
        else f"Blockers and conditions at one assessment: {figures}"
    )
    return Spark(d, x(count - 1), y(values[-1]), label, trend.direction, ARROWS[trend.direction])

"""A trend's arithmetic, and its chart in the site report."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from readiness.assessment import Assessment, Failure
from readiness.reporters.trend_text import projection_sentence
from readiness.trend import build_trend
from tests.helpers import run_cli

GO_LIVE = dt.date(2027, 6, 1)


def _at(days: int, blockers: int, conditions: int, partial: bool = False) -> Assessment:
    failures = tuple(
        Failure(f"R-{i}", "item", "blocker", "testing", "fail") for i in range(blockers)
    )
    return Assessment(
        "s",
        "Site",
        GO_LIVE - dt.timedelta(days=days),
        GO_LIVE,
        "NO-GO" if blockers else "GO",
        blockers,
        conditions,
        5 if partial else 9,
        9,
        (),
        failures,
        "test",
        "check",
    )


def test_a_steady_fall_projects_to_zero_on_go_live_day() -> None:
    trend = build_trend([_at(10, 1, 1), _at(30, 4, 2), _at(20, 2, 2)])
    assert [p.days_to_go_live for p in trend.points] == [30, 20, 10]
    p = trend.projection
    assert p is not None
    assert (p.points, p.per_week, p.at_go_live, p.zero_days_before) == (3, -1.4, 0.0, 0)
    assert projection_sentence(trend) == (
        "Projection, not a forecast: a straight line through 3 full assessments before go-live "
        "(falling by 1.4 a week) gives 0.0 blockers and conditions open at go-live; at this "
        "rate the last closes on go-live day."
    )
    assert trend.direction == "better"
    assert [len(c.closed) for c in trend.changes] == [2, 1]


def test_a_slow_fall_closes_after_go_live() -> None:
    trend = build_trend([_at(28, 6, 0), _at(14, 5, 0)])
    p = trend.projection
    assert p is not None
    assert (p.per_week, p.at_go_live, p.zero_days_before) == (-0.5, 4.0, -56)
    assert projection_sentence(trend).endswith("the last closes about 56 days after go-live.")


def test_rising_open_items_never_close_on_this_line() -> None:
    trend = build_trend([_at(28, 1, 0), _at(14, 2, 1)])
    p = trend.projection
    assert p is not None
    assert (p.per_week, p.at_go_live, p.zero_days_before) == (1.0, 5.0, None)
    assert projection_sentence(trend).endswith("at this rate they do not all close.")
    assert trend.direction == "worse"


@pytest.mark.parametrize(
    ("points", "why"),
    [
        (
            [_at(20, 1, 0)],
            "it needs two or more full assessments on different dates before go-live",
        ),
        ([_at(20, 1, 0), _at(10, 0, 0, partial=True)], "it needs two or more full assessments"),
        ([_at(20, 1, 0), _at(-3, 0, 0)], "go-live has passed"),
    ],
)
def test_no_projection_says_why(points: list[Assessment], why: str) -> None:
    trend = build_trend(points)
    assert trend.projection is None
    assert trend.no_projection.startswith(why)
    assert projection_sentence(trend).startswith(f"No projection to go-live: {why}")


def _html(tmp_path: Path, name: str, *extra: str) -> str:
    out = tmp_path / f"{name}.html"
    done = run_cli("check", "sample_sites/riverside-community", "--html", str(out), *extra)
    assert done.returncode in (0, 1), done.stderr
    return out.read_text(encoding="utf-8")


def test_the_site_report_has_a_trend_chart_once_history_exists(tmp_path: Path) -> None:
    history = tmp_path / "h.sqlite"
    options = ("--history", str(history))
    before = _html(tmp_path, "before", "--as-of", "2027-04-09", *options)
    assert 'id="trend"' not in before
    assert not history.exists()
    _html(tmp_path, "first", "--as-of", "2027-04-09", "--record", *options)
    page = _html(tmp_path, "plain", "--as-of", "2027-04-16", *options)
    # Recorded or not, the report is the same: this run stands in for its own date.
    assert page == _html(tmp_path, "recorded", "--as-of", "2027-04-16", "--record", *options)
    assert '<li><a href="#trend">Trend</a></li>' in page
    assert '<svg viewBox="0 0 640 250"' in page
    assert 'role="img" aria-labelledby="trend-chart-title trend-chart-desc"' in page
    assert re.search(
        r'<title id="trend-chart-title">Blockers and conditions of Riverside Community Services '
        r"- wave 1 by days to go-live</title>\n<desc id=\"trend-chart-desc\">2 assessments from "
        r"2027-04-09 \(10 days to go-live\) to 2027-04-16 \(3 days\): blockers 1 to 0, "
        r"conditions 0 to 0\. Projection, not a forecast: a straight line through 2 full ",
        page,
    )
    # The text alternative: every figure of the chart in a table.
    assert (
        '<tr><th scope="row" class="nowrap">2027-04-09</th><td class="num">10</td><td>NO-GO</td>'
        '<td class="num">1</td><td class="num">0</td><td class="num">1</td></tr>'
    ) in page
    assert "Closed: <code>GV-DATED-EVIDENCE</code> riverside-community" in page
    assert "<script" not in page
    # A later assessment is not in a report as of an earlier date.
    early = _html(tmp_path, "early", "--as-of", "2027-04-09", *options)
    assert 'id="trend"' not in early

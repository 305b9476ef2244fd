"""The graph analyses grow with the site, not with its square (counted in calls, not timed).

On a site where everything reaches everything through a hub, a search per system, interface
or failing item, or a path per pair, makes the work four times larger when the site doubles.
Counting the Python calls each step makes, on the same shape at two sizes, tells the two apart
deterministically; speed itself is measured in benchmarks/ (docs/benchmarks.md).
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from types import FrameType

import pytest

from readiness.clock import Clock
from readiness.graph import IntegrationGraph
from readiness.graph_checks import GRAPH_CHECKS
from readiness.impact import at_risk, impacts, not_ready
from readiness.model import build_model
from readiness.problems import Location
from readiness.result import Finding
from readiness.site_files import SiteSource
from tests.fan_site import fan_data

SMALL = 40
CLOCK = Clock(dt.date(2027, 1, 4), dt.date(2027, 3, 1))


def _graph(n: int) -> IntegrationGraph:
    source = SiteSource("fan", ["fan.yaml"], fan_data(n), {(): Location("fan.yaml", 1, 1)})
    return IntegrationGraph(build_model(source))


def _failing(graph: IntegrationGraph) -> list[Finding]:
    """Every sender's feed and every unit not ready: each reaches every unit and workflow.

    Each unit names every untested feed as its cause, as G-CRIT-UNTESTED does.
    """
    feeds = tuple(i.id for i in graph.model.interfaces if i.id.startswith("if-src-"))
    units = [s.id for s in graph.model.systems if s.id.startswith("unit-")]
    where = Location("fan.yaml", 1, 1)
    return [
        *(Finding("X-FEED", "Feed", "integration", "major", "fail", f, "m", where) for f in feeds),
        *(
            Finding("X-UNIT", "Unit", "integration", "major", "fail", u, "m", where, causes=feeds)
            for u in units
        ),
    ]


def _calls(step: Callable[[IntegrationGraph], object], n: int) -> int:
    graph = _graph(n)  # built outside the count; what it builds on first use is counted
    count = 0

    def counter(frame: FrameType, event: str, arg: object) -> None:
        nonlocal count
        count += event in ("call", "c_call")

    sys.setprofile(counter)
    try:
        step(graph)
    finally:
        sys.setprofile(None)
    return count


STEPS: dict[str, Callable[[IntegrationGraph], object]] = {
    "G-CRIT-UNTESTED": lambda g: GRAPH_CHECKS["crit_untested"].function(g, {}, CLOCK),
    "G-BLAST": lambda g: GRAPH_CHECKS["blast"].function(g, {"min_workflows": 5.0}, CLOCK),
    "not ready": lambda g: not_ready(_failing(g), g),
    "impacts": lambda g: impacts(_failing(g), g),
    "workflows at risk": lambda g: at_risk(_failing(g), g, impacts(_failing(g), g)),
}


@pytest.mark.parametrize("step", STEPS)
def test_doubling_the_site_at_most_doubles_the_work(step: str) -> None:
    small, large = _calls(STEPS[step], SMALL), _calls(STEPS[step], 2 * SMALL)
    # Linear work doubles (about 2.0); work per pair of items quadruples (about 4.0).
    assert large / small < 2.5, (small, large)


def test_the_untested_check_traces_paths_only_for_what_it_lists(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    searches: list[str] = []
    real = __import__("readiness.reachability", fromlist=["_search"])._search

    def counted(origin: str, links: dict[str, list[str]]) -> dict[str, str]:
        searches.append(origin)
        return real(origin, links)

    monkeypatch.setattr("readiness.reachability._search", counted)
    for n in (SMALL, 2 * SMALL):
        searches.clear()
        outcomes = STEPS["G-CRIT-UNTESTED"](_graph(n))
        assert isinstance(outcomes, list)
        # Every life-critical system (the hub and n units) depends on all n untested feeds...
        assert {o.values["count"] for o in outcomes} == {float(n)}
        # ...yet one search from each feed's receiver serves every path shown: the hub.
        assert searches == ["epr"]

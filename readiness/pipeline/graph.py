"""Load a site's integration graph: load -> validate -> model -> graph."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from readiness.graph import IntegrationGraph
from readiness.model import build_model
from readiness.pipeline.site import hidden_notes, load_site, site_inputs
from readiness.problems import Problem


@dataclass(frozen=True)
class GraphRun:
    """A site's graph (None on invalid input), the problems, and the files read."""

    graph: IntegrationGraph | None
    problems: tuple[Problem, ...]
    inputs: tuple[Path, ...]
    skipped: tuple[str, ...] = ()  # hidden entries below the site, with why


def load_graph(site: Path) -> GraphRun:
    """The graph of the site at `site`, or every problem that stops it being built."""
    source = load_site(site)
    inputs = tuple(site_inputs(site, source))
    skipped = tuple(hidden_notes(source))
    if source.problems:
        return GraphRun(None, tuple(source.problems), inputs, skipped)
    return GraphRun(IntegrationGraph(build_model(source)), (), inputs, skipped)

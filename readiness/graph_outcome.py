"""What a graph check says about one target, and the shape of a check function."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from readiness.clock import Clock
from readiness.graph import IntegrationGraph
from readiness.params import ParamValue
from readiness.problems import Location


@dataclass(frozen=True)
class Outcome:
    """A graph check's verdict on one target, with the values its message names."""

    target: str
    passed: bool
    values: dict[str, object]
    location: Location
    evidence: tuple[str, ...] = ()  # the first few items (`listing.SHOWN`)
    owner: object = None  # who answers for the target, as the site writes it
    # The graph items that make the target fail (a system that goes live too late, a
    # sequencing constraint `a>b`, an untested interface on the path), drawn as failing too.
    causes: tuple[str, ...] = ()
    evidence_more: int = 0  # evidence items beyond those listed


CheckFunction = Callable[[IntegrationGraph, Mapping[str, ParamValue], Clock], list[Outcome]]


def arrow_path(nodes: list[str]) -> str:
    """Nodes joined as a path: `a -> b -> c`."""
    return " -> ".join(nodes)

"""What every node of a directed graph reaches, or is reached from, in one pass, and shortest
paths found with one search per end, kept for reuse.

Through the EPR and the integration engine nearly every system of a site reaches nearly every
other, so a search of the whole graph per system, interface or failing item grows with the
square of the site. Nodes that reach each other (a strongly connected component) reach the
same nodes, so what a node reaches is gathered once per component, in the order of the graph
of components; nodes of one component share one set.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Hashable, Iterable, Mapping
from typing import Generic, TypeVar

import networkx as nx

T = TypeVar("T", bound=Hashable)


class Gathered(Generic[T]):
    """For each node, the labels of the nodes it reaches (or is reached from), itself included."""

    def __init__(self, component: Mapping[str, int], sets: Mapping[int, frozenset[T]]) -> None:
        self.component = component
        self._sets = sets

    def of(self, node: str) -> frozenset[T]:
        """The labels gathered for `node` (none for a node not in the graph)."""
        found = self.component.get(node)
        return frozenset() if found is None else self._sets[found]


class Components:
    """A graph's strongly connected components and the graph between them, worked out once."""

    def __init__(self, graph: nx.DiGraph) -> None:
        dag = nx.condensation(graph)
        self.component: dict[str, int] = dag.graph["mapping"]
        self._members: dict[int, list[str]] = {c: list(dag.nodes[c]["members"]) for c in dag}
        self._after: dict[int, list[int]] = {c: list(dag.successors(c)) for c in dag}
        self._before: dict[int, list[int]] = {c: list(dag.predecessors(c)) for c in dag}
        self._order: list[int] = list(nx.topological_sort(dag))

    def downstream(self, labels: Mapping[str, Iterable[T]]) -> Gathered[T]:
        """Each node's labels with those of every node it reaches."""
        return self._gather(labels, reversed(self._order), self._after)

    def upstream(self, labels: Mapping[str, Iterable[T]]) -> Gathered[T]:
        """Each node's labels with those of every node that reaches it."""
        return self._gather(labels, self._order, self._before)

    def _gather(
        self,
        labels: Mapping[str, Iterable[T]],
        order: Iterable[int],
        linked: Mapping[int, list[int]],
    ) -> Gathered[T]:
        sets: dict[int, frozenset[T]] = {}
        for c in order:  # every linked component comes first
            own = [label for node in self._members[c] for label in labels.get(node, ())]
            parts = [sets[d] for d in linked[c] if sets[d]]
            if not own and len(parts) == 1:
                sets[c] = parts[0]  # shared, not copied: a chain of components costs nothing
            else:
                sets[c] = frozenset(own).union(*parts)
        return Gathered(self.component, sets)


class ShortestPaths:
    """Shortest paths over a graph, with one breadth-first search per start or per end, kept.

    `from_start` suits many ends reached from few starts, `to_end` few ends reached from many
    starts; each gives a shortest path, ties broken by the graph's order of edges.
    """

    def __init__(self, graph: nx.DiGraph) -> None:
        self._after = {node: list(graph.successors(node)) for node in graph}
        self._before = {node: list(graph.predecessors(node)) for node in graph}
        self._from: dict[str, dict[str, str]] = {}
        self._to: dict[str, dict[str, str]] = {}

    def from_start(self, start: str, end: str) -> list[str] | None:
        """A shortest path from `start` to `end` (None when there is none), by a search from
        `start` that later calls with the same start reuse."""
        if start == end:
            return [start]
        if start not in self._from:
            self._from[start] = _search(start, self._after)
        back = self._from[start]
        if end not in back:
            return None
        path = [end]
        while path[-1] != start:
            path.append(back[path[-1]])
        return path[::-1]

    def to_end(self, start: str, end: str) -> list[str] | None:
        """A shortest path from `start` to `end` (None when there is none), by a search back
        from `end` that later calls with the same end reuse."""
        if start == end:
            return [start]
        if end not in self._to:
            self._to[end] = _search(end, self._before)
        onward = self._to[end]
        if start not in onward:
            return None
        path = [start]
        while path[-1] != end:
            path.append(onward[path[-1]])
        return path


def _search(origin: str, links: Mapping[str, list[str]]) -> dict[str, str]:
    """Breadth-first from `origin`: each node found, with the node it was found from."""
    found: dict[str, str] = {origin: origin}
    queue = deque([origin])
    while queue:
        node = queue.popleft()
        for other in links.get(node, ()):
            if other not in found:
                found[other] = node
                queue.append(other)
    return found

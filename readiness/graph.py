"""The integration dependency graph: systems are nodes, interfaces and sequencing are edges.

Data flows along interfaces from source to target. The integration engine named in `via`
carries the feed, so the target depends on it too (an edge from the engine to the target), but
the engine is not a meeting point of unrelated feeds: nothing flows from a sender through the
engine to every other receiver.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

import networkx as nx

from readiness.interop import delivery, is_engine
from readiness.model import Interface, SiteModel, System
from readiness.reachability import Components, Gathered, ShortestPaths


@dataclass(frozen=True)
class Reach:
    """What is reachable downstream of a start node, with a shortest path to each."""

    paths: dict[str, list[str]] = field(default_factory=dict)


class IntegrationGraph:
    """The site's data-flow graph and go-live sequencing graph, with their analyses."""

    def __init__(self, model: SiteModel) -> None:
        self.model = model
        self.systems: dict[str, System] = {s.id: s for s in model.systems}
        self.interfaces: dict[str, Interface] = {i.id: i for i in model.interfaces}
        self.flow = nx.MultiDiGraph()
        self.sequence = nx.DiGraph()
        for system in model.systems:
            self.flow.add_node(system.id)
            self.sequence.add_node(system.id)
        for interface in model.interfaces:
            for source, target in self.dependencies(interface):
                self.flow.add_edge(source, target, key=interface.id)
        for system in model.systems:
            for before in system.go_live_after:
                self.sequence.add_edge(before, system.id)
        # Per-system indexes, so that per-system checks stay linear in the site's size.
        self.inbound: dict[str, list[Interface]] = defaultdict(list)
        self.carried: dict[str, list[Interface]] = defaultdict(list)
        # What each system is delivered, by message (after transforms): feeds are followed
        # through engines by message, and an index keeps that linear.
        self.delivered: dict[str, dict[str, list[Interface]]] = defaultdict(dict)
        for interface in model.interfaces:
            self.inbound[interface.target].append(interface)
            for message in delivery(interface).messages:
                self.delivered[interface.target].setdefault(message, []).append(interface)
            for carrier in {interface.source, interface.via} - {None, interface.target}:
                assert carrier is not None
                self.carried[carrier].append(interface)
        # In-scope workflows (by position in the model) with a step on each system or over
        # each interface: what a failure reaches is found by look-ups, not by scanning steps.
        self.workflows_on: dict[str, set[int]] = defaultdict(set)
        self.workflows_over: dict[str, set[int]] = defaultdict(set)
        for index, workflow in enumerate(model.workflows):
            for step in workflow.steps if workflow.in_scope else ():
                if step.system:
                    self.workflows_on[step.system].add(index)
                if step.interface:
                    self.workflows_over[step.interface].add(index)

    # Built on first use, once per run: only the checks that follow data downstream pay.
    @cached_property
    def reached(self) -> Gathered[str]:
        """Each system with every system downstream of it in the flow graph."""
        return self._components.downstream({node: (node,) for node in self.flow})

    @cached_property
    def reached_workflows(self) -> Gathered[int]:
        """Each system with the in-scope workflows stepping on it or on what it reaches."""
        return self._components.downstream(self.workflows_on)

    @cached_property
    def paths(self) -> ShortestPaths:
        """Shortest paths over the flow graph."""
        return ShortestPaths(self.flow)

    @cached_property
    def _components(self) -> Components:
        return Components(self.flow)

    @staticmethod
    def hops(interface: Interface) -> list[tuple[str, str]]:
        """The edges an interface's messages travel."""
        if interface.via and interface.via not in (interface.source, interface.target):
            return [(interface.source, interface.via), (interface.via, interface.target)]
        return [(interface.source, interface.target)]

    @staticmethod
    def dependencies(interface: Interface) -> list[tuple[str, str]]:
        """What the target depends on for this feed: its sender, and the engine carrying it."""
        edges = [(interface.source, interface.target)]
        if interface.via and interface.via not in (interface.source, interface.target):
            edges.append((interface.via, interface.target))
        return edges

    def live_flow(self) -> nx.MultiDiGraph:
        """The flow graph of what runs on day one: retired interfaces and systems left out."""
        live = nx.MultiDiGraph()
        live.add_nodes_from(s.id for s in self.model.systems if s.in_service)
        for interface in self.model.interfaces:
            if not interface.in_service:
                continue
            for source, target in self.dependencies(interface):
                if source in live and target in live:
                    live.add_edge(source, target, key=interface.id)
        return live

    def downstream(self, start: str) -> dict[str, list[str]]:
        """Every system reachable from `start`, with a shortest path (start first)."""
        if start not in self.flow:
            return {}
        paths: dict[str, list[str]] = nx.single_source_shortest_path(self.flow, start)
        paths.pop(start, None)
        return dict(sorted(paths.items()))

    def upstream(self, node: str) -> set[str]:
        """Every system whose data reaches `node`."""
        return set(nx.ancestors(self.flow, node)) if node in self.flow else set()

    def sequencing_cycles(self) -> list[list[str]]:
        """Groups of systems whose go-live order is circular (never enumerates all cycles)."""
        if nx.is_directed_acyclic_graph(self.sequence):
            return []
        groups = [
            sorted(c)
            for c in nx.strongly_connected_components(self.sequence)
            if len(c) > 1 or any(self.sequence.has_edge(n, n) for n in c)
        ]
        return sorted(groups)

    def cycle_path(self, group: list[str]) -> list[str]:
        """One cycle through a circular group, in go-live order from its first system, closed."""
        edges = nx.find_cycle(self.sequence.subgraph(group), source=group[0])
        return [edges[0][0], *(target for _source, target in edges)]

    def feed_paths(
        self, interface: Interface, message: str, seen: frozenset[str] = frozenset()
    ) -> list[tuple[Interface, ...]]:
        """The chains of interfaces that bring `message` (as `interface` delivers it) from its
        real source: through each integration engine back to what feeds the engine with it.

        A chain starts at the real source and ends with `interface`; an engine that nothing
        feeds with the message is taken as its source.
        """
        engine = self.systems.get(interface.source)
        if not is_engine(engine) or interface.id in seen:
            return [(interface,)]
        sent = delivery(interface).sent_as.get(message, message)
        upstream = [u for u in self.delivered[interface.source].get(sent, ()) if u.id not in seen]
        if not upstream:
            return [(interface,)]
        return [
            (*chain, interface)
            for u in upstream
            for chain in self.feed_paths(u, sent, seen | {interface.id})
        ]

    def carriers(self, chain: tuple[Interface, ...]) -> list[str]:
        """The engines a chain passes through: each hop's `via` and each engine in the middle."""
        found = [i.via for i in chain if i.via] + [i.source for i in chain[1:]]
        return list(dict.fromkeys(s for s in found if s in self.systems))

    def effective_go_live(self, system_id: str) -> dt.date:
        """When a system is live: retained systems already are."""
        system = self.systems[system_id]
        if system.lifecycle == "retained":
            return dt.date.min
        return system.go_live

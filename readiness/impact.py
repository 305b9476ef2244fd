"""What each not-ready system or interface puts at risk downstream, and by which path.

At a large site nearly everything is downstream of nearly everything, so each impact lists
the first few systems and workflows (`listing.SHOWN`) and counts the rest, and each workflow
at risk lists the first few items that put it at risk. What is downstream is gathered once per
group of systems that reach one another (`IntegrationGraph.reached`), and a path is traced
only for what is listed.
"""

from __future__ import annotations

import heapq
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from readiness.graph import IntegrationGraph
from readiness.listing import SHOWN, first
from readiness.model import Workflow
from readiness.result import Finding, Impact, ImpactPath, RiskCause, WorkflowRisk


def not_ready(findings: list[Finding], graph: IntegrationGraph) -> dict[str, list[str]]:
    """System and interface ids, and sequencing constraints (`a>b`), that failing findings
    (waived or not) are about or name as their cause, each with the rules."""
    reasons: dict[str, set[str]] = defaultdict(set)
    # Systems that reach one another share one tuple of causes (G-CRIT-UNTESTED): a rule's
    # tuple is read once, so the work grows with the site, not with its square.
    read: set[tuple[str, tuple[str, ...]]] = set()
    for finding in findings:
        if not finding.failing:
            continue
        fresh = (finding.rule, finding.causes) not in read
        read.add((finding.rule, finding.causes))
        for item in (finding.target, *(finding.causes if fresh else ())):
            if item in graph.systems or item in graph.interfaces or _sequencing(item, graph):
                reasons[item].add(finding.rule)
    return {target: sorted(rules) for target, rules in sorted(reasons.items())}


def _sequencing(item: str, graph: IntegrationGraph) -> bool:
    before, _, after = item.partition(">")
    return before in graph.systems and after in graph.systems


@dataclass(frozen=True)
class _Source:
    """A not-ready item, followed downstream from the system its failure reaches first."""

    kind: str  # system or interface
    id: str
    name: str
    reasons: tuple[str, ...]
    start: str  # the system itself, or the interface's receiver
    lead: tuple[str, ...]  # an interface's sender and engine, which its paths start with
    interfaces: tuple[str, ...]  # the interface itself


def _sources(findings: list[Finding], graph: IntegrationGraph) -> list[_Source]:
    out = []
    for target, reasons in not_ready(findings, graph).items():
        if _sequencing(target, graph):
            continue  # drawn on the graph; what it puts at risk is its systems' impact
        if target in graph.systems:
            name = graph.systems[target].name
            out.append(_Source("system", target, name, tuple(reasons), target, (target,), ()))
        else:
            interface = graph.interfaces[target]
            lead = (interface.source, *([interface.via] if interface.via else []))
            out.append(
                _Source(
                    "interface",
                    target,
                    interface.name,
                    tuple(reasons),
                    interface.target,
                    lead,
                    (target,),
                )
            )
    return out


class _Downstream:
    """What is downstream of each start, sorted once per group of systems that reach one
    another: in-service systems by id, in-scope workflows in the site's order."""

    def __init__(self, graph: IntegrationGraph) -> None:
        self.graph = graph
        self._systems: dict[int, tuple[str, ...]] = {}
        self._workflows: dict[int, tuple[int, ...]] = {}

    def systems(self, start: str) -> tuple[str, ...]:
        """The in-service systems reached from `start`, itself included, by id."""
        graph = self.graph
        group = graph.reached.component.get(start, -1)
        if group not in self._systems:
            found = graph.reached.of(start)
            self._systems[group] = tuple(sorted(n for n in found if graph.systems[n].in_service))
        return self._systems[group]

    def workflows(self, source: _Source) -> tuple[tuple[int, ...], list[int]]:
        """The workflows on what the start reaches, and those only the interface itself adds."""
        graph = self.graph
        group = graph.reached_workflows.component.get(source.start, -1)
        reached = graph.reached_workflows.of(source.start)
        if group not in self._workflows:
            self._workflows[group] = tuple(sorted(reached))
        over = {w for i in source.interfaces for w in graph.workflows_over.get(i, ())}
        return self._workflows[group], sorted(over - reached)


def impacts(findings: list[Finding], graph: IntegrationGraph) -> tuple[Impact, ...]:
    """The downstream impact of every not-ready system and interface."""
    downstream = _Downstream(graph)
    return tuple(_impact(source, graph, downstream) for source in _sources(findings, graph))


# How a path is found: many starts reach the few systems an impact lists, so its paths are
# searched back from each end; the few items a workflow at risk lists reach many workflows,
# so theirs are searched from each start. Either is a shortest path.
Trace = Callable[[str, str], list[str] | None]


def _impact(source: _Source, graph: IntegrationGraph, downstream: _Downstream) -> Impact:
    reached = downstream.systems(source.start)
    total = len(reached)
    if source.kind == "system" and graph.systems[source.id].in_service:
        total -= 1  # a failing system is not at risk from itself; an interface's receiver is
    trace = graph.paths.to_end
    systems = tuple(
        ImpactPath("system", node, graph.systems[node].name, _path(source, node, trace))
        for node in first(n for n in reached if n != source.id)
    )
    around, extra = downstream.workflows(source)
    workflows = tuple(
        _workflow_path(source, graph, graph.model.workflows[i], trace)
        for i in first(heapq.merge(around, extra))
    )
    return Impact(
        source.kind,
        source.id,
        source.name,
        source.reasons,
        systems,
        workflows,
        total - len(systems),
        len(around) + len(extra) - len(workflows),
    )


def at_risk(
    findings: list[Finding], graph: IntegrationGraph, found: tuple[Impact, ...]
) -> tuple[WorkflowRisk, ...]:
    """Every workflow put at risk, with the first few items that put it at risk (in the order
    of the impacts `found`) and a count of the rest."""
    downstream = _Downstream(graph)
    workflows = graph.model.workflows
    # A path an impact shows is shown the same here; the others are traced from their start.
    shown = {i.id: {p.id: p.path for p in i.workflows} for i in found}
    counts: Counter[int] = Counter()
    causes: dict[int, list[RiskCause]] = defaultdict(list)
    listing = set(range(len(workflows)))  # workflows that still list their causes
    for source in _sources(findings, graph):
        around, extra = downstream.workflows(source)
        counts.update(around)
        counts.update(extra)
        reached = graph.reached_workflows.of(source.start)
        for index in (listing & reached) | listing.intersection(extra):
            workflow = workflows[index]
            path = (
                shown.get(source.id, {}).get(workflow.id)
                or _workflow_path(source, graph, workflow, graph.paths.from_start).path
            )
            causes[index].append(
                RiskCause(source.kind, source.id, source.name, source.reasons, path)
            )
            if len(causes[index]) == SHOWN:
                listing.discard(index)
    return tuple(
        WorkflowRisk(w.id, w.name, tuple(causes[i]), counts[i] - len(causes[i]))
        for i, w in enumerate(workflows)
        if counts[i]
    )


def _path(source: _Source, node: str, trace: Trace) -> tuple[str, ...]:
    """The path from the not-ready item to `node`, downstream of its start."""
    path = trace(source.start, node) or [node]
    if source.kind == "interface":
        return tuple(_join(list(source.lead), path))
    return tuple(path)


def _workflow_path(
    source: _Source, graph: IntegrationGraph, workflow: Workflow, trace: Trace
) -> ImpactPath:
    reached = graph.reached.of(source.start)
    step = next(
        s for s in workflow.steps if s.system in reached or s.interface in source.interfaces
    )
    if step.interface in source.interfaces:
        route = [*source.lead, step.system or source.start]
    else:
        route = list(_path(source, step.system or source.start, trace))
    return ImpactPath(
        "workflow", workflow.id, workflow.name, (*route, f"step {step.index + 1}: {step.name}")
    )


def _join(prefix: list[str], path: list[str]) -> list[str]:
    if prefix and path and prefix[-1] == path[0]:
        return [*prefix, *path[1:]]
    return [*prefix, *path]

"""What each not-ready system or interface puts at risk downstream, and by which path."""

from __future__ import annotations

from collections import defaultdict

from readiness.graph import IntegrationGraph
from readiness.result import Finding, Impact, ImpactPath


def not_ready(findings: list[Finding], graph: IntegrationGraph) -> dict[str, list[str]]:
    """System and interface ids, and sequencing constraints (`a>b`), that failing findings
    (waived or not) are about or name as their cause, each with the rules."""
    reasons: dict[str, set[str]] = defaultdict(set)
    for finding in findings:
        if not finding.failing:
            continue
        for item in (finding.target, *finding.causes):
            if item in graph.systems or item in graph.interfaces or _sequencing(item, graph):
                reasons[item].add(finding.rule)
    return {target: sorted(rules) for target, rules in sorted(reasons.items())}


def _sequencing(item: str, graph: IntegrationGraph) -> bool:
    before, _, after = item.partition(">")
    return before in graph.systems and after in graph.systems


def impacts(findings: list[Finding], graph: IntegrationGraph) -> tuple[Impact, ...]:
    """The downstream impact of every not-ready system and interface."""
    out = []
    for target, reasons in not_ready(findings, graph).items():
        if _sequencing(target, graph):
            continue  # drawn on the graph; what it puts at risk is its systems' impact
        if target in graph.systems:
            system = graph.systems[target]
            out.append(_impact("system", target, system.name, reasons, graph, target, [target], []))
        else:
            interface = graph.interfaces[target]
            start = [interface.source, *([interface.via] if interface.via else [])]
            out.append(
                _impact(
                    "interface",
                    target,
                    interface.name,
                    reasons,
                    graph,
                    interface.target,
                    start,
                    [target],
                )
            )
    return tuple(out)


def _impact(
    kind: str,
    target: str,
    name: str,
    reasons: list[str],
    graph: IntegrationGraph,
    start: str,
    lead: list[str],
    interfaces: list[str],
) -> Impact:
    reach = graph.downstream(start)
    paths: dict[str, list[str]] = {start: [start]} if kind == "interface" else {}
    paths.update(reach)
    prefix = lead if kind == "interface" else []
    systems = tuple(
        ImpactPath("system", node, graph.systems[node].name, tuple(_join(prefix, path)))
        for node, path in sorted(paths.items())
        if node in graph.systems and node != target and graph.systems[node].in_service
    )
    affected_systems = set(paths) | ({target} if kind == "system" else set())
    workflows = []
    for workflow in graph.workflows_touching(affected_systems, interfaces):
        step = next(
            s for s in workflow.steps if s.system in affected_systems or s.interface in interfaces
        )
        if step.interface in interfaces:
            route = [*lead, step.system or start]
        else:
            node = step.system or start
            route = _join(prefix, paths.get(node, [node]))
        workflows.append(
            ImpactPath(
                "workflow",
                workflow.id,
                workflow.name,
                tuple([*route, f"step {step.index + 1}: {step.name}"]),
            )
        )
    return Impact(kind, target, name, tuple(reasons), systems, tuple(workflows))


def _join(prefix: list[str], path: list[str]) -> list[str]:
    if prefix and path and prefix[-1] == path[0]:
        return [*prefix, *path[1:]]
    return [*prefix, *path]

"""Checks over the integration graph, declared to the engine by rule files (`check: name`).

Each check returns one outcome per target it looks at; the rule file supplies the metadata,
the message template and any severity condition over the outcome's fields.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import networkx as nx

from readiness.clock import Clock
from readiness.fields import Field
from readiness.graph import IntegrationGraph
from readiness.params import ParamValue, number
from readiness.problems import Location


@dataclass(frozen=True)
class Outcome:
    """A graph check's verdict on one target, with the values its message names."""

    target: str
    passed: bool
    values: dict[str, object]
    location: Location
    evidence: tuple[str, ...] = ()
    owner: str | None = None


CheckFunction = Callable[[IntegrationGraph, Mapping[str, ParamValue], Clock], list[Outcome]]


@dataclass(frozen=True)
class GraphCheck:
    """A registered check: its function, the fields its outcomes carry, the parameters it reads.

    The parameters' defaults are written in the rule file only; a rule without one is an error.
    """

    function: CheckFunction
    fields: Mapping[str, Field] = field(default_factory=dict)
    params: tuple[str, ...] = ()
    # The site fields the check reads, as schema paths (`systems[].go_live`).
    reads: tuple[str, ...] = ()


def _path(nodes: list[str]) -> str:
    return " -> ".join(nodes)


def crit_untested(
    graph: IntegrationGraph, params: Mapping[str, ParamValue], clock: Clock
) -> list[Outcome]:
    """Life-critical systems that depend, directly or not, on an interface without a passed E2E."""
    out = []
    live = graph.live_flow()
    for system in graph.model.systems:
        if system.criticality != "life-critical" or not system.in_service:
            continue
        feeders = (
            (set(live.predecessors(system.id)) | _ancestors(live, system.id))
            if system.id in live
            else set()
        )
        reach = feeders | {system.id}
        untested: dict[str, list[str]] = {}
        for interface in graph.model.interfaces:
            if not interface.in_service or interface.e2e_passed:
                continue
            if interface.target in reach and interface.source in live:
                path = _shortest(live, interface.target, system.id)
                untested[interface.id] = [interface.source, *path]
        ids = sorted(untested)
        out.append(
            Outcome(
                system.id,
                not ids,
                {
                    "name": system.name,
                    "untested": ", ".join(ids),
                    "count": float(len(ids)),
                },
                system.record.location,
                tuple(f"{i}: {_path(untested[i])}" for i in ids),
            )
        )
    return out


def _ancestors(graph: nx.MultiDiGraph, node: str) -> set[str]:
    return set(nx.ancestors(graph, node))


def _shortest(graph: nx.MultiDiGraph, start: str, end: str) -> list[str]:
    try:
        return list(nx.shortest_path(graph, start, end))
    except (nx.NetworkXNoPath, nx.NodeNotFound):
        return [start, end] if start != end else [start]


def wf_untested_hop(
    graph: IntegrationGraph, params: Mapping[str, ParamValue], clock: Clock
) -> list[Outcome]:
    """Workflow steps that cross an interface no executed E2E campaign covers."""
    covered: set[str] = set()
    for campaign in graph.model.records("test_campaigns"):
        if campaign.get("type") == "e2e" and (campaign.get("scripts_executed") or 0) > 0:
            covered.update(campaign.get("interfaces") or ())
    out = []
    for workflow in graph.model.workflows:
        hops = [s for s in workflow.steps if s.interface]
        if not workflow.in_scope or not hops:
            continue
        gaps = [s for s in hops if s.interface not in covered]
        gap_ids = sorted({s.interface for s in gaps if s.interface})
        out.append(
            Outcome(
                workflow.id,
                not gaps,
                {
                    "name": workflow.name,
                    "critical": workflow.critical,
                    "untested": ", ".join(gap_ids),
                    "count": float(len(gap_ids)),
                },
                gaps[0].record.where("interface") if gaps else workflow.record.location,
                tuple(f"step {s.index + 1} '{s.name}' crosses {s.interface}" for s in gaps),
                workflow.record.get("owner"),
            )
        )
    return out


def spof(graph: IntegrationGraph, params: Mapping[str, ParamValue], clock: Clock) -> list[Outcome]:
    """A component without HA whose loss cuts life-critical systems off their feeds."""
    minimum = int(number(params, "min_systems"))
    life_critical = {
        s.id for s in graph.model.systems if s.criticality == "life-critical" and s.in_service
    }
    out = []
    for component in graph.model.systems:
        if not component.in_service:
            continue
        cut: dict[str, list[str]] = {}
        for interface in graph.carried[component.id]:
            if interface.in_service and interface.target in life_critical:
                cut.setdefault(interface.target, []).append(interface.id)
        if len(cut) < minimum:
            continue
        ids = sorted(cut)
        out.append(
            Outcome(
                component.id,
                component.high_availability,
                {
                    "name": component.name,
                    "systems": ", ".join(ids),
                    "count": float(len(ids)),
                    "downtime_procedure": component.downtime_procedure,
                },
                component.record.where("resilience"),
                tuple(f"{t} via {', '.join(sorted(cut[t]))}" for t in ids),
                component.record.get("owner_after_hypercare"),
            )
        )
    return out


def seq_cycle(
    graph: IntegrationGraph, params: Mapping[str, ParamValue], clock: Clock
) -> list[Outcome]:
    """Circular go-live sequencing (checked with strongly connected components)."""
    cycles = graph.sequencing_cycles()
    site = graph.model.site
    if not cycles:
        return [Outcome(site.id, True, {"name": site.name, "cycle": ""}, site.record.location)]
    out = []
    for group in cycles:
        first = graph.systems[group[0]]
        out.append(
            Outcome(
                group[0],
                False,
                {"name": first.name, "cycle": " -> ".join([*group, group[0]])},
                first.record.where("go_live_after"),
                tuple(
                    f"{s} must go live after {', '.join(graph.systems[s].go_live_after)}"
                    for s in group
                ),
            )
        )
    return out


def seq_order(
    graph: IntegrationGraph, params: Mapping[str, ParamValue], clock: Clock
) -> list[Outcome]:
    """A system scheduled to go live before a system that feeds it or that it must follow."""
    out = []
    for system in graph.model.systems:
        if not system.in_service or system.lifecycle == "retained":
            continue
        needs: dict[str, str] = {}
        for interface in graph.inbound[system.id]:
            if not interface.in_service:
                continue
            for feeder in (interface.source, interface.via):
                if feeder and feeder in graph.systems and feeder != system.id:
                    needs.setdefault(feeder, f"feeds it over {interface.id}")
        for before in system.go_live_after:
            if before in graph.systems:
                needs.setdefault(before, "must go live first")
        if not needs:
            continue
        late = sorted(
            f
            for f in needs
            if graph.systems[f].in_service and graph.effective_go_live(f) > system.go_live
        )
        out.append(
            Outcome(
                system.id,
                not late,
                {
                    "name": system.name,
                    "go_live": system.go_live.isoformat(),
                    "late": ", ".join(
                        f"{f} ({graph.systems[f].go_live.isoformat()})" for f in late
                    ),
                },
                system.record.where("go_live"),
                tuple(f"{f} {needs[f]}, live {graph.systems[f].go_live.isoformat()}" for f in late),
                system.record.get("owner_after_hypercare"),
            )
        )
    return out


def orphan(
    graph: IntegrationGraph, params: Mapping[str, ParamValue], clock: Clock
) -> list[Outcome]:
    """A system that expects messages nothing will send on day one."""
    out = []
    for system in graph.model.systems:
        if not system.in_service:
            continue
        inbound = graph.inbound[system.id]
        if not inbound:
            continue
        dead = sorted(
            i.id
            for i in inbound
            if not i.in_service
            or not graph.systems[i.source].in_service
            or (i.via is not None and not graph.systems[i.via].in_service)
        )
        live = [i for i in inbound if i.id not in dead]
        out.append(
            Outcome(
                system.id,
                bool(live),
                {"name": system.name, "dead": ", ".join(dead)},
                system.record.location,
                tuple(f"{i} has no live sender on day one" for i in dead),
            )
        )
    return out


def fallback(
    graph: IntegrationGraph, params: Mapping[str, ParamValue], clock: Clock
) -> list[Outcome]:
    """Every step on a critical workflow has a paper or read-only fallback."""
    out = []
    for workflow in graph.model.workflows:
        if not workflow.in_scope or not workflow.critical:
            continue
        bare = []
        for step in workflow.steps:
            system = graph.systems.get(step.system or "")
            covered = bool(step.fallback) or (
                system is not None
                and bool((system.record.get("resilience") or {}).get("read_only_copy"))
            )
            if not covered:
                bare.append(step)
        out.append(
            Outcome(
                workflow.id,
                not bare,
                {
                    "name": workflow.name,
                    "steps": ", ".join(f"{s.index + 1} '{s.name}'" for s in bare),
                    "count": float(len(bare)),
                },
                bare[0].record.location if bare else workflow.record.location,
                tuple(f"step {s.index + 1} '{s.name}' on {s.system or 'no system'}" for s in bare),
                workflow.record.get("owner"),
            )
        )
    return out


def blast(graph: IntegrationGraph, params: Mapping[str, ParamValue], clock: Clock) -> list[Outcome]:
    """An interface whose failure affects many critical workflows has a playbook and monitoring."""
    threshold = int(number(params, "min_workflows"))
    out = []
    for interface in graph.model.interfaces:
        if not interface.in_service:
            continue
        reached = set(graph.downstream(interface.target)) | {interface.target}
        affected = sorted(
            w.id for w in graph.workflows_touching(reached, [interface.id]) if w.critical
        )
        if len(affected) < threshold:
            continue
        monitoring = interface.record.get("monitoring") or {}
        ready = bool(interface.record.get("downtime_playbook")) and bool(monitoring.get("alerting"))
        out.append(
            Outcome(
                interface.id,
                ready,
                {
                    "name": interface.name,
                    "workflows": ", ".join(affected),
                    "count": float(len(affected)),
                },
                interface.record.location,
                tuple(f"affects {w}" for w in affected),
                monitoring.get("owner"),
            )
        )
    return out


_NAME = {"name": Field("string", "The target's name.")}

GRAPH_CHECKS: Mapping[str, GraphCheck] = {
    "crit_untested": GraphCheck(
        crit_untested,
        {
            **_NAME,
            "untested": Field("string", "Untested interfaces it depends on."),
            "count": Field("number", "How many."),
        },
    ),
    "wf_untested_hop": GraphCheck(
        wf_untested_hop,
        {
            **_NAME,
            "critical": Field("boolean", "The workflow is critical."),
            "untested": Field("string", "Interfaces crossed without an executed E2E test."),
            "count": Field("number", "How many."),
        },
    ),
    "spof": GraphCheck(
        spof,
        {
            **_NAME,
            "systems": Field("string", "Life-critical systems it would cut off."),
            "count": Field("number", "How many."),
            "downtime_procedure": Field("boolean", "A downtime procedure is documented."),
        },
        ("min_systems",),
    ),
    "seq_cycle": GraphCheck(seq_cycle, {**_NAME, "cycle": Field("string", "The circular order.")}),
    "seq_order": GraphCheck(
        seq_order,
        {
            **_NAME,
            "go_live": Field("string", "The system's go-live date."),
            "late": Field("string", "Systems it needs that go live later."),
        },
    ),
    "orphan": GraphCheck(
        orphan, {**_NAME, "dead": Field("string", "Inbound interfaces with no live sender.")}
    ),
    "fallback": GraphCheck(
        fallback,
        {
            **_NAME,
            "steps": Field("string", "Steps without a fallback."),
            "count": Field("number", "How many."),
        },
    ),
    "blast": GraphCheck(
        blast,
        {
            **_NAME,
            "workflows": Field("string", "Critical workflows affected."),
            "count": Field("number", "How many."),
        },
        ("min_workflows",),
    ),
}

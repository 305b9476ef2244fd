"""Graph checks about workflows: each step's interface tested, in service and with a fallback."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from readiness.clock import Clock
from readiness.graph import IntegrationGraph
from readiness.graph_outcome import Outcome
from readiness.model import Step, stated_text
from readiness.params import ParamValue


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
                tuple(gap_ids),
            )
        )
    return out


def _not_live(graph: IntegrationGraph, system_id: str, day: dt.date) -> str | None:
    """Why a system is not in service on `day`, or None."""
    system = graph.systems[system_id]
    if not system.in_service:
        return f"{system_id} is {system.lifecycle}"
    if graph.effective_go_live(system_id) > day:
        return f"{system_id} goes live on {system.go_live.isoformat()}"
    return None


def _step_gaps(graph: IntegrationGraph, step: Step, day: dt.date) -> list[str]:
    if not step.system and not step.interface:
        # What the step runs on is the evidence; unstated, nothing shows it is in service.
        return ["names no system or interface (not stated)"]
    gaps = []
    if step.system and (why := _not_live(graph, step.system, day)):
        gaps.append(why)
    interface = graph.interfaces.get(step.interface or "")
    if interface is not None:
        if not interface.in_service:
            gaps.append(f"{interface.id} is {interface.lifecycle}")
        ends = dict.fromkeys(e for e in (interface.source, interface.via, interface.target) if e)
        gaps.extend(
            f"{interface.id}: {why}"
            for end in ends
            if end != step.system and (why := _not_live(graph, end, day))
        )
    return gaps


def _live_causes(graph: IntegrationGraph, steps: list[Step], day: dt.date) -> tuple[str, ...]:
    """What is not in service on `day` under the steps: systems, and interfaces that need them."""
    causes: list[str] = []
    for step in steps:
        if step.system and _not_live(graph, step.system, day):
            causes.append(step.system)
        interface = graph.interfaces.get(step.interface or "")
        if interface is None:
            continue
        ends = [e for e in (interface.source, interface.via, interface.target) if e]
        down = [e for e in ends if e != step.system and _not_live(graph, e, day)]
        if down or not interface.in_service:
            causes.extend([*down, interface.id])
    return tuple(dict.fromkeys(causes))


def wf_step_live(
    graph: IntegrationGraph, params: Mapping[str, ParamValue], clock: Clock
) -> list[Outcome]:
    """Workflow steps whose system or interface is not in service on the workflow's go-live."""
    out = []
    for workflow in graph.model.workflows:
        if not workflow.in_scope or workflow.record.get("change") == "retired":
            continue
        gaps = [(s, _step_gaps(graph, s, workflow.go_live)) for s in workflow.steps]
        bad = [(s, g) for s, g in gaps if g]
        out.append(
            Outcome(
                workflow.id,
                not bad,
                {
                    "name": workflow.name,
                    "critical": workflow.critical,
                    "go_live": workflow.go_live.isoformat(),
                    "steps": "; ".join(f"{s.index + 1} '{s.name}': {', '.join(g)}" for s, g in bad),
                    "count": float(len(bad)),
                },
                bad[0][0].record.location if bad else workflow.record.location,
                tuple(f"step {s.index + 1} '{s.name}': {', '.join(g)}" for s, g in bad),
                workflow.record.get("owner"),
                _live_causes(graph, [s for s, _ in bad], workflow.go_live),
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
            covered = bool(stated_text(step.fallback)) or (
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

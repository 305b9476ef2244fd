"""Checks over the integration graph, declared to the engine by rule files (`check: name`).

Each check returns one outcome per target it looks at; the rule file supplies the metadata,
the message template and any severity condition over the outcome's fields.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field

from readiness.clock import Clock
from readiness.feed_checks import compat, orphan, seq_cycle, seq_order
from readiness.fields import Field
from readiness.graph import IntegrationGraph
from readiness.graph_outcome import CheckFunction, Outcome, arrow_path
from readiness.listing import first, rest
from readiness.model import stated_text
from readiness.params import ParamValue, number
from readiness.reachability import Components, ShortestPaths
from readiness.workflow_checks import fallback, wf_step_live, wf_untested_hop


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


def crit_untested(
    graph: IntegrationGraph, params: Mapping[str, ParamValue], clock: Clock
) -> list[Outcome]:
    """Life-critical systems that depend, directly or not, on an interface without a passed E2E."""
    live = graph.live_flow()
    # Turned round: each untested interface is a label on the system it feeds, and every
    # system gathers the labels of all that reaches it, once per group of systems that reach
    # one another; paths are then traced for the interfaces a finding shows, not for all.
    untested: dict[str, list[str]] = defaultdict(list)
    for interface in graph.model.interfaces:
        if interface.in_service and not interface.e2e_passed and interface.source in live:
            untested[interface.target].append(interface.id)
    upstream = Components(live).upstream(untested)
    paths = ShortestPaths(live)
    ordered: dict[int, tuple[str, ...]] = {}
    out = []
    for system in graph.model.systems:
        if system.criticality != "life-critical" or not system.in_service:
            continue
        group = upstream.component[system.id]
        if group not in ordered:
            ordered[group] = tuple(sorted(upstream.of(system.id)))
        ids = ordered[group]
        out.append(
            Outcome(
                system.id,
                not ids,
                {"name": system.name, "untested": ids, "count": float(len(ids))},
                system.record.location,
                tuple(f"{i}: {_untested_path(graph, paths, i, system.id)}" for i in first(ids)),
                evidence_more=rest(len(ids)),
                causes=ids,  # one tuple shared by the systems that reach one another
            )
        )
    return out


def _untested_path(
    graph: IntegrationGraph, paths: ShortestPaths, interface_id: str, end: str
) -> str:
    interface = graph.interfaces[interface_id]
    path = paths.from_start(interface.target, end) or [interface.target, end]
    return arrow_path([interface.source, *path])


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


def blast(graph: IntegrationGraph, params: Mapping[str, ParamValue], clock: Clock) -> list[Outcome]:
    """An interface whose failure affects many critical workflows has a playbook and monitoring."""
    threshold = int(number(params, "min_workflows"))
    workflows = graph.model.workflows
    reached = graph.reached_workflows
    # The critical workflows downstream of each group of systems that reach one another,
    # worked out once per group, not once per interface.
    downstream: dict[int, tuple[str, ...]] = {}
    out = []
    for interface in graph.model.interfaces:
        if not interface.in_service:
            continue
        group = reached.component.get(interface.target, -1)
        if group not in downstream:
            found = reached.of(interface.target)
            downstream[group] = tuple(
                sorted(workflows[i].id for i in found if workflows[i].critical)
            )
        affected = downstream[group]
        over = graph.workflows_over.get(interface.id, set()) - reached.of(interface.target)
        if any(workflows[i].critical for i in over):
            affected = tuple(
                sorted([*affected, *(workflows[i].id for i in over if workflows[i].critical)])
            )
        if len(affected) < threshold:
            continue
        monitoring = interface.record.get("monitoring") or {}
        ready = bool(stated_text(interface.record.get("downtime_playbook"))) and bool(
            monitoring.get("alerting")
        )
        out.append(
            Outcome(
                interface.id,
                ready,
                {"name": interface.name, "workflows": affected, "count": float(len(affected))},
                interface.record.location,
                tuple(f"affects {w}" for w in first(affected)),
                monitoring.get("owner"),
                evidence_more=rest(len(affected)),
            )
        )
    return out


_NAME = {"name": Field("string", "The target's name.")}

GRAPH_CHECKS: Mapping[str, GraphCheck] = {
    "crit_untested": GraphCheck(
        crit_untested,
        {
            **_NAME,
            "untested": Field("strings", "Untested interfaces it depends on."),
            "count": Field("number", "How many."),
        },
        reads=(
            "systems[].criticality",
            "systems[].lifecycle",
            "interfaces[].lifecycle",
            "interfaces[].tests.e2e",
        ),
    ),
    "wf_untested_hop": GraphCheck(
        wf_untested_hop,
        {
            **_NAME,
            "critical": Field("boolean", "The workflow is critical."),
            "untested": Field("string", "Interfaces crossed without an executed E2E test."),
            "count": Field("number", "How many."),
        },
        reads=(
            "workflows[].in_scope",
            "workflows[].criticality",
            "workflows[].owner",
            "workflows[].steps[].interface",
            "test_campaigns[].type",
            "test_campaigns[].scripts_executed",
            "test_campaigns[].interfaces",
        ),
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
        reads=(
            "systems[].lifecycle",
            "systems[].criticality",
            "systems[].resilience.high_availability",
            "systems[].resilience.downtime_procedure",
            "systems[].owner_after_hypercare",
            "interfaces[].lifecycle",
        ),
    ),
    "seq_cycle": GraphCheck(
        seq_cycle,
        {**_NAME, "cycle": Field("string", "The circular order, as a path.")},
        reads=("systems[].go_live_after",),
    ),
    "seq_order": GraphCheck(
        seq_order,
        {
            **_NAME,
            "go_live": Field("string", "The system's go-live date."),
            "late": Field("string", "Systems it needs that go live later."),
        },
        reads=(
            "systems[].lifecycle",
            "systems[].category",
            "systems[].go_live",
            "systems[].go_live_after",
            "interfaces[].lifecycle",
            "interfaces[].messages",
            "interfaces[].transform.messages",
        ),
    ),
    "orphan": GraphCheck(
        orphan,
        {
            **_NAME,
            "orphaned": Field("string", "Each needed message type with no live sender, and why."),
            "count": Field("number", "How many."),
            "critical_orders_results": Field(
                "boolean",
                "An orphaned type is an order or result and the system is on a step "
                "of a critical workflow.",
            ),
        },
        reads=(
            "systems[].lifecycle",
            "systems[].category",
            "systems[].interop.needs",
            "interfaces[].lifecycle",
            "interfaces[].messages",
            "interfaces[].carries_clinical_data",
            "interfaces[].transform.messages",
            "workflows[].in_scope",
            "workflows[].criticality",
            "workflows[].change",
            "workflows[].steps[].system",
        ),
    ),
    "compat": GraphCheck(
        compat,
        {
            **_NAME,
            "route": Field("string", "Sender -> receiver."),
            "receiver_life_critical": Field("boolean", "The receiver is life-critical."),
            "problems": Field(
                "string", "What the receiver does not accept, or what is not stated."
            ),
        },
        reads=(
            "systems[].lifecycle",
            "systems[].category",
            "systems[].criticality",
            "systems[].interop.hl7v2",
            "systems[].interop.fhir",
            "systems[].interop.dicom",
            "interfaces[].lifecycle",
            "interfaces[].standard",
            "interfaces[].version",
            "interfaces[].messages",
            "interfaces[].carries_clinical_data",
            "interfaces[].transform",
            "interfaces[].monitoring.owner",
        ),
    ),
    "wf_step_live": GraphCheck(
        wf_step_live,
        {
            **_NAME,
            "critical": Field("boolean", "The workflow is critical."),
            "go_live": Field("string", "The workflow's go-live date."),
            "steps": Field("string", "Steps whose system or interface is not in service then."),
            "count": Field("number", "How many."),
        },
        reads=(
            "workflows[].in_scope",
            "workflows[].change",
            "workflows[].go_live",
            "workflows[].criticality",
            "workflows[].owner",
            "workflows[].steps[].system",
            "workflows[].steps[].interface",
            "systems[].lifecycle",
            "systems[].go_live",
            "interfaces[].lifecycle",
        ),
    ),
    "fallback": GraphCheck(
        fallback,
        {
            **_NAME,
            "steps": Field("string", "Steps without a fallback."),
            "count": Field("number", "How many."),
        },
        reads=(
            "workflows[].in_scope",
            "workflows[].criticality",
            "workflows[].owner",
            "workflows[].steps[].system",
            "workflows[].steps[].fallback",
            "systems[].resilience.read_only_copy",
        ),
    ),
    "blast": GraphCheck(
        blast,
        {
            **_NAME,
            "workflows": Field("strings", "Critical workflows affected."),
            "count": Field("number", "How many."),
        },
        ("min_workflows",),
        reads=(
            "interfaces[].lifecycle",
            "interfaces[].downtime_playbook",
            "interfaces[].monitoring.alerting",
            "interfaces[].monitoring.owner",
            "workflows[].in_scope",
            "workflows[].criticality",
            "workflows[].steps[].system",
            "workflows[].steps[].interface",
        ),
    ),
}

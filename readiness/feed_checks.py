"""Graph checks that follow feeds message by message: IF-COMPAT, G-ORPHAN and G-SEQ-ORDER.

A feed is followed through integration engines to its real source (`IntegrationGraph.
feed_paths`); what a system sends, accepts and needs is what it states in `interop`.
"""

from __future__ import annotations

from collections.abc import Mapping
from itertools import pairwise

from readiness.clock import Clock
from readiness.graph import IntegrationGraph
from readiness.graph_outcome import Outcome, arrow_path
from readiness.interop import (
    LABELS,
    capability,
    clinical,
    delivery,
    is_engine,
    needs,
    orders_or_results,
    transform,
)
from readiness.model import Interface, System
from readiness.params import ParamValue


def _unstated(path: str, what: str) -> str:
    return f"`{path}` is not stated ({what})"


def _stated_ends(interface: Interface, sender: System, receiver: System) -> list[str]:
    """What IF-COMPAT needs and the site does not state, in words."""
    std, label = interface.standard, LABELS[interface.standard]
    here = f"interfaces[{interface.id}]"
    missing = []
    if not interface.messages:
        missing.append(_unstated(f"{here}.messages", f"the {label} messages it carries"))
    if std != "dicom" and not interface.record.get("version"):
        missing.append(_unstated(f"{here}.version", f"the {label} version sent"))
    for system, key, verb in ((sender, "sends", "sends"), (receiver, "accepts", "accepts")):
        found = capability(system, std)
        where = f"systems[{system.id}].interop.{std}"
        if found is None or not getattr(found, f"{key}_stated"):
            missing.append(_unstated(f"{where}.{key}", f"what {system.id} {verb} over {label}"))
        elif std != "dicom" and not found.versions:
            missing.append(_unstated(f"{where}.versions", f"the {label} versions of {system.id}"))
    return missing


def _mismatches(graph: IntegrationGraph, interface: Interface) -> list[str]:
    """Where the receiver does not accept what the sender sends (after the engine's transform)."""
    std, label = interface.standard, LABELS[interface.standard]
    sender, receiver = graph.systems[interface.source], graph.systems[interface.target]
    sends, accepts = capability(sender, std), capability(receiver, std)
    assert sends is not None and accepts is not None
    version = interface.record.get("version")
    found = []
    if std != "dicom" and version not in sends.versions:
        found.append(f"{sender.id} does not send {label} {version} ({', '.join(sends.versions)})")
    unsent = [m for m in interface.messages if m not in sends.sends]
    if unsent:
        found.append(f"{sender.id} does not send {', '.join(unsent)}")
    declared = transform(interface)
    if declared is not None and not is_engine(graph.systems.get(interface.via or "")):
        found.append("a transform is declared but no integration engine carries it (`via`)")
    elif declared is not None and declared.get("from", version) != version:
        found.append(f"the engine's transform takes {declared.get('from')}, {version} is sent")
    got = delivery(interface)
    if std != "dicom" and got.version not in accepts.versions:
        found.append(
            f"{receiver.id} does not accept {label} {got.version} ({', '.join(accepts.versions)})"
        )
    refused = [m for m in got.messages if m not in accepts.accepts]
    if refused:
        found.append(f"{receiver.id} does not accept {', '.join(refused)}")
    return found


def compat(
    graph: IntegrationGraph, params: Mapping[str, ParamValue], clock: Clock
) -> list[Outcome]:
    """Interfaces whose receiver does not accept what their sender sends on them."""
    out = []
    for interface in graph.model.interfaces:
        sender, receiver = graph.systems[interface.source], graph.systems[interface.target]
        if not (interface.in_service and clinical(interface)):
            continue
        if not (sender.in_service and receiver.in_service):
            continue  # a feed from or to a system leaving service is G-ORPHAN's and IF-RETIRE's
        problems = _stated_ends(interface, sender, receiver) or _mismatches(graph, interface)
        out.append(
            Outcome(
                interface.id,
                not problems,
                {
                    "name": interface.name,
                    "route": f"{sender.id} -> {receiver.id}",
                    "receiver_life_critical": receiver.criticality == "life-critical",
                    "problems": "; ".join(problems),
                },
                interface.record.where("messages"),
                tuple(problems),
                (interface.record.get("monitoring") or {}).get("owner"),
            )
        )
    return out


def _chain_gap(graph: IntegrationGraph, chain: tuple[Interface, ...]) -> str | None:
    """Why a chain of interfaces carries nothing on day one, or None when it is live."""
    for interface in chain:
        if not interface.in_service:
            return f"{interface.id} is {interface.lifecycle}"
        for end in (interface.source, interface.via, interface.target):
            if end and not graph.systems[end].in_service:
                return f"{end} is {graph.systems[end].lifecycle}"
    return None


def _route(chain: tuple[Interface, ...]) -> str:
    hops = [chain[0].source]
    for interface in chain:
        hops.extend(s for s in (interface.via, interface.target) if s and s != hops[-1])
    return arrow_path(hops)


def _orphaned(
    graph: IntegrationGraph, system: System, wanted: tuple[str, ...]
) -> list[tuple[str, str]]:
    """Each needed message with no live chain on day one, and why."""
    out = []
    for message in wanted:
        chains = [
            chain
            for i in graph.delivered[system.id].get(message, ())
            for chain in graph.feed_paths(i, message)
        ]
        gaps = [(chain, _chain_gap(graph, chain)) for chain in chains]
        if not chains:
            out.append((message, f"{message}: no interface delivers it"))
        elif all(gap is not None for _chain, gap in gaps):
            why = "; ".join(f"{_route(c)} ({g})" for c, g in gaps)
            out.append((message, f"{message}: {why}"))
    return out


def orphan(
    graph: IntegrationGraph, params: Mapping[str, ParamValue], clock: Clock
) -> list[Outcome]:
    """Systems that will receive nothing of a message type they need on day one."""
    on_critical = {
        step.system
        for w in graph.model.workflows
        if w.in_scope and w.critical and w.record.get("change") != "retired"
        for step in w.steps
    }
    out = []
    for system in graph.model.systems:
        fed = [i for i in graph.inbound[system.id] if i.record.get("carries_clinical_data", True)]
        wanted = needs(system)
        if not system.in_service or is_engine(system) or (wanted is None and not fed):
            continue
        if wanted is None:
            what = "the message types or resources it needs on day one"
            lost, gaps = [], [_unstated(f"systems[{system.id}].interop.needs", what)]
        else:
            found = _orphaned(graph, system, wanted)
            lost, gaps = [m for m, _why in found], [why for _m, why in found]
        out.append(
            Outcome(
                system.id,
                not gaps,
                {
                    "name": system.name,
                    "orphaned": "; ".join(gaps),
                    "count": float(len(gaps)),
                    "critical_orders_results": system.id in on_critical
                    and any(orders_or_results(m) for m in lost),
                },
                system.record.where("interop"),
                tuple(gaps),
                system.record.get("owner_after_hypercare"),
            )
        )
    return out


def _feed_needs(graph: IntegrationGraph, system: System) -> dict[str, tuple[str, tuple[str, ...]]]:
    """The systems a system's new feeds need live first (their real sources and engines), each
    with why and the interfaces of the feed."""
    found: dict[str, tuple[str, tuple[str, ...]]] = {}
    for interface in graph.inbound[system.id]:
        if not interface.in_service or interface.lifecycle == "retained":
            continue  # a retained feed runs today: it is not sequenced
        for message in delivery(interface).messages or ("",):
            for chain in graph.feed_paths(interface, message):
                what = message or interface.id
                source = chain[0].source
                hops = tuple(i.id for i in chain)
                if source != system.id:
                    found.setdefault(
                        source, (f"is the source of {what} over {_route(chain)}", hops)
                    )
                for carrier in graph.carriers(chain):
                    found.setdefault(carrier, (f"carries {what} over {_route(chain)}", hops))
    return found


def seq_order(
    graph: IntegrationGraph, params: Mapping[str, ParamValue], clock: Clock
) -> list[Outcome]:
    """A system scheduled to go live before the real source or engine of a feed it needs."""
    out = []
    for system in graph.model.systems:
        if not system.in_service or system.lifecycle == "retained":
            continue
        # An engine carries feeds: it need not wait for their sources, only for what it follows.
        wanted = {} if is_engine(system) else _feed_needs(graph, system)
        for before in system.go_live_after:
            wanted.setdefault(before, ("must go live first", ()))
        wanted.pop(system.id, None)
        if not wanted:
            continue
        late = sorted(
            f
            for f in wanted
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
                tuple(
                    f"{f} {wanted[f][0]}, live {graph.systems[f].go_live.isoformat()}" for f in late
                ),
                system.record.get("owner_after_hypercare"),
                _late_causes(system, late, wanted),
            )
        )
    return out


def _late_causes(
    system: System, late: list[str], wanted: dict[str, tuple[str, tuple[str, ...]]]
) -> tuple[str, ...]:
    """Each late system, its sequencing constraint if declared, and the feeds that need it."""
    causes: list[str] = []
    for f in late:
        causes.append(f)
        if f in system.go_live_after:
            causes.append(f"{f}>{system.id}")
        causes.extend(wanted[f][1])
    return tuple(dict.fromkeys(causes))


def seq_cycle(
    graph: IntegrationGraph, params: Mapping[str, ParamValue], clock: Clock
) -> list[Outcome]:
    """Circular go-live sequencing, each cycle as a path in go-live order."""
    cycles = graph.sequencing_cycles()
    site = graph.model.site
    if not cycles:
        return [Outcome(site.id, True, {"name": site.name, "cycle": ""}, site.record.location)]
    out = []
    for group in cycles:
        path = graph.cycle_path(group)
        first = graph.systems[path[0]]
        out.append(
            Outcome(
                path[0],
                False,
                {"name": first.name, "cycle": arrow_path(path)},
                first.record.where("go_live_after"),
                tuple(f"{a} must go live before {b}" for a, b in pairwise(path)),
                causes=tuple(f"{a}>{b}" for a, b in pairwise(path)),
            )
        )
    return out

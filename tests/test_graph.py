"""The integration graph's analyses: cycles, sequencing, impact paths."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

from readiness.graph import IntegrationGraph
from readiness.impact import impacts
from readiness.model import build_model
from readiness.problems import Location
from readiness.result import Finding
from readiness.site_files import SiteSource


def _site(
    systems: list[dict], interfaces: list[dict] = (), workflows: list[dict] = ()
) -> IntegrationGraph:
    data = {
        "site": {"id": "s", "name": "S", "go_live": "2027-03-01"},
        "systems": systems,
        "interfaces": list(interfaces),
        "workflows": list(workflows),
    }
    source = SiteSource("t", ["t"], data, {(): Location("t.yaml", 1, 1)})
    return IntegrationGraph(build_model(source))


def _system(ident: str, after: list[str] = (), **extra: object) -> dict:
    return {
        "id": ident,
        "name": ident.upper(),
        "category": "other",
        "lifecycle": "new",
        "criticality": "supporting",
        "go_live_after": list(after),
        **extra,
    }


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 7), st.integers(0, 7)), max_size=20))
def test_cycle_reported_exactly_when_sequencing_is_not_acyclic(
    edges: list[tuple[int, int]],
) -> None:
    after: dict[int, list[str]] = {n: [] for n in range(8)}
    for before, node in edges:
        if f"n{before}" not in after[node]:
            after[node].append(f"n{before}")
    graph = _site([_system(f"n{n}", after[n]) for n in range(8)])
    reference = nx.DiGraph()
    reference.add_nodes_from(range(8))
    reference.add_edges_from(edges)
    assert bool(graph.sequencing_cycles()) == (not nx.is_directed_acyclic_graph(reference))
    for group in graph.sequencing_cycles():
        members = {int(n[1:]) for n in group}
        assert (
            any(members == set(c) for c in nx.strongly_connected_components(reference))
            or len(members) == 1
        )


def test_engine_carries_a_feed_without_joining_unrelated_feeds() -> None:
    graph = _site(
        [_system("pas"), _system("tie"), _system("epr"), _system("ris")],
        [
            {
                "id": "adt",
                "source": "pas",
                "target": "epr",
                "via": "tie",
                "standard": "hl7v2",
                "criticality": "life-critical",
            },
            {
                "id": "orders",
                "source": "epr",
                "target": "ris",
                "via": "tie",
                "standard": "hl7v2",
                "criticality": "life-critical",
            },
        ],
    )
    # The receiver depends on its sender and on the engine that carries the feed...
    assert graph.upstream("epr") == {"pas", "tie"}
    assert graph.downstream("tie") == {"epr": ["tie", "epr"], "ris": ["tie", "ris"]}
    # ...but a sender's data does not reach every receiver of the engine through it.
    assert graph.downstream("epr") == {"ris": ["epr", "ris"]}
    assert "pas" not in graph.upstream("tie")


def test_impact_of_a_failing_interface_lists_downstream_systems_and_workflows_with_paths() -> None:
    graph = _site(
        [_system("pas"), _system("tie"), _system("epr"), _system("lims"), _system("viewer")],
        [
            {
                "id": "adt",
                "source": "pas",
                "target": "epr",
                "via": "tie",
                "standard": "hl7v2",
                "criticality": "life-critical",
            },
            {
                "id": "orders",
                "source": "epr",
                "target": "lims",
                "standard": "hl7v2",
                "criticality": "life-critical",
            },
            {
                "id": "results",
                "source": "lims",
                "target": "viewer",
                "standard": "hl7v2",
                "criticality": "business-critical",
            },
        ],
        [
            {
                "id": "bloods",
                "name": "Order bloods",
                "criticality": "critical",
                "steps": [
                    {"name": "Order", "system": "epr"},
                    {"name": "Report", "system": "viewer"},
                ],
            },
            {
                "id": "theatre",
                "name": "Theatre list",
                "criticality": "critical",
                "steps": [{"name": "List", "system": "pas"}],
            },
        ],
    )
    failing = Finding(
        "IF-STAGES", "t", "interfaces", "blocker", "fail", "adt", "m", Location("f", 1, 1)
    )
    (impact,) = impacts([failing], graph)
    assert impact.kind == "interface" and impact.id == "adt"
    assert {p.id: p.path for p in impact.systems} == {
        "epr": ("pas", "tie", "epr"),
        "lims": ("pas", "tie", "epr", "lims"),
        "viewer": ("pas", "tie", "epr", "lims", "viewer"),
    }
    assert [(w.id, w.path) for w in impact.workflows] == [
        ("bloods", ("pas", "tie", "epr", "step 1: Order")),
    ]


def test_retained_system_counts_as_already_live() -> None:
    graph = _site([_system("pas", lifecycle="retained", go_live="2030-01-01")])
    assert graph.effective_go_live("pas") == dt.date.min


def test_not_ready_system_puts_its_workflows_at_risk(tmp_path: Path) -> None:
    graph = _site(
        [_system("epma"), _system("pharm")],
        [
            {
                "id": "rx",
                "source": "epma",
                "target": "pharm",
                "standard": "hl7v2",
                "criticality": "life-critical",
            }
        ],
        [
            {
                "id": "dispense",
                "name": "Dispense",
                "criticality": "critical",
                "steps": [{"name": "Verify", "system": "pharm"}],
            }
        ],
    )
    failing = Finding(
        "CS-SUPPLIER", "t", "clinical-safety", "blocker", "fail", "epma", "m", Location("f", 1, 1)
    )
    (impact,) = impacts([failing], graph)
    assert [(p.id, p.path) for p in impact.systems] == [("pharm", ("epma", "pharm"))]
    assert [(w.id, w.path) for w in impact.workflows] == [
        ("dispense", ("epma", "pharm", "step 1: Verify"))
    ]

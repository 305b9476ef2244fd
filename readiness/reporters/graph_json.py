"""The integration graph as JSON: nodes and edges, with each interface's standard."""

from __future__ import annotations

import json

from readiness.graph import IntegrationGraph


def render(graph: IntegrationGraph) -> str:
    """Nodes and edges as JSON, with each interface's standard, messages and tests."""
    document = {
        "site": graph.model.site.id,
        "nodes": [
            {
                "id": s.id,
                "name": s.name,
                "category": s.category,
                "lifecycle": s.lifecycle,
                "criticality": s.criticality,
                "go_live": s.go_live.isoformat(),
                "high_availability": s.high_availability,
            }
            for s in graph.model.systems
        ],
        "edges": [
            {
                "id": i.id,
                "kind": "interface",
                "source": i.source,
                "target": i.target,
                "via": i.via,
                "standard": i.standard,
                "messages": list(i.messages),
                "criticality": i.criticality,
                "tests": dict(i.tests),
            }
            for i in graph.model.interfaces
        ]
        + [
            {"kind": "sequence", "source": before, "target": after}
            for before, after in sorted(graph.sequence.edges())
        ],
        "sequencing_cycles": graph.sequencing_cycles(),
    }
    return json.dumps(document, indent=2) + "\n"

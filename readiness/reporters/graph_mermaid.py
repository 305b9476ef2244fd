"""The integration graph as a Mermaid flowchart."""

from __future__ import annotations

from readiness.graph import IntegrationGraph


def _mermaid_id(text: str) -> str:
    return "n_" + "".join(c if c.isalnum() else "_" for c in text)


def _mermaid_text(text: str) -> str:
    return text.replace('"', "#quot;").replace("<", "#lt;").replace(">", "#gt;")


def render(graph: IntegrationGraph) -> str:
    """A Mermaid flowchart."""
    lines = ["flowchart LR"]
    for system in graph.model.systems:
        lines.append(f'  {_mermaid_id(system.id)}["{_mermaid_text(system.name)}"]')
    for interface in graph.model.interfaces:
        for source, target in graph.hops(interface):
            lines.append(
                f"  {_mermaid_id(source)} -->"
                f'|"{_mermaid_text(interface.id)}"| {_mermaid_id(target)}'
            )
    for before, after in sorted(graph.sequence.edges()):
        lines.append(f"  {_mermaid_id(before)} -.->|goes live first| {_mermaid_id(after)}")
    return "\n".join(lines) + "\n"

"""The integration graph as Graphviz dot: interfaces solid, sequencing dashed."""

from __future__ import annotations

from readiness.graph import IntegrationGraph
from readiness.visible_text import one_line


def _quote(text: str) -> str:
    # Line breaks become spaces; other unsafe characters are shown escaped, then quoted.
    shown = one_line(text.replace("\n", " "))
    return '"' + shown.replace("\\", "\\\\").replace('"', '\\"') + '"'


def render(graph: IntegrationGraph) -> str:
    """Graphviz dot: interfaces solid, sequencing dashed."""
    lines = [f"digraph {_quote(graph.model.site.id)} {{", "  rankdir=LR;", "  node [shape=box];"]
    for system in graph.model.systems:
        style = ', style="bold"' if system.criticality == "life-critical" else ""
        lines.append(f"  {_quote(system.id)} [label={_quote(system.name)}{style}];")
    for interface in graph.model.interfaces:
        for source, target in graph.hops(interface):
            lines.append(f"  {_quote(source)} -> {_quote(target)} [label={_quote(interface.id)}];")
    for before, after in sorted(graph.sequence.edges()):
        lines.append(
            f'  {_quote(before)} -> {_quote(after)} [style=dashed, label="goes live first"];'
        )
    lines.append("}")
    return "\n".join(lines) + "\n"

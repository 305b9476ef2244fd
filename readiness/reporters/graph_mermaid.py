"""The integration graph as a Mermaid flowchart."""

from __future__ import annotations

from readiness.graph import IntegrationGraph
from readiness.visible_text import one_line


def _node_ids(ids: list[str]) -> dict[str, str]:
    """Mermaid node names: letters and digits kept, other characters as `_`; ids that would
    collide (`sched-x`, `sched.x`) get a number, in sorted order, so each stays its own node."""
    names: dict[str, str] = {}
    taken: set[str] = set()
    for system_id in sorted(ids):
        base = "n_" + "".join(c if c.isascii() and c.isalnum() else "_" for c in system_id)
        name, count = base, 1
        while name in taken:
            count += 1
            name = f"{base}_{count}"
        taken.add(name)
        names[system_id] = name
    return names


def _mermaid_text(text: str) -> str:
    shown = one_line(text)
    return shown.replace('"', "#quot;").replace("<", "#lt;").replace(">", "#gt;")


def render(graph: IntegrationGraph) -> str:
    """A Mermaid flowchart."""
    ends = {end for i in graph.model.interfaces for hop in graph.hops(i) for end in hop}
    ends |= {end for edge in graph.sequence.edges() for end in edge}
    names = _node_ids(sorted({s.id for s in graph.model.systems} | ends))

    def _mermaid_id(system_id: str) -> str:
        return names[system_id]

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

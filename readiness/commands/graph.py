"""`readiness graph SITE --format dot|mermaid|json`: the integration dependency graph."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from readiness.graph import IntegrationGraph
from readiness.loading import load_site
from readiness.model import build_model

EXIT_INPUT = 2


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Declare the command's arguments."""
    parser = commands.add_parser(
        "graph",
        help="print the integration dependency graph",
        description="Print the site's systems (nodes) and interfaces and go-live sequencing "
        "(edges) as Graphviz dot, Mermaid or JSON.",
    )
    parser.add_argument("site", type=Path, metavar="SITE")
    parser.add_argument("--format", choices=("dot", "mermaid", "json"), default="dot")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Load the site and print its graph."""
    source = load_site(args.site)
    if source.problems:
        for problem in source.problems:
            print(problem.render(), file=sys.stderr)
        return EXIT_INPUT
    graph = IntegrationGraph(build_model(source))
    render = {"dot": to_dot, "mermaid": to_mermaid, "json": to_json}[args.format]
    sys.stdout.write(render(graph))
    return 0


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def to_dot(graph: IntegrationGraph) -> str:
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


def _mermaid_id(text: str) -> str:
    return "n_" + "".join(c if c.isalnum() else "_" for c in text)


def _mermaid_text(text: str) -> str:
    return text.replace('"', "#quot;").replace("<", "#lt;").replace(">", "#gt;")


def to_mermaid(graph: IntegrationGraph) -> str:
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


def to_json(graph: IntegrationGraph) -> str:
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

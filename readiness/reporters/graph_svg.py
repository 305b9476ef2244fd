"""Lay out the integration graph for the HTML report: layered, left to right, deterministic.

Systems are placed in columns by how far downstream they are (longest path over the
interfaces, cycles broken deterministically); a crowded column wraps into several so the
picture keeps a page-like shape. Every coordinate is rounded so the SVG is byte-identical
between runs.
"""

from __future__ import annotations

import dataclasses
import math
from collections import defaultdict
from dataclasses import dataclass

import networkx as nx

from readiness.result import GraphEdge, GraphNode, Result

BOX_W = 192
BOX_H = 44
ROW_H = 58
LAYER_GAP = 84  # room for curves between columns of different layers
WRAP_GAP = 28  # between the wrapped columns of one layer
MARGIN = 16
CHARS_PER_LINE = 23  # of the bold 11.5px label font inside a box
DETAIL_CHARS = 31  # of the 10px detail font
PARALLEL_OFFSET = 6
TARGET_ASPECT = 1.45  # width / height, to fill a portrait A4 page width without being tiny


@dataclass(frozen=True)
class Box:
    """One system drawn as a box."""

    id: str
    lines: tuple[str, ...]
    detail: str
    title: str
    x: int
    y: int
    ready: bool
    critical: bool
    retiring: bool


@dataclass(frozen=True)
class Curve:
    """One interface or sequencing constraint drawn as a curve with an arrowhead."""

    id: str
    d: str
    kind: str
    ready: bool
    title: str


@dataclass(frozen=True)
class Picture:
    """The positioned graph, ready for the SVG template."""

    width: int
    height: int
    boxes: tuple[Box, ...]
    curves: tuple[Curve, ...]
    label: str
    summary: str
    box_w: int = BOX_W
    box_h: int = BOX_H


def layout(result: Result) -> Picture:
    """Place the systems and route the interfaces of the result's integration graph."""
    nodes = {n.id: n for n in sorted(result.nodes, key=lambda n: n.id)}
    edges = sorted(
        (
            hop
            for e in result.edges
            for hop in _hops(e)
            if hop.source in nodes and hop.target in nodes
        ),
        key=lambda e: (e.source, e.target, e.kind, e.id),
    )
    layers = _fold(_layers(nodes, edges), len(nodes))
    order = _order(nodes, edges, layers)
    positions, width, height = _place(order)
    boxes = tuple(_box(nodes[i], *positions[i]) for layer in order for i in layer)
    curves = tuple(_curves(edges, nodes, positions))
    return Picture(width, height, boxes, curves, _label(result), _summary(result))


def _layers(nodes: dict[str, GraphNode], edges: list[GraphEdge]) -> dict[str, int]:
    graph = nx.DiGraph()
    graph.add_nodes_from(nodes)
    graph.add_edges_from(
        (e.source, e.target) for e in edges if e.kind == "interface" and e.source != e.target
    )
    dag = _without_cycles(graph)
    layer: dict[str, int] = {}
    for node in nx.lexicographical_topological_sort(dag):
        layer[node] = max((layer[p] + 1 for p in dag.predecessors(node)), default=0)
    return layer


def _fold(layer: dict[str, int], count: int) -> dict[str, int]:
    """Merge neighbouring layers when a long chain would make the picture a thin strip.

    About sqrt(n * aspect * row / column) columns give the target shape; real integration
    graphs (hub and spokes) rarely need more than six.
    """
    wanted = math.ceil(math.sqrt(count * TARGET_ASPECT * ROW_H / (BOX_W + LAYER_GAP)))
    limit = max(6, wanted)
    depth = max(layer.values(), default=0) + 1
    if depth <= limit:
        return layer
    return {node: index * limit // depth for node, index in layer.items()}


def _without_cycles(graph: nx.DiGraph) -> nx.DiGraph:
    """Drop the back edges of a depth-first search in sorted order: a deterministic cut."""
    dag = nx.DiGraph()
    dag.add_nodes_from(graph)
    state: dict[str, int] = {}  # 1 on the stack, 2 done
    # Real sources first, so a feed's sender lands upstream of its receivers.
    for root in sorted(graph, key=lambda n: (graph.in_degree(n) > 0, n)):
        if root in state:
            continue
        stack = [(root, iter(sorted(graph.successors(root))))]
        state[root] = 1
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                state[node] = 2
                stack.pop()
            elif state.get(child) == 1:
                continue
            else:
                dag.add_edge(node, child)
                if child not in state:
                    state[child] = 1
                    stack.append((child, iter(sorted(graph.successors(child)))))
    return dag


def _order(
    nodes: dict[str, GraphNode], edges: list[GraphEdge], layer: dict[str, int]
) -> list[list[str]]:
    """Order each layer by the barycentre of neighbours, sweeping down and up a few times."""
    count = max(layer.values(), default=-1) + 1
    order: list[list[str]] = [[] for _ in range(count)]
    for node_id in sorted(nodes, key=lambda i: (nodes[i].category, nodes[i].name, i)):
        order[layer[node_id]].append(node_id)
    preds: dict[str, list[str]] = defaultdict(list)
    succs: dict[str, list[str]] = defaultdict(list)
    for e in edges:
        preds[e.target].append(e.source)
        succs[e.source].append(e.target)
    for _ in range(4):
        for sweep, neighbours in ((range(1, count), preds), (range(count - 2, -1, -1), succs)):
            for index in sweep:
                rank = {n: i for layer_nodes in order for i, n in enumerate(layer_nodes)}
                current = order[index]
                keys = {
                    n: _barycentre([rank[m] for m in neighbours[n] if layer[m] != index], i)
                    for i, n in enumerate(current)
                }
                order[index] = sorted(current, key=lambda n: (keys[n], current.index(n)))
    return order


def _barycentre(ranks: list[int], own: int) -> float:
    return sum(ranks) / len(ranks) if ranks else float(own)


def _place(order: list[list[str]]) -> tuple[dict[str, tuple[int, int]], int, int]:
    rows = _rows(order)
    positions: dict[str, tuple[int, int]] = {}
    x = MARGIN
    for layer_nodes in order:
        columns = math.ceil(len(layer_nodes) / rows) if layer_nodes else 0
        for c in range(columns):
            chunk = layer_nodes[c * rows : (c + 1) * rows]
            top = MARGIN + (rows - len(chunk)) * ROW_H // 2
            for r, node_id in enumerate(chunk):
                positions[node_id] = (x, top + r * ROW_H)
            x += BOX_W + (WRAP_GAP if c < columns - 1 else LAYER_GAP)
    width = max(x - LAYER_GAP + MARGIN, BOX_W + 2 * MARGIN)
    height = rows * ROW_H - (ROW_H - BOX_H) + 2 * MARGIN
    return positions, width, height


def _rows(order: list[list[str]]) -> int:
    """The column height (in boxes) whose picture comes closest to the target aspect."""
    tallest = max((len(layer_nodes) for layer_nodes in order), default=0)
    if tallest == 0:
        return 1
    best, best_score = tallest, math.inf
    for rows in range(min(4, tallest), tallest + 1):
        columns = sum(math.ceil(len(layer_nodes) / rows) for layer_nodes in order)
        width = columns * (BOX_W + LAYER_GAP)
        height = rows * ROW_H
        score = abs(math.log(width / height / TARGET_ASPECT))
        if score < best_score - 1e-9:
            best, best_score = rows, score
    return best


def _box(node: GraphNode, x: int, y: int) -> Box:
    detail = f"{node.category} · {node.criticality}"
    if node.lifecycle in ("new", "replaced", "decommissioned"):
        detail += f" · {node.lifecycle}"
    state = "ready" if node.ready else "NOT READY"
    title = f"{node.name} ({node.id}): {detail}; {state}"
    return Box(
        id=node.id,
        lines=_wrap(node.name),
        detail=_cut(detail, DETAIL_CHARS),
        title=title,
        x=x,
        y=y,
        ready=node.ready,
        critical=node.criticality == "life-critical",
        retiring=node.lifecycle in ("decommissioned", "replaced"),
    )


def _wrap(name: str) -> tuple[str, ...]:
    """Up to two lines of at most CHARS_PER_LINE characters, the last cut with an ellipsis."""
    words = name.split()
    lines: list[str] = []
    current = ""
    for word in words:
        candidate = f"{current} {word}".strip()
        if len(candidate) <= CHARS_PER_LINE or not current:
            current = candidate
        else:
            lines.append(current)
            current = word
    lines.append(current)
    if len(lines) > 2:
        lines = [lines[0], " ".join(lines[1:])]
    return tuple(_cut(line, CHARS_PER_LINE) for line in lines)


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _curves(
    edges: list[GraphEdge],
    nodes: dict[str, GraphNode],
    positions: dict[str, tuple[int, int]],
) -> list[Curve]:
    # One curve per direction between two systems, however many interfaces share it (a busy
    # engine would otherwise become a band of lines); its title lists them all.
    groups: dict[tuple[str, str, str], list[GraphEdge]] = defaultdict(list)
    for e in edges:
        groups[(e.source, e.target, e.kind)].append(e)
    curves = []
    for (source, target, kind), group in groups.items():
        reverse = (target, source, kind) in groups and source != target
        shift = (PARALLEL_OFFSET if source < target else -PARALLEL_OFFSET) if reverse else 0.0
        d = _path(positions[source], positions[target], shift)
        ready = all(e.ready for e in group)
        bad = [e.id for e in group if not e.ready]
        what = (
            "go-live sequence"
            if kind == "sequence"
            else ", ".join(sorted({e.standard or "interface" for e in group}))
        )
        ids = ", ".join(e.id for e in group)
        state = "ready" if ready else f"NOT READY: {', '.join(bad)}"
        title = f"{ids}: {nodes[source].name} → {nodes[target].name} ({what}); {state}"
        curves.append(Curve(group[0].id, d, kind, ready, title))
    # Draw ready edges first so the not-ready ones stay visible on top.
    return sorted(curves, key=lambda c: (not c.ready, c.kind == "interface"))


def _path(source: tuple[int, int], target: tuple[int, int], shift: float) -> str:
    sx, sy = source
    tx, ty = target
    y1 = sy + BOX_H / 2 + shift
    y2 = ty + BOX_H / 2 + shift
    if tx > sx:
        x1, x2 = sx + BOX_W, tx
        bend = max(36.0, (x2 - x1) / 2)
        c1, c2 = x1 + bend, x2 - bend
    elif tx < sx:
        x1, x2 = sx, tx + BOX_W
        bend = max(36.0, (x1 - x2) / 2)
        c1, c2 = x1 - bend, x2 + bend
    else:
        x1 = x2 = sx + BOX_W
        bend = 40.0 + abs(ty - sy) / 6
        c1 = c2 = x1 + bend
    return f"M{_n(x1)} {_n(y1)} C{_n(c1)} {_n(y1)} {_n(c2)} {_n(y2)} {_n(x2)} {_n(y2)}"


def _hops(edge: GraphEdge) -> list[GraphEdge]:
    """An interface routed through an engine is drawn through it, so the engine's load shows."""
    if edge.via is None or edge.via in (edge.source, edge.target):
        return [edge]
    return [
        dataclasses.replace(edge, target=edge.via),
        dataclasses.replace(edge, source=edge.via),
    ]


def _n(value: float) -> str:
    """A coordinate with at most one decimal, written the same way on every platform."""
    rounded = round(value, 1)
    return str(int(rounded)) if rounded == int(rounded) else f"{rounded:.1f}"


def _label(result: Result) -> str:
    """The picture's text alternative: the counts and what is not ready."""
    interfaces = [e for e in result.edges if e.kind == "interface"]
    bad_systems = sorted(n.name for n in result.nodes if not n.ready)
    bad_interfaces = sorted(e.id for e in interfaces if not e.ready)
    label = f"Integration graph of {len(result.nodes)} systems and {len(interfaces)} interfaces."
    if bad_systems:
        label += f" Not ready systems: {_listed(bad_systems)}."
    if bad_interfaces:
        label += f" Not ready interfaces: {_listed(bad_interfaces)}."
    return label


def _summary(result: Result) -> str:
    interfaces = [e for e in result.edges if e.kind == "interface"]
    bad_systems = sum(1 for n in result.nodes if not n.ready)
    bad_interfaces = sum(1 for e in interfaces if not e.ready)
    return (
        f"{len(result.nodes)} systems and {len(interfaces)} interfaces; {bad_systems} systems "
        f"and {bad_interfaces} interfaces are not ready."
    )


def _listed(names: list[str], limit: int = 10) -> str:
    shown = ", ".join(names[:limit])
    return shown if len(names) <= limit else f"{shown} and {len(names) - limit} more"

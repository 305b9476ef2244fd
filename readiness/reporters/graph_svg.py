"""Draw the integration graph for the HTML report: boxes with full names and go-live dates.

The picture is drawn at its natural size and never shrunk (the page scrolls it sideways on a
narrow screen); for print it is cut into page-sized parts along the gaps between columns and
boxes. The layout is graph_layout's; every coordinate is rounded so the SVG is byte-identical
between runs.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from dataclasses import dataclass

from readiness.reporters.graph_layout import GAP, Link, Placed, layered
from readiness.reporters.graph_text import box_lines, edge_title
from readiness.result import GraphEdge, GraphNode, Result

BOX_W = 204
LINE_H = 15  # one line of text in a box
PAD = 9  # above the first line and below the last
# The largest part of the picture printed on one landscape A4 page at 1:1 (CSS px).
PRINT_W = 1000
PRINT_H = 600


@dataclass(frozen=True)
class Line:
    """One line of text in a box, and its style (name, detail, date, late, status)."""

    text: str
    style: str


@dataclass(frozen=True)
class Box:
    """One system drawn as a box."""

    id: str
    lines: tuple[Line, ...]
    title: str
    x: int
    y: int
    height: int
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
class Tile:
    """A part of the picture that fits one printed page: its view box."""

    x: int
    y: int
    width: int
    height: int


@dataclass(frozen=True)
class Picture:
    """The positioned graph, ready for the SVG template."""

    width: int
    height: int
    boxes: tuple[Box, ...]
    curves: tuple[Curve, ...]
    label: str
    summary: str
    tiles: tuple[Tile, ...] = ()
    box_w: int = BOX_W
    line_h: int = LINE_H
    pad: int = PAD


def layout(result: Result) -> Picture:
    """Place the systems and route the interfaces of the result's integration graph."""
    nodes = {n.id: n for n in sorted(result.nodes, key=lambda n: (n.category, n.name, n.id))}
    groups = _groups(result.edges, nodes)
    reasons = {i.id: i.reasons for i in result.impacts if i.kind == "system"}
    texts = {i: box_lines(n, reasons.get(i, ())) for i, n in nodes.items()}
    heights = {i: 2 * PAD + LINE_H * len(lines) - 4 for i, lines in texts.items()}
    links = [Link(s, t, kind == "interface") for (s, t, kind) in groups]
    placed = layered(list(nodes), heights, BOX_W, links)
    boxes = tuple(_box(nodes[i], texts[i], placed.x[i], placed.y[i], heights[i]) for i in nodes)
    curves = [
        _curve(group, nodes, _path(route))
        for group, route in zip(groups.values(), placed.routes, strict=True)
    ]
    # Ready links first, so the not-ready ones are drawn on top and stay visible.
    curves.sort(key=lambda c: (not c.ready, c.kind == "interface"))
    return Picture(
        placed.width,
        placed.height,
        boxes,
        tuple(curves),
        _label(result),
        _summary(result),
        tiles(placed, heights),
    )


def _groups(
    edges: tuple[GraphEdge, ...], nodes: dict[str, GraphNode]
) -> dict[tuple[str, str, str], list[GraphEdge]]:
    # One curve per direction between two systems, however many interfaces share it (a busy
    # engine would otherwise become a band of lines); its title lists them all.
    groups: dict[tuple[str, str, str], list[GraphEdge]] = defaultdict(list)
    hops = sorted(
        (h for e in edges for h in _hops(e) if h.source in nodes and h.target in nodes),
        key=lambda e: (e.source, e.target, e.kind, e.id),
    )
    for e in hops:
        groups[(e.source, e.target, e.kind)].append(e)
    return groups


def _hops(edge: GraphEdge) -> list[GraphEdge]:
    """An interface routed through an engine is drawn through it, so the engine's load shows."""
    if edge.via is None or edge.via in (edge.source, edge.target):
        return [edge]
    return [
        dataclasses.replace(edge, target=edge.via),
        dataclasses.replace(edge, source=edge.via),
    ]


def _box(node: GraphNode, lines: tuple[tuple[str, str], ...], x: int, y: int, h: int) -> Box:
    title = " · ".join(text for text, _ in lines)
    return Box(
        id=node.id,
        lines=tuple(Line(text, style) for text, style in lines),
        title=f"{title} ({node.id})",
        x=x,
        y=y,
        height=h,
        ready=node.ready,
        critical=node.criticality == "life-critical",
        retiring=node.lifecycle in ("decommissioned", "replaced"),
    )


def _curve(group: list[GraphEdge], nodes: dict[str, GraphNode], d: str) -> Curve:
    first = group[0]
    ready = all(e.ready for e in group)
    title = edge_title(group, nodes[first.source].name, nodes[first.target].name)
    return Curve(first.id, d, first.kind, ready, title)


def _path(points: tuple[tuple[float, float], ...]) -> str:
    """Straight across a column, a smooth S between columns, a loop beside a column."""
    (x0, y0), rest = points[0], points[1:]
    parts = [f"M{_n(x0)} {_n(y0)}"]
    for (ax, ay), (bx, by) in zip(points, rest, strict=False):
        if ay == by and abs(bx - ax) > GAP:
            parts.append(f"L{_n(bx)} {_n(by)}")
        elif ax == bx:  # two systems of one column: a loop into the gap on their right
            bend = min(GAP * 0.8, 24 + abs(by - ay) / 8)
            parts.append(f"C{_n(ax + bend)} {_n(ay)} {_n(bx + bend)} {_n(by)} {_n(bx)} {_n(by)}")
        else:
            half = (bx - ax) / 2
            parts.append(f"C{_n(ax + half)} {_n(ay)} {_n(bx - half)} {_n(by)} {_n(bx)} {_n(by)}")
    return " ".join(parts)


def tiles(placed: Placed, heights: dict[str, int]) -> tuple[Tile, ...]:
    """Page-sized parts of the picture, cut between columns and between boxes; none if it fits."""
    if placed.width <= PRINT_W and placed.height <= PRINT_H:
        return ()
    by_column: dict[int, list[str]] = defaultdict(list)
    for node, column in placed.column.items():
        by_column[column].append(node)
    out = []
    for columns in _column_groups(placed.lefts, placed.width):
        spans = sorted(
            (placed.y[n], placed.y[n] + heights[n]) for c in columns for n in by_column[c]
        )
        x0 = 0 if columns[0] == 0 else placed.lefts[columns[0]] - GAP // 2
        last = columns[-1] + 1
        x1 = placed.width if last >= len(placed.lefts) else placed.lefts[last] - GAP // 2
        for top, bottom in _cuts(spans, placed.height):
            out.append(Tile(x0, top, x1 - x0, bottom - top))
    return tuple(out)


def _column_groups(lefts: tuple[int, ...], width: int) -> list[list[int]]:
    """Neighbouring columns taken together while they fit a page's width."""
    groups: list[list[int]] = []
    for c, left in enumerate(lefts):
        if groups and left + BOX_W + GAP // 2 - _start(lefts, groups[-1][0]) <= PRINT_W:
            groups[-1].append(c)
        else:
            groups.append([c])
    return groups


def _start(lefts: tuple[int, ...], column: int) -> int:
    return 0 if column == 0 else lefts[column] - GAP // 2


def _cuts(spans: list[tuple[int, int]], height: int) -> list[tuple[int, int]]:
    """Bands of at most PRINT_H, each cut in a gap between boxes where one is free."""
    bands = []
    top = 0
    while top < height:
        limit = top + PRINT_H
        if limit >= height or not any(b > limit for _, b in spans):
            bands.append((top, min(height, limit)))  # below the last box is margin only
            break
        # The lowest gap that still keeps the band within a page.
        cut = max((b + 4 for _, b in spans if top < b + 4 <= limit), default=limit)
        if any(a < cut < b for a, b in spans):
            cut = limit
        bands.append((top, cut))
        top = cut
    return bands


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

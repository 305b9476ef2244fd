"""A layered (Sugiyama) layout, left to right, in which no link crosses a box.

Cycles are broken by a sorted depth-first search and nodes put in columns by longest path, a
source moved next to its first receiver. A link that spans several columns gets a waypoint in
each column between, placed among that column's boxes like a thin box of its own, so it passes
between them rather than through one. Columns are ordered by barycentre sweeps (the order with
the fewest crossings is kept), and heights by pulling each item towards its neighbours and
then separating the column in order (isotonic regression: optimal for the order). Everything
is sorted and rounded, so the same graph gives the same picture.
"""

from __future__ import annotations

import bisect
import itertools
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import networkx as nx

GAP = 72  # between columns: room for the curves; a busy gap gets more
GAP_PER_LINK = 3
MAX_GAP = 150
SEP = 16  # between two items of a column
WAYPOINT_H = 10  # the room a passing link takes in a column
MARGIN = 16
SWEEPS = 8
PULLS = 12


@dataclass(frozen=True)
class Link:
    """A directed link; `ranked` links decide the columns (interfaces), others only follow."""

    source: str
    target: str
    ranked: bool = True


@dataclass(frozen=True)
class Placed:
    """Node positions (top-left), the points each link passes through, and the extent."""

    x: dict[str, int]
    y: dict[str, int]
    routes: tuple[tuple[tuple[float, float], ...], ...]
    column: dict[str, int]
    width: int
    height: int
    lefts: tuple[int, ...] = ()  # each column's left edge


def layered(
    nodes: Sequence[str], heights: dict[str, int], box_w: int, links: Sequence[Link]
) -> Placed:
    """Place `nodes` (in their given order as the tie-break) and route `links` between them."""
    column = _columns(nodes, links)
    chains = [_chain(i, link, column) for i, link in enumerate(links)]
    size = {**heights, **{w: WAYPOINT_H for chain in chains for w in chain[1:-1]}}
    where = {**column, **{w: int(w.rsplit(":", 1)[1]) for chain in chains for w in chain[1:-1]}}
    order = _order(nodes, where, chains)
    y = _heights(order, size, chains)
    lefts = _lefts(len(order), chains, where, box_w)
    x = {n: lefts[c] for n, c in where.items()}
    routes = tuple(_route(chain, x, y, size, box_w) for chain in chains)
    ports = _ports(chains, routes, x, y, heights, box_w)
    width = (lefts[-1] + box_w if lefts else 0) + MARGIN
    height = max((y[n] + size[n] for n in y), default=0) + MARGIN
    return Placed(
        {n: x[n] for n in nodes}, {n: y[n] for n in nodes}, ports, column, width, height, lefts
    )


def _lefts(
    count: int, chains: list[list[str]], where: dict[str, int], box_w: int
) -> tuple[int, ...]:
    """Each column's left edge: the gap after a column widens with the links that cross it."""
    busy = [0] * max(count, 1)
    for chain in chains:
        for a, b in itertools.pairwise(chain):
            busy[min(where[a], where[b])] += where[a] != where[b]
    lefts = [MARGIN]
    for c in range(1, count):
        lefts.append(lefts[-1] + box_w + min(MAX_GAP, max(GAP, 40 + GAP_PER_LINK * busy[c - 1])))
    return tuple(lefts[:count])


def _columns(nodes: Sequence[str], links: Sequence[Link]) -> dict[str, int]:
    # Imported here: a portfolio read back from the cache draws no graph and needs no networkx.
    import networkx as nx

    graph = nx.DiGraph()
    graph.add_nodes_from(nodes)
    graph.add_edges_from((k.source, k.target) for k in links if k.ranked and k.source != k.target)
    dag = _without_cycles(graph)
    column: dict[str, int] = {}
    for node in nx.lexicographical_topological_sort(dag):
        column[node] = max((column[p] + 1 for p in dag.predecessors(node)), default=0)
    # A pure source sits just before its first receiver, not far left of it.
    for node in sorted(nodes):
        if dag.in_degree(node) == 0 and dag.out_degree(node) > 0:
            column[node] = min(column[s] for s in dag.successors(node)) - 1
    return column


def _without_cycles(graph: nx.DiGraph) -> nx.DiGraph:
    """The graph without the links that point backwards in a greedy left-to-right order.

    Eades, Lin and Smyth's heuristic: sinks go to the right end and sources to the left, and
    otherwise the node sending most more than it receives goes left next. An engine that both
    receives and sends thus sits between its senders and receivers. Ties break by name.
    """
    rest = graph.copy()
    left: list[str] = []
    right: list[str] = []
    while rest:
        sinks = sorted(n for n in rest if rest.out_degree(n) == 0)
        sources = sorted(n for n in rest if rest.in_degree(n) == 0 and n not in sinks)
        if sinks or sources:
            right[:0] = sinks
            left += sources
            rest.remove_nodes_from(sinks + sources)
            continue
        pick = min(rest, key=lambda n: (rest.in_degree(n) - rest.out_degree(n), n))
        left.append(pick)
        rest.remove_node(pick)
    rank = {n: i for i, n in enumerate(left + right)}
    dag = type(graph)()
    dag.add_nodes_from(graph)
    dag.add_edges_from((a, b) for a, b in graph.edges if rank[a] < rank[b])
    return dag


def _chain(index: int, link: Link, column: dict[str, int]) -> list[str]:
    """The link's source, a waypoint in every column it crosses, and its target."""
    a, b = column[link.source], column[link.target]
    step = 1 if b >= a else -1
    between = range(a + step, b, step)
    return [link.source, *(f"\0{index}:{c}" for c in between), link.target]


def _order(nodes: Sequence[str], where: dict[str, int], chains: list[list[str]]) -> list[list[str]]:
    count = max(where.values(), default=-1) + 1
    order: list[list[str]] = [[] for _ in range(count)]
    boxes = set(nodes)
    for n in [*nodes, *sorted(w for w in where if w not in boxes)]:
        order[where[n]].append(n)
    left: dict[str, list[str]] = defaultdict(list)
    right: dict[str, list[str]] = defaultdict(list)
    for chain in chains:
        for a, b in itertools.pairwise(chain):
            if where[a] != where[b]:
                lo, hi = (a, b) if where[a] < where[b] else (b, a)
                right[lo].append(hi)
                left[hi].append(lo)
    best, best_crossings = [list(c) for c in order], crossings(order, right)
    rank = {n: i for col in order for i, n in enumerate(col)}
    for _ in range(SWEEPS):
        for sweep, near in ((range(1, count), left), (range(count - 2, -1, -1), right)):
            for c in sweep:
                keys = {n: _centre([rank[m] for m in near[n]], i) for i, n in enumerate(order[c])}
                order[c] = sorted(order[c], key=lambda n: keys[n])
                rank.update((n, i) for i, n in enumerate(order[c]))
        found = crossings(order, right)
        if found < best_crossings:
            best, best_crossings = [list(c) for c in order], found
    return best


def _centre(ranks: list[int], own: int) -> float:
    return sum(ranks) / len(ranks) if ranks else float(own)


def crossings(order: list[list[str]], right: dict[str, list[str]]) -> int:
    """Pairs of links between neighbouring columns that cross."""
    total = 0
    for col, nxt in itertools.pairwise(order):
        rank = {n: i for i, n in enumerate(nxt)}
        ends = sorted((i, rank[m]) for i, n in enumerate(col) for m in right[n] if m in rank)
        # Crossings are the inversions of the right-hand ends, sorted by the left-hand ones.
        seen: list[int] = []
        for _, j in ends:
            total += len(seen) - bisect.bisect_right(seen, j)
            bisect.insort(seen, j)
    return total


def _heights(
    order: list[list[str]], size: dict[str, int], chains: list[list[str]]
) -> dict[str, int]:
    near: dict[str, list[str]] = defaultdict(list)
    for chain in chains:
        for a, b in itertools.pairwise(chain):
            if a != b:
                near[a].append(b)
                near[b].append(a)
    y = {}
    for col in order:
        top = MARGIN
        for n in col:
            y[n] = float(top)
            top += size[n] + SEP
    for _ in range(PULLS):
        for col in order:
            wanted = [
                _mean([y[m] + size[m] / 2 for m in near[n]], y[n] + size[n] / 2) - size[n] / 2
                for n in col
            ]
            for n, value in zip(col, _separate(wanted, [size[n] for n in col]), strict=True):
                y[n] = value
    low = min(y.values(), default=MARGIN)
    return {n: round(v - low + MARGIN) for n, v in y.items()}


def _mean(values: list[float], default: float) -> float:
    return sum(values) / len(values) if values else default


def _separate(wanted: list[float], sizes: list[int]) -> list[float]:
    """The tops nearest `wanted` (least squares) that keep the order with SEP between items."""
    offsets = [0.0]
    for s in sizes[:-1]:
        offsets.append(offsets[-1] + s + SEP)
    # Pool adjacent violators over z = top - offset, which must not decrease.
    blocks: list[list[float]] = []  # [sum, count]
    for w, off in zip(wanted, offsets, strict=True):
        blocks.append([w - off, 1.0])
        while len(blocks) > 1 and blocks[-2][0] / blocks[-2][1] > blocks[-1][0] / blocks[-1][1]:
            total, count = blocks.pop()
            blocks[-1][0] += total
            blocks[-1][1] += count
    z = [value for total, count in blocks for value in [total / count] * int(count)]
    return [a + b for a, b in zip(z, offsets, strict=True)]


def _route(
    chain: list[str], x: dict[str, int], y: dict[str, int], size: dict[str, int], box_w: int
) -> tuple[tuple[float, float], ...]:
    """Centre points: the source, across each waypoint's column, the target."""
    points: list[tuple[float, float]] = []
    forward = x[chain[-1]] >= x[chain[0]]
    for n in chain[1:-1]:
        mid = y[n] + size[n] / 2
        a, b = (x[n], x[n] + box_w) if forward else (x[n] + box_w, x[n])
        points += [(a, mid), (b, mid)]
    return tuple(points)


def _ports(
    chains: list[list[str]],
    inner: tuple[tuple[tuple[float, float], ...], ...],
    x: dict[str, int],
    y: dict[str, int],
    heights: dict[str, int],
    box_w: int,
) -> tuple[tuple[tuple[float, float], ...], ...]:
    """Each route with its ends on the boxes' sides, spread so links leave side by side."""
    sides: dict[tuple[str, str], list[tuple[float, int, int]]] = defaultdict(list)
    for i, chain in enumerate(chains):
        s, t = chain[0], chain[-1]
        first = inner[i][0] if inner[i] else (x[t], y[t] + heights[t] / 2)
        last = inner[i][-1] if inner[i] else (x[s], y[s] + heights[s] / 2)
        same = x[s] == x[t]
        out_side = "r" if same or x[t] > x[s] else "l"
        in_side = "r" if same else ("l" if x[t] > x[s] else "r")
        sides[(s, out_side)].append((first[1], i, 0))
        sides[(t, in_side)].append((last[1], i, 1))
    ends: dict[tuple[int, int], tuple[float, float]] = {}
    for (node, side), found in sides.items():
        found.sort()
        edge_x = x[node] + (box_w if side == "r" else 0)
        span = heights[node] - 16
        for k, (_, i, end) in enumerate(found):
            ends[(i, end)] = (edge_x, y[node] + 8 + span * (k + 1) / (len(found) + 1))
    return tuple((ends[(i, 0)], *inner[i], ends[(i, 1)]) for i in range(len(chains)))

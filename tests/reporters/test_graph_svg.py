"""The graph layout: deterministic whatever the input order, no overlaps, no curve through a
box, full names, and page-sized parts for print."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from readiness.reporters import graph_svg
from readiness.reporters.graph_text import NAME_CHARS, box_lines, wrap
from readiness.result import GraphEdge, GraphNode, Result


def _overlaps(picture: graph_svg.Picture) -> list[tuple[str, str]]:
    boxes = sorted(picture.boxes, key=lambda b: (b.x, b.y))
    clashes = []
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            if b.x >= a.x + picture.box_w:
                break
            if a.y < b.y + b.height and b.y < a.y + a.height:
                clashes.append((a.id, b.id))
    return clashes


def _points(d: str) -> list[tuple[float, float]]:
    """Points along a path of M, L and C commands, 20 per segment."""
    tokens = re.findall(r"[MLC]|-?[\d.]+", d)
    points: list[tuple[float, float]] = []
    at = (0.0, 0.0)
    i = 0
    while i < len(tokens):
        command = tokens[i]
        if command == "C":
            x1, y1, x2, y2, x, y = map(float, tokens[i + 1 : i + 7])
            for k in range(1, 21):
                t = k / 20
                u = 1 - t
                points.append(
                    (
                        u**3 * at[0] + 3 * u * u * t * x1 + 3 * u * t * t * x2 + t**3 * x,
                        u**3 * at[1] + 3 * u * u * t * y1 + 3 * u * t * t * y2 + t**3 * y,
                    )
                )
            at = (x, y)
            i += 7
        else:
            x, y = float(tokens[i + 1]), float(tokens[i + 2])
            if command == "L":
                points += [
                    (at[0] + (x - at[0]) * k / 20, at[1] + (y - at[1]) * k / 20)
                    for k in range(1, 21)
                ]
            at = (x, y)
            points.append(at)
            i += 3
    return points


def _through_boxes(picture: graph_svg.Picture) -> list[tuple[str, str]]:
    """Curves that pass inside a box (a point more than 2 px inside its border)."""
    found = []
    for curve in picture.curves:
        for b in picture.boxes:
            if any(
                b.x + 2 < x < b.x + picture.box_w - 2 and b.y + 2 < y < b.y + b.height - 2
                for x, y in _points(curve.d)
            ):
                found.append((curve.id, b.id))
    return found


def _fits_pages(picture: graph_svg.Picture) -> bool:
    if not picture.tiles:
        return picture.width <= graph_svg.PRINT_W and picture.height <= graph_svg.PRINT_H
    covered = {(t.x, t.y) for t in picture.tiles}
    return len(covered) == len(picture.tiles) and all(
        t.width <= graph_svg.PRINT_W and t.height <= graph_svg.PRINT_H for t in picture.tiles
    )


def _inside(picture: graph_svg.Picture) -> bool:
    return all(
        b.x >= 0
        and b.x + picture.box_w <= picture.width
        and b.y >= 0
        and b.y + b.height <= picture.height
        for b in picture.boxes
    )


def test_input_order_does_not_matter(result: Result) -> None:
    nodes, edges = list(result.nodes), list(result.edges)
    random.Random(7).shuffle(nodes)
    random.Random(8).shuffle(edges)
    shuffled = dataclasses.replace(result, nodes=tuple(nodes), edges=tuple(edges))
    assert graph_svg.layout(shuffled) == graph_svg.layout(result)


def _directions(edges: tuple[GraphEdge, ...]) -> set[tuple[str, str, str]]:
    """The curves expected: one per direction between two systems, engines in the path."""
    out = set()
    for e in edges:
        if e.via and e.via not in (e.source, e.target):
            out |= {(e.source, e.via, e.kind), (e.via, e.target, e.kind)}
        else:
            out.add((e.source, e.target, e.kind))
    return out


def test_engine_routed_interfaces_are_drawn_through_the_engine() -> None:
    from report_sample import make_result

    nodes = tuple(
        GraphNode(i, i.upper(), "EPR", "supporting", "retained", True)
        for i in ("pas", "tie", "epr")
    )
    edges = (
        GraphEdge("adt", "pas", "epr", "interface", "hl7v2", True, "tie"),
        GraphEdge("sched", "pas", "epr", "interface", "hl7v2", False, "tie"),
    )
    picture = graph_svg.layout(dataclasses.replace(make_result(), nodes=nodes, edges=edges))
    assert len(picture.curves) == 2
    assert all(not c.ready for c in picture.curves)
    assert all("adt, sched" in c.title and "NOT READY: sched" in c.title for c in picture.curves)


def test_sample_layout(result: Result) -> None:
    picture = graph_svg.layout(result)
    assert len(picture.boxes) == len(result.nodes)
    assert len(picture.curves) == len(_directions(result.edges))
    assert _overlaps(picture) == []
    assert _inside(picture)
    assert _through_boxes(picture) == []
    assert _fits_pages(picture)
    for curve in picture.curves:
        assert re.fullmatch(r"M[\d.]+ [\d.]+( [CL][\d. -]+)+", curve.d), curve.d
    # Not-ready curves are drawn last, on top of the rest.
    states = [c.ready for c in picture.curves]
    assert states == sorted(states, reverse=True)


def _hub(size: int) -> Result:
    from report_sample import make_result

    nodes = tuple(
        GraphNode(
            f"s{i:03}",
            f"System number {i} with a long name",
            "EPR",
            "supporting",
            "retained",
            i % 7 != 0,
        )
        for i in range(size)
    )
    edges = tuple(
        GraphEdge(f"if-{i:03}", "s000", f"s{i:03}", "interface", "HL7", i % 5 != 0)
        for i in range(1, size)
    ) + tuple(
        GraphEdge(f"back-{i:03}", f"s{i:03}", "s000", "interface", "HL7", True)
        for i in range(1, size, 3)
    )
    return dataclasses.replace(make_result(), nodes=nodes, edges=edges)


def test_national_scale_hub_is_split_into_pages_not_shrunk() -> None:
    picture = graph_svg.layout(_hub(150))
    assert _overlaps(picture) == []
    assert _inside(picture)
    assert _through_boxes(picture) == []
    assert len(picture.tiles) > 1 and _fits_pages(picture)


def test_long_names_are_wrapped_in_full() -> None:
    assert wrap("Trust Integration Engine", NAME_CHARS) == ["Trust Integration", "Engine"]
    name = "NHS Care Identity Service 2 (CIS2) authentication"
    lines = wrap(name, NAME_CHARS)
    assert " ".join(lines) == name
    assert all(len(line) <= NAME_CHARS for line in lines)
    word = "Averyveryverylongsinglewordsystemname"
    parts = wrap(word, 12)
    assert all(len(p) <= 12 for p in parts) and len(parts) == 4
    assert "".join(p.removesuffix("-") for p in parts) == word


def test_a_box_gives_its_go_live_date_and_why_it_is_not_ready() -> None:
    late = GraphNode(
        "tie",
        "Westbrook Integration Platform",
        "integration-engine",
        "life-critical",
        "new",
        False,
        dt.date(2027, 3, 22),
    )
    lines = box_lines(late, ("G-SEQ-ORDER", "WF-STEP-LIVE"))
    assert [t for t, style in lines if style == "date"] == ["go-live 2027-03-22"]
    assert " ".join(t for t, style in lines if style == "status") == (
        "not ready: G-SEQ-ORDER, WF-STEP-LIVE"
    )
    kept = dataclasses.replace(late, lifecycle="retained", go_live=None, ready=True)
    assert [t for t, style in box_lines(kept, ()) if style == "date"] == ["in service (retained)"]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 11), st.integers(0, 11)), max_size=40))
def test_any_graph_lays_out_without_overlap(pairs: list[tuple[int, int]]) -> None:
    from report_sample import make_result

    nodes = tuple(
        GraphNode(f"n{i}", f"N{i}", "EPR", "supporting", "retained", True) for i in range(12)
    )
    edges = tuple(
        GraphEdge(f"e{k}", f"n{a}", f"n{b}", "interface", "HL7", bool(k % 2))
        for k, (a, b) in enumerate(pairs)
    )
    picture = graph_svg.layout(dataclasses.replace(make_result(), nodes=nodes, edges=edges))
    assert _overlaps(picture) == []
    assert _inside(picture)
    assert _through_boxes(picture) == []
    assert len(picture.curves) == len(_directions(edges))
    # A pair is drawn not ready when any interface along it is not ready.
    bad = {(e.source, e.target) for e in edges if not e.ready}
    assert sum(not c.ready for c in picture.curves) == len(bad)

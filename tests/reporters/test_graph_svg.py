"""The graph layout: deterministic whatever the input order, no overlaps, readable at scale."""

from __future__ import annotations

import dataclasses
import random
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from readiness.reporters import graph_svg
from readiness.result import GraphEdge, GraphNode, Result


def _overlaps(picture: graph_svg.Picture) -> list[tuple[str, str]]:
    boxes = sorted(picture.boxes, key=lambda b: (b.x, b.y))
    clashes = []
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            if b.x >= a.x + picture.box_w:
                break
            if abs(a.y - b.y) < picture.box_h:
                clashes.append((a.id, b.id))
    return clashes


def _inside(picture: graph_svg.Picture) -> bool:
    return all(
        b.x >= 0
        and b.x + picture.box_w <= picture.width
        and b.y >= 0
        and b.y + picture.box_h <= picture.height
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
    assert 1.0 < picture.width / picture.height < 2.2
    for curve in picture.curves:
        assert re.fullmatch(r"M[\d.]+ [\d.]+ C[\d. -]+", curve.d), curve.d
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


def test_national_scale_hub_stays_page_shaped() -> None:
    picture = graph_svg.layout(_hub(150))
    assert _overlaps(picture) == []
    assert _inside(picture)
    assert 0.9 < picture.width / picture.height < 2.5


def test_long_names_are_wrapped_and_cut() -> None:
    assert graph_svg._wrap("Trust Integration Engine") == ("Trust Integration", "Engine")
    lines = graph_svg._wrap("Chemotherapy Prescribing and Administration (ChemoCare) v12")
    assert len(lines) == 2 and lines[1].endswith("…")
    assert all(len(line) <= graph_svg.CHARS_PER_LINE for line in lines)
    assert graph_svg._wrap("Averyveryverylongsinglewordsystemname")[0].endswith("…")


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
    assert len(picture.curves) == len(_directions(edges))
    # A pair is drawn not ready when any interface along it is not ready.
    bad = {(e.source, e.target) for e in edges if not e.ready}
    assert sum(not c.ready for c in picture.curves) == len(bad)

"""The words in and on the integration graph: each box's lines and each curve's title."""

from __future__ import annotations

from readiness.result import GraphEdge, GraphNode

NAME_CHARS = 22  # of the bold 12px name font on one line of a box
DETAIL_CHARS = 28  # of the 11px detail font


def box_lines(node: GraphNode, reasons: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """A box's lines and their styles: the full name, what it is, when, and why not ready."""
    lines = [(text, "name") for text in wrap(node.name, NAME_CHARS)]
    lines += [
        (text, "detail") for text in wrap(f"{node.category} · {node.criticality}", DETAIL_CHARS)
    ]
    lines.append((_when(node), "date"))
    if not node.ready:
        why = f"not ready: {', '.join(reasons)}" if reasons else "not ready"
        lines += [(text, "status") for text in wrap(why, DETAIL_CHARS)]
    return tuple(lines)


def _when(node: GraphNode) -> str:
    if node.lifecycle in ("decommissioned", "replaced"):
        return f"retiring ({node.lifecycle})"
    if node.go_live is None:
        return "in service (retained)"
    return f"go-live {node.go_live.isoformat()}"


def wrap(text: str, width: int) -> list[str]:
    """Lines of at most `width` characters, broken between words; a longer word is split."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        while len(word) > width:
            if current:
                lines.append(current)
                current = ""
            lines.append(word[: width - 1] + "-")
            word = word[width - 1 :]
        candidate = f"{current} {word}".strip()
        if len(candidate) <= width:
            current = candidate
        else:
            lines.append(current)
            current = word
    if current or not lines:
        lines.append(current)
    return lines


def edge_title(group: list[GraphEdge], source: str, target: str) -> str:
    """What hovering over a curve says: its interfaces, the ends, and what is not ready."""
    first = group[0]
    what = (
        "go-live sequence: must go live first"
        if first.kind == "sequence"
        else ", ".join(sorted({e.standard or "interface" for e in group}))
    )
    bad = [e.id for e in group if not e.ready]
    state = f"NOT READY: {', '.join(bad)}" if bad else "ready"
    ids = ", ".join(e.id for e in group)
    return f"{ids}: {source} → {target} ({what}); {state}"

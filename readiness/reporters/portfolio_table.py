"""The portfolio's ranking and heatmap as plain rows, for the csv and xlsx exports."""

from __future__ import annotations

from readiness.portfolio import Portfolio, SiteRow, TopBlocker

Cell = str | int | None

RANKING_HEADER = (
    "rank",
    "site",
    "site_name",
    "organisation",
    "status",
    "verdict",
    "partial",
    "delivery_confidence",
    "go_live",
    "days_to_go_live",
    "blockers",
    "conditions",
    "failed",
    "waived",
    "passed",
    "not_applicable",
    "top_blockers",
)
# Columns that hold text a site's files wrote, which a spreadsheet must never run as a formula.
USER_TEXT = frozenset({"site_name", "organisation", "top_blockers"})


def blocker_text(b: TopBlocker) -> str:
    """`DM-TRIALS eastmoor-pacs (unassigned, due 2027-04-17)`."""
    due = "" if b.due is None else f", due {b.due.isoformat()}"
    return f"{b.rule} {b.target} ({b.owner or 'unassigned'}{due})"


def ranking_row(s: SiteRow) -> tuple[Cell, ...]:
    """One site's ranking columns, in RANKING_HEADER order."""
    return (
        s.rank,
        s.site_id,
        s.site_name,
        s.organisation,
        "live" if s.live else "upcoming",
        s.verdict,
        s.verdict_note or None,
        s.confidence,
        s.go_live.isoformat(),
        s.days_to_go_live,
        s.blockers,
        s.conditions,
        s.failed,
        s.waived,
        s.passed,
        s.not_applicable,
        "; ".join(blocker_text(b) for b in s.top_blockers) or None,
    )


def heatmap_header(portfolio: Portfolio) -> tuple[str, ...]:
    """`site`, then a percent and a RAG column per category."""
    return (
        "site",
        *(f"{c} {part}" for c in portfolio.categories for part in ("percent", "rag")),
    )


def heatmap_row(s: SiteRow) -> tuple[Cell, ...]:
    """One site's heatmap: percent passed (None where nothing applied) and RAG per category."""
    return (s.site_id, *(value for c in s.cells for value in (c.percent, c.rag)))

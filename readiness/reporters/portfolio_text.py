"""The portfolio as a compact terminal table: ranking, weak categories, systemic rules, risks."""

from __future__ import annotations

from collections.abc import Sequence

from readiness.portfolio import VERDICTS_WORST_FIRST, Portfolio
from readiness.reporters.text import RESET, VERDICT_COLOURS
from readiness.reporters.wording import plural
from readiness.visible_text import one_line

LIST_LIMIT = 3  # site ids named on one terminal line before "and N more"


def render(portfolio: Portfolio, colour: bool = False) -> str:
    """The compact terminal table: ranking, weak categories, systemic rules, shared risks."""
    lines = [
        f"Portfolio of {plural(len(portfolio.sites), 'site')} as of "
        f"{portfolio.as_of.isoformat()}: {_verdict_counts(portfolio)}",
        "",
        *_table(portfolio, colour),
        "",
        *_blocker_lines(portfolio),
        *_systemic_lines(portfolio),
        *_risk_lines(portfolio),
        f"{plural(len(portfolio.shared_systems), 'shared system')}, "
        f"{plural(len(portfolio.shared_interfaces), 'shared interface')}",
    ]
    return "\n".join(lines) + "\n"


def _systemic_lines(portfolio: Portfolio) -> list[str]:
    total = len(portfolio.sites)
    rules = [
        f"  {one_line(r.rule)} ({r.severity}) at {len(r.sites)} of {total} sites: "
        f"{_ids([a.site_id for a in r.sites])}"
        for r in portfolio.systemic
    ]
    return [f"Systemic rules, failing at several sites ({len(rules)}):", *(rules or ["  none"])]


def _risk_lines(portfolio: Portfolio) -> list[str]:
    items = [
        (f"{s.name} ({s.category})", s.not_ready_at, s.at_risk)
        for s in portfolio.shared_systems
        if s.at_risk
    ] + [
        (f"{i.source} -> {i.target} ({i.standard})", i.not_ready_at, i.at_risk)
        for i in portfolio.shared_interfaces
        if i.at_risk
    ]
    risks = [
        f"  {one_line(name)}: not ready at {_ids(not_ready)}; puts {_ids(at_risk)} at risk"
        for name, not_ready, at_risk in items
    ]
    heading = f"Shared systems and interfaces putting other sites at risk ({len(risks)}):"
    return [heading, *(risks or ["  none"])]


def _verdict_counts(portfolio: Portfolio) -> str:
    return ", ".join(f"{portfolio.count(v)} {v}" for v in VERDICTS_WORST_FIRST)


def _ids(ids: Sequence[str]) -> str:
    # Keeps each line readable when a national service is shared by hundreds of sites.
    shown = ", ".join(one_line(i) for i in ids[:LIST_LIMIT])
    return shown if len(ids) <= LIST_LIMIT else f"{shown} and {len(ids) - LIST_LIMIT} more"


def _blocker_lines(portfolio: Portfolio) -> list[str]:
    lines = []
    for s in portfolio.sites:
        for b in s.top_blockers:
            owner = one_line(b.owner) if b.owner else "unassigned"
            due = "" if b.due is None else f", due {b.due.isoformat()}"
            left = b.days_left or 0
            late = f", overdue by {plural(-left, 'day')}" if left < 0 else ""
            lines.append(
                f"  {one_line(s.site_id)}: {b.rule} {one_line(b.target)} ({owner}{due}{late})"
            )
        if s.blockers > len(s.top_blockers):
            lines.append(f"  {one_line(s.site_id)}: and {s.blockers - len(s.top_blockers)} more")
    heading = "Top blockers and their owners, most overdue first:"
    return [heading, *(lines or ["  none"]), ""]


def _table(portfolio: Portfolio, colour: bool) -> list[str]:
    header = (
        "#",
        "Verdict",
        "Site",
        "Confidence",
        "Go-live",
        "Days",
        "Blockers",
        "Conditions",
        "Not green",
    )
    rows = [
        (
            str(s.rank),
            f"{s.verdict} ({s.verdict_note})" if s.verdict_note else s.verdict,
            one_line(s.site_id),
            s.confidence,
            s.go_live.isoformat(),
            str(s.days_to_go_live),
            str(s.blockers),
            str(s.conditions),
            ", ".join(f"{c.category} {c.percent}% {c.rag}" for c in s.not_green) or "none",
        )
        for s in portfolio.sites
    ]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header) - 1)]
    numeric = {0, 5, 6, 7}
    lines = []
    for row in [header, *rows]:
        cells = [
            cell.rjust(width) if i in numeric else cell.ljust(width)
            for i, (cell, width) in enumerate(zip(row, widths, strict=False))
        ]
        if colour and row is not header:
            verdict = row[1].split(" ", 1)[0]  # the word, without a partial note
            cells[1] = f"{VERDICT_COLOURS.get(verdict, '')}{cells[1]}{RESET}"
        lines.append("  ".join([*cells, row[-1]]))
    # Sites already live stand apart: their go-live is past, the upcoming ones are the risk.
    out: list[str] = []
    for heading, live in (("Upcoming go-lives", False), ("Already live", True)):
        group = [
            line for site, line in zip(portfolio.sites, lines[1:], strict=True) if site.live is live
        ]
        if group:
            out += [*([""] if out else []), f"{heading} ({len(group)}):", lines[0], *group]
    return out

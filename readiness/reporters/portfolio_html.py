"""The portfolio as one self-contained HTML page, built like the site report."""

from __future__ import annotations

from readiness import __version__
from readiness.portfolio import SYSTEMIC_MIN_SITES, VERDICTS_WORST_FIRST, Portfolio
from readiness.reporters.html import environment
from readiness.reporters.html_view import VERDICT_HEADLINES
from readiness.reporters.wording import plural

# The badge colour of each verdict; the word is always printed beside it.
VERDICT_RAG = {"GO": "green", "CONDITIONAL": "amber", "NO-GO": "red"}
LIST_LIMIT = 6  # sites named in a cell before the list is folded away under its count


def render(portfolio: Portfolio) -> str:
    """The portfolio report as one HTML document."""
    template = environment().get_template("portfolio.html.j2")
    return template.render(
        portfolio=portfolio,
        version=__version__,
        names=portfolio.names,
        headlines=VERDICT_HEADLINES,
        verdict_rag=VERDICT_RAG,
        verdict_line=verdict_line(portfolio),
        footer=f"Go-live readiness portfolio · {verdict_line(portfolio)} · as of "
        f"{portfolio.as_of.isoformat()}",
        systemic_min=SYSTEMIC_MIN_SITES,
        list_limit=LIST_LIMIT,
        at_risk_systems=[s for s in portfolio.shared_systems if s.at_risk],
    )


def verdict_line(portfolio: Portfolio) -> str:
    """`2 NO-GO, 1 CONDITIONAL GO, 1 GO`, leaving out verdicts no site has."""
    parts = [
        f"{portfolio.count(verdict)} {VERDICT_HEADLINES[verdict]}"
        for verdict in VERDICTS_WORST_FIRST
        if portfolio.count(verdict)
    ]
    return f"{plural(len(portfolio.sites), 'site')}: {', '.join(parts)}"

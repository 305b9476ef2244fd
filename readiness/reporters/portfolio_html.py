"""The portfolio as one self-contained HTML page, built like the site report."""

from __future__ import annotations

from collections.abc import Mapping

from readiness import __version__
from readiness import delivery_confidence as confidence
from readiness.portfolio import SYSTEMIC_MIN_SITES, TOP_BLOCKERS, VERDICTS_WORST_FIRST, Portfolio
from readiness.reporters.html import environment
from readiness.reporters.html_view import VERDICT_HEADLINES
from readiness.reporters.trend_svg import SPARK_H, SPARK_W, sparkline
from readiness.reporters.wording import plural
from readiness.trend import Trend

# The badge colour of each verdict; the word is always printed beside it.
VERDICT_RAG = {"GO": "green", "CONDITIONAL": "amber", "NO-GO": "red"}
LIST_LIMIT = 6  # sites named in a cell before the list is folded away under its count


def render(
    portfolio: Portfolio,
    history: Mapping[str, Trend] | None = None,
    links: Mapping[str, str] | None = None,
) -> str:
    """The portfolio report as one HTML document.

    With `history` (trends by site id), each site gets a sparkline and an arrow; with
    `links` (relative addresses by site id), each site's name links to its own report.
    """
    template = environment().get_template("portfolio.html.j2")
    return template.render(
        portfolio=portfolio,
        sparks={site: sparkline(trend) for site, trend in (history or {}).items()},
        spark_size=(SPARK_W, SPARK_H),
        links=links or {},
        top_limit=TOP_BLOCKERS,
        confidence_scale=confidence.SCALE,
        confidence_words=confidence.WORDS,
        confidence_rag=confidence.COLOURS,
        confidence_meanings=confidence.MEANINGS,
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

"""The portfolio as CSV: one row per site, its ranking columns then its heatmap columns."""

from __future__ import annotations

import csv
import io

from readiness.portfolio import Portfolio
from readiness.reporters.portfolio_table import (
    RANKING_HEADER,
    USER_TEXT,
    Cell,
    heatmap_header,
    heatmap_row,
    ranking_row,
)

# A spreadsheet runs a cell starting with one of these as a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def render(portfolio: Portfolio) -> str:
    """Ranking and heatmap side by side, ranked order, with a header row (RFC 4180 lines)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([*RANKING_HEADER, *heatmap_header(portfolio)[1:]])
    for s in portfolio.sites:
        ranking = [
            _inert(v) if RANKING_HEADER[i] in USER_TEXT else v for i, v in enumerate(ranking_row(s))
        ]
        writer.writerow([*ranking, *heatmap_row(s)[1:]])
    return out.getvalue()


def _inert(value: Cell) -> Cell:
    # A leading apostrophe is how spreadsheets themselves mark text that only looks like a formula.
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value

"""The portfolio as a folder of pages: `index.html` linking to one report per site."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from readiness.portfolio import Portfolio
from readiness.reporters import html, portfolio_html
from readiness.result import Result
from readiness.trend import Trend

SITES_FOLDER = "sites"
INDEX = "index.html"


def page_names(site_ids: Sequence[str]) -> dict[str, str]:
    """Each site's page, `sites/ID.html`: ids that differ only in case get a number, so that
    no page replaces another on a file system that ignores case."""
    names: dict[str, str] = {}
    taken: set[str] = set()
    for site in site_ids:
        name, n = f"{site}.html", 1
        while name.casefold() in taken:
            n += 1
            name = f"{site}-{n}.html"
        taken.add(name.casefold())
        names[site] = f"{SITES_FOLDER}/{name}"
    return names


def render(
    portfolio: Portfolio, results: Sequence[Result], history: Mapping[str, Trend] | None = None
) -> dict[str, str]:
    """Every page by its path relative to the folder: the index, then each site's report."""
    trends = history or {}
    links = page_names([r.site_id for r in sorted(results, key=lambda r: r.site_id)])
    pages = {INDEX: portfolio_html.render(portfolio, trends, links)}
    for result in results:
        pages[links[result.site_id]] = html.render(result, trends.get(result.site_id))
    return pages

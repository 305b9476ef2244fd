"""Check several sites and build their portfolio."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from readiness.pipeline.request import CheckRequest
from readiness.pipeline.site import unique
from readiness.pipeline.sites import Progress, SiteRun, check_sites
from readiness.portfolio import Portfolio, build_portfolio
from readiness.problems import Location, Problem
from readiness.result import Result
from readiness.result_cache import ResultCache
from readiness.site_files import expand_site_paths
from readiness.site_summary import SiteSummary


@dataclass(frozen=True)
class PortfolioRun:
    """The portfolio (None on invalid input), every problem, paths skipped and files read."""

    portfolio: Portfolio | None
    problems: tuple[Problem, ...]
    skipped: tuple[str, ...]
    inputs: tuple[Path, ...]
    configs: tuple[Path, ...]  # the configuration each site was checked under, if any
    results: tuple[Result, ...] = ()  # each site's own result, when asked for (`full`)
    summaries: tuple[SiteSummary, ...] = ()  # what the portfolio was built from, site by site


def run_portfolio(
    paths: Sequence[Path],
    request: Callable[[Path], CheckRequest],
    jobs: int | None = None,
    progress: Progress | None = None,
    cache: Path | None = None,
    full: bool = False,
) -> PortfolioRun:
    """Check every site the paths name (`request` says how to check each) and compare them;
    sites whose inputs are unchanged since a run that kept them in the `cache` folder are read
    back. The portfolio needs a summary of each site; `full` keeps each whole result too."""
    roots, missing, skipped = expand_site_paths(list(paths))
    requests = [request(root) for root in roots]
    store = None if cache is None else ResultCache(cache)
    runs = check_sites(requests, jobs, progress, store, full)
    results = [run.summary for run in runs if run.summary is not None]
    # One configuration shared by several sites would otherwise repeat each of its problems.
    problems = list(dict.fromkeys([*missing, *(p for run in runs for p in run.problems)]))
    problems.extend(duplicate_sites(requests, runs))
    # The paths as given are inputs too: no report may be written as a YAML file inside them.
    given = [path for path in paths if path.exists()]
    inputs = unique([*given, *(p for run in runs for p in run.inputs)])
    configs = unique(run.config for run in runs if run.config is not None)
    portfolio = None if problems else build_portfolio(results)
    # Hidden entries skipped below each site are named, as `check` names them.
    skipped.extend(note for run in runs for note in run.skipped)
    whole = tuple(run.result for run in runs if run.result is not None)
    return PortfolioRun(
        portfolio, tuple(problems), tuple(skipped), inputs, configs, whole, tuple(results)
    )


def duplicate_sites(requests: Sequence[CheckRequest], runs: list[SiteRun]) -> list[Problem]:
    """A problem for each site whose id an earlier site already has."""
    # Sites are told apart by id in the portfolio, so two sites with one id cannot be compared.
    first: dict[str, Path] = {}
    problems = []
    for request, run in zip(requests, runs, strict=True):
        if run.summary is None:
            continue
        site_id = run.summary.site_id
        if site_id in first:
            message = f"site id `{site_id}` is also the id of {first[site_id]}"
            problems.append(Problem(Location(str(request.site)), message, "duplicate-site"))
        first.setdefault(site_id, request.site)
    return problems

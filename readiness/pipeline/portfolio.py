"""Check several sites, in parallel when there are several, and build their portfolio."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from readiness.pipeline.check import CheckRun, run_check
from readiness.pipeline.request import CheckRequest
from readiness.pipeline.site import unique
from readiness.portfolio import Portfolio, build_portfolio
from readiness.problems import Location, Problem
from readiness.result import Result
from readiness.site_files import expand_site_paths


@dataclass(frozen=True)
class PortfolioRun:
    """The portfolio (None on invalid input), every problem, paths skipped and files read."""

    portfolio: Portfolio | None
    problems: tuple[Problem, ...]
    skipped: tuple[str, ...]
    inputs: tuple[Path, ...]
    configs: tuple[Path, ...]  # the configuration each site was checked under, if any
    results: tuple[Result, ...] = ()  # each site's own result, for its report


def run_portfolio(
    paths: Sequence[Path],
    request: Callable[[Path], CheckRequest],
    jobs: int | None = None,
) -> PortfolioRun:
    """Check every site the paths name (`request` says how to check each) and compare them."""
    roots, missing, skipped = expand_site_paths(list(paths))
    requests = [request(root) for root in roots]
    runs = check_sites(requests, jobs)
    results = [run.result for run in runs if run.result is not None]
    # One configuration shared by several sites would otherwise repeat each of its problems.
    problems = list(dict.fromkeys([*missing, *(p for run in runs for p in run.problems)]))
    problems.extend(_duplicate_sites(requests, runs))
    # The paths as given are inputs too: no report may be written as a YAML file inside them.
    given = [path for path in paths if path.exists()]
    inputs = unique([*given, *(p for run in runs for p in run.inputs)])
    configs = unique(run.config for run in runs if run.config is not None)
    portfolio = None if problems else build_portfolio(results)
    # Hidden entries skipped below each site are named, as `check` names them.
    skipped.extend(note for run in runs for note in run.skipped)
    return PortfolioRun(portfolio, tuple(problems), tuple(skipped), inputs, configs, tuple(results))


def check_sites(requests: Sequence[CheckRequest], jobs: int | None = None) -> list[CheckRun]:
    """Check every site, in parallel when there are several."""
    workers = min(len(requests), jobs or os.cpu_count() or 1)
    if workers > 1:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            return list(pool.map(run_check, requests))
    return [run_check(request) for request in requests]


def _duplicate_sites(requests: Sequence[CheckRequest], runs: list[CheckRun]) -> list[Problem]:
    # Sites are told apart by id in the portfolio, so two sites with one id cannot be compared.
    first: dict[str, Path] = {}
    problems = []
    for request, run in zip(requests, runs, strict=True):
        if run.result is None:
            continue
        site_id = run.result.site_id
        if site_id in first:
            message = f"site id `{site_id}` is also the id of {first[site_id]}"
            problems.append(Problem(Location(str(request.site)), message, "duplicate-site"))
        first.setdefault(site_id, request.site)
    return problems

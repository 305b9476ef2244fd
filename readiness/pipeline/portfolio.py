"""Check several sites, in parallel when there are several, and build their portfolio."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from readiness.pipeline.cached import Keys, SiteKey, keep
from readiness.pipeline.request import CheckRequest, CheckRun
from readiness.pipeline.site import unique
from readiness.portfolio import Portfolio, build_portfolio
from readiness.problems import Location, Problem
from readiness.result_cache import ResultCache
from readiness.site_files import expand_site_paths
from readiness.site_summary import SiteSummary, summarise

if TYPE_CHECKING:
    from readiness.pipeline.check import Rulebooks

# Told after each site is checked: how many are done, of how many.
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class PortfolioRun:
    """The portfolio (None on invalid input), every problem, paths skipped and files read."""

    portfolio: Portfolio | None
    problems: tuple[Problem, ...]
    skipped: tuple[str, ...]
    inputs: tuple[Path, ...]
    configs: tuple[Path, ...]  # the configuration each site was checked under, if any


@dataclass(frozen=True)
class SiteRun:
    """One site of a portfolio checked: what the portfolio needs of it (None on invalid input),
    its problems and what was read; small, as workers send it back to the main process."""

    summary: SiteSummary | None
    problems: tuple[Problem, ...]
    inputs: tuple[Path, ...]
    config: Path | None
    skipped: tuple[str, ...]


def run_portfolio(
    paths: Sequence[Path],
    request: Callable[[Path], CheckRequest],
    jobs: int | None = None,
    progress: Progress | None = None,
    cache: Path | None = None,
) -> PortfolioRun:
    """Check every site the paths name (`request` says how to check each) and compare them;
    sites whose inputs are unchanged since a run that kept them in the `cache` folder are read
    back."""
    roots, missing, skipped = expand_site_paths(list(paths))
    requests = [request(root) for root in roots]
    runs = check_sites(requests, jobs, progress, None if cache is None else ResultCache(cache))
    results = [run.summary for run in runs if run.summary is not None]
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
    return PortfolioRun(portfolio, tuple(problems), tuple(skipped), inputs, configs)


def available_cores() -> int:
    """The processors this process may run on (fewer than the machine's under a CPU limit)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def check_sites(
    requests: Sequence[CheckRequest],
    jobs: int | None = None,
    progress: Progress | None = None,
    cache: ResultCache | None = None,
) -> list[SiteRun]:
    """Check every site, in request order: from the cache when it holds the site's summary,
    else in worker processes when `jobs` (default: one per core) and the sites to check allow
    more than one."""
    keys = Keys()
    done: dict[int, SiteRun] = {}
    todo: list[tuple[int, _Task]] = []
    for index, request in enumerate(requests):
        key = None if cache is None else keys.key(request, SiteSummary)
        hit = None if cache is None or key is None else _cached(cache, key)
        if hit is not None:
            done[index] = hit
            _tell(progress, len(done), len(requests))
        else:
            todo.append((index, _Task(request, cache, key)))
    if not todo:
        return [done[index] for index in range(len(requests))]
    # Imported only now, before any worker starts (workers inherit it): a run served wholly
    # from the cache loads neither the rule engine nor networkx.
    from readiness.pipeline.check import Rulebooks

    workers = min(len(todo), jobs or available_cores())
    if workers <= 1:
        rulebooks = Rulebooks()
        for index, task in todo:
            done[index] = task.run(keys, rulebooks)
            _tell(progress, len(done), len(requests))
    else:
        _in_workers(todo, workers, done, lambda: _tell(progress, len(done), len(requests)))
    return [done[index] for index in range(len(requests))]


@dataclass(frozen=True)
class _Task:
    """One site to check, and where to keep its summary."""

    request: CheckRequest
    cache: ResultCache | None
    key: SiteKey | None

    def run(self, keys: Keys, rulebooks: Rulebooks) -> SiteRun:
        """Check the site and keep its summary under its key."""
        from readiness.pipeline.check import run_check

        run = site_run(run_check(self.request, rulebooks))
        if self.cache is not None and self.key is not None and run.summary is not None:
            keep(self.cache, keys, self.request, self.key, run.summary)
        return run


def _cached(cache: ResultCache, key: SiteKey) -> SiteRun | None:
    summary = cache.read(key.slot, key.digest, SiteSummary)
    if summary is None:
        return None
    return SiteRun(summary, (), key.inputs, key.config, key.skipped)


def _in_workers(
    todo: list[tuple[int, _Task]],
    workers: int,
    done: dict[int, SiteRun],
    tell: Callable[[], None],
) -> None:
    with ProcessPoolExecutor(max_workers=workers, initializer=_start_worker) as pool:
        futures: dict[Future[SiteRun], int] = {
            pool.submit(_run_in_worker, task): index for index, task in todo
        }
        try:
            for future in as_completed(futures):
                done[futures[future]] = future.result()
                tell()
        except BaseException:
            # Ctrl-C or a failed site: the sites not yet started are not started.
            pool.shutdown(wait=False, cancel_futures=True)
            raise


def site_run(run: CheckRun) -> SiteRun:
    """The run reduced to what a portfolio needs."""
    summary = None if run.result is None else summarise(run.result)
    return SiteRun(summary, tuple(run.problems), run.inputs, run.config, run.skipped)


def _tell(progress: Progress | None, done: int, total: int) -> None:
    if progress is not None:
        progress(done, total)


# Each worker process compiles the rules once, and hashes each shared rule file once, for
# every site it is sent (see Rulebooks and Keys).
_worker: tuple[Keys, Rulebooks] | None = None


def _start_worker() -> None:
    from readiness.pipeline.check import Rulebooks

    global _worker
    _worker = (Keys(), Rulebooks())


def _run_in_worker(task: _Task) -> SiteRun:
    if _worker is None:
        _start_worker()
    assert _worker is not None
    keys, rulebooks = _worker
    return task.run(keys, rulebooks)


def _duplicate_sites(requests: Sequence[CheckRequest], runs: list[SiteRun]) -> list[Problem]:
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

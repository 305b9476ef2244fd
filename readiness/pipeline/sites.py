"""Check the sites of a portfolio: each from the result cache when its inputs are unchanged,
else in worker processes (or in this one), and reduce each to what the portfolio needs."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from readiness.pipeline.cached import Keys, SiteKey, keep
from readiness.pipeline.request import CheckRequest, CheckRun
from readiness.problems import Problem
from readiness.result import Result
from readiness.result_cache import ResultCache
from readiness.site_summary import SiteSummary, summarise

if TYPE_CHECKING:
    from readiness.pipeline.check import Rulebooks

# Told after each site is checked: how many are done, of how many.
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class SiteRun:
    """One site of a portfolio checked: what the portfolio needs of it (None on invalid input),
    its problems and what was read; small, as workers send it back to the main process. The
    whole result is kept too only when asked for."""

    summary: SiteSummary | None
    problems: tuple[Problem, ...]
    inputs: tuple[Path, ...]
    config: Path | None
    skipped: tuple[str, ...]
    result: Result | None = None


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
    full: bool = False,
) -> list[SiteRun]:
    """Check every site, in request order: from the cache when it holds the site's summary
    (its whole result with `full`), else in worker processes when `jobs` (default: one per
    core) and the sites to check allow more than one."""
    keys = Keys()
    kind = Result if full else SiteSummary
    done: dict[int, SiteRun] = {}
    todo: list[tuple[int, _Task]] = []
    for index, request in enumerate(requests):
        key = None if cache is None else keys.key(request, kind)
        hit = None if cache is None or key is None else _cached(cache, key, full)
        if hit is not None:
            done[index] = hit
            _tell(progress, len(done), len(requests))
        else:
            todo.append((index, _Task(request, cache, key, full)))
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
    """One site to check, and where to keep its summary (its whole result when `full`)."""

    request: CheckRequest
    cache: ResultCache | None
    key: SiteKey | None
    full: bool = False

    def run(self, keys: Keys, rulebooks: Rulebooks) -> SiteRun:
        """Check the site and keep what was asked for under its key."""
        from readiness.pipeline.check import run_check

        run = site_run(run_check(self.request, rulebooks), self.full)
        kept = run.result if self.full else run.summary
        if self.cache is not None and self.key is not None and kept is not None:
            keep(self.cache, keys, self.request, self.key, kept)
        return run


def _cached(cache: ResultCache, key: SiteKey, full: bool) -> SiteRun | None:
    if full:
        result = cache.read(key.slot, key.digest, Result)
        summary = None if result is None else summarise(result)
    else:
        result, summary = None, cache.read(key.slot, key.digest, SiteSummary)
    if summary is None:
        return None
    return SiteRun(summary, (), key.inputs, key.config, key.skipped, result)


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


def site_run(run: CheckRun, full: bool = False) -> SiteRun:
    """The run reduced to what a portfolio needs (with its whole result when `full`)."""
    summary = None if run.result is None else summarise(run.result)
    kept = run.result if full else None
    return SiteRun(summary, tuple(run.problems), run.inputs, run.config, run.skipped, kept)


def _tell(progress: Progress | None, done: int, total: int) -> None:
    if progress is not None:
        progress(done, total)


# Each worker process compiles the rules once, and hashes each shared rule file once, for
# every site it is sent (see Rulebooks and Keys).
_worker: tuple[Keys, Rulebooks] | None = None


def _start_worker() -> None:
    from readiness.collector import tune_collector
    from readiness.pipeline.check import Rulebooks

    tune_collector()  # a worker lives for one run, as the command's own process does
    global _worker
    _worker = (Keys(), Rulebooks())


def _run_in_worker(task: _Task) -> SiteRun:
    if _worker is None:
        _start_worker()
    assert _worker is not None
    keys, rulebooks = _worker
    return task.run(keys, rulebooks)

"""Check several sites and list their open actions: who owes what, by when."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from readiness.actions import ActionList, Filters, build_actions, site_matches
from readiness.pipeline.portfolio import duplicate_sites
from readiness.pipeline.request import CheckRequest
from readiness.pipeline.site import unique
from readiness.pipeline.sites import check_sites
from readiness.problems import Location, Problem
from readiness.result import Result
from readiness.site_files import expand_site_paths

# What a command needs to ask for a list: the filters, the run and its outcome.
__all__ = ["ActionsRun", "Filters", "run_actions"]


@dataclass(frozen=True)
class ActionsRun:
    """The actions (None on invalid input), every problem, paths skipped and files read."""

    actions: ActionList | None
    problems: tuple[Problem, ...]
    skipped: tuple[str, ...]
    inputs: tuple[Path, ...]
    unmatched_owner: bool = False  # `--owner` names nobody who owes an open action


def run_actions(
    paths: Sequence[Path],
    request: Callable[[Path], CheckRequest],
    as_of: dt.date,
    filters: Filters,
    jobs: int | None = None,
) -> ActionsRun:
    """Check every site the paths name and list the open actions the filters keep."""
    roots, missing, skipped = expand_site_paths(list(paths))
    requests = [request(root) for root in roots]
    runs = check_sites(requests, jobs, full=True)
    results = [run.result for run in runs if run.result is not None]
    problems = list(dict.fromkeys([*missing, *(p for run in runs for p in run.problems)]))
    problems.extend(duplicate_sites(requests, runs))
    if not problems:
        problems.extend(_unknown_sites(results, filters.sites))
    given = [path for path in paths if path.exists()]
    inputs = unique([*given, *(p for run in runs for p in run.inputs)])
    skipped.extend(note for run in runs for note in run.skipped)
    if problems:
        return ActionsRun(None, tuple(problems), tuple(skipped), inputs)
    actions = build_actions(results, as_of, filters)
    # A misspelt owner must not read as "nothing to do": say when nobody matched, due or not.
    unmatched = filters.owner is not None and not any(
        build_actions(results, as_of, Filters(owner=filters.owner, sites=filters.sites)).actions
    )
    return ActionsRun(actions, (), tuple(skipped), inputs, unmatched)


def _unknown_sites(results: Sequence[Result], names: Sequence[str]) -> list[Problem]:
    # A `--site` that keeps no site would list no action: read as "nothing to do", a false
    # all-clear. It is a usage error that names the sites there are.
    known = ", ".join(sorted(r.site_id for r in results))
    return [
        Problem(Location("--site"), f"no site matches `{name}`; the sites are: {known}", "site")
        for name in names
        if not any(site_matches(r, [name]) for r in results)
    ]

"""Record results in the history database, import earlier JSON results, read trends back."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from readiness import __version__
from readiness.assessment import Assessment, from_report, from_result
from readiness.history_store import HistoryError, open_history
from readiness.problems import Location, Problem
from readiness.report_loader import load_report
from readiness.result import Result
from readiness.site_files import display_path, expand_site_paths, load_site_source
from readiness.site_summary import SiteSummary
from readiness.trend import Trend, build_trend

HISTORY_FILE = Path(".readiness") / "history.sqlite"


def default_history(paths: Sequence[Path]) -> Path:
    """`.readiness/history.sqlite` in the folder that holds the sites the paths name.

    A site's folder (or file) is held by its parent; a folder of site folders holds them
    itself. Sites in several folders share their deepest common folder.
    """
    roots, _, _ = expand_site_paths(list(paths))
    # Resolved, so that `check .` is held by the parent folder.
    parents = {root.resolve().parent for root in roots or paths}
    common = Path(os.path.commonpath(sorted(parents)))
    return Path(display_path(common)) / HISTORY_FILE


def current_folder_history() -> Path:
    """The history of the sites in the working folder: where a run from there records."""
    return HISTORY_FILE


def trends(
    path: Path, results: Sequence[Result | SiteSummary], record: bool, origin: str
) -> tuple[dict[str, Trend], list[Problem]]:
    """Each site's trend up to its result, keyed by site id; `record` adds the results first.

    Without `record`, a missing history file means no trends (and no problem); the result of
    this run stands in for any earlier entry of the same date, so that a report is the same
    whether or not the run is recorded.
    """
    current = [from_result(r, __version__, origin) for r in results]
    if not record and not path.is_file():
        return {}, []
    try:
        with open_history(path, create=record) as history:
            if record:
                history.record(current)
            found = {}
            for now in current:
                earlier = [a for a in history.assessments(now.site) if a.as_of < now.as_of]
                if earlier:
                    found[now.site] = build_trend([*earlier, now])
    except HistoryError as error:
        return {}, [_problem(path, error)]
    return found, []


def import_results(path: Path, files: Sequence[Path]) -> tuple[list[Assessment], list[Problem]]:
    """Record the `check --json` files in the history: all of them, or none on any problem."""
    assessments: list[Assessment] = []
    problems: list[Problem] = []
    for file in files:
        report, found = load_report(file)
        problems.extend(found)
        if report is None:
            continue
        assessment, errors = from_report(report)
        where = Location(str(file))
        problems.extend(Problem(where, error, "invalid-report") for error in errors)
        if assessment is not None:
            assessments.append(assessment)
    if problems:
        return [], problems
    try:
        with open_history(path, create=True) as history:
            history.record(assessments)
    except HistoryError as error:
        return [], [_problem(path, error)]
    return assessments, []


def site_trend(path: Path, site: str) -> tuple[Trend | None, list[Problem]]:
    """Every recorded assessment of the site (an id, or a site's folder or file) as a trend."""
    site_id, problems = _site_id(site)
    if site_id is None:
        return None, problems
    try:
        with open_history(path) as history:
            found = history.assessments(site_id)
            known = [] if found else history.sites()
    except HistoryError as error:
        return None, [_problem(path, error)]
    if not found:
        held = ", ".join(known) if known else "none"
        message = f"no assessment of site `{site_id}` is recorded here (sites recorded: {held})"
        return None, [Problem(Location(str(path)), message, "history-no-site")]
    return build_trend(found), []


def history_for(site: str) -> Path:
    """The default history of `trend SITE`: beside the site when it is a path, else here."""
    given = Path(site)
    return default_history([given]) if given.exists() else current_folder_history()


def _site_id(site: str) -> tuple[str | None, list[Problem]]:
    given = Path(site)
    if not given.exists():
        return site, []
    source = load_site_source(given)
    about = source.data.get("site")
    site_id = about.get("id") if isinstance(about, dict) else None
    if isinstance(site_id, str):
        return site_id, []
    if source.problems:
        return None, source.problems
    message = "the site states no `site.id`; give the id recorded in the history instead"
    return None, [Problem(Location(display_path(given)), message, "history-no-site")]


def _problem(path: Path, error: HistoryError) -> Problem:
    return Problem(Location(str(path)), str(error), error.code)

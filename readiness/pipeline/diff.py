"""Compare two JSON results of `readiness check`: read both, then compare them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from readiness.problems import Problem
from readiness.report_diff import Diff, compare_reports
from readiness.report_loader import load_report


@dataclass(frozen=True)
class DiffRun:
    """What changed (None when a file is unusable), every problem, and the files read."""

    diff: Diff | None
    problems: tuple[Problem, ...]
    inputs: tuple[Path, ...]


def run_diff(old_path: Path, new_path: Path) -> DiffRun:
    """Read both reports and compare them; every problem of both files is collected."""
    old, old_problems = load_report(old_path)
    new, new_problems = load_report(new_path)
    inputs = (old_path, new_path)
    if old is None or new is None:
        return DiffRun(None, (*old_problems, *new_problems), inputs)
    return DiffRun(compare_reports(old, new), (), inputs)

"""What a command asks the pipeline to check, and what it gets back; light, so that building the
parser, and reading a result from the cache, stay cheap."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from readiness.problems import Problem
from readiness.result import Result


@dataclass(frozen=True)
class CheckRequest:
    """What to check and how: the site, extra rules, configuration and the date."""

    site: Path
    as_of: dt.date
    rule_dirs: tuple[Path, ...] = ()
    config_path: Path | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()


@dataclass(frozen=True)
class CheckRun:
    """One site checked: the result (None on invalid input), the problems, what was read."""

    result: Result | None
    problems: list[Problem]
    inputs: tuple[Path, ...] = ()  # the site, its files, rule folders and files, configuration
    config: Path | None = None  # the configuration used, if any
    skipped: tuple[str, ...] = ()  # hidden entries below the site, with why

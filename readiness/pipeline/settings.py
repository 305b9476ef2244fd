"""What a check runs under: its configuration and rule folders; light, so that finding a cached
result does not load the rule engine."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from readiness.config import Config, find_config, load_config
from readiness.pipeline.request import CheckRequest
from readiness.problems import Location, Problem
from readiness.resources import rules_dir


def config_path(request: CheckRequest) -> Path | None:
    """The configuration named on the command line, else `readiness.yaml` beside the site."""
    return request.config_path or find_config(request.site)


def resolve_config(request: CheckRequest, path: Path | None) -> tuple[Config, list[Problem]]:
    """The configuration at `path` (none: the defaults), with the command line's selection."""
    config, problems = (Config(), []) if path is None else load_config(path)
    return with_selection(request, config), problems


def with_selection(request: CheckRequest, config: Config) -> Config:
    """The configuration with the rules the command line selects and ignores added."""
    return dataclasses.replace(
        config,
        select=config.select + tuple((p, Location("--select")) for p in request.select),
        ignore=config.ignore + tuple((p, Location("--ignore")) for p in request.ignore),
    )


def rule_folders(request: CheckRequest, config: Config) -> list[Path]:
    """The shipped rules, then the configured folders, then those of the command line."""
    return [rules_dir(), *config.rule_dirs, *request.rule_dirs]

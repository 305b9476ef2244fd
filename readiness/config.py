"""Programme configuration: parameter overrides, rule selection and severity overrides."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from readiness.params import ParamValue, param_value
from readiness.problems import DataPath, Location, Problem
from readiness.schema_check import check_data
from readiness.site_files import CONFIG_NAMES, display_path
from readiness.yaml_source import load_file

# A rule id or prefix (`TR-`) as `select` or `ignore` names it, and where it is written.
Pattern = tuple[str, Location]
# Per (severity, area), the roles that may waive such a finding, and where that is written.
AuthorityEntries = dict[tuple[str, str], tuple[tuple[str, ...], Location]]


@dataclass(frozen=True)
class Config:
    """Settings for one run; the empty config means shipped defaults."""

    thresholds: dict[str, dict[str, tuple[ParamValue, Location]]] = field(default_factory=dict)
    select: tuple[Pattern, ...] = ()
    ignore: tuple[Pattern, ...] = ()
    severity: dict[str, tuple[str, Location]] = field(default_factory=dict)
    rule_dirs: tuple[Path, ...] = ()
    path: str | None = None
    # Every rule id written as a key under `thresholds` or `severity`, and where.
    rule_keys: tuple[tuple[str, Location], ...] = ()
    waiver_authority: AuthorityEntries = field(default_factory=dict)

    def rule_references(self) -> Iterator[tuple[str, Location]]:
        """Every rule id the configuration names by key, with where it is written."""
        # Keys, not values: `TR-TYPO: {}` names a rule as surely as one with parameters.
        yield from self.rule_keys


def find_config(site_root: Path) -> Path | None:
    """`readiness.yaml` in the site's folder or the folder beside it holding the sites."""
    folder = site_root if site_root.is_dir() else site_root.parent
    for candidate_folder in (folder, folder.parent):
        for name in sorted(CONFIG_NAMES):
            candidate = candidate_folder / name
            if candidate.is_file():
                return candidate
    return None


def load_config(path: Path) -> tuple[Config, list[Problem]]:
    """Read and check a configuration file; problems are collected."""
    loaded = load_file(path, display_path(path))
    problems = list(loaded.problems)
    if not isinstance(loaded.data, dict):
        return Config(path=loaded.path), problems
    schema_problems = check_data(loaded, "config")
    problems.extend(schema_problems)
    if schema_problems:
        return Config(path=loaded.path), problems
    data = loaded.data
    thresholds = {
        rule: {
            name: (param_value(value), loaded.values[("thresholds", rule, name)])
            for name, value in params.items()
        }
        for rule, params in data.get("thresholds", {}).items()
    }
    severity = {
        rule: (value, loaded.values[("severity", rule)])
        for rule, value in data.get("severity", {}).items()
    }
    rule_dirs = tuple(path.parent / d for d in data.get("rules", ()))
    config = Config(
        thresholds=thresholds,
        select=_patterns(loaded.values, "select", data.get("select", ())),
        ignore=_patterns(loaded.values, "ignore", data.get("ignore", ())),
        severity=severity,
        rule_dirs=rule_dirs,
        path=loaded.path,
        rule_keys=tuple(
            (rule, loaded.keys[(key, rule)])
            for key in ("thresholds", "severity")
            for rule in sorted(data.get(key, {}))
        ),
        waiver_authority={
            (severity, area): (tuple(roles), loaded.values[("waiver_authority", severity, area)])
            for severity, areas in data.get("waiver_authority", {}).items()
            for area, roles in areas.items()
        },
    )
    return config, problems


def _patterns(
    values: Mapping[DataPath, Location], key: str, patterns: list[str]
) -> tuple[Pattern, ...]:
    return tuple((p, values[(key, i)]) for i, p in enumerate(patterns))

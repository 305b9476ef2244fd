"""Validate site descriptions: load and check each site, and the rule ids its waivers name."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from readiness.pipeline.site import hidden_notes, load_site, rule_inputs, site_inputs, unique
from readiness.problems import Location, Problem
from readiness.references import check_waiver_rules
from readiness.resources import rules_dir
from readiness.rule_loader import load_rule_folders
from readiness.site_files import display_path, expand_site_paths


@dataclass(frozen=True)
class SiteStatus:
    """One site validated: as the user named it, its files, and whether it is valid."""

    site: str
    files: tuple[str, ...]
    valid: bool


@dataclass(frozen=True)
class ValidateRun:
    """Every site validated, every problem found, and the paths skipped (with why)."""

    sites: tuple[SiteStatus, ...]
    problems: tuple[Problem, ...]
    skipped: tuple[str, ...]
    inputs: tuple[Path, ...]

    @property
    def valid(self) -> bool:
        """True when no problem was found."""
        return not self.problems


def run_validate(paths: Sequence[Path], rule_dirs: Sequence[Path] = ()) -> ValidateRun:
    """Validate every site the paths name; waivers may name rules of the extra folders."""
    folders = [rules_dir(), *rule_dirs]
    specs, problems = load_rule_folders(folders)
    known = {spec.id for spec in specs}
    roots, site_problems, skipped = expand_site_paths(list(paths))
    problems.extend(site_problems)
    if not roots and not site_problems:
        # A glob that matched no site must not read as "valid" in a pipeline.
        given = " ".join(display_path(p) for p in paths)
        message = "no site among the paths given; name a site folder or a .yaml file"
        problems.append(Problem(Location(given), message, "path-no-site"))
    sites: list[SiteStatus] = []
    inputs = rule_inputs(folders)
    for root in roots:
        source = load_site(root)
        if source.data:
            source.problems.extend(check_waiver_rules(source, known))
        problems.extend(source.problems)
        skipped.extend(hidden_notes(source))
        sites.append(SiteStatus(display_path(root), tuple(source.files), not source.problems))
        inputs.extend(site_inputs(root, source))
    return ValidateRun(tuple(sites), tuple(sorted(set(problems))), tuple(skipped), unique(inputs))

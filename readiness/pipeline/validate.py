"""Validate site descriptions: load and check each site, and the rule ids its waivers name."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from readiness.pipeline.site import hidden_notes, load_site, rule_inputs, site_inputs, unique
from readiness.problems import Location, Problem
from readiness.references import check_waiver_rules, waiver_rules
from readiness.resources import rules_dir
from readiness.rule_loader import load_rule_folders
from readiness.site_files import YAML_SUFFIXES, display_path, expand_site_paths
from readiness.site_roots import holds_any_section, owning_site


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


def run_validate(
    paths: Sequence[Path], rule_dirs: Sequence[Path] = (), changed: bool = False
) -> ValidateRun:
    """Validate every site the paths name; waivers may name rules of the extra folders.

    A file inside a site stands for its whole site (`site_roots`). With `changed` the paths
    are the files a commit changed: a YAML file in no site that holds no site section (a CI
    workflow, a rule file) is skipped, and touching no site at all is not an error.
    """
    folders = [rules_dir(), *rule_dirs]
    rules = _RuleIds(folders)
    if rule_dirs:
        rules.known()  # the user's own rules are part of what is checked: read them now
    problems: list[Problem] = []
    site_paths, skipped_files = _as_sites(paths, changed)
    roots, site_problems, skipped = expand_site_paths(site_paths)
    roots = _distinct(roots)
    skipped = skipped_files + skipped
    problems.extend(site_problems)
    if not roots and not site_problems and not changed:
        # A glob that matched no site must not read as "valid" in a pipeline.
        given = " ".join(display_path(p) for p in paths)
        message = "no site among the paths given; name a site folder or a .yaml file"
        problems.append(Problem(Location(given), message, "path-no-site"))
    sites: list[SiteStatus] = []
    inputs: list[Path] = []
    for root in roots:
        source = load_site(root)
        if source.data and waiver_rules(source):
            source.problems.extend(check_waiver_rules(source, rules.known()))
        problems.extend(source.problems)
        skipped.extend(hidden_notes(source))
        sites.append(SiteStatus(display_path(root), tuple(source.files), not source.problems))
        inputs.extend(site_inputs(root, source))
    if rules.loaded:
        problems.extend(rules.problems)
        inputs[:0] = rule_inputs(folders)
    return ValidateRun(tuple(sites), tuple(sorted(set(problems))), tuple(skipped), unique(inputs))


class _RuleIds:
    """The rule ids the folders define, read only when a waiver names a rule or the user gave
    rule folders of their own: the shipped rules are tested with the package, and reading them
    is a third of a `validate` of a site that names none (the pre-commit hook)."""

    def __init__(self, folders: Sequence[Path]) -> None:
        self.folders = list(folders)
        self.loaded = False
        self.problems: list[Problem] = []  # the rule folders' own, once read
        self._known: frozenset[str] = frozenset()

    def known(self) -> frozenset[str]:
        """Every rule id defined, the folders read the first time."""
        if not self.loaded:
            specs, self.problems = load_rule_folders(self.folders)
            self._known = frozenset(spec.id for spec in specs)
            self.loaded = True
        return self._known


def _as_sites(paths: Sequence[Path], changed: bool) -> tuple[list[Path], list[str]]:
    """Each path, with a file inside a site replaced by that site; the files skipped, and why."""
    sites: list[Path] = []
    skipped: list[str] = []
    for path in paths:
        if not (path.is_file() and path.suffix.lower() in YAML_SUFFIXES):
            sites.append(path)  # folders, and files `expand_site_paths` says it skips
            continue
        site = owning_site(path)
        if site is not None:
            sites.append(site)
        elif changed and not holds_any_section(path):
            skipped.append(f"{display_path(path)}: part of no site and holds no site section")
        else:
            sites.append(path)  # read as a one-file site, which says what it lacks
    return sites, skipped


def _distinct(roots: Sequence[Path]) -> list[Path]:
    """The roots without a site named twice (by a folder of sites and by a file in it)."""
    seen: dict[Path, Path] = {}
    for root in roots:
        seen.setdefault(root.resolve(), root)
    return list(seen.values())

"""Load a site completely: files, schema and references, every problem collected."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from readiness.message_names import check_message_names
from readiness.problems import Location, Problem
from readiness.references import check_consistency, check_references
from readiness.rule_loader import rule_files
from readiness.site_files import SiteScan, SiteSource, display_path, load_site_source
from readiness.site_roots import sites_in


def load_site(root: Path) -> SiteSource:
    """A merged, checked site; `problems` is empty when it is valid."""
    source = load_site_source(root)
    if source.data:
        source.problems.extend(check_references(source))
        source.problems.extend(check_consistency(source))
        source.problems.extend(check_message_names(source))
    source.problems = sorted(set(source.problems))
    return source


def hidden_notes(source: SiteSource | SiteScan) -> list[str]:
    """A note for each hidden file or folder skipped below the site, so none goes unseen."""
    return [f"{name}: hidden (its name starts with `.`), not read" for name in source.hidden]


def site_inputs(root: Path, source: SiteSource) -> list[Path]:
    """The site as given and each of its files."""
    # The folder is an input too, so that no report is written as a YAML file inside it.
    return [root, *(Path(name) for name in source.files)] if root.exists() else []


def rule_inputs(folders: Iterable[Path]) -> list[Path]:
    """Each rule folder or file that exists, and the rule files in it."""
    inputs: list[Path] = []
    for folder in folders:
        inputs.extend([folder, *rule_files(folder)] if folder.exists() else [])
    return inputs


def unique(paths: Iterable[Path]) -> tuple[Path, ...]:
    """The paths without repeats, first mention first."""
    return tuple(dict.fromkeys(paths))


def not_one_site(path: Path, command: str) -> Problem | None:
    """A problem when `path` is a folder of several sites, which `command` takes one of.

    Read as one site, its sites' sections would each be "defined twice"; the user meant
    `compare` (for `check`), or one of the sites.
    """
    sites = sites_in(path)
    if len(sites) < 2:
        return None
    shown = display_path(path)
    one = f"`readiness {command} {display_path(sites[0])}`"
    advice = (
        f"run `readiness compare {shown}` to compare them, or {one} for one"
        if command == "check"
        else f"name one of them, e.g. {one}"
    )
    names = ", ".join(site.name for site in sites[:4])
    if len(sites) > 4:
        names += f" and {len(sites) - 4} more"
    message = (
        f"a folder of {len(sites)} sites ({names}), and `readiness {command}` takes one site: "
        + advice
    )
    return Problem(Location(shown), message, "path-is-portfolio")

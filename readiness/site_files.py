"""Find the files of a site and merge them into one document, keeping every position.

A site is one YAML file or a folder of them (teams own different parts). List sections
(systems, interfaces, hazards, ...) from several files are joined in file-name order; any
other section may be defined in one file only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from readiness.problems import DataPath, Location, Problem
from readiness.schema_check import check_site_file
from readiness.yaml_source import LoadedFile, load_file

YAML_SUFFIXES = (".yaml", ".yml")
# A programme configuration may sit in a site folder; it is not part of the site.
CONFIG_NAMES = frozenset({"readiness.yaml", "readiness.yml"})


@dataclass
class SiteSource:
    """The merged data of one site with the location of every value and key."""

    root: str
    files: list[str]
    data: dict[str, object]
    values: dict[DataPath, Location] = field(default_factory=dict)
    keys: dict[DataPath, Location] = field(default_factory=dict)
    raw: dict[DataPath, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def where(self, path: DataPath) -> Location:
        """The location of the value at `path`, or of its nearest enclosing value."""
        while path:
            found = self.values.get(path)
            if found is not None:
                return found
            path = path[:-1]
        return self.values.get((), Location(self.files[0] if self.files else self.root))


def display_path(path: Path) -> str:
    """A path as the user would type it: relative to the working folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _is_site_yaml(path: Path) -> bool:
    return (
        path.is_file()
        and path.suffix.lower() in YAML_SUFFIXES
        and not path.name.startswith(".")
        and path.name.lower() not in CONFIG_NAMES
    )


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def site_files(root: Path) -> list[Path]:
    """The YAML files that make up the site at `root`: a file, or a folder and its sub-folders.

    Teams may keep their parts in sub-folders; every YAML file below the folder belongs to the
    site, whatever the case of its suffix, so that no file is silently left out.
    """
    if root.is_file():
        return [root]
    return sorted(p for p in root.rglob("*") if _is_site_yaml(p) and not _hidden(p, root))


def _is_site_folder(path: Path) -> bool:
    """A folder that holds site files itself (not only in sub-folders)."""
    return any(_is_site_yaml(p) for p in path.iterdir())


def expand_site_paths(paths: list[Path]) -> tuple[list[Path], list[Problem], list[str]]:
    """Turn command-line paths into site roots, problems, and files skipped (with why).

    A folder with YAML files is one site; a folder without any but with sub-folders that have
    them (a portfolio folder) stands for each of those sites. A file that is not .yaml or .yml
    (a README beside the sites, caught by a shell glob) or a programme configuration
    (`readiness.yaml`) is skipped, and said so.
    """
    roots: list[Path] = []
    problems: list[Problem] = []
    skipped: list[str] = []
    for path in paths:
        shown = display_path(path)
        if not path.exists():
            problems.append(Problem(Location(shown), "no such file or folder", "path-missing"))
        elif path.is_file() and path.suffix.lower() not in YAML_SUFFIXES:
            skipped.append(f"{shown}: not a .yaml or .yml file")
        elif path.is_file() and path.name.lower() in CONFIG_NAMES:
            skipped.append(f"{shown}: a programme configuration, not a site")
        elif path.is_file() or _is_site_folder(path):
            roots.append(path)
        else:
            children = sorted(c for c in path.iterdir() if c.is_dir() and site_files(c))
            # A folder of site folders: each one is a site.
            if children:
                roots.extend(children)
            else:
                problems.append(
                    Problem(
                        Location(shown),
                        "folder holds no .yaml or .yml site files",
                        "path-no-site",
                    )
                )
    return roots, problems, skipped


def load_site_source(root: Path) -> SiteSource:
    """Load, schema-check and merge every file of one site; problems are collected."""
    files = site_files(root)
    shown_root = display_path(root)
    source = SiteSource(shown_root, [display_path(f) for f in files], {})
    section_home: dict[str, Location] = {}
    for path in files:
        loaded = load_file(path, display_path(path))
        source.problems.extend(loaded.problems)
        if not isinstance(loaded.data, dict):
            continue
        source.problems.extend(check_site_file(loaded))
        _merge(source, loaded, section_home)
    if "site" not in source.data and not any(
        p.code.startswith(("yaml-", "file-")) for p in source.problems
    ):
        first = source.files[0] if source.files else shown_root
        source.problems.append(
            Problem(
                Location(first),
                "no file of this site has a `site:` section (id, name, go_live)",
                "site-missing",
            )
        )
    return source


def _merge(source: SiteSource, loaded: LoadedFile, section_home: dict[str, Location]) -> None:
    assert isinstance(loaded.data, dict)
    for section, value in loaded.data.items():
        here = loaded.keys[(section,)]
        if isinstance(value, list):
            existing = source.data.setdefault(section, [])
            if not isinstance(existing, list):
                _twice(source, section, section_home[section], here)
                continue
            offset = len(existing)
            existing.extend(value)
            section_home.setdefault(section, here)
            _copy_positions(source, loaded, section, offset)
            continue
        if section in section_home:
            _twice(source, section, section_home[section], here)
            continue
        section_home[section] = here
        source.data[section] = value
        _copy_positions(source, loaded, section, None)


def _twice(source: SiteSource, section: str, first: Location, again: Location) -> None:
    source.problems.append(
        Problem(
            again,
            f"section `{section}` is defined twice: in {first} and in {again}; keep it in one file",
            "section-twice",
        )
    )


def _copy_positions(
    source: SiteSource, loaded: LoadedFile, section: str, offset: int | None
) -> None:
    def moved(path: DataPath) -> DataPath:
        if offset is None or len(path) < 2 or not isinstance(path[1], int):
            return path
        return (path[0], path[1] + offset, *path[2:])

    for table, into in (
        (loaded.values, source.values),
        (loaded.keys, source.keys),
    ):
        for path, location in table.items():
            if path and path[0] == section and (offset is None or len(path) > 1):
                into[moved(path)] = location
    for path, text in loaded.raw.items():
        if path and path[0] == section:
            source.raw[moved(path)] = text
    if offset is None or (section,) not in source.values:
        source.values[(section,)] = loaded.values[(section,)]
        source.keys[(section,)] = loaded.keys[(section,)]

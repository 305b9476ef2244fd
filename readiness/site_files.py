"""Find the files of a site and merge them into one document, keeping every position.

A site is one YAML file or a folder of them (teams own different parts). List sections
(systems, interfaces, hazards, ...) from several files are joined in file-name order; any
other section may be defined in one file only.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Mapping
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
    # Hidden files and folders below the site, skipped: named so that none is skipped unseen.
    hidden: list[str] = field(default_factory=list)

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


def _is_site_name(name: str) -> bool:
    lowered = name.lower()
    return lowered.endswith(YAML_SUFFIXES) and lowered not in CONFIG_NAMES


@dataclass
class SiteScan:
    """The files of a site, the entries that could not be read, and hidden entries skipped."""

    files: list[Path] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    hidden: list[str] = field(default_factory=list)


def scan_site(root: Path, accept: Callable[[str], bool] | None = None) -> SiteScan:
    """The YAML files that make up the site at `root`: a file, or a folder and its sub-folders.

    Teams may keep their parts in sub-folders; every YAML file below the folder belongs to the
    site, whatever the case of its suffix, so that no file is silently left out: a folder or
    file that cannot be read, or a `.yaml` entry that is not a regular file, is a problem, and
    hidden entries (names starting with `.`) are skipped and named.
    """
    scan = SiteScan()
    try:
        mode = root.stat().st_mode
    except OSError as err:
        scan.problems.append(_unreadable(root, err))
        return scan
    if stat.S_ISREG(mode):
        scan.files.append(root)
    elif stat.S_ISDIR(mode):
        _walk(root, scan, {_identity(root)}, accept or _is_site_name)
    else:
        scan.problems.append(_not_regular(root))
    scan.files.sort()
    return scan


def site_files(root: Path) -> list[Path]:
    """The YAML files of the site at `root` (see `scan_site`)."""
    return scan_site(root).files


def _walk(
    folder: Path, scan: SiteScan, seen: set[tuple[int, int]], accept: Callable[[str], bool]
) -> None:
    try:
        with os.scandir(folder) as found:
            entries = sorted(found, key=lambda e: e.name)
    except OSError as err:
        scan.problems.append(_unreadable(folder, err))
        return
    for entry in entries:
        path = Path(entry.path)
        if entry.name.startswith("."):
            scan.hidden.append(display_path(path))
            continue
        try:
            is_dir = entry.is_dir()
            is_file = entry.is_file()
            identity = _identity(path) if is_dir else (0, 0)
        except OSError as err:
            scan.problems.append(_unreadable(path, err))
            continue
        if is_dir:
            # A link back up the tree would loop for ever; each real folder is read once.
            if identity not in seen:
                seen.add(identity)
                _walk(path, scan, seen, accept)
        elif accept(entry.name):
            if is_file:
                scan.files.append(path)
            else:
                scan.problems.append(_not_regular(path))


def _identity(path: Path) -> tuple[int, int]:
    info = path.stat()
    return info.st_dev, info.st_ino


def _unreadable(path: Path, err: OSError) -> Problem:
    reason = err.strerror or str(err)
    kind = "folder" if path.is_dir() else "file"
    return Problem(
        Location(display_path(path)),
        f"cannot read this {kind}: {reason}; every part of a site must be readable, "
        "or the verdict would rest on files nobody read",
        f"{kind}-unreadable",
    )


def _not_regular(path: Path) -> Problem:
    what = "a broken link" if path.is_symlink() and not path.exists() else "not a regular file"
    return Problem(
        Location(display_path(path)),
        f"{what}; a site is a YAML file or a folder of them",
        "file-not-regular",
    )


def _is_site_folder(path: Path) -> bool:
    """A folder that holds site files itself (not only in sub-folders)."""
    try:
        with os.scandir(path) as found:
            return any(
                _is_site_name(e.name) and not e.name.startswith(".") and e.is_file() for e in found
            )
    except OSError:
        return True  # read as a site, so that scanning it reports why it cannot be read


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
            # A folder of site folders: each one is a site.
            children = _site_children(path)
            if children:
                roots.extend(children)
            else:
                problems.append(_no_site(path))
    return roots, problems, skipped


def _site_children(folder: Path) -> list[Path]:
    with os.scandir(folder) as found:
        folders = sorted(Path(e.path) for e in found if e.is_dir() and not e.name.startswith("."))
    children = []
    for child in folders:
        scan = scan_site(child)
        # An unreadable child is kept, so that checking it says why, rather than dropped.
        if scan.files or scan.problems:
            children.append(child)
    return children


def _no_site(path: Path) -> Problem:
    return Problem(
        Location(display_path(path)), "folder holds no .yaml or .yml site files", "path-no-site"
    )


def load_site_source(root: Path) -> SiteSource:
    """Load, schema-check and merge every file of one site; problems are collected."""
    shown_root = display_path(root)
    if not root.exists() and not root.is_symlink():
        missing = Problem(Location(shown_root), "no such file or folder", "path-missing")
        return SiteSource(shown_root, [], {}, problems=[missing])
    scan = scan_site(root)
    files = scan.files
    source = SiteSource(
        shown_root, [display_path(f) for f in files], {}, problems=list(scan.problems)
    )
    source.hidden = scan.hidden
    if not files and not scan.problems:
        source.problems.append(_no_site(root))
        return source
    section_home: dict[str, Location] = {}
    for path in files:
        loaded = load_file(path, display_path(path))
        source.problems.extend(loaded.problems)
        if not isinstance(loaded.data, dict):
            continue
        source.problems.extend(check_site_file(loaded))
        _merge(source, loaded, section_home)
    if "site" not in source.data and not any(
        p.code.startswith(("yaml-", "file-", "folder-")) for p in source.problems
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
    # Where each section's items land in the merged document: list sections are appended
    # (their item indexes shift by `offset`), other sections are taken whole (offset None).
    placed: dict[str, int | None] = {}
    for section, value in loaded.data.items():
        here = loaded.keys[(section,)]
        if isinstance(value, list):
            existing = source.data.setdefault(section, [])
            if not isinstance(existing, list):
                _twice(source, section, section_home[section], here)
                continue
            placed[section] = len(existing)
            existing.extend(value)
            section_home.setdefault(section, here)
            continue
        if section in section_home:
            _twice(source, section, section_home[section], here)
            continue
        section_home[section] = here
        source.data[section] = value
        placed[section] = None
    _copy_positions(source, loaded, placed)


def _twice(source: SiteSource, section: str, first: Location, again: Location) -> None:
    source.problems.append(
        Problem(
            again,
            f"section `{section}` is defined twice: in {first} and in {again}; keep it in one file",
            "section-twice",
        )
    )


def _copy_positions(
    source: SiteSource, loaded: LoadedFile, placed: Mapping[str, int | None]
) -> None:
    """Copy every position of the placed sections in one pass (linear in the file's size)."""
    whole = isinstance(loaded.data, dict) and len(placed) == len(loaded.data)
    if whole and all(offset is None or offset == 0 for offset in placed.values()):
        _copy_unmoved(source, loaded, placed)
        return

    def moved(path: DataPath) -> DataPath | None:
        if not path or path[0] not in placed:
            return None
        offset = placed[path[0]]  # type: ignore[index]
        if offset is None:
            return path
        if len(path) < 2:
            return None  # the section key of a joined list stays where it was first written
        if not isinstance(path[1], int):
            return path
        return (path[0], path[1] + offset, *path[2:])

    for table, into in ((loaded.values, source.values), (loaded.keys, source.keys)):
        for path, location in table.items():
            target = moved(path)
            if target is not None:
                into[target] = location
    for path, text in loaded.raw.items():
        target = moved(path)
        if target is not None:
            source.raw[target] = text
    _place_section_keys(source, loaded, placed)


def _copy_unmoved(source: SiteSource, loaded: LoadedFile, placed: Mapping[str, int | None]) -> None:
    """The common case: every section of the file placed where it was written (taken whole,
    or the first items of its list), so every path but the root and a list's own key is kept
    as it is, and the tables are copied at C speed."""
    own: list[DataPath] = [(), *((section,) for section, offset in placed.items() if offset == 0)]
    for table, into in ((loaded.values, source.values), (loaded.keys, source.keys)):
        kept: dict[DataPath, Location] = {path: into[path] for path in own if path in into}
        into.update(table)
        for path in own:
            into.pop(path, None)
        into.update(kept)
    source.raw.update((path, text) for path, text in loaded.raw.items() if path)
    _place_section_keys(source, loaded, placed)


def _place_section_keys(
    source: SiteSource, loaded: LoadedFile, placed: Mapping[str, int | None]
) -> None:
    """A section key is where it was first written."""
    for section in placed:
        if (section,) not in source.values:
            source.values[(section,)] = loaded.values[(section,)]
            source.keys[(section,)] = loaded.keys[(section,)]

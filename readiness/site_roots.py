"""Where a site starts: the folder holding its `site:` file, found from any file inside it.

A site's marker is the YAML file with its top-level `site:` section (every site has exactly
one). A file given on the command line belongs to the site in the nearest folder above it (its
own folder first) that holds exactly one marker: that folder is the site, read whole. A marker
given itself is a one-file site when no other YAML file in its folder, or below it (other sites
aside), holds a site section: a one-file site beside unrelated YAML. A folder holding several
markers is a folder of one-file sites: a marker there is a site of its own, and any other file
there belongs to no site. The walk stops at the top of a git repository, or of the file system.

The markers are found by reading the text, not by parsing it, so that a file broken beyond
parsing still leads to its site, whose validation then reports what is wrong.
"""

from __future__ import annotations

import functools
import json
import os
import re
from collections.abc import Sequence
from pathlib import Path

from readiness.resources import schema_path

YAML_SUFFIXES = (".yaml", ".yml")
CONFIG_NAMES = frozenset({"readiness.yaml", "readiness.yml"})
_BOM = "\ufeff"


def _top_level_key(names: Sequence[str]) -> re.Pattern[str]:
    words = "|".join(re.escape(n) for n in names)
    return re.compile(rf"^(?:{words}|'(?:{words})'|\"(?:{words})\")[ \t]*:", re.MULTILINE)


_SITE_KEY = _top_level_key(["site"])


@functools.cache
def _section_key() -> re.Pattern[str]:
    """A top-level key that is one of the sections the site schema allows."""
    schema = json.loads(schema_path("site").read_text(encoding="utf-8"))
    return _top_level_key(sorted(schema["properties"]))


def _text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace").removeprefix(_BOM)
    except OSError:
        return ""


def holds_site_section(path: Path) -> bool:
    """True when the file has a top-level `site:` key: it is a site's marker."""
    return bool(_SITE_KEY.search(_text(path)))


def holds_any_section(path: Path) -> bool:
    """True when the file has a top-level key of any site section (`systems:`, `site:`...)."""
    return bool(_section_key().search(_text(path)))


def _is_yaml(name: str) -> bool:
    lowered = name.lower()
    return lowered.endswith(YAML_SUFFIXES) and lowered not in CONFIG_NAMES


def markers_in(folder: Path) -> list[Path]:
    """The site markers directly in `folder` (hidden files and configurations aside)."""
    try:
        with os.scandir(folder) as found:
            names = sorted(
                e.name
                for e in found
                if _is_yaml(e.name) and not e.name.startswith(".") and e.is_file()
            )
    except OSError:
        return []
    return [folder / name for name in names if holds_site_section(folder / name)]


def owning_site(file: Path) -> Path | None:
    """The site `file` belongs to (a folder, or the file itself), or None (see the module)."""
    start = file.resolve()
    folder = start.parent
    while True:
        markers = markers_in(folder)
        if len(markers) == 1:
            alone = markers[0].resolve() == start and not _other_site_files(folder, start)
            return file if alone else folder
        if markers:
            return file if start in {m.resolve() for m in markers} else None
        if (folder / ".git").exists() or folder.parent == folder:
            return None
        folder = folder.parent


def _other_site_files(folder: Path, marker: Path) -> bool:
    """True when a YAML file of `folder`'s site, other than `marker`, holds a site section.

    Sub-folders with a marker of their own are other sites, and are not looked into.
    """
    for top, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not markers_in(Path(top) / d))
        for name in sorted(files):
            path = Path(top) / name
            visible = _is_yaml(name) and not name.startswith(".")
            if visible and path.resolve() != marker and holds_any_section(path):
                return True
    return False


def sites_in(folder: Path) -> list[Path]:
    """The sub-folders that hold a site each, when `folder` holds no site file of its own."""
    if not folder.is_dir() or markers_in(folder):
        return []
    try:
        with os.scandir(folder) as found:
            children = sorted(
                Path(e.path) for e in found if e.is_dir() and not e.name.startswith(".")
            )
    except OSError:
        return []
    return [child for child in children if markers_in(child)]

"""Check a site through the result cache: a site whose inputs are unchanged is read back.

A site's entry is found by a SHA-256 over everything its result depends on: the content and
name of every file of the site, of every rule file and of the configuration; the request (the
site as named, the as-of date, rule folders, selection); the working folder (locations are
shown relative to it); and the tool itself (its version, a hash of its own code and schemas,
the versions of Python and of the libraries that judge). Anything that cannot be read or
hashed, or a configuration with problems, means no key: the site is checked afresh, and the
problems are reported as they would be without a cache.

A result computed on a miss is stored only if the inputs still hash to the same key after the
check: a file edited while it was being checked must not leave a result under a key it does
not belong to. This module is light (no rule engine, no graph library) so that a run served
from the cache loads neither.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import readiness
from readiness.config import Config, load_config
from readiness.input_files import NotRegularFile, OverLimit, read_limited
from readiness.pipeline.request import CheckRequest, CheckRun
from readiness.pipeline.settings import config_path, rule_folders
from readiness.pipeline.site import hidden_notes, unique
from readiness.resources import schema_path
from readiness.result import Result
from readiness.result_cache import ResultCache
from readiness.rule_loader import rule_stamp, scan_rule_folder
from readiness.site_files import display_path, scan_site
from readiness.yaml_source import MAX_FILE_BYTES

if TYPE_CHECKING:
    from readiness.pipeline.check import Rulebooks

# The libraries whose behaviour decides a result (reporters read only the result).
JUDGING_LIBRARIES = ("pyyaml", "jsonschema", "rule-engine", "networkx")


@dataclass(frozen=True)
class SiteKey:
    """Where a site's cache entry lives, and what a run of the site reads and skips."""

    slot: str  # the site as this command names it: its few entries are kept together
    digest: str  # everything the result depends on
    inputs: tuple[Path, ...]
    config: Path | None
    skipped: tuple[str, ...]


class Keys:
    """Works out the keys of the sites of one run.

    A rule file or configuration that many sites share is hashed and read once per run
    (again if its size, inode or modification time changes, as the rule loader does).
    """

    def __init__(self) -> None:
        self._digests: dict[tuple[Path, tuple[int, int, int]], str | None] = {}
        self._configs: dict[tuple[Path, tuple[int, int, int]], tuple[Config, bool]] = {}
        self._shown: dict[Path, str] = {}  # display_path resolves every link: once a file

    def key(self, request: CheckRequest, kind: type) -> SiteKey | None:
        """The key of the site's entry of this kind of value, or None when it cannot be made."""
        scan = scan_site(request.site)
        if scan.problems or not scan.files:
            return None
        used = config_path(request)
        config = self._config(used)
        if config is None:
            return None
        folders = rule_folders(request, config)
        rules = [self._rule_folder(folder) for folder in folders]
        shown = [display_path(path) for path in scan.files]
        site = [[name, _digest(path)] for name, path in zip(shown, scan.files, strict=True)]
        if any(r is None for r in rules) or any(d is None for _, d in site):
            return None
        basis = {
            "kind": kind.__name__,
            "tool": tool_identity(),
            "cwd": str(Path.cwd()),
            "request": _request_basis(request),
            "site": site,
            "hidden": scan.hidden,
            "config": None if used is None else [str(used), self._digest(used)],
            "rules": [entry for entry, _ in filter(None, rules)],
        }
        where = [kind.__name__, str(Path.cwd()), str(request.site)]
        # What run_check reports as read: the site and its files, each rule folder and its
        # files, the configuration.
        inputs = [request.site, *map(Path, shown)]
        for folder, (_, files) in zip(folders, filter(None, rules), strict=True):
            inputs.extend([folder, *files])
        inputs.extend([used] if used is not None else [])
        return SiteKey(
            _sha256(where)[:32], _sha256(basis), unique(inputs), used, tuple(hidden_notes(scan))
        )

    def _config(self, used: Path | None) -> Config | None:
        if used is None:
            return Config()
        stamp = (used, rule_stamp(used))
        if stamp not in self._configs:
            config, problems = load_config(used)
            self._configs[stamp] = (config, not problems)
        config, valid = self._configs[stamp]
        return config if valid else None

    def _rule_folder(self, folder: Path) -> tuple[list[object], list[Path]] | None:
        """The folder's part of the key, and its rule files; None if it cannot be read whole."""
        if not folder.exists():
            return None
        scan = scan_rule_folder(folder)
        if scan.problems or not scan.files:
            return None
        files = [[self._display(path), self._digest(path)] for path in scan.files]
        if any(digest is None for _, digest in files):
            return None
        return [str(folder), files], scan.files

    def _display(self, path: Path) -> str:
        if path not in self._shown:
            self._shown[path] = display_path(path)
        return self._shown[path]

    def _digest(self, path: Path) -> str | None:
        stamp = (path, rule_stamp(path))
        if stamp not in self._digests:
            self._digests[stamp] = _digest(path)
        return self._digests[stamp]


def check_cached(
    request: CheckRequest,
    folder: Path | None,
    keys: Keys | None = None,
    rulebooks: Rulebooks | None = None,
) -> CheckRun:
    """`run_check`, served from the cache in `folder` (None: no cache) when the site's inputs
    are unchanged since a run kept its result there."""
    keys = keys or Keys()
    cache = None if folder is None else ResultCache(folder)
    key = None if cache is None else keys.key(request, Result)
    if cache is not None and key is not None:
        hit = cache.read(key.slot, key.digest, Result)
        if hit is not None:
            return CheckRun(hit, [], key.inputs, key.config, key.skipped)
    # Imported here: a run served from the cache never loads the rule engine.
    from readiness.pipeline.check import run_check

    run = run_check(request, rulebooks)
    if cache is not None and key is not None and run.result is not None:
        keep(cache, keys, request, key, run.result)
    return run


def keep(
    cache: ResultCache, keys: Keys, request: CheckRequest, key: SiteKey, value: object
) -> None:
    """Store a value computed for the key, if the site's inputs still hash to it."""
    if keys.key(request, type(value)) == key:
        cache.write(key.slot, key.digest, value)


def _request_basis(request: CheckRequest) -> dict[str, object]:
    return {
        "site": str(request.site),
        "as_of": request.as_of.isoformat(),
        "rule_dirs": [str(path) for path in request.rule_dirs],
        "config": None if request.config_path is None else str(request.config_path),
        "select": list(request.select),
        "ignore": list(request.ignore),
    }


def _digest(path: Path) -> str | None:
    """The SHA-256 of a file read as the loader reads it, or None if it cannot be read so."""
    try:
        return hashlib.sha256(read_limited(path, MAX_FILE_BYTES)).hexdigest()
    except (OSError, NotRegularFile, OverLimit):
        return None


def _sha256(data: object) -> str:
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode("utf-8")).hexdigest()


def tool_identity() -> dict[str, object]:
    """What of the tool a result depends on: a change to any of it recomputes every site."""
    return {
        "version": readiness.__version__,
        "code": _code_digest(),
        "python": sys.version,
        "libraries": _library_versions(),
    }


@functools.cache
def _code_digest() -> str:
    """A hash of the package's code and templates and of the shipped schemas: a result
    computed by other code is not this code's result, whatever the version number says."""
    package = Path(readiness.__file__).parent
    files = [p for p in package.rglob("*") if p.suffix in (".py", ".j2") and p.is_file()]
    files.extend(schema_path("site").parent.glob("*.json"))
    digest = hashlib.sha256()
    for path in sorted(files):
        blob = path.read_bytes()
        digest.update(f"{path.relative_to(path.parents[1])}\0{len(blob)}\0".encode())
        digest.update(blob)
    return digest.hexdigest()


@functools.cache
def _library_versions() -> dict[str, str]:
    versions = {}
    for name in JUDGING_LIBRARIES:
        try:
            versions[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            versions[name] = "unknown"
    return versions

"""The result cache: each site's evaluated result as a JSON file, found by a hash of its inputs.

An entry is one file, `SLOT/KEY.json` under the cache folder: a header line (format, schema,
key, the type of value, and the SHA-256 of the rest) and the value as JSON (`json_codec`). It is
trusted only whole: a file that cannot be read, a header that differs in any way from what is
expected (another key, type or format version), a body whose hash does not match (truncated or
corrupt), or a value whose shape is not the type asked for, is a miss, and the run that misses
writes the entry again. Entries are written to a temporary file and renamed over the old one,
so that a reader, or another run writing the same entry, never sees half a file. Each slot (a
site as one command names it) keeps its few most recently used entries; the folder is safe to
delete at any time.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from readiness.json_codec import ShapeError, decode, encode

T = TypeVar("T")

FORMAT = "readiness result cache"
SCHEMA = 1  # raised whenever the layout of an entry changes
KEEP = 4  # entries kept per slot: a few configurations or dates of one site
STALE_TEMP_SECONDS = 3600  # a temporary file this old was left by a run that was killed
TAG = "CACHEDIR.TAG"
TAG_TEXT = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by readiness.\n"
    "# For information about cache directory tags see https://bford.info/cachedir/\n"
)


@dataclass(frozen=True)
class ResultCache:
    """A cache folder; reading and writing never raise, a failure is a miss or no entry."""

    folder: Path

    def read(self, slot: str, key: str, kind: type[T]) -> T | None:
        """The value stored under the key, if the entry is whole and has the shape of `kind`."""
        path = self._entry(slot, key)
        try:
            blob = path.read_bytes()
        except OSError:
            return None
        head, _, body = blob.partition(b"\n")
        try:
            header = json.loads(head)
        except (ValueError, RecursionError):
            return None
        if header != _header(key, kind, body):
            return None
        try:
            value = decode(kind, json.loads(body))
        except (ValueError, RecursionError, ShapeError):
            return None
        with contextlib.suppress(OSError):
            os.utime(path)  # recently used: kept when the slot is pruned
        return value

    def write(self, slot: str, key: str, value: object) -> None:
        """Store the value under the key, replacing any entry there in one step."""
        try:
            data = encode(value)
        except TypeError:
            return  # a value the codec cannot write back exactly is not kept
        body = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
        blob = body.encode("utf-8")
        head = json.dumps(_header(key, type(value), blob), sort_keys=True).encode("utf-8")
        folder = self.folder / f"v{SCHEMA}" / slot
        try:
            folder.mkdir(parents=True, exist_ok=True)
            self._tag()
            _replace(folder, self._entry(slot, key), head + b"\n" + blob)
        except OSError:
            return  # a read-only or full disk costs the next run time, never this run's result
        _prune(folder)

    def _entry(self, slot: str, key: str) -> Path:
        return self.folder / f"v{SCHEMA}" / slot / f"{key}.json"

    def _tag(self) -> None:
        # Backup tools skip a folder holding this file.
        tag = self.folder / TAG
        if not tag.exists():
            _replace(self.folder, tag, TAG_TEXT.encode("ascii"))


def _header(key: str, kind: type, body: bytes) -> dict[str, object]:
    return {
        "format": FORMAT,
        "schema": SCHEMA,
        "key": key,
        "type": kind.__name__,
        "sha256": hashlib.sha256(body).hexdigest(),
    }


def _replace(folder: Path, path: Path, blob: bytes) -> None:
    """Write the file under a temporary name in the same folder, then rename it into place."""
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=".json")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(blob)
        Path(temporary).replace(path)
    except BaseException:
        with contextlib.suppress(OSError):
            Path(temporary).unlink()
        raise


def _prune(folder: Path) -> None:
    """Keep the slot's most recently used entries, and remove what killed runs left behind."""
    try:
        with os.scandir(folder) as found:
            entries = [(e.stat().st_mtime, e.name, Path(e.path)) for e in found if e.is_file()]
    except OSError:
        return
    now = time.time()
    kept = sorted((e for e in entries if not e[1].startswith(".")), reverse=True)
    old = [path for _, _, path in kept[KEEP:]]
    old.extend(
        path
        for mtime, name, path in entries
        if name.startswith(".tmp-") and now - mtime > STALE_TEMP_SECONDS
    )
    for path in old:
        with contextlib.suppress(OSError):
            path.unlink()

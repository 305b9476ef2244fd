"""HL7 v2 message structures, message types and trigger events, read from data shipped here.

hl7apy holds, per version, the message structures and the tables of message types (0076) and
trigger events (0003), but importing one version's library builds every segment, field and
data type of it too: 10 to 20 ms a version, most of a `validate` of a site that names two or
three. The three lists are extracted once (`python -m readiness.hl7_tables`) into
`hl7_tables.json`, with the SHA-256 of the hl7apy source files they come from. A version's
lists are used only when those files are byte-identical to what they were made from; else, as
after an hl7apy upgrade, they are read from hl7apy itself, so an upgrade can only cost time,
never change an answer. The file is JSON, data only. tests/test_hl7_tables.py checks that it
is current.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import sys
from functools import cache
from pathlib import Path
from typing import Any

import hl7apy

TABLES = Path(__file__).with_name("hl7_tables.json")
# The modules of a version's library that its lists come from.
_SOURCES = ("messages.py", "tables.py")

Known = tuple[frozenset[str], frozenset[str], frozenset[str]]


@cache
def known(version: str) -> Known:
    """The version's message structures, message types and trigger events."""
    shipped = _shipped().get(version)
    if shipped is not None and shipped.get("sources") == _digest(version):
        return (
            frozenset(shipped["structures"]),
            frozenset(shipped["types"]),
            frozenset(shipped["events"]),
        )
    return _from_library(version)


def _from_library(version: str) -> Known:
    library = importlib.import_module(hl7apy.SUPPORTED_LIBRARIES[version])
    structures = frozenset(library.MESSAGES)
    tables = getattr(library, "TABLES", None)
    if tables is None:  # 2.1 to 2.3 ship structures only: types are read from them.
        return structures, frozenset(s.split("_")[0] for s in structures), frozenset()
    return structures, frozenset(tables["HL70076"][1]), frozenset(tables["HL70003"][1])


@cache
def _shipped() -> dict[str, dict[str, Any]]:
    try:
        data = json.loads(TABLES.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    versions = data.get("versions") if isinstance(data, dict) else None
    return versions if isinstance(versions, dict) else {}


def _digest(version: str) -> str:
    """The SHA-256 of the installed hl7apy source files the version's lists come from."""
    folder = Path(hl7apy.__file__).parent.joinpath(
        *hl7apy.SUPPORTED_LIBRARIES[version].split(".")[1:]
    )
    digest = hashlib.sha256()
    for name in _SOURCES:
        path = folder / name
        digest.update(name.encode() + b"\0")
        digest.update(path.read_bytes() if path.is_file() else b"(none)")
    return digest.hexdigest()


def built_tables() -> dict[str, Any]:
    """Every version's lists as the installed hl7apy gives them, as JSON data."""
    versions = {}
    for version in sorted(hl7apy.SUPPORTED_LIBRARIES):
        structures, types, events = _from_library(version)
        versions[version] = {
            "sources": _digest(version),
            "structures": sorted(structures),
            "types": sorted(types),
            "events": sorted(events),
        }
    return {"versions": versions}


def write_tables() -> None:
    """Write the lists of the installed hl7apy to TABLES."""
    text = json.dumps(built_tables(), sort_keys=True, indent=1, ensure_ascii=True)
    TABLES.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    write_tables()
    print(f"wrote {TABLES}", file=sys.stderr)

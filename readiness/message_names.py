"""HL7 v2 version and message names in a site, checked against hl7apy's tables of the standard.

A misspelt `ORU^R1`, a version `2.5.2` that does not exist, or `ORM^O01` at 2.7 (withdrawn
there) would otherwise make IF-COMPAT compare names that no system can send: each is a
validation problem at its line and column instead. hl7apy ships, per version, the message
structures and the message type (0076) and trigger event (0003) tables; it has no table of
which events belong to which type, so a type and event that each exist are taken together.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import hl7apy

from readiness.hl7_tables import known
from readiness.problems import DataPath, Problem
from readiness.references import walk
from readiness.schema_check import suggest
from readiness.site_files import SiteSource

_NAME = re.compile(r"^([A-Z][A-Z0-9]{2})\^([A-Z0-9]{3})$")
# Versions hl7apy knows, oldest first ("2.5.1" sorts between "2.5" and "2.6").
VERSIONS: tuple[str, ...] = tuple(
    sorted(hl7apy.SUPPORTED_LIBRARIES, key=lambda v: [int(p) for p in v.split(".")])
)


def message_problem(name: str, version: str) -> str | None:
    """Why `name` is not an HL7 v2 message type with trigger event at `version`, or None."""
    found = _NAME.match(name)
    if found is None:
        return f"`{name}` is not an HL7 v2 message type with trigger event, written like ORU^R01"
    kind, event = found.groups()
    structures, kinds, events = known(version)
    if f"{kind}_{event}" in structures:
        return None
    if kind.startswith("Z") or event.startswith("Z"):
        return None  # Z types and events are the site's own, defined by its interface spec.
    if kind not in kinds:
        return f"`{kind}` is not a message type of HL7 v{version}{suggest(kind, kinds)}"
    if not any(s.startswith(f"{kind}_") for s in structures):
        return f"`{kind}` has no message structure in HL7 v{version}: withdrawn or not yet defined"
    if events and event not in events:
        return f"`{event}` (in `{name}`) is not a trigger event of HL7 v{version}"
    return None


def version_problem(version: object) -> str | None:
    """Why `version` is not an HL7 v2 version, or None (a value that is not text is the
    schema's to report)."""
    if not isinstance(version, str) or version in VERSIONS:
        return None
    return f"`{version}` is not an HL7 v2 version; known: {', '.join(VERSIONS)}"


def _names_problem(name: object, versions: list[str]) -> str | None:
    """A name must be a message of at least one of the versions (of any when none is stated)."""
    if not isinstance(name, str):
        return None
    problems = [message_problem(name, v) for v in versions or [VERSIONS[-1]]]
    return None if None in problems else problems[-1]


def _hl7_names(source: SiteSource) -> Iterator[tuple[DataPath, str | None]]:
    """Every HL7 v2 version and message name the site writes, with why it is wrong (or None)."""
    for path, system in walk(source.data, ("systems", "*", "interop", "hl7v2")):
        if not isinstance(system, dict):
            continue
        versions = [v for v in system.get("versions") or () if isinstance(v, str)]
        for index, version in enumerate(system.get("versions") or ()):
            yield (*path, "versions", index), version_problem(version)
        good = [v for v in versions if v in VERSIONS]
        for key in ("sends", "accepts"):
            for index, name in enumerate(system.get(key) or ()):
                yield (*path, key, index), _names_problem(name, good)
    for path, interface in walk(source.data, ("interfaces", "*")):
        if isinstance(interface, dict) and interface.get("standard") == "hl7v2":
            yield from _interface_names(path, interface)


def _interface_names(
    path: DataPath, interface: dict[str, object]
) -> Iterator[tuple[DataPath, str | None]]:
    version = interface.get("version")
    sent = [version] if isinstance(version, str) and version in VERSIONS else []
    if version is not None:
        yield (*path, "version"), version_problem(version)
    for index, name in enumerate(_items(interface.get("messages"))):
        yield (*path, "messages", index), _names_problem(name, sent)
    declared = interface.get("transform")
    if not isinstance(declared, dict):
        return
    to = declared.get("to")
    received = [to] if isinstance(to, str) and to in VERSIONS else sent
    for key in ("from", "to"):
        if key in declared:
            yield (*path, "transform", key), version_problem(declared[key])
    for index, pair in enumerate(_items(declared.get("messages"))):
        if isinstance(pair, dict):
            where = (*path, "transform", "messages", index)
            yield (*where, "from"), _names_problem(pair.get("from"), sent)
            yield (*where, "to"), _names_problem(pair.get("to"), received)


def _items(value: object) -> list[object]:
    return list(value) if isinstance(value, list) else []


def check_message_names(source: SiteSource) -> list[Problem]:
    """HL7 v2 versions and message names that the standard does not define."""
    return [
        Problem(source.where(path), reason, "unknown-hl7-name")
        for path, reason in _hl7_names(source)
        if reason is not None
    ]

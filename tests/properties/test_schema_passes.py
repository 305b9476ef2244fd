"""The fast schema pass (jsonschema-rs) never calls valid what the full pass (jsonschema) rejects.

A file the fast pass calls valid is never shown to jsonschema, so a value it accepted and the
full pass would refuse (a date out of range, an id with a final newline) would be a false pass.
The fast pass may be stricter, never looser; and it must call the valid files valid, or every
run would pay for the slow pass.
"""

from __future__ import annotations

import copy
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from readiness.problems import DataPath
from readiness.schema_check import validator
from readiness.schema_fast import surely_valid
from readiness.yaml_source import load_file
from tests.helpers import REPO

SITE_FILES = sorted((REPO / "sample_sites").glob("*/*.yaml"))
RULE_FILES = sorted((REPO / "rules").glob("*.yaml"))
# The alias bomb is refused while loading (no data reaches a schema) and takes seconds to load.
BAD_INPUTS = sorted(
    p for p in (REPO / "tests" / "bad_inputs").rglob("*.yaml") if p.name != "alias_bomb.yaml"
)
CONFIG: dict[str, Any] = {
    "thresholds": {"TR-COMPLETE": {"min_percent": 85}, "GV-DECISION": {"required_roles": ["sro"]}},
    "select": ["TR-", "IF-COMPAT"],
    "ignore": ["DM-"],
    "severity": {"TR-COMPLETE": "minor"},
    "rules": ["local-rules"],
    "waiver_authority": {"blocker": {"clinical-safety": ["cso", "sro"], "other": []}},
}


def _fully_valid(data: object, schema: str) -> bool:
    return not any(True for _ in validator(schema).iter_errors(data))


@cache
def _data(path: Path) -> Any:
    """A file's data, loaded once (the tests below change copies only)."""
    return load_file(path, path.name).data


@pytest.mark.parametrize(
    ("path", "schema"),
    [(p, "site") for p in SITE_FILES] + [(p, "rules") for p in RULE_FILES],
    ids=[p.parent.name + "/" + p.name for p in SITE_FILES + RULE_FILES],
)
def test_the_fast_pass_calls_the_shipped_files_valid(path: Path, schema: str) -> None:
    data = _data(path)
    assert _fully_valid(data, schema)
    assert surely_valid(data, schema)


def test_the_fast_pass_calls_a_valid_configuration_valid() -> None:
    assert _fully_valid(CONFIG, "config")
    assert surely_valid(CONFIG, "config")


@pytest.mark.parametrize("path", BAD_INPUTS, ids=[str(p.relative_to(REPO)) for p in BAD_INPUTS])
def test_both_passes_agree_on_every_bad_input(path: Path) -> None:
    data = _data(path)
    for schema in ("site", "rules", "config"):
        assert surely_valid(data, schema) == _fully_valid(data, schema), schema


def _paths(data: object, path: DataPath = ()) -> list[DataPath]:
    """Every path into `data`: each mapping value and list item, the root included."""
    found = [path]
    if isinstance(data, dict):
        for key, value in data.items():
            found.extend(_paths(value, (*path, key)))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found.extend(_paths(value, (*path, index)))
    return found


def _value_at(data: Any, path: DataPath) -> object:
    for step in path:
        data = data[step]
    return data


def _replace(data: Any, path: DataPath, value: object) -> Any:
    if not path:
        return value
    changed = copy.deepcopy(data)
    holder = changed
    for step in path[:-1]:
        holder = holder[step]
    holder[path[-1]] = value
    return changed


# Values that sit on the edges the two validators could read differently.
# fmt: off
EDGES = (
    "epr\n", "epr", "EPR-1", "ab", "", " ", "a\u00e9", "2027-02-30", "2027-02-28", "1899-12-31",
    "1900-01-01", "2200-12-31", "2201-01-01", "2027-1-1", "2027-01-01\n", "2027-01-01T09:30",
    "2027-01-01 09:30:00", "0001-01-01", "x" * 300, "\U0001f600", "blocker", "live", "hl7v2",
    "ORU^R01", "TR-COMPLETE", 0, 1, -1, 100, 101, 1.0, 0.5, -0.5, 10**20, True, False, None,
    [], ["a", "a"], [1, 1.0], [True, 1], {}, {"unknown": 1},
)
# fmt: on
values = st.recursive(
    st.sampled_from(EDGES) | st.integers() | st.floats(allow_nan=False, allow_infinity=False),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(), children),
    max_leaves=5,
)


def _tweaks(value: object) -> list[object]:
    """Near misses of a value that is valid where it stands: the edges of patterns, enums and
    bounds, where two validators are most likely to part."""
    if isinstance(value, str):
        return [value + "\n", "\n" + value, value + " ", value.upper(), value[:-1], "-" + value]
    if isinstance(value, bool):
        return [int(value), str(value).lower()]
    if isinstance(value, int | float):
        return [value + 1, value - 1, -value, float(value), value + 0.5, str(value)]
    if isinstance(value, list):
        return [[*value, *value[:1]], value[1:], [value]]
    return []


FILES = [(p, "site") for p in SITE_FILES[:12]] + [(p, "rules") for p in RULE_FILES[:3]]


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(FILES), st.data())
def test_a_changed_value_the_full_pass_rejects_is_never_fast_valid(
    file: tuple[Path, str], data: st.DataObject
) -> None:
    path, schema = file
    original = _data(path)
    where = data.draw(st.sampled_from(_paths(original)))
    value = _value_at(original, where)
    changed = _replace(
        original, where, data.draw(st.sampled_from(_tweaks(value) or [None]) | values)
    )
    if surely_valid(changed, schema):
        assert _fully_valid(changed, schema), where


@settings(max_examples=100, deadline=None)
@given(st.data())
def test_a_changed_configuration_the_full_pass_rejects_is_never_fast_valid(
    data: st.DataObject,
) -> None:
    where = data.draw(st.sampled_from(_paths(CONFIG)))
    changed = _replace(CONFIG, where, data.draw(values))
    if surely_valid(changed, "config"):
        assert _fully_valid(changed, "config"), where

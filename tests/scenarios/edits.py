"""Apply a scenario's edits to a copy of a sample site: set, add, remove or append at a path.

A path names a file of the site and a place in it:
`interfaces.yaml: interfaces[id=if-pds].tests.e2e`. Segments are keys separated by dots;
`[key=value]` picks the one list item whose `key` is `value`, `[=value]` the one plain item
equal to `value`, `[3]` an item by position. Every step must find exactly what it names: an
edit that silently changed nothing would be a scenario that tests nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

OPERATIONS = ("set", "add", "remove", "append")
_SEGMENT = re.compile(r"([A-Za-z0-9_]+)((?:\[[^\]]+\])*)")
_SELECTOR = re.compile(r"\[([^\]]+)\]")


class EditError(Exception):
    """A change names a file or a place that is not in the base site."""


@dataclass(frozen=True)
class Step:
    """One hop along a path: a mapping key, or a list selector."""

    key: str | None = None
    index: int | None = None
    match: tuple[str, str] | None = None

    def describe(self) -> str:
        """The step as written in the path."""
        if self.key is not None:
            return self.key
        if self.index is not None:
            return f"[{self.index}]"
        assert self.match is not None
        return f"[{self.match[0]}={self.match[1]}]"


def parse_path(text: str) -> tuple[str, list[Step]]:
    """`file.yaml: a.b[id=x].c` -> ("file.yaml", steps)."""
    file_name, sep, place = text.partition(":")
    if not sep or not place.strip():
        raise EditError(f"{text!r}: a path is `FILE: key.key[id=x]...`")
    steps: list[Step] = []
    for segment in _split_dots(place.strip()):
        found = _SEGMENT.fullmatch(segment)
        if found is None:
            raise EditError(f"{text!r}: cannot read the segment {segment!r}")
        steps.append(Step(key=found.group(1)))
        for selector in _SELECTOR.findall(found.group(2)):
            steps.append(_selector_step(selector))
    return file_name.strip(), steps


def _split_dots(place: str) -> list[str]:
    # Dots inside a selector's value (`[area=St. Mary's]`) are not separators.
    parts, depth, current = [], 0, ""
    for char in place:
        depth += {"[": 1, "]": -1}.get(char, 0)
        if char == "." and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += char
    parts.append(current)
    return parts


def _selector_step(selector: str) -> Step:
    if selector.isdigit():
        return Step(index=int(selector))
    key, sep, value = selector.partition("=")
    if not sep:
        raise EditError(f"[{selector}]: a selector is `[key=value]` or `[index]`")
    return Step(match=(key.strip(), value.strip()))


def _child(node: Any, step: Step, where: str) -> Any:
    if step.key is not None:
        if not isinstance(node, dict) or step.key not in node:
            raise EditError(f"{where}: no key {step.key!r} here")
        return node[step.key]
    if not isinstance(node, list):
        raise EditError(f"{where}: {step.describe()} needs a list")
    return node[_position(node, step, where)]


def _position(items: list[Any], step: Step, where: str) -> int:
    if step.index is not None:
        if not 0 <= step.index < len(items):
            raise EditError(f"{where}: no item {step.index} (the list has {len(items)})")
        return step.index
    assert step.match is not None
    key, value = step.match
    hits = [i for i, item in enumerate(items) if _matches(item, key, value)]
    if len(hits) != 1:
        raise EditError(f"{where}: {len(hits)} items match {step.describe()}, needs exactly one")
    return hits[0]


def _matches(item: Any, key: str, value: str) -> bool:
    if not key:
        return not isinstance(item, dict | list) and str(item) == value
    return isinstance(item, dict) and str(item.get(key)) == value


def apply_change(site: Path, change: dict[str, Any]) -> None:
    """Apply one change (`{set|add|remove|append: PATH, value: V}`) to the site folder in place."""
    operations = [op for op in OPERATIONS if op in change]
    unknown = set(change) - {*OPERATIONS, "value"}
    if len(operations) != 1 or unknown:
        raise EditError(f"{change!r}: needs exactly one of {OPERATIONS} (and `value`)")
    operation = operations[0]
    if (operation == "remove") == ("value" in change):
        raise EditError(
            f"{change!r}: `{operation}` {'takes no' if operation == 'remove' else 'needs a'} value"
        )
    file_name, steps = parse_path(change[operation])
    target = site / file_name
    if not target.is_file():
        raise EditError(f"{change[operation]!r}: the base site has no file {file_name}")
    data = yaml.safe_load(target.read_text(encoding="utf-8"))
    _edit(data, steps, operation, change.get("value"), change[operation])
    target.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def _edit(data: Any, steps: list[Step], operation: str, value: Any, where: str) -> None:
    parent = data
    for step in steps[:-1]:
        parent = _child(parent, step, where)
    last = steps[-1]
    if operation == "add":
        if last.key is None or not isinstance(parent, dict):
            raise EditError(f"{where}: `add` puts a new key into a mapping")
        if last.key in parent:
            raise EditError(f"{where}: {last.key!r} is already there; use `set`")
        parent[last.key] = value
        return
    current = _child(parent, last, where)
    if operation == "append":
        if not isinstance(current, list):
            raise EditError(f"{where}: `append` needs a list")
        current.append(value)
    elif operation == "set":
        if current == value:
            raise EditError(f"{where}: already {value!r}, so setting it changes nothing")
        _replace(parent, last, value, where)
    else:
        _delete(parent, last, where)


def _replace(parent: Any, step: Step, value: Any, where: str) -> None:
    if step.key is not None:
        parent[step.key] = value
    else:
        parent[_position(parent, step, where)] = value


def _delete(parent: Any, step: Step, where: str) -> None:
    if step.key is not None:
        del parent[step.key]
    else:
        del parent[_position(parent, step, where)]

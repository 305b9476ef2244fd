"""Plain data from a composed YAML node tree, recording the position of every key and value.

No object is ever constructed from a tag: explicit tags are problems, aliases are expanded
within a bound, and recursive aliases and merges are reported instead of looping.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

import yaml

from readiness.problems import DataPath, Location, Problem
from readiness.yaml_scalars import Scalar, describe_value, read_plain

# Nodes built from one file, aliases expanded; a 0.5 MB site builds about 60,000.
MAX_NODES = 300_000
MAX_DEPTH = 64

# The C composer is several times faster; its nodes carry the same marks.
if TYPE_CHECKING:
    _BaseLoader = yaml.SafeLoader
else:
    _BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_RESOLVER = yaml.resolver.Resolver()


@lru_cache(maxsize=8192)
def _scalar_tag(text: str, implicit: tuple[bool, bool]) -> str:
    tag: str = _RESOLVER.resolve(yaml.ScalarNode, text, implicit)  # type: ignore[no-untyped-call]
    return tag


class Loader(_BaseLoader):
    """The safe loader, resolving each scalar text's implicit tag once: keys and values such
    as `id`, `status` or `true` repeat throughout a site, and PyYAML tries each of its
    patterns on every one."""

    def resolve(self, kind: type[yaml.Node], value: str, implicit: tuple[bool, bool]) -> str:
        """The tag of a node without an explicit one, as PyYAML's own safe resolver gives it."""
        if kind is yaml.ScalarNode:
            return _scalar_tag(value, implicit)
        tag: str = super().resolve(kind, value, implicit)  # type: ignore[no-untyped-call]
        return tag


_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_MERGE = "tag:yaml.org,2002:merge"


@dataclass
class LoadedFile:
    """One YAML file's data with the location of every value and every mapping key."""

    path: str
    data: object
    values: dict[DataPath, Location] = field(default_factory=dict)
    keys: dict[DataPath, Location] = field(default_factory=dict)
    # The source text of plain scalars that YAML read as something other than text.
    raw: dict[DataPath, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def location(path: str, mark: yaml.Mark | None) -> Location:
    """A 1-based location from a YAML mark (0-based), or the whole file without one."""
    if mark is None:
        return Location(path)
    return Location(path, mark.line + 1, mark.column + 1)


class TooLarge(Exception):
    """The tree expands past MAX_NODES values, while building the value at `path`."""

    def __init__(self, path: DataPath) -> None:
        super().__init__(path)
        self.path = path


class NodeBuilder:
    """Turns a composed node tree into plain data, recording positions and problems."""

    def __init__(self, name: str, out: LoadedFile) -> None:
        self.name = name
        self.out = out
        self.count = 0
        self.distinct: set[int] = set()
        # Collections being built, to catch an alias inside its own anchor.
        self.open: set[int] = set()

    def problem(self, node: yaml.Node, message: str, code: str) -> None:
        """Record a problem at the node's position."""
        self.out.problems.append(Problem(location(self.name, node.start_mark), message, code))

    def build(self, node: yaml.Node, path: DataPath, depth: int) -> object:
        """The plain value of `node`, found at `path`, `depth` levels down."""
        # Called once per value of a site (tens of thousands): the common path is kept short.
        self.count += 1
        node_id = id(node)
        self.distinct.add(node_id)
        if self.count > MAX_NODES:
            raise TooLarge(path)
        if node_id in self.open and self.recursive(node):
            return None
        if depth > MAX_DEPTH:
            self.problem(node, f"nesting is deeper than {MAX_DEPTH} levels", "yaml-too-deep")
            return None
        mark = node.start_mark
        self.out.values[path] = Location(self.name, mark.line + 1, mark.column + 1)
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node, path)
        if not self.check_tag(node, _SEQ if isinstance(node, yaml.SequenceNode) else _MAP):
            return None
        self.open.add(id(node))
        try:
            if isinstance(node, yaml.SequenceNode):
                return [
                    self.build(item, (*path, i), depth + 1) for i, item in enumerate(node.value)
                ]
            assert isinstance(node, yaml.MappingNode)
            return self.mapping(node, path, depth)
        finally:
            self.open.discard(id(node))

    def recursive(self, node: yaml.Node) -> bool:
        """True (and a problem) when the node is an alias inside its own anchor."""
        if id(node) not in self.open:
            return False
        self.problem(
            node,
            "this anchored value contains an alias of itself (a recursive alias); "
            "remove that alias",
            "yaml-recursive-alias",
        )
        return True

    def check_tag(self, node: yaml.Node, implicit: str) -> bool:
        """True when the node carries no explicit tag other than its implicit one."""
        if node.tag == implicit:
            return True
        tag = node.tag.replace("tag:yaml.org,2002:", "!!")
        self.problem(
            node,
            f"explicit YAML tag `{tag}` is not allowed: readiness reads plain data only; "
            "remove the tag (quote the value if it is text)",
            "yaml-tag",
        )
        return False

    def mapping(self, node: yaml.MappingNode, path: DataPath, depth: int) -> dict[str, object]:
        """A mapping's keys and values; duplicate keys are problems, `<<` merges apply."""
        out: dict[str, object] = {}
        seen: dict[str, yaml.Node] = {}
        merged: set[str] = set()
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE or (
                isinstance(key_node, yaml.ScalarNode)
                and key_node.value == "<<"
                and not key_node.style
            ):
                self.merge(value_node, path, depth, out, merged)
                continue
            key = self.key(key_node)
            if key is None:
                continue
            if key in seen:
                self.duplicate(seen[key], key_node, key)
                continue
            seen[key] = key_node
            merged.discard(key)
            key_path = (*path, key)
            mark = key_node.start_mark
            self.out.keys[key_path] = Location(self.name, mark.line + 1, mark.column + 1)
            out[key] = self.build(value_node, key_path, depth + 1)
        return out

    def duplicate(self, first_node: yaml.Node, again: yaml.Node, key: str) -> None:
        """Report a key written twice in one mapping, naming both places."""
        first, second = first_node.start_mark, again.start_mark
        self.problem(
            again,
            f"duplicate key `{key}`: first at line {first.line + 1}, column "
            f"{first.column + 1}, again at line {second.line + 1}, column "
            f"{second.column + 1}; remove one of them",
            "yaml-duplicate-key",
        )

    def merge(
        self,
        node: yaml.Node,
        path: DataPath,
        depth: int,
        out: dict[str, object],
        merged: set[str],
    ) -> None:
        """Apply a `<<` merge: keys written in the mapping itself win."""
        sources = node.value if isinstance(node, yaml.SequenceNode) else [node]
        for source in sources:
            if not isinstance(source, yaml.MappingNode):
                self.problem(
                    source,
                    "`<<` merges mappings only; expected an alias of a mapping",
                    "yaml-merge",
                )
                continue
            if self.recursive(source):
                continue
            self.open.add(id(source))
            try:
                value = self.mapping(source, path, depth + 1)
            finally:
                self.open.discard(id(source))
            for key, item in value.items():
                if key not in out or key in merged:
                    out[key] = item
                    merged.add(key)

    def key(self, node: yaml.Node) -> str | None:
        """A mapping key as text, or None (and a problem) when it is not text."""
        if not isinstance(node, yaml.ScalarNode):
            self.problem(
                node, "a mapping key must be plain text, not a list or mapping", "yaml-key"
            )
            return None
        value = self.scalar(node, None)
        if isinstance(value, str):
            return value
        if value is None and not node.style and node.value == "":
            self.problem(node, "empty mapping key; write a name before the colon", "yaml-key")
            return None
        self.problem(
            node,
            f"key `{node.value}` is read as {describe_value(value)}; keys must be text: quote it",
            "yaml-key",
        )
        return None

    def scalar(self, node: yaml.ScalarNode, path: DataPath | None) -> Scalar:
        """A scalar's value; quoted and block scalars are always text."""
        text: str = node.value
        if node.style:  # quoted or block scalar (the C composer marks plain as "")
            if node.tag != _STR:
                self.check_tag(node, _STR)
            return text
        implicit = _scalar_tag(text, (True, False))
        if node.tag != implicit and node.tag != _STR:
            self.check_tag(node, _STR)
            return text
        if node.tag == _STR and implicit != _STR:
            return text  # `!!str 2.10` is a way of quoting
        value, problem = read_plain(text)
        if problem is not None:
            self.problem(node, *problem)
        if path is not None and not isinstance(value, str) and value is not None:
            self.out.raw[path] = text
        return value

"""Strict YAML loading that keeps the file, line and column of every key and value.

PyYAML composes the node tree (no object is ever constructed from a tag); this module then
builds plain data from the nodes itself, so that YAML 1.1 surprises (`no` read as false,
`2.10` read as 2.1, `012` read as octal, `12:30` read as 750) are reported instead of
silently coerced, duplicate keys are caught, and alias expansion is bounded.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from readiness.problems import DataPath, Location, Problem

# The C composer is several times faster; its nodes carry the same marks.
_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_FILE_BYTES = 8 * 1024 * 1024
# Nodes built from one file, aliases expanded; a 0.5 MB site builds about 60,000.
MAX_NODES = 300_000
MAX_DEPTH = 64
# The C composer recurses once per level and overflows the C stack (a segfault) near 25,000.
_MAX_PARSE_DEPTH = 1000

_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_MERGE = "tag:yaml.org,2002:merge"

_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_TRUE = frozenset({"true", "True", "TRUE"})
_FALSE = frozenset({"false", "False", "FALSE"})
_YAML11_BOOL = frozenset(
    {"yes", "Yes", "YES", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF"}
)
_INT = re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$")
_LEADING_ZERO = re.compile(r"^[-+]?0[0-9_]+$")
_OTHER_BASE = re.compile(r"^[-+]?0[xXoObB][0-9a-fA-F_]+$")
_UNDERSCORE_INT = re.compile(r"^[-+]?[1-9][0-9_]*_[0-9_]*$")
_SEXAGESIMAL = re.compile(r"^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$")
_FLOAT = re.compile(r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+|[0-9]+)(?:[eE][-+]?[0-9]+)?$")
# YAML's line breaks, as its marks count lines.
_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
_SPECIAL_FLOAT = re.compile(r"^[-+]?\.(?:inf|Inf|INF|nan|NaN|NAN)$")

Scalar = str | int | float | bool | None


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


def _location(path: str, mark: yaml.Mark | None) -> Location:
    if mark is None:
        return Location(path)
    return Location(path, mark.line + 1, mark.column + 1)


def _position_in_text(text: str, index: int) -> tuple[int, int]:
    lines = _BREAK.split(text[:index])
    return len(lines), len(lines[-1]) + 1


def read_text(path: Path, shown: str) -> tuple[str | None, list[Problem]]:
    """Read a file as UTF-8 within the size limit, or say why it cannot be read."""
    where = Location(shown)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return None, [
                Problem(
                    where,
                    f"file is {size:,} bytes, over the limit of {MAX_FILE_BYTES:,} bytes; "
                    "split the site into several files in one folder",
                    "file-too-large",
                )
            ]
        blob = path.read_bytes()
    except OSError as err:
        return None, [Problem(where, f"cannot read file: {err.strerror or err}", "file-unreadable")]
    if blob.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, [Problem(where, "file is UTF-16; save it as UTF-8", "file-encoding")]
    try:
        text = blob.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        prefix = blob[: err.start].decode("utf-8", errors="replace")
        line, column = _position_in_text(prefix, len(prefix))
        return None, [
            Problem(
                Location(shown, line, column),
                f"byte 0x{blob[err.start]:02x} is not valid UTF-8; save the file as UTF-8",
                "file-encoding",
            )
        ]
    return text, []


def load_file(path: Path, shown: str | None = None) -> LoadedFile:
    """Load one YAML file strictly; problems are collected, never raised."""
    name = shown if shown is not None else str(path)
    text, problems = read_text(path, name)
    if text is None:
        return LoadedFile(name, None, problems=problems)
    return load_text(text, name)


def load_text(text: str, name: str) -> LoadedFile:
    """Load YAML text strictly, naming it `name` in locations."""
    result = LoadedFile(name, None)
    deep = _too_deep(text)
    if deep is not None:
        result.problems.append(
            Problem(
                Location(name, *deep), f"nesting is deeper than {MAX_DEPTH} levels", "yaml-too-deep"
            )
        )
        return result
    try:
        nodes = list(yaml.compose_all(text, Loader=_Loader))
    except yaml.reader.ReaderError as err:
        # The C reader gives a byte offset; the character itself is found in the text.
        line, column = _position_in_text(text, max(text.find(chr(err.character)), 0))
        result.problems.append(
            Problem(
                Location(name, line, column),
                f"YAML syntax: unacceptable character #x{err.character:04x}: {err.reason}",
                "yaml-syntax",
            )
        )
        return result
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        what = err.problem or err.context or "invalid YAML"
        if err.context and err.problem:
            what = f"{err.problem} ({err.context})"
        where = _location(name, mark)
        lines = _BREAK.split(text)
        if where.line > len(lines):
            # libyaml puts the end of a text without a final newline on a line of its own.
            where = Location(name, len(lines), len(lines[-1]) + 1)
        result.problems.append(Problem(where, f"YAML syntax: {what}", "yaml-syntax"))
        return result
    except yaml.YAMLError as err:
        result.problems.append(Problem(Location(name), f"YAML syntax: {err}", "yaml-syntax"))
        return result
    except RecursionError:
        result.problems.append(
            Problem(Location(name), f"nesting is deeper than {MAX_DEPTH} levels", "yaml-too-deep")
        )
        return result
    if not nodes or all(_is_empty(node) for node in nodes):
        result.problems.append(
            Problem(
                Location(name),
                "file is empty; expected a mapping of sections such as `site:` or `systems:`",
                "yaml-empty",
            )
        )
        return result
    if len(nodes) > 1:
        second = nodes[1]
        result.problems.append(
            Problem(
                _location(name, second.start_mark),
                "file holds more than one YAML document (`---`); put each part of the site "
                "in its own file",
                "yaml-multiple-documents",
            )
        )
        return result
    root = nodes[0]
    if not isinstance(root, yaml.MappingNode):
        kind = "a list" if isinstance(root, yaml.SequenceNode) else "a single value"
        result.problems.append(
            Problem(
                _location(name, root.start_mark),
                f"the top level is {kind}; expected a mapping of sections such as "
                "`site:` or `systems:`",
                "yaml-top-level",
            )
        )
        return result
    builder = _Builder(name, result)
    try:
        result.data = builder.build(root, (), 0)
    except _TooLarge:
        result.data = None
        if len(builder.distinct) < MAX_NODES:
            message = (
                f"aliases expand to more than {MAX_NODES:,} values (an alias bomb?); "
                "write the data out or use fewer nested aliases"
            )
            code = "yaml-alias-expansion"
        else:
            message = (
                f"file holds more than {MAX_NODES:,} values; "
                "split the site into several files in one folder"
            )
            code = "yaml-too-many-values"
        result.problems.append(Problem(Location(name), message, code))
    return result


def _too_deep(text: str) -> tuple[int, int] | None:
    """Where nesting passes MAX_DEPTH, if it goes on past what the composer survives."""
    depth = 0
    first: tuple[int, int] | None = None
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                mark = event.start_mark
                if depth > MAX_DEPTH + 1 and first is None and mark is not None:
                    first = (mark.line + 1, mark.column + 1)
                if depth > _MAX_PARSE_DEPTH:
                    return first
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.MarkedYAMLError as err:
        # Newer libyaml builds stop at their own depth limit (1,000): a nesting problem too.
        if "nesting depth" in str(err.problem) and err.problem_mark is not None:
            return first or (err.problem_mark.line + 1, err.problem_mark.column + 1)
        return None  # composing reports the error, with its position
    except yaml.YAMLError:
        return None
    return None


def _is_empty(node: yaml.Node) -> bool:
    return (
        isinstance(node, yaml.ScalarNode) and not node.style and _NULL.match(node.value) is not None
    )


class _TooLarge(Exception):
    pass


class _Builder:
    """Turns a composed node tree into plain data, recording positions and problems."""

    def __init__(self, name: str, out: LoadedFile) -> None:
        self.name = name
        self.out = out
        self.count = 0
        self.distinct: set[int] = set()
        # Collections being built, to catch an alias inside its own anchor.
        self.open: set[int] = set()
        self.resolver = _Loader("")

    def problem(self, node: yaml.Node, message: str, code: str) -> None:
        self.out.problems.append(Problem(_location(self.name, node.start_mark), message, code))

    def build(self, node: yaml.Node, path: DataPath, depth: int) -> object:
        self.count += 1
        self.distinct.add(id(node))
        if self.count > MAX_NODES:
            raise _TooLarge
        if self.recursive(node):
            return None
        if depth > MAX_DEPTH:
            self.problem(node, f"nesting is deeper than {MAX_DEPTH} levels", "yaml-too-deep")
            return None
        self.out.values[path] = _location(self.name, node.start_mark)
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
                first = seen[key].start_mark
                self.problem(
                    key_node,
                    f"duplicate key `{key}`: first at line {first.line + 1}, column "
                    f"{first.column + 1}, again at line {key_node.start_mark.line + 1}, column "
                    f"{key_node.start_mark.column + 1}; remove one of them",
                    "yaml-duplicate-key",
                )
                continue
            seen[key] = key_node
            merged.discard(key)
            self.out.keys[(*path, key)] = _location(self.name, key_node.start_mark)
            out[key] = self.build(value_node, (*path, key), depth + 1)
        return out

    def merge(
        self,
        node: yaml.Node,
        path: DataPath,
        depth: int,
        out: dict[str, object],
        merged: set[str],
    ) -> None:
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
            f"key `{node.value}` is read as {_kind(value)}; keys must be text: quote it",
            "yaml-key",
        )
        return None

    def scalar(self, node: yaml.ScalarNode, path: DataPath | None) -> Scalar:
        text: str = node.value
        if node.style:  # quoted or block scalar (the C composer marks plain as "")
            if node.tag != _STR:
                self.check_tag(node, _STR)
            return text
        implicit: str = self.resolver.resolve(  # type: ignore[no-untyped-call]
            yaml.ScalarNode, text, (True, False)
        )
        if node.tag != implicit and node.tag != _STR:
            self.check_tag(node, _STR)
            return text
        if node.tag == _STR and implicit != _STR:
            return text  # `!!str 2.10` is a way of quoting
        value = self.plain(node, text)
        if path is not None and not isinstance(value, str) and value is not None:
            self.out.raw[path] = text
        return value

    def plain(self, node: yaml.ScalarNode, text: str) -> Scalar:
        if _NULL.match(text):
            return None
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
        if text in _YAML11_BOOL:
            meaning = "true" if text.lower() in ("yes", "on") else "false"
            self.problem(
                node,
                f"`{text}` is read by YAML 1.1 as the boolean {meaning}; write {meaning} for a "
                f'yes/no answer, or quote it ("{text}") for text',
                "yaml-ambiguous-bool",
            )
            return text
        if _INT.match(text):
            return int(text)
        if _OTHER_BASE.match(text):
            base = {"x": "hexadecimal", "o": "octal", "b": "binary"}[text.lstrip("+-")[1].lower()]
            self.problem(
                node,
                f"`{text}` is read by YAML 1.1 as a {base} number; write it in decimal, "
                f'or quote it ("{text}") if it is a code',
                "yaml-leading-zero",
            )
            return text
        if _UNDERSCORE_INT.match(text):
            self.problem(
                node,
                f"`{text}` is read by YAML 1.1 as a number with its underscores dropped; "
                f'write it without underscores, or quote it ("{text}") if it is a code',
                "yaml-leading-zero",
            )
            return text
        if _LEADING_ZERO.match(text):
            self.problem(
                node,
                f"`{text}` is not a plain decimal number (YAML 1.1 reads a leading zero as "
                "octal); write it without the leading zero, or quote it "
                f'("{text}") if it is a code',
                "yaml-leading-zero",
            )
            return text
        if _SEXAGESIMAL.match(text):
            self.problem(
                node,
                f"`{text}` is read by YAML 1.1 as a base-60 number; quote it "
                f'("{text}") if it is a time or a code',
                "yaml-sexagesimal",
            )
            return text
        if _SPECIAL_FLOAT.match(text):
            self.problem(node, f"`{text}` is not a finite number; write a number", "yaml-number")
            return text
        if _FLOAT.match(text):
            number = float(text)
            if not math.isfinite(number):
                self.problem(
                    node, f"`{text}` is not a finite number; write a number", "yaml-number"
                )
                return text
            return number
        return text


def _kind(value: object) -> str:
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, int):
        return f"the integer {value}"
    if isinstance(value, float):
        return f"the number {value:g}"
    if value is None:
        return "null"
    return "text"


def describe_value(value: object) -> str:
    """How a loaded value reads to a user, e.g. `the number 2.1`."""
    return _kind(value)

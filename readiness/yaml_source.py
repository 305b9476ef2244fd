"""Strict YAML loading that keeps the file, line and column of every key and value.

PyYAML composes the node tree (no object is ever constructed from a tag); `yaml_builder` then
builds plain data from the nodes itself, so that YAML 1.1 surprises are reported instead of
silently coerced (`yaml_scalars`), duplicate keys are caught, and alias expansion is bounded.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from readiness.input_files import NotRegularFile, OverLimit, read_limited
from readiness.problems import Location, Problem
from readiness.yaml_builder import (
    MAX_DEPTH,
    MAX_NODES,
    LoadedFile,
    Loader,
    NodeBuilder,
    TooLarge,
    location,
)
from readiness.yaml_scalars import NULL, describe_value

__all__ = ["MAX_FILE_BYTES", "MAX_NODES", "LoadedFile", "describe_value", "load_file", "load_text"]

MAX_FILE_BYTES = 8 * 1024 * 1024
# The C composer recurses once per level and overflows the C stack (a segfault) near 25,000.
_MAX_PARSE_DEPTH = 1000
# Byte-order marks of encodings other than UTF-8; UTF-32's come first, as they start like UTF-16's.
_OTHER_ENCODINGS = (
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe", "UTF-16"),
    (b"\xfe\xff", "UTF-16"),
)
# YAML's line breaks, as its marks count lines.
_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def _position_in_text(text: str, index: int) -> tuple[int, int]:
    lines = _BREAK.split(text[:index])
    return len(lines), len(lines[-1]) + 1


def read_bytes(path: Path, shown: str, limit: int) -> tuple[bytes | None, list[Problem]]:
    """A regular file's bytes within `limit`, or why it cannot be read."""
    where = Location(shown)
    try:
        return read_limited(path, limit), []
    except NotRegularFile:
        message = "not a regular file; give the path of a file"
        return None, [Problem(where, message, "file-not-regular")]
    except OverLimit as over:
        message = (
            f"file is {over.size:,} bytes, over the limit of {limit:,} bytes; "
            "split the site into several files in one folder"
        )
        return None, [Problem(where, message, "file-too-large")]
    except FileNotFoundError:
        return None, [Problem(where, "no such file", "path-missing")]
    except OSError as err:
        return None, [Problem(where, f"cannot read file: {err.strerror or err}", "file-unreadable")]


def read_text(path: Path, shown: str) -> tuple[str | None, list[Problem]]:
    """Read a file as UTF-8 within the size limit, or say why it cannot be read."""
    blob, problems = read_bytes(path, shown, MAX_FILE_BYTES)
    if blob is None:
        return None, problems
    for bom, encoding in _OTHER_ENCODINGS:
        if blob.startswith(bom):
            message = f"file is {encoding}; save it as UTF-8"
            return None, [Problem(Location(shown), message, "file-encoding")]
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


class _AtLimit(Exception):
    """Composing reached the nesting or node limit that `_prescan` checks."""


class _GuardedLoader(Loader):
    """The loader, counting nodes and nesting as it composes and stopping at either limit.

    A text within both limits is then read once; the event scan of `_prescan` runs only for a
    text that reaches one (or does not compose), to say which limit it passes and where. The
    budget leaves room for every alias the text could write, as the scan counts aliases too.
    """

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.nodes_left = MAX_NODES - stream.count("*")
        self.depth = 0

    def descend_resolver(self, current_node: object, current_index: object) -> None:
        """One node more, one level down (the safe loader has no path resolvers to follow)."""
        self.nodes_left -= 1
        self.depth += 1
        if self.nodes_left < 0 or self.depth > _MAX_PARSE_DEPTH:
            raise _AtLimit

    def ascend_resolver(self) -> None:
        """One level up."""
        self.depth -= 1


def load_text(text: str, name: str) -> LoadedFile:
    """Load YAML text strictly, naming it `name` in locations."""
    result = LoadedFile(name, None)
    try:
        root, problem = _compose(text, name, _GuardedLoader)
    except _AtLimit:
        root, problem = None, None
    if root is None:
        refused = _prescan(text, name)
        if refused is not None:
            result.problems.append(refused)
            return result
        if problem is None:  # stopped short of a limit the scan counts: compose it whole
            root, problem = _compose(text, name, Loader)
    if root is None:
        result.problems.append(problem or Problem(Location(name), "invalid YAML", "yaml-syntax"))
        return result
    builder = NodeBuilder(name, result)
    try:
        result.data = builder.build(root, (), 0)
    except TooLarge as error:
        # Where it happened: the top-level key whose value expands past the limit.
        where = result.keys.get(error.path[:1], Location(name))
        result.data = None
        result.problems.append(_too_large(where, len(builder.distinct)))
    return result


def _compose(
    text: str, name: str, loader: type[yaml.SafeLoader]
) -> tuple[yaml.MappingNode | None, Problem | None]:
    """The document's root mapping, or the problem that stops it being one."""
    try:
        nodes = list(yaml.compose_all(text, Loader=loader))
    except yaml.reader.ReaderError as err:
        # The C reader gives a byte offset; the character itself is found in the text.
        line, column = _position_in_text(text, max(text.find(chr(err.character)), 0))
        return None, Problem(
            Location(name, line, column),
            f"YAML syntax: unacceptable character #x{err.character:04x}: {err.reason}",
            "yaml-syntax",
        )
    except yaml.MarkedYAMLError as err:
        return None, _syntax_problem(err, text, name)
    except yaml.YAMLError as err:
        return None, Problem(Location(name), f"YAML syntax: {err}", "yaml-syntax")
    except RecursionError:
        return None, Problem(
            Location(name), f"nesting is deeper than {MAX_DEPTH} levels", "yaml-too-deep"
        )
    return _root(nodes, name)


def _syntax_problem(err: yaml.MarkedYAMLError, text: str, name: str) -> Problem:
    mark = err.problem_mark or err.context_mark
    what = err.problem or err.context or "invalid YAML"
    if err.context and err.problem:
        what = f"{err.problem} ({err.context})"
    where = location(name, mark)
    lines = _BREAK.split(text)
    if where.line > len(lines):
        # libyaml puts the end of a text without a final newline on a line of its own.
        where = Location(name, len(lines), len(lines[-1]) + 1)
    return Problem(where, f"YAML syntax: {what}", "yaml-syntax")


def _root(nodes: list[yaml.Node], name: str) -> tuple[yaml.MappingNode | None, Problem | None]:
    if not nodes or all(_is_empty(node) for node in nodes):
        return None, Problem(
            Location(name),
            "file is empty; expected a mapping of sections such as `site:` or `systems:`",
            "yaml-empty",
        )
    if len(nodes) > 1:
        return None, Problem(
            location(name, nodes[1].start_mark),
            "file holds more than one YAML document (`---`); put each part of the site "
            "in its own file",
            "yaml-multiple-documents",
        )
    root = nodes[0]
    if not isinstance(root, yaml.MappingNode):
        kind = "a list" if isinstance(root, yaml.SequenceNode) else "a single value"
        return None, Problem(
            location(name, root.start_mark),
            f"the top level is {kind}; expected a mapping of sections such as "
            "`site:` or `systems:`",
            "yaml-top-level",
        )
    return root, None


def _too_large(where: Location, distinct: int) -> Problem:
    if distinct < MAX_NODES:
        message = (
            f"aliases expand to more than {MAX_NODES:,} values (an alias bomb?); "
            "write the data out or use fewer nested aliases"
        )
        return Problem(where, message, "yaml-alias-expansion")
    message = (
        f"file holds more than {MAX_NODES:,} values; "
        "split the site into several files in one folder"
    )
    return Problem(where, message, "yaml-too-many-values")


def _prescan(text: str, name: str) -> Problem | None:
    """Refuse, before composing, a text nested too deep or holding too many values.

    The composer builds every node in memory first (millions from an 8 MB flow list) and
    recurses once per level, so both limits are checked on the event stream.
    """
    deep, values, last = _scan_events(text)
    if deep is not None:
        message = f"nesting is deeper than {MAX_DEPTH} levels"
        return Problem(Location(name, *deep), message, "yaml-too-deep")
    if values > MAX_NODES:
        return _too_large(Location(name, *last) if last else Location(name), values)
    return None


def _scan_events(text: str) -> tuple[tuple[int, int] | None, int, tuple[int, int] | None]:
    """Where nesting passes MAX_DEPTH (if it goes on past what the composer survives), how
    many values the text writes (counted up to just past MAX_NODES), and where the last
    value counted is."""
    depth = values = 0
    last: tuple[int, int] | None = None
    first: tuple[int, int] | None = None
    try:
        for event in yaml.parse(text, Loader=Loader):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                mark = event.start_mark
                if depth > MAX_DEPTH + 1 and first is None and mark is not None:
                    first = (mark.line + 1, mark.column + 1)
                if depth > _MAX_PARSE_DEPTH:
                    return first, values, last
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
                continue
            elif not isinstance(event, yaml.NodeEvent):
                continue
            values += 1
            if values > MAX_NODES:
                mark = event.start_mark
                last = (mark.line + 1, mark.column + 1) if mark is not None else None
                return None, values, last
    except yaml.MarkedYAMLError as err:
        # Newer libyaml builds stop at their own depth limit (1,000): a nesting problem too.
        if "nesting depth" in str(err.problem) and err.problem_mark is not None:
            found = first or (err.problem_mark.line + 1, err.problem_mark.column + 1)
            return found, values, last
        return None, values, last  # composing reports the error, with its position
    except yaml.YAMLError:
        return None, values, last
    return None, values, last


def _is_empty(node: yaml.Node) -> bool:
    return (
        isinstance(node, yaml.ScalarNode) and not node.style and NULL.match(node.value) is not None
    )

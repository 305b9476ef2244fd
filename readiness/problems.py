"""Source locations and the problems found in user input (errors travel as data)."""

from __future__ import annotations

from dataclasses import dataclass

from readiness.visible_text import one_line

# A path into loaded YAML data: mapping keys and sequence indexes, from the top.
DataPath = tuple[str | int, ...]


@dataclass(frozen=True, order=True)
class Location:
    """A 1-based line and column in a file; line 0 means the file as a whole."""

    file: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if self.line == 0:
            return self.file
        return f"{self.file}:{self.line}:{self.column}"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the input, with where it is and a stable code."""

    location: Location
    message: str
    code: str

    def render(self) -> str:
        """The `path:line:col: message [code]` form used on the terminal."""
        # Messages echo values from the input: none may forge or hide a line of output.
        return one_line(f"{self.location}: {self.message} [{self.code}]")

    def as_dict(self) -> dict[str, object]:
        """A JSON-ready form with a stable key order."""
        return {
            "file": self.location.file,
            "line": self.location.line,
            "column": self.location.column,
            "message": self.message,
            "code": self.code,
        }


class InputError(Exception):
    """Raised when input cannot be used; carries every problem found, sorted."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(set(problems))
        super().__init__("\n".join(p.render() for p in self.problems))


def describe_path(path: DataPath) -> str:
    """Render a data path as a user reads it, e.g. `systems[3].resilience`."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out or "(top level)"

"""The README's tour stays true: every command shown with its output gives that output."""

from __future__ import annotations

import re
import shlex

import pytest

from tests.helpers import REPO, run_cli

BLOCK = re.compile(r"```console\n(.*?)```", re.S)


def _examples() -> list[tuple[str, list[str]]]:
    examples: list[tuple[str, list[str]]] = []
    for block in BLOCK.findall((REPO / "README.md").read_text()):
        current: tuple[str, list[str]] | None = None
        for line in block.splitlines():
            if line.startswith("$ "):
                current = (line[2:], [])
                examples.append(current)
            elif current is not None:
                current[1].append(line)
    return [(command, lines) for command, lines in examples if lines]


EXAMPLES = _examples()


def test_the_readme_has_a_tour() -> None:
    assert len(EXAMPLES) >= 5


@pytest.mark.parametrize(("command", "expected"), EXAMPLES, ids=[c for c, _ in EXAMPLES])
def test_readme_command_prints_what_the_readme_shows(command: str, expected: list[str]) -> None:
    words: list[str] = []
    for word in shlex.split(command):
        # Expand globs as a shell would, from the repository root.
        expanded = sorted(str(p.relative_to(REPO)) for p in REPO.glob(word))
        words.extend(expanded if "*" in word else [word])
    assert words[0] == "readiness"
    done = run_cli(*words[1:])
    got = (done.stdout + done.stderr).splitlines()
    marks = [i for i, line in enumerate(expected) if line.strip() == "..."]
    if marks:
        shown = expected[: marks[0]]
        assert got[: len(shown)] == shown
    else:
        assert got == expected

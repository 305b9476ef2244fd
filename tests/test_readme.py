"""The README's tour stays true: every command shown with its output gives that output.

Each example's verdict, exit code and every line it quotes (findings, problems, the rule shown)
are checked, in the README's order. Count lines are not: how many checks passed, failed or did
not apply, and the portfolio table's figures, move with every rule added to the catalogue.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from tests.helpers import REPO, run_cli_once

BLOCK = re.compile(r"```console\n(.*?)```", re.S)
VERDICT = re.compile(r"^(GO|CONDITIONAL|NO-GO)  ")
# A row of `compare`'s ranking table: rank, verdict, site, then figures.
TABLE_ROW = re.compile(r"^\d+\s+(GO|CONDITIONAL|NO-GO)\s+(\S+)\s")
COUNT_LINES = (
    re.compile(r"^\d+ blockers?, \d+ conditions?; "),  # the tally under `check`'s findings
    re.compile(r"\(\d+\):$"),  # a section heading with its count
    re.compile(r"^#\s+Verdict\s+Site"),  # the ranking table's heading, as wide as its figures
    TABLE_ROW,
)
RULE_IDS = frozenset(
    re.findall(
        r"^  - id: (\S+)$",
        "".join(p.read_text(encoding="utf-8") for p in (REPO / "rules").glob("*.yaml")),
        re.M,
    )
)


# Options naming where a command writes (a history, a folder of pages): the tour's files go to
# a scratch folder, never into the repository, under the names the README gives them.
WRITES = ("--history", "--html-dir")


def _commands() -> list[str]:
    """Every command of the tour, with its output shown or not, in the README's order."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    return [
        line[2:]
        for block in BLOCK.findall(text)
        for line in block.splitlines()
        if line.startswith("$ ")
    ]


def _examples() -> list[tuple[str, list[str]]]:
    examples: list[tuple[str, list[str]]] = []
    for block in BLOCK.findall((REPO / "README.md").read_text(encoding="utf-8")):
        current: tuple[str, list[str]] | None = None
        for line in block.splitlines():
            if line.startswith("$ "):
                current = (line[2:], [])
                examples.append(current)
            elif current is not None:
                current[1].append(line)
    return [(command, lines) for command, lines in examples if lines]


EXAMPLES = _examples()


def _words(command: str, scratch: Path) -> list[str]:
    words: list[str] = []
    for word in shlex.split(command):
        # Expand globs as a shell would, from the repository root.
        expanded = sorted(str(p.relative_to(REPO)) for p in REPO.glob(word))
        words.extend(expanded if "*" in word else [word])
    assert words[0] == "readiness"
    for i in range(1, len(words)):
        if words[i - 1] in WRITES:
            words[i] = str(scratch / words[i])
    return words[1:]


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where the tour's files go, holding every assessment the tour records, in its order."""
    folder = tmp_path_factory.mktemp("tour")
    for command in _commands():
        if "--record" in command.split():
            run_cli_once(*_words(command, folder))
    return folder


def _exit_code(args: list[str], shown: list[str]) -> int:
    """The exit code the README's table of commands gives for the output it shows."""
    if args[0] == "validate":
        return 0 if shown[-1].endswith(" valid") else 1
    failing = ("NO-GO", "CONDITIONAL") if "conditional" in args else ("NO-GO",)
    if args[0] == "check":
        return 1 if shown[0].split()[0] in failing else 0
    if args[0] == "compare" and "--fail-on" in args:
        return 1 if set(_verdicts(shown).values()) & set(failing) else 0
    return 0


def _quoted(lines: list[str]) -> list[str]:
    return [
        line
        for line in lines
        if line.strip() != "..." and not any(p.search(line) for p in COUNT_LINES)
    ]


def _in_order(wanted: list[str], got: list[str]) -> list[str]:
    """The lines of `wanted` that `got` does not print in that order."""
    lines = iter(got)
    return [line for line in wanted if line not in lines]


def _verdicts(lines: list[str]) -> dict[str, str]:
    return {m.group(2): m.group(1) for m in map(TABLE_ROW.match, lines) if m}


def test_the_readme_has_a_tour(scratch: Path) -> None:
    assert len(EXAMPLES) >= 5
    commands = {_words(command, scratch)[0] for command, _ in EXAMPLES}
    assert {"validate", "check", "graph", "rules", "compare", "trend"} <= commands


def test_the_tour_quotes_findings_not_only_counts() -> None:
    shown = [line for _, lines in EXAMPLES for line in _quoted(lines)]
    verdicts = {m.group(1) for m in map(VERDICT.match, shown) if m}
    assert {"NO-GO", "CONDITIONAL"} <= verdicts
    naming_a_rule = [line for line in shown if RULE_IDS & set(re.findall(r"[A-Z][A-Z0-9-]+", line))]
    assert len(naming_a_rule) >= 5


@pytest.mark.parametrize(("command", "expected"), EXAMPLES, ids=[c for c, _ in EXAMPLES])
def test_readme_command_prints_what_the_readme_shows(
    command: str, expected: list[str], scratch: Path
) -> None:
    args = _words(command, scratch)
    done = run_cli_once(*args)
    # The tour's files are in the scratch folder; the output names them as the README does.
    got = (done.stdout + done.stderr).replace(f"{scratch}/", "").splitlines()
    assert done.returncode == _exit_code(args, expected), done.stderr
    # The first line is the verdict (check), the portfolio's verdicts (compare) or the start
    # of the output; each table row's site has the verdict shown.
    assert got[:1] == expected[:1]
    assert _verdicts(got) == _verdicts(expected)
    assert _in_order(_quoted(expected), got) == []

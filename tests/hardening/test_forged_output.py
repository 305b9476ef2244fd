"""Values echoed from input cannot forge, clear or reorder a line of terminal output."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tests.helpers import SAMPLES, run_cli

UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def test_an_unknown_key_cannot_clear_the_screen_or_forge_an_error_line(tmp_path: Path) -> None:
    site = tmp_path / "site.yaml"
    site.write_text(
        "site: {id: x, name: X, go_live: 2027-01-01}\n"
        '"\\e[2J\\e[31mFORGED\\nsite.yaml:1:1: everything is fine [ok]": 1\n',
        encoding="utf-8",
    )

    done = run_cli("validate", str(site))

    assert done.returncode == 1
    assert "\x1b" not in done.stdout
    lines = done.stdout.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(
        f"{site}:2:1: unknown key `\\x1b[2J\\x1b[31mFORGED\\nsite.yaml:1:1: everything is fine"
    )


@pytest.fixture
def site_with_hostile_names(tmp_path: Path) -> Path:
    site = tmp_path / "riverside"
    shutil.copytree(SAMPLES / "riverside-community", site)
    systems = site / "systems.yaml"
    text = systems.read_text(encoding="utf-8")
    first_name = re.search(r"^    name: (.+)$", text, re.M)
    assert first_name is not None
    hostile = '"Evil \\u202eRLO \\x1b[31mred \\u200bzw\\nnext"'
    systems.write_text(text.replace(first_name.group(0), f"    name: {hostile}", 1), "utf-8")
    return site


@pytest.mark.parametrize(
    "args",
    [
        ("graph", "--format", "dot"),
        ("graph", "--format", "mermaid"),
        ("check", "--as-of", "2027-04-16", "--format", "github"),
        ("check", "--as-of", "2027-04-16", "--select", "G-", "--format", "text"),
    ],
    ids=["dot", "mermaid", "github", "text"],
)
def test_bidirectional_zero_width_and_escape_characters_are_shown_escaped(
    site_with_hostile_names: Path, args: tuple[str, ...]
) -> None:
    command, *options = args
    done = run_cli(command, str(site_with_hostile_names), *options)

    assert done.returncode in (0, 1)
    assert not UNSAFE.search(done.stdout), repr(UNSAFE.search(done.stdout))
    assert not UNSAFE.search(done.stderr)
    if command == "graph":
        assert "Evil \\u202eRLO \\x1b[31mred \\u200bzw" in done.stdout.replace("\\\\", "\\")


def test_ids_that_differ_only_in_punctuation_stay_separate_mermaid_nodes(tmp_path: Path) -> None:
    site = tmp_path / "riverside"
    shutil.copytree(SAMPLES / "riverside-community", site)
    extra = "\n".join(
        f"  - {{id: {name}, name: {name}, category: other, lifecycle: retained, "
        "criticality: supporting}"
        for name in ("sched_x", "sched-x", "sched.x")
    )
    (site / "systems-extra.yaml").write_text(f"systems:\n{extra}\n", encoding="utf-8")

    done = run_cli("graph", str(site), "--format", "mermaid")

    nodes = re.findall(r'^  (\S+)\["sched.x"\]$', done.stdout, re.M)
    assert done.returncode == 0, done.stderr
    assert len(nodes) == 3
    assert len(set(nodes)) == 3

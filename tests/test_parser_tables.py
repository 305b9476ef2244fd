"""rule-engine reads its parser from the shipped tables, and they are the ones PLY would build.

Each probe runs in a fresh interpreter, since rule-engine makes its parser once, when first
imported.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from readiness.parser_tables import TABLES, built_tables
from tests.helpers import REPO

PROBE = """
import sys
import readiness.parser_tables as tables
{setup}
import readiness.expressions
import rule_engine
parser = rule_engine.Rule.parser._parser
print(type(parser.productions[1]).__name__, "rule_engine.parser.parsetab" in sys.modules)
rule = rule_engine.Rule('status == "passed" and days > 3')
print(rule.matches({{"status": "passed", "days": 4}}))
"""


def _probe(setup: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", PROBE.format(setup=setup)],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )


def test_the_shipped_tables_are_the_ones_ply_builds_for_the_installed_rule_engine() -> None:
    shipped = json.loads(TABLES.read_text(encoding="utf-8"))
    assert shipped == built_tables(), "out of date: run `python -m readiness.parser_tables`"


def test_rule_engine_reads_its_parser_from_the_shipped_tables() -> None:
    done = _probe()
    # PLY makes MiniProduction objects when it reads tables, Production when it builds them.
    assert done.stdout.splitlines() == ["MiniProduction False", "True"]
    assert done.stderr == ""


def test_tables_made_for_another_grammar_are_ignored_and_the_parser_built(tmp_path: Path) -> None:
    tables = json.loads(TABLES.read_text(encoding="utf-8"))
    tables["signature"] += " changed"
    other = tmp_path / "tables.json"
    other.write_text(json.dumps(tables), encoding="utf-8")
    done = _probe(f"tables.TABLES = __import__('pathlib').Path({str(other)!r})")
    assert done.stdout.splitlines() == ["Production False", "True"]
    assert done.stderr == ""

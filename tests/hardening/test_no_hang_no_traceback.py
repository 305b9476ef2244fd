"""No custom rule can stall a run, and no failure inside the tool prints a traceback."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from readiness import cli, time_budget
from tests.helpers import SAMPLES, run_cli

CATASTROPHIC = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab"


def _rule_folder(tmp_path: Path, rule_id: str, condition: str) -> Path:
    folder = tmp_path / "rules"
    folder.mkdir()
    rule = {
        "id": rule_id,
        "title": "A local rule",
        "category": "governance",
        "severity": "minor",
        "applies_to": "staff_cohorts",
        "condition": condition,
        "message": "{name}",
        "rationale": "r",
        "remediation": "r",
        "reference": "r",
        "examples": {"pass": [{"name": "b", "headcount": 1}], "fail": [{"name": "a"}]},
    }
    (folder / "local.yaml").write_text(yaml.safe_dump({"rules": [rule]}), encoding="utf-8")
    return folder


def test_a_backtracking_regular_expression_is_stopped_and_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(time_budget, "RULE_SECONDS", 0.5)
    site = tmp_path / "site"
    shutil.copytree(SAMPLES / "riverside-community", site)
    staff = site / "staff.yaml"
    text = staff.read_text(encoding="utf-8")
    first = text.index("    name: ")
    end = text.index("\n", first)
    staff.write_text(text[:first] + f'    name: "{CATASTROPHIC}"' + text[end:], "utf-8")
    rules = _rule_folder(tmp_path, "LOCAL-REDOS", 'name =~ "(a+)+$"')

    # In-process, so that the shortened budget applies.
    code = cli.main(["check", str(site), "--rules", str(rules), "--as-of", "2027-04-16"])

    out, err = capsys.readouterr()
    assert code == 2
    assert out == ""
    assert (
        "rule LOCAL-REDOS could not be evaluated: it ran for more than 0.5 seconds "
        "(a regular expression that backtracks?) and was stopped [rule-evaluation]"
    ) in err


def test_a_condition_nested_thousands_deep_is_a_rule_problem(tmp_path: Path) -> None:
    condition = "(" * 5000 + "headcount > 0" + ")" * 5000
    rules = _rule_folder(tmp_path, "LOCAL-DEEP", condition)

    done = run_cli(
        "check",
        str(SAMPLES / "riverside-community"),
        "--rules",
        str(rules),
        "--as-of",
        "2027-04-16",
    )

    assert done.returncode in (0, 2)
    assert "Traceback" not in done.stderr
    if done.returncode == 2:
        assert "LOCAL-DEEP" in done.stderr


def test_an_internal_error_exits_3_with_one_line_and_no_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from readiness.commands import graph

    def broken(args: object) -> int:
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(graph, "run", broken)
    monkeypatch.delenv("READINESS_DEBUG", raising=False)

    code = cli.main(["graph", str(SAMPLES / "riverside-community")])

    err = capsys.readouterr().err
    assert code == cli.EXIT_INTERNAL == 3
    assert err == (
        "readiness: internal error in `graph` (ZeroDivisionError); please report it with the "
        "command and its input files; --debug or READINESS_DEBUG=1 shows the traceback\n"
    )


def test_debug_shows_the_internal_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from readiness.commands import graph

    def broken(args: object) -> int:
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(graph, "run", broken)

    with pytest.raises(ZeroDivisionError):
        cli.main(["--debug", "graph", str(SAMPLES / "riverside-community")])

"""A selection that names no rule is an error, and a run that leaves rules out says so.

A typo in `--select` once ran no rule and printed a green GO for a NO-GO site: the worst
outcome a go/no-go gate can have.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from readiness.resources import rules_dir
from readiness.rule_loader import load_rule_folders
from tests.helpers import run_cli

EASTMOOR = ("sample_sites/eastmoor-pacs", "--as-of", "2027-05-12")  # NO-GO with every rule
SHIPPED = len(load_rule_folders([rules_dir()])[0])


def _tr_rules() -> int:
    return sum(1 for spec in load_rule_folders([rules_dir()])[0] if spec.id.startswith("TR-"))


def test_the_full_run_is_no_go() -> None:
    # The premise of the tests below: leaving rules out is what turns this site green.
    done = run_cli("check", *EASTMOOR)
    assert done.returncode == 1
    assert done.stdout.startswith("NO-GO  Eastmoor")
    assert "partial" not in done.stdout


def test_a_lower_case_rule_id_is_an_error_with_the_right_spelling() -> None:
    done = run_cli("check", *EASTMOOR, "--select", "tr-complete")
    assert done.returncode == 2
    assert done.stdout == ""
    assert (
        "--select: no rule id or prefix matches `tr-complete` (did you mean `TR-COMPLETE`?) "
        "[unknown-rule]"
    ) in done.stderr


@pytest.mark.parametrize(
    ("option", "value", "expected"),
    [
        ("--ignore", "NOPE", "--ignore: no rule id or prefix matches `NOPE` [unknown-rule]"),
        (
            "--select",
            "TR",
            "--select: no rule id or prefix matches `TR` (did you mean `TR-`?) [unknown-rule]",
        ),
        (
            "--ignore",
            "TR-COMPLET",
            "--ignore: no rule id or prefix matches `TR-COMPLET` (did you mean `TR-COMPLETE`?) "
            "[unknown-rule]",
        ),
        (
            "--select",
            "TR-COMPLETE,tr-hours",
            "--select: no rule id or prefix matches `tr-hours` (did you mean `TR-HOURS`?) "
            "[unknown-rule]",
        ),
    ],
)
def test_an_option_naming_no_rule_is_an_error(option: str, value: str, expected: str) -> None:
    done = run_cli("check", *EASTMOOR, option, value)
    assert done.returncode == 2
    assert done.stdout == ""
    assert expected in done.stderr.splitlines()


def test_a_selection_that_leaves_no_rule_is_an_error_not_a_go() -> None:
    done = run_cli("check", *EASTMOOR, "--select", "TR-", "--ignore", "TR-")
    assert done.returncode == 2
    assert done.stdout == ""
    assert (
        "--select: the selection leaves no rule to evaluate; a verdict needs at least one "
        "[no-rule-selected]"
    ) in done.stderr


def test_compare_refuses_an_unknown_rule_once() -> None:
    done = run_cli("compare", "sample_sites", "--as-of", "2027-05-12", "--ignore", "NOPE-")
    assert done.returncode == 2
    wanted = "--ignore: no rule id or prefix matches `NOPE-` [unknown-rule]"
    # Every site is checked under the same options: the problem is said once, not per site.
    assert done.stderr.splitlines().count(wanted) == 1


def test_configuration_keys_naming_no_rule_are_errors_at_their_position(tmp_path: Path) -> None:
    config = tmp_path / "readiness.yaml"
    config.write_text(
        "select: [NOPE-]\n"
        "ignore:\n"
        "  - TR-HOUR\n"
        "thresholds:\n"
        "  TR-COMPLET: {min_percent: 80}\n"
        "  TR-HOURZ: {}\n"
        "severity:\n"
        "  TR-COMPLETEE: minor\n"
    )
    done = run_cli("check", *EASTMOOR, "--config", str(config))
    assert done.returncode == 2
    assert done.stdout == ""
    lines = done.stderr.splitlines()
    assert f"{config}:1:10: no rule id or prefix matches `NOPE-` [unknown-rule]" in lines
    assert (
        f"{config}:3:5: no rule id or prefix matches `TR-HOUR` (did you mean `TR-HOURS`?) "
        "[unknown-rule]"
    ) in lines
    assert (
        f"{config}:5:3: unknown rule `TR-COMPLET` (did you mean `TR-COMPLETE`?) "
        "[config-unknown-rule]"
    ) in lines
    assert (
        f"{config}:8:3: unknown rule `TR-COMPLETEE` (did you mean `TR-COMPLETE`?) "
        "[config-unknown-rule]"
    ) in lines
    # An empty override changes nothing, but its rule id is as likely to be a typo.
    assert (
        f"{config}:6:3: unknown rule `TR-HOURZ` (did you mean `TR-HOURS`?) [config-unknown-rule]"
    ) in lines


def test_a_prefix_known_only_through_a_rule_folder_is_accepted_with_it() -> None:
    args = ("check", "tests/fixtures/mini_site", "--as-of", "2026-12-01", "--select", "LOCAL-")
    assert run_cli(*args).returncode == 2
    done = run_cli(*args, "--rules", "tests/fixtures/user_rules", "--format", "json")
    assert done.returncode in (0, 1), done.stderr
    data = json.loads(done.stdout)
    assert data["partial"] is True
    assert data["rules_in_catalogue"] == SHIPPED + 1
    assert [r["id"] for r in data["rules"]] == ["LOCAL-COHORT-SIZE"]


def test_a_partial_run_says_so_in_every_output(tmp_path: Path) -> None:
    files = {name: tmp_path / f"report.{name}" for name in ("json", "html", "markdown")}
    files |= {"sarif": tmp_path / "report.sarif", "junit": tmp_path / "report.xml"}
    options = [word for name, path in files.items() for word in (f"--{name}", str(path))]
    done = run_cli("check", *EASTMOOR, "--select", "TR-", *options)
    assert done.returncode == 0, done.stderr
    note = f"partial: {_tr_rules()} of {SHIPPED} rules"
    assert done.stdout.splitlines()[0].startswith(f"GO ({note})  Eastmoor")

    data = json.loads(files["json"].read_text())
    assert (data["verdict"], data["partial"]) == ("GO", True)
    assert (data["rules_evaluated"], data["rules_in_catalogue"]) == (_tr_rules(), SHIPPED)
    assert list(data)[5:9] == ["verdict", "partial", "rules_evaluated", "rules_in_catalogue"]

    html = files["html"].read_text()
    assert f"<title>GO ({note}): Eastmoor" in html
    assert f'<p class="verdict">GO</p>\n<p class="verdict-label">{note}</p>' in html

    assert files["markdown"].read_text().startswith(f"## 🟢 GO ({note}): Eastmoor")

    run = json.loads(files["sarif"].read_text())["runs"][0]
    assert run["properties"]["partial"] is True
    assert run["properties"]["rulesEvaluated"] == _tr_rules()
    notes = run["invocations"][0]["toolExecutionNotifications"]
    assert notes == [{"level": "warning", "message": {"text": f"{note} evaluated"}}]

    suites = ET.parse(files["junit"]).getroot().findall("testsuite")
    assert suites
    for suite in suites:
        props = {p.get("name"): p.get("value") for p in suite.iter("property")}
        assert props["partial"] == f"{_tr_rules()} of {SHIPPED} rules evaluated"


def test_github_summary_says_partial() -> None:
    done = run_cli("check", *EASTMOOR, "--select", "TR-", "--format", "github")
    summary = done.stdout.splitlines()[-1]
    assert summary.startswith(
        f"::notice title=readiness eastmoor-pacs::GO (partial: {_tr_rules()} of {SHIPPED} rules): "
    )


def test_a_full_run_is_not_partial(tmp_path: Path) -> None:
    report = tmp_path / "report.json"
    done = run_cli("check", *EASTMOOR, "--json", str(report), "--junit", str(tmp_path / "j.xml"))
    assert done.returncode == 1
    assert "partial" not in done.stdout
    data = json.loads(report.read_text())
    assert data["partial"] is False
    assert data["rules_evaluated"] == data["rules_in_catalogue"] == SHIPPED
    assert "partial" not in (tmp_path / "j.xml").read_text()


def test_compare_says_which_sites_were_checked_partially(tmp_path: Path) -> None:
    report = tmp_path / "portfolio.json"
    args = ("compare", "sample_sites", "--as-of", "2027-05-12")
    done = run_cli(*args, "--select", "TR-", "--json", str(report))
    assert done.returncode == 0, done.stderr
    note = f"(partial: {_tr_rules()} of {SHIPPED} rules)"
    # The ranking's rows, upcoming and live: each starts with the site's rank.
    rows = [line for line in done.stdout.splitlines() if re.match(r"\d+  ", line)]
    assert len(rows) == 4 and all(note in row for row in rows), rows
    sites = json.loads(report.read_text())["sites"]
    assert {(s["partial"], s["rules_evaluated"]) for s in sites} == {(True, _tr_rules())}
    full = run_cli(*args, "--json", str(report))
    assert "partial" not in full.stdout
    assert {s["partial"] for s in json.loads(report.read_text())["sites"]} == {False}


def test_lower_case_ids_in_the_configuration_are_named_not_upper_cased(tmp_path: Path) -> None:
    config = tmp_path / "readiness.yaml"
    config.write_text(
        "select: [tr-complete]\n"
        "thresholds:\n  tr-hours: {min_hours: 1}\n"
        "severity:\n  tr-access: minor\n"
    )
    done = run_cli("check", *EASTMOOR, "--config", str(config))
    assert done.returncode == 2
    assert done.stderr.splitlines()[:3] == [
        f"{config}:1:10: no rule id or prefix matches `tr-complete` (did you mean `TR-COMPLETE`?) "
        "[unknown-rule]",
        f"{config}:3:3: unknown rule `tr-hours` (did you mean `TR-HOURS`?) [config-unknown-rule]",
        f"{config}:5:3: unknown rule `tr-access` (did you mean `TR-ACCESS`?) [config-unknown-rule]",
    ]


def test_diff_says_which_side_was_a_partial_run(tmp_path: Path) -> None:
    full, part = tmp_path / "full.json", tmp_path / "part.json"
    site = "sample_sites/eastmoor-pacs"
    assert run_cli("check", site, "--as-of", "2027-05-12", "--json", str(full)).returncode == 1
    run_cli("check", site, "--as-of", "2027-05-12", "--ignore", "DM-", "--json", str(part))

    done = run_cli("diff", str(full), str(part))
    as_json = json.loads(run_cli("diff", str(full), str(part), "--format", "json").stdout)

    first, second = done.stdout.splitlines()[:2]
    assert re.match(r"NO-GO -> GO \(partial: \d+ of \d+ rules\)  eastmoor-pacs", first), first
    assert second.startswith("note: a partial run left rules out")
    assert (as_json["old"]["partial"], as_json["new"]["partial"]) == (False, True)

"""`readiness diff OLD.json NEW.json`: what changed between two results of one site."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import SAMPLES, run_cli

AS_OF = ("--as-of", "2027-04-16")
EXPECTED = "expected the output of `readiness check SITE --json FILE`"


@pytest.fixture(scope="module")
def before_after(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """JSON results of a copy of Riverside before and after 101 district nurses lose training."""
    folder = tmp_path_factory.mktemp("diff")
    site = folder / "riverside"
    shutil.copytree(SAMPLES / "riverside-community", site)
    before, after = folder / "before.json", folder / "after.json"
    assert run_cli("check", str(site), *AS_OF, "--json", str(before)).returncode == 0
    staff = site / "staff.yaml"
    text = staff.read_text(encoding="utf-8")
    assert text.count("    trained: 401") == 1
    assert text.count("    accounts_live: 401") == 1
    assert text.count("    proficiency_passed: 401") == 1
    # Accounts and proficiency follow training (no account before training), so only
    # TR-COMPLETE changes.
    text = text.replace("    trained: 401", "    trained: 300")
    text = text.replace("    proficiency_passed: 401", "    proficiency_passed: 300")
    staff.write_text(text.replace("    accounts_live: 401", "    accounts_live: 300"), "utf-8")
    assert run_cli("check", str(site), *AS_OF, "--json", str(after)).returncode == 1
    return before, after


def test_a_newly_failing_finding_is_reported_with_its_rule_target_and_place(
    before_after: tuple[Path, Path],
) -> None:
    before, after = before_after
    done = run_cli("diff", str(before), str(after))
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == (
        "GO -> NO-GO  riverside-community: the verdict changed (as of 2027-04-16 -> 2027-04-16)"
    )
    staff = before.parent / "riverside" / "staff.yaml"
    assert lines[1:4] == [
        "",
        "Newly failing (1):",
        f"{staff}:12:14: TR-COMPLETE coh-district-nurses (major -> blocker, pass -> fail) "
        "District nurses: 71.4% trained (300 of 420), needs 90%",
    ]
    assert lines[-1] == (
        "1 newly failing, 0 newly passing, 0 status or severity changed, 0 appeared, 0 disappeared"
    )


def test_json_diff_has_each_section_and_the_verdict_change(
    before_after: tuple[Path, Path],
) -> None:
    before, after = before_after
    done = run_cli("diff", str(before), str(after), "--format", "json")
    assert done.returncode == 0, done.stderr
    data: dict[str, Any] = json.loads(done.stdout)
    assert (data["old"]["verdict"], data["new"]["verdict"]) == ("GO", "NO-GO")
    assert data["verdict_changed"] is True
    assert data["summary"] == {
        "newly_failing": 1,
        "newly_passing": 0,
        "changed": 0,
        "appeared": 0,
        "disappeared": 0,
    }
    [change] = data["newly_failing"]
    assert (change["rule"], change["target"]) == ("TR-COMPLETE", "coh-district-nurses")
    assert change["old"] == {"status": "pass", "severity": "major"}
    assert change["new"] == {"status": "fail", "severity": "blocker"}
    assert change["location"]["line"] == 12


def test_the_other_way_round_the_finding_is_newly_passing(
    before_after: tuple[Path, Path],
) -> None:
    before, after = before_after
    done = run_cli("diff", str(after), str(before), "--format", "json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert [(c["rule"], c["target"]) for c in data["newly_passing"]] == [
        ("TR-COMPLETE", "coh-district-nurses")
    ]
    assert data["newly_failing"] == []


def test_a_result_compared_with_itself_has_no_change(before_after: tuple[Path, Path]) -> None:
    before, _ = before_after
    done = run_cli("diff", str(before), str(before))
    assert done.returncode == 0
    assert done.stdout.splitlines()[1:] == [
        "",
        "0 newly failing, 0 newly passing, 0 status or severity changed, 0 appeared, 0 disappeared",
    ]


def test_a_non_json_file_is_an_input_error_naming_it(before_after: tuple[Path, Path]) -> None:
    before, _ = before_after
    done = run_cli("diff", "sample_sites/riverside-community/site.yaml", str(before))
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.splitlines() == [
        "sample_sites/riverside-community/site.yaml:1:1: not a JSON file: Expecting value; "
        f"{EXPECTED} [not-json]",
        "1 problem: nothing was compared",
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[]", f"not a readiness JSON report: a list; {EXPECTED} [not-readiness-json]"),
        (
            '{"a": 1}',
            f"not a readiness JSON report: it has no `format_version`; {EXPECTED} "
            "[not-readiness-json]",
        ),
        (
            '{"format_version": 9}',
            "`format_version` 9 is not supported; this readiness reads 1 [unsupported-format]",
        ),
        (
            '{"format_version": 1, "sites": []}',
            "this is a portfolio from `readiness compare`, "
            f"not one site's result; {EXPECTED} [not-readiness-json]",
        ),
        (
            '{"format_version": 1, "site": "s", "verdict": "MAYBE", "findings": []}',
            '`verdict` is "MAYBE"; expected one of GO, CONDITIONAL, NO-GO [invalid-report]',
        ),
    ],
)
def test_json_that_is_not_a_readiness_result_is_refused(
    content: str, message: str, tmp_path: Path
) -> None:
    path = tmp_path / "old.json"
    path.write_text(content, encoding="utf-8")
    done = run_cli("diff", str(path), str(path))
    assert done.returncode == 2
    assert done.stderr.splitlines()[0] == f"{path}: {message}"


def test_every_problem_of_a_broken_finding_is_listed(tmp_path: Path) -> None:
    path = tmp_path / "new.json"
    finding = {"rule": "TR-COMPLETE", "target": 7, "status": "failed", "location": {}}
    path.write_text(
        json.dumps({"format_version": 1, "site": "s", "verdict": "GO", "findings": [finding]}),
        encoding="utf-8",
    )
    done = run_cli("diff", str(path), str(path))
    assert done.returncode == 2
    problems = [line.removeprefix(f"{path}: ") for line in done.stderr.splitlines()]
    assert problems[:9] == [
        "`findings[0].target` is a whole number; expected a string [invalid-report]",
        "`findings[0].title` is missing [invalid-report]",
        "`findings[0].category` is missing [invalid-report]",
        "`findings[0].message` is missing [invalid-report]",
        '`findings[0].status` is "failed"; expected one of fail, waived, pass, not_applicable '
        "[invalid-report]",
        "`findings[0].severity` is missing [invalid-report]",
        "`findings[0].location.file` is missing [invalid-report]",
        "`findings[0].location.line` is missing [invalid-report]",
        "`findings[0].location.column` is missing [invalid-report]",
    ]


def test_a_missing_file_exits_2(before_after: tuple[Path, Path]) -> None:
    before, _ = before_after
    done = run_cli("diff", str(before), "no/such.json")
    assert done.returncode == 2
    assert done.stderr.splitlines()[0] == "no/such.json: no such file [path-missing]"


def test_a_missing_argument_is_a_usage_error() -> None:
    assert run_cli("diff", "only-one.json").returncode == 2

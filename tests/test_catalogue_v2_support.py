"""Catalogue v2 support, contingency and infrastructure rules, judged on a changed GO site.

Each test changes one fact of Riverside (GO on every rule) as a site author would, and checks
through the CLI that the rule now fails at its severity, naming the area or system.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.helpers import SAMPLES, run_cli

AS_OF = "2027-04-16"


def _site(tmp_path: Path, file: str, old: str, new: str) -> Path:
    """A copy of Riverside with one text change in `file`."""
    site = tmp_path / "riverside"
    shutil.copytree(SAMPLES / "riverside-community", site)
    path = site / file
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= 1, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return site


def _failures(site: Path, rule: str) -> list[dict[str, object]]:
    done = run_cli("check", str(site), "--as-of", AS_OF, "--format", "json")
    assert done.returncode in (0, 1), done.stderr
    findings = json.loads(done.stdout)["findings"]
    return [f for f in findings if f["rule"] == rule and f["status"] == "fail"]


CHANGES = {
    # A night shift with too few super users for the staff on duty.
    "RS-SHIFTS thin night": (
        "staff.yaml",
        "- {shift: nights, users: 21, super_users: 3}",
        "- {shift: nights, users: 21, super_users: 1}",
        "RS-SHIFTS",
        "major",
    ),
    # A drill whose issues are still open.
    "CT-DRILL open issues": (
        "cutover.yaml",
        "last_drill_open_issues: 0",
        "last_drill_open_issues: 3",
        "CT-DRILL",
        "major",
    ),
    # A new critical system whose backups were never restored in a test.
    "IN-DR no restore test": (
        "systems.yaml",
        'backups: {restore_tested_on: "2027-02-20"}',
        "# backups: no restore tested yet",
        "IN-DR",
        "blocker",
    ),
    # An area whose wireless survey failed.
    "IN-NETWORK failed survey": (
        "cutover.yaml",
        "wifi_survey_passed: true",
        "wifi_survey_passed: false",
        "IN-NETWORK",
        "blocker",
    ),
    # A load test below the users expected.
    "IN-NETWORK small load test": (
        "cutover.yaml",
        "concurrent_users: 850",
        "concurrent_users: 500",
        "IN-NETWORK",
        "major",
    ),
    # A cohort counted as downtime-trained far below its headcount, module or not.
    "TR-DOWNTIME count": (
        "staff.yaml",
        "downtime_trained: 401",
        "downtime_trained: 200",
        "TR-DOWNTIME",
        "major",
    ),
    # A walk-through long before go-live.
    "WF-E2E stale": (
        "workflows.yaml",
        'walked_through_on: "2027-03-02"',
        'walked_through_on: "2027-01-04"',
        "WF-E2E",
        "blocker",
    ),
}


@pytest.mark.parametrize("case", sorted(CHANGES))
def test_a_changed_fact_fails_its_rule(tmp_path: Path, case: str) -> None:
    file, old, new, rule, severity = CHANGES[case]
    failing = _failures(_site(tmp_path, file, old, new), rule)
    assert [f["severity"] for f in failing] == [severity], failing


def test_an_area_with_staff_but_no_records_is_not_ready(tmp_path: Path) -> None:
    site = _site(
        tmp_path,
        "staff.yaml",
        'areas: ["Specialist nursing hub (2 teams)"]',
        'areas: ["Specialist nursing hub (2 teams)", "Hospice liaison team"]',
    )
    failing = _failures(site, "IN-COVERAGE")
    assert [(f["target"], f["severity"]) for f in failing] == [("Hospice liaison team", "blocker")]
    assert "no infrastructure, support, downtime record" in str(failing[0]["message"])


def test_a_walk_through_before_the_build_sign_off_does_not_count(tmp_path: Path) -> None:
    site = _site(
        tmp_path,
        "workflows.yaml",
        'signed_off_on: "2027-02-12"',
        'signed_off_on: "2027-03-10"',
    )
    failing = _failures(site, "WF-E2E")
    assert len(failing) == 1
    assert "build signed off 2027-03-10" in str(failing[0]["message"])


def test_a_drill_long_before_a_big_bang_go_live_blocks(tmp_path: Path) -> None:
    site = _site(tmp_path, "site.yaml", "approach: phased", "approach: big-bang")
    text = (site / "cutover.yaml").read_text(encoding="utf-8")
    (site / "cutover.yaml").write_text(
        text.replace('last_drill: "2027-03-17"', 'last_drill: "2026-12-01"'), encoding="utf-8"
    )
    failing = _failures(site, "CT-DRILL")
    assert failing and {f["severity"] for f in failing} == {"blocker"}

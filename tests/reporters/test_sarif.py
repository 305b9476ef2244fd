"""SARIF 2.1.0: rules, levels, regions into the YAML, stable fingerprints, suppressions."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

import pytest

from readiness import __version__
from readiness.problems import Location
from readiness.reporters import sarif
from readiness.result import Result


def _run(result: Result) -> dict[str, Any]:
    log = json.loads(sarif.render(result))
    assert log["version"] == "2.1.0"
    assert len(log["runs"]) == 1
    run: dict[str, Any] = log["runs"][0]
    return run


def test_driver(result: Result) -> None:
    driver = _run(result)["tool"]["driver"]
    assert driver["name"] == "readiness"
    assert driver["version"] == __version__
    assert "informationUri" not in driver
    ids = [r["id"] for r in driver["rules"]]
    assert ids == sorted(ids)
    rule = next(r for r in driver["rules"] if r["id"] == "CS-CSCR")
    assert rule["name"] == "DeployerSafetyCaseReportSigned"
    assert rule["fullDescription"]["text"].startswith("The deploying organisation must accept")
    assert "Reference: DCB0160" in rule["help"]["text"]
    assert rule["defaultConfiguration"]["level"] == "error"


def test_results_are_failing_and_waived_findings(result: Result) -> None:
    run = _run(result)
    expected = [f for f in result.findings if f.status in ("fail", "waived")]
    assert len(run["results"]) == len(expected)
    rules = run["tool"]["driver"]["rules"]
    for res, finding in zip(run["results"], expected, strict=True):
        assert res["ruleId"] == finding.rule
        assert rules[res["ruleIndex"]]["id"] == finding.rule
        assert res["level"] == sarif.LEVELS[finding.severity]
    assert {r["level"] for r in run["results"]} == {"error", "warning", "note"}


def test_location_points_into_the_yaml(result: Result) -> None:
    res = _run(result)["results"][0]
    physical = res["locations"][0]["physicalLocation"]
    assert physical["artifactLocation"] == {
        "uri": "sites/northgate/safety.yaml",
        "uriBaseId": "%SRCROOT%",
    }
    assert physical["region"] == {"startLine": 12, "startColumn": 3}
    assert res["message"]["text"].endswith(".")


def test_region_is_left_out_for_a_whole_file(result: Result) -> None:
    finding = dataclasses.replace(result.findings[1], location=Location("site.yaml"))
    run = _run(dataclasses.replace(result, findings=(finding,)))
    assert "region" not in run["results"][0]["locations"][0]["physicalLocation"]


@pytest.mark.parametrize(
    ("file", "expected"),
    [
        ("sites/a b/site.yaml", {"uri": "sites/a%20b/site.yaml", "uriBaseId": "%SRCROOT%"}),
        ("sites\\win\\site.yaml", {"uri": "sites/win/site.yaml", "uriBaseId": "%SRCROOT%"}),
        ("/abs/site#1.yaml", {"uri": "file:///abs/site%231.yaml"}),
        ("C:\\sites\\site.yaml", {"uri": "file:///C:/sites/site.yaml"}),
    ],
)
def test_artifact_locations(file: str, expected: dict[str, str]) -> None:
    assert sarif.artifact_location(file) == expected


def test_fingerprint_ignores_line_numbers(result: Result) -> None:
    finding = result.blockers[0]
    moved = dataclasses.replace(finding, location=Location(finding.location.file, 99, 1))
    assert sarif.fingerprint(moved) == sarif.fingerprint(finding)
    other = dataclasses.replace(finding, target="another item")
    assert sarif.fingerprint(other) != sarif.fingerprint(finding)
    res = _run(result)["results"][0]
    assert res["partialFingerprints"] == {sarif.FINGERPRINT: sarif.fingerprint(finding)}


def test_waived_results_are_suppressed(result: Result) -> None:
    waived = [r for r in _run(result)["results"] if "suppressions" in r]
    assert len(waived) == len(result.by_status("waived"))
    suppression = waived[0]["suppressions"][0]
    assert suppression["kind"] == "external"
    assert "approved by" in suppression["justification"]


def test_a_waiver_without_authority_suppresses_nothing_and_says_why(result: Result) -> None:
    [res] = [r for r in _run(result)["results"] if r["ruleId"] == "TS-DEFECTS"]
    # Not even a `rejected` suppression: some consumers hide any result that has one.
    assert "suppressions" not in res
    assert res["level"] == "error"
    assert res["message"]["text"] == (
        "2 open severity-1 defects: DEF-1042, DEF-1077. Waiver by Sam Reid (project-manager) "
        "not valid: approver lacks authority (project-manager may not waive a blocker in "
        "testing; needs one of: cso, sro) (sites/northgate/governance.yaml:69:3)."
    )
    waiver = res["properties"]["waiver"]
    assert (waiver["state"], waiver["approved_by"]) == (
        "not-authorised",
        "Sam Reid (project-manager)",
    )
    region = waiver["location"]["physicalLocation"]["region"]
    assert region == {"startLine": 69, "startColumn": 3}


def test_hostile_text_round_trips(hostile: Result) -> None:
    run = _run(hostile)
    assert any("<script>alert(1)</script>" in r["message"]["text"] for r in run["results"])

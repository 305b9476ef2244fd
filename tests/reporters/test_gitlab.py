"""The GitLab Code Quality report, checked against the fields GitLab documents."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from tests.helpers import FIXTURES, REPO, run_cli_once

# (site, as-of) of each sample, judged on the date its verdict is meant for.
SAMPLES = [
    ("sample_sites/northgate-general", "2027-03-04"),
    ("sample_sites/riverside-community", "2027-04-16"),
    ("sample_sites/eastmoor-pacs", "2027-05-12"),
    ("sample_sites/westbrook-eprescribing", "2027-02-12"),
]
SCHEMA = json.loads((FIXTURES / "gitlab-codequality.schema.json").read_text(encoding="utf-8"))


def _report(site: str, as_of: str) -> list[dict[str, Any]]:
    done = run_cli_once("check", site, "--as-of", as_of, "--gitlab", "-")
    assert done.returncode in (0, 1), done.stderr
    report: list[dict[str, Any]] = json.loads(done.stdout)
    return report


def _failing(site: str, as_of: str) -> list[dict[str, Any]]:
    result = json.loads(run_cli_once("check", site, "--as-of", as_of, "--format", "json").stdout)
    return [f for f in result["findings"] if f["status"] == "fail"]


def test_the_schema_is_a_valid_draft_2020_12_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate([{"description": "x", "severity": "high"}], SCHEMA)


@pytest.mark.parametrize(("site", "as_of"), SAMPLES, ids=[s.split("/")[1] for s, _ in SAMPLES])
def test_the_report_has_the_fields_gitlab_reads(site: str, as_of: str) -> None:
    report = _report(site, as_of)
    jsonschema.validate(report, SCHEMA)
    fingerprints = [issue["fingerprint"] for issue in report]
    assert len(set(fingerprints)) == len(fingerprints), "GitLab merges equal fingerprints"
    for issue in report:
        assert (REPO / issue["location"]["path"]).is_file()


@pytest.mark.parametrize(("site", "as_of"), SAMPLES, ids=[s.split("/")[1] for s, _ in SAMPLES])
def test_every_failing_finding_is_an_issue_at_its_line_and_the_verdict_too(
    site: str, as_of: str
) -> None:
    report = _report(site, as_of)
    failing = _failing(site, as_of)
    issues = [i for i in report if i["check_name"] != "readiness-verdict"]
    assert len(issues) == len(failing)
    for finding, issue in zip(failing, issues, strict=True):
        assert issue["check_name"] == finding["rule"]
        assert issue["severity"] == finding["severity"]
        assert issue["location"]["path"] == finding["location"]["file"]
        assert issue["location"]["lines"]["begin"] == max(finding["location"]["line"], 1)
        assert finding["message"] in issue["description"]
    (verdict,) = [i for i in report if i["check_name"] == "readiness-verdict"]
    result = json.loads(run_cli_once("check", site, "--as-of", as_of, "--format", "json").stdout)
    assert f": {result['verdict']}" in verdict["description"]
    assert (
        verdict["severity"]
        == {"GO": "info", "CONDITIONAL": "major", "NO-GO": "blocker"}[result["verdict"]]
    )


def test_an_issue_keeps_its_fingerprint_when_its_line_moves(tmp_path: Path) -> None:
    site = tmp_path / "northgate"
    source = REPO / "sample_sites" / "northgate-general"
    site.mkdir()
    for path in source.iterdir():
        text = path.read_text(encoding="utf-8")
        # A comment line at the top moves every finding one line down.
        (site / path.name).write_text("# moved\n" + text if path.suffix == ".yaml" else text)
    before = {i["check_name"]: i for i in _report(str(source), "2027-03-04")}
    after = {i["check_name"]: i for i in _report(str(site), "2027-03-04")}
    moved = after["TR-COMPLETE"]
    assert (
        moved["location"]["lines"]["begin"]
        == before["TR-COMPLETE"]["location"]["lines"]["begin"] + 1
    )
    assert moved["fingerprint"] == before["TR-COMPLETE"]["fingerprint"]

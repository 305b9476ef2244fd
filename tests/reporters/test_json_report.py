"""The JSON report: documented keys in order, ISO dates, and a lossless round trip."""

from __future__ import annotations

import json

from report_sample import HOSTILE

from readiness.reporters import json_report
from readiness.result import Result

TOP_KEYS = [
    "site",
    "site_name",
    "as_of",
    "go_live",
    "days_to_go_live",
    "verdict",
    "partial",
    "rules_evaluated",
    "rules_in_catalogue",
    "scores",
    "categories",
    "findings",
    "waivers",
    "impacts",
    "thresholds",
]
FINDING_KEYS = [
    "rule",
    "title",
    "severity",
    "category",
    "status",
    "target",
    "message",
    "location",
    "owner",
    "due",
    "days_left",
    "waiver",
]


def test_documented_keys_come_first_in_order(result: Result) -> None:
    data = json.loads(json_report.render(result))
    assert list(data)[: len(TOP_KEYS)] == TOP_KEYS
    assert list(data["findings"][0])[: len(FINDING_KEYS)] == FINDING_KEYS
    assert list(data["findings"][0]["location"]) == ["file", "line", "column"]
    assert list(data["categories"][0]) == [
        "category",
        "percent",
        "rag",
        "passed",
        "failed",
        "waived",
    ]


def test_values(result: Result) -> None:
    data = json.loads(json_report.render(result))
    assert data["site"] == "northgate"
    assert data["as_of"] == "2026-11-25"
    assert data["go_live"] == "2027-03-14"
    assert data["days_to_go_live"] == 109
    assert data["verdict"] == "NO-GO"
    assert data["scores"]["clinical-safety"] == 50
    assert {f["status"] for f in data["findings"]} == {"pass", "fail", "waived", "not_applicable"}
    cscr = next(f for f in data["findings"] if f["rule"] == "CS-CSCR")
    assert cscr["location"] == {"file": "sites/northgate/safety.yaml", "line": 12, "column": 3}
    assert cscr["due"] == "2026-11-22"
    assert cscr["days_left"] == -3
    waived = next(f for f in data["findings"] if f["status"] == "waived")
    assert waived["waiver"]["expires"] > data["as_of"]
    assert {w["state"] for w in data["waivers"]} == {
        "active",
        "lapsed",
        "unused",
        "not-authorised",
    }
    defects = next(f for f in data["findings"] if f["rule"] == "TS-DEFECTS")
    assert (defects["status"], defects["waiver"]["state"]) == ("fail", "not-authorised")
    assert (defects["waiver"]["approved_by"], defects["waiver"]["role"]) == (
        "Sam Reid",
        "project-manager",
    )
    assert defects["waiver"]["reason"] == (
        "not valid: approver lacks authority (project-manager may not waive a blocker in "
        "testing; needs one of: cso, sro)"
    )
    assert waived["waiver"]["reason"] is None
    assert data["thresholds"][0] == {
        "rule": "TR-COMPLETE",
        "name": "trained_percent",
        "default": 90,
        "value": 85,
        "source": {"file": "sites/readiness.yaml", "line": 4, "column": 5},
    }
    assert data["summary"]["blockers"] == len(result.blockers)


def test_everything_needed_to_diff_two_runs(result: Result) -> None:
    data = json.loads(json_report.render(result))
    keys = {(f["rule"], f["target"]): f["status"] for f in data["findings"]}
    assert len(keys) == len(result.findings), "rule and target identify a finding"
    assert data["format_version"] == json_report.FORMAT_VERSION
    assert [n["id"] for n in data["graph"]["nodes"]] == [n.id for n in result.nodes]


def test_formatting(result: Result) -> None:
    out = json_report.render(result)
    assert out.startswith('{\n  "site": "northgate",\n')
    assert out.endswith("}\n")


def test_hostile_text_round_trips(hostile: Result) -> None:
    data = json.loads(json_report.render(hostile))
    assert data["site_name"] == "Northgate General Hospital" + HOSTILE
    assert any(HOSTILE in f["message"] for f in data["findings"])


def test_unusual_threshold_values_become_json() -> None:
    import datetime as dt

    plain = json_report._plain
    assert plain(float("nan")) == "nan"
    assert plain(dt.date(2027, 1, 2)) == "2027-01-02"
    assert plain((1, {"a": dt.date(2027, 1, 2)})) == [1, {"a": "2027-01-02"}]
    assert plain(frozenset({"b", "a"})) == ["a", "b"]
    assert plain(object) == "<class 'object'>"

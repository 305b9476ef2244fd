"""Results to JSON and back: what the cache writes reads back equal, and nothing else is read."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from readiness.assessment import from_result
from readiness.delivery_confidence import delivery_confidence
from readiness.json_codec import ShapeError, decode, encode
from readiness.pipeline.check import run_check
from readiness.pipeline.request import CheckRequest
from readiness.problems import Location
from readiness.result import Result, ThresholdChange
from readiness.site_summary import SiteSummary, summarise
from tests.helpers import FIXTURES, SAMPLES
from tests.reporters.report_sample import make_result

SITES = {
    "riverside-community": "2027-04-16",
    "northgate-general": "2027-03-04",
    "eastmoor-pacs": "2027-05-12",
    "westbrook-eprescribing": "2027-02-12",
}


def _through_json(value: object) -> Any:
    return json.loads(json.dumps(encode(value), ensure_ascii=False))


def _results() -> list[Result]:
    runs = [
        run_check(CheckRequest(SAMPLES / name, dt.date.fromisoformat(day)))
        for name, day in SITES.items()
    ]
    # The mini site has waivers (lapsed, unused), impact paths and due dates.
    runs.append(run_check(CheckRequest(FIXTURES / "mini_site", dt.date(2027, 2, 20))))
    results = [run.result for run in runs if run.result is not None]
    assert len(results) == len(runs)
    return [*results, make_result(), make_result(hostile=True, verdict="CONDITIONAL")]


@pytest.fixture(scope="module")
def results() -> list[Result]:
    return _results()


def test_every_result_and_summary_reads_back_equal(results: list[Result]) -> None:
    for result in results:
        assert decode(Result, _through_json(result)) == result
        summary = summarise(result)
        assert decode(SiteSummary, _through_json(summary)) == summary


def test_settings_keep_their_types_through_json() -> None:
    where = Location("readiness.yaml", 3, 5)
    changes = (
        ThresholdChange("TR-COMPLETE", "min_percent", 90.0, 85.0, where),
        ThresholdChange("waiver authority", "blocker in training", ("cso",), ("cso", "sro"), where),
        ThresholdChange("TR-COMPLETE", "severity", "blocker", "major", where),
    )
    for change in changes:
        back = decode(ThresholdChange, _through_json(change))
        assert back == change
        assert type(back.default) is type(change.default)


def _damaged(data: dict[str, Any], how: str) -> dict[str, Any]:
    data = json.loads(json.dumps(data))
    finding = data["findings"][0]
    if how == "missing field":
        del finding["message"]
    elif how == "extra field":
        finding["trusted"] = True
    elif how == "number for text":
        finding["target"] = 7
    elif how == "boolean for number":
        finding["location"]["line"] = True
    elif how == "loose date":
        data["go_live"] = "20270419"
    elif how == "text for list":
        data["findings"] = "none"
    elif how == "null for text":
        data["verdict"] = None
    return data


@pytest.mark.parametrize(
    "how",
    [
        "missing field",
        "extra field",
        "number for text",
        "boolean for number",
        "loose date",
        "text for list",
        "null for text",
    ],
)
def test_data_of_another_shape_is_refused(results: list[Result], how: str) -> None:
    with pytest.raises(ShapeError):
        decode(Result, _damaged(_through_json(results[0]), how))


def test_a_value_the_declarations_do_not_allow_is_not_written(results: list[Result]) -> None:
    result = results[0]
    listed = dataclasses.replace(result, findings=list(result.findings))
    with pytest.raises(TypeError):
        encode(listed)
    # A setting that is neither text, a number nor a list of them has no JSON form.
    where = Location("x.yaml")
    with pytest.raises(TypeError):
        encode(ThresholdChange("R", "n", 90.0, {"a": 1}, where))
    # A datetime is a date to Python, but would read back as a date without its time.
    with pytest.raises(TypeError):
        encode(dataclasses.replace(result, as_of=dt.datetime(2027, 1, 1)))


def test_decoding_builds_only_the_type_asked_for(tmp_path: Path) -> None:
    # JSON that names a class or module is only data: no object but the declared ones is made.
    data = {"__class__": "os.system", "args": ["touch " + str(tmp_path / "owned")]}
    with pytest.raises(ShapeError):
        decode(Result, data)
    assert not (tmp_path / "owned").exists()


def test_a_summary_counts_passes_and_keeps_every_failing_finding(results: list[Result]) -> None:
    for result in results:
        summary = summarise(result)
        assert summary.passed == len(result.by_status("pass"))
        assert summary.not_applicable == len(result.by_status("not_applicable"))
        assert summary.failing == tuple(f for f in result.findings if f.failing)
        assert (summary.blockers, summary.conditions) == (result.blockers, result.conditions)
        assert summary.rules_in_catalogue == result.rules_in_catalogue
        with pytest.raises(ValueError):
            summary.by_status("pass")  # counted, not kept: never an empty list
        # What compare rates and records from a summary is what check does from the result.
        assert delivery_confidence(summary) == delivery_confidence(result)
        assert from_result(summary, "1", "compare") == from_result(result, "1", "compare")

"""`check --json` and `compare --json` match their published schemas, in every kind of run.

The schemas (schemas/check-result.schema.json, schemas/compare-result.schema.json) are strict:
a key added to an output without being described there fails here.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator, FormatChecker

from readiness.listing import SHOWN
from tests.helpers import REPO, RIVERSIDE, RIVERSIDE_AS_OF, SAMPLES, run_cli, run_cli_once
from tests.scenarios.test_scenarios import SCENARIOS, _run


def _validator(name: str) -> Draft202012Validator:
    schema = json.loads((REPO / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=FormatChecker())


CHECK = _validator("check-result")
COMPARE = _validator("compare-result")

# Each sample on the date its intended verdict holds, and on one where much more fails.
SAMPLE_RUNS = [
    ("northgate-general", "2027-03-04"),
    ("riverside-community", "2027-04-16"),
    ("eastmoor-pacs", "2027-05-12"),
    ("westbrook-eprescribing", "2027-02-12"),
    ("northgate-general", "2026-11-25"),
]


def _errors(validator: Draft202012Validator, document: Any) -> list[str]:
    return [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in validator.iter_errors(document)
    ]


def test_the_ids_are_not_an_example_domain() -> None:
    for path in sorted((REPO / "schemas").glob("*.schema.json")):
        schema_id = json.loads(path.read_text(encoding="utf-8"))["$id"]
        assert schema_id.startswith("urn:readiness:schema:"), path.name


@pytest.mark.parametrize(("site", "as_of"), SAMPLE_RUNS, ids=[f"{s}@{d}" for s, d in SAMPLE_RUNS])
def test_check_json_of_each_sample_matches_the_schema(site: str, as_of: str) -> None:
    done = run_cli_once("check", f"sample_sites/{site}", "--as-of", as_of, "--format", "json")
    assert done.returncode in (0, 1), done.stderr
    assert _errors(CHECK, json.loads(done.stdout)) == []


def test_the_json_file_and_standard_output_are_the_same_document(tmp_path: Path) -> None:
    out = tmp_path / "r.json"
    run_cli("check", str(RIVERSIDE), "--as-of", RIVERSIDE_AS_OF, "--json", str(out))
    document = json.loads(out.read_text(encoding="utf-8"))
    assert _errors(CHECK, document) == []
    printed = run_cli("check", str(RIVERSIDE), "--as-of", RIVERSIDE_AS_OF, "--json", "-")
    assert json.loads(printed.stdout) == document


def test_a_partial_run_matches_the_schema() -> None:
    done = run_cli_once(
        "check",
        "sample_sites/eastmoor-pacs",
        "--as-of",
        "2027-05-12",
        "--select",
        "DM-",
        "--format",
        "json",
    )
    document = json.loads(done.stdout)
    assert document["partial"] is True
    assert _errors(CHECK, document) == []


# One scenario of each class: waivers that do not count, evidence not stated, configurations
# that change thresholds and severities, evidence dated after what it proves, and the rest.
ONE_PER_CLASS = sorted(
    {c: name for name, s in reversed(list(SCENARIOS.items())) for c in s["classes"]}.values()
)


@pytest.mark.parametrize("name", ONE_PER_CLASS)
def test_check_json_of_a_changed_site_matches_the_schema(name: str, tmp_path: Path) -> None:
    done, _ = _run(name, tmp_path)
    if done.returncode == 2:
        assert done.stdout == "", "invalid input prints no JSON"
        return
    assert _errors(CHECK, json.loads(done.stdout)) == []


def test_the_schema_rejects_an_undescribed_key_and_a_wrong_value() -> None:
    document = json.loads(
        run_cli_once(
            "check",
            "sample_sites/riverside-community",
            "--as-of",
            RIVERSIDE_AS_OF,
            "--format",
            "json",
        ).stdout
    )
    assert _errors(CHECK, {**document, "extra": 1}) != []
    assert _errors(CHECK, {**document, "verdict": "MAYBE"}) != []
    finding = {**document["findings"][0], "status": "passed"}
    assert _errors(CHECK, {**document, "findings": [finding]}) != []


def test_invalid_input_writes_no_json(tmp_path: Path) -> None:
    out = tmp_path / "r.json"
    done = run_cli(
        "check",
        str(REPO / "tests" / "bad_inputs" / "duplicate_key.yaml"),
        "--as-of",
        "2027-01-01",
        "--json",
        str(out),
        "--format",
        "json",
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert not out.exists()


@pytest.mark.parametrize(
    "extra",
    [[], ["--select", "TR-,GV-"]],
    ids=["whole", "partial"],
)
def test_compare_json_of_the_samples_matches_the_schema(extra: list[str]) -> None:
    done = run_cli_once("compare", "sample_sites", "--as-of", "2027-05-12", *extra, "--json", "-")
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)
    assert document["summary"]["sites"] == 4
    assert _errors(COMPARE, document) == []


def test_compare_json_with_changed_settings_matches_the_schema(tmp_path: Path) -> None:
    config = tmp_path / "programme.yaml"
    config.write_text(
        "thresholds:\n  TR-COMPLETE: {min_percent: 85}\nseverity:\n  GV-RAID: minor\n"
    )
    done = run_cli(
        "compare",
        str(SAMPLES / "northgate-general"),
        str(RIVERSIDE),
        "--as-of",
        "2027-03-04",
        "--config",
        str(config),
        "--json",
        "-",
    )
    document = json.loads(done.stdout)
    assert [site["settings_changed"] for site in document["sites"]] == [2, 2]
    assert _errors(COMPARE, document) == []
    assert _errors(COMPARE, {**document, "sites": [{**document["sites"][0], "rank": 0}]}) != []


def test_capped_lists_match_the_schema(tmp_path: Path) -> None:
    # A site whose evidence and impact lists are longer than a report shows: the totals kept
    # beside the first few are part of the published shape too.
    from tests.fan_site import AS_OF, fan_site

    fan = fan_site(tmp_path, SHOWN + 10)
    data = json.loads(run_cli("check", str(fan), "--as-of", AS_OF, "--format", "json").stdout)
    assert any("evidence_total" in f for f in data["findings"])
    assert any("systems_total" in i or "workflows_total" in i for i in data["impacts"])
    assert _errors(CHECK, data) == []
    dated = json.loads(
        run_cli("check", str(RIVERSIDE), "--as-of", "2026-01-01", "--format", "json").stdout
    )
    assert any("evidence_locations" in f for f in dated["findings"])
    assert _errors(CHECK, dated) == []

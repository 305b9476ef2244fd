"""The board review: each scenario is a small change to a sample site and the verdict a go/no-go
board would give it, written before the tool was run on it (see README.md in this folder).

A scenario the tool still gets wrong carries `xfail_reason` and runs as a strict xfail, so it
turns red the day the tool gets it right and the mark must come off.
"""

from __future__ import annotations

import functools
import json
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.helpers import SAMPLES, run_cli
from tests.scenarios import readme_table
from tests.scenarios.edits import EditError, apply_change, parse_path

HERE = Path(__file__).resolve().parent
BASES = {"riverside-community": "GO", "northgate-general": "CONDITIONAL"}
VERDICTS = ("GO", "CONDITIONAL", "NO-GO")
SEVERITY_RANK = {"minor": 1, "major": 2, "blocker": 3}
CATEGORIES = {
    "clinical-safety", "patient-identification", "interfaces", "integration", "workflows",
    "training", "resourcing", "data-migration", "testing", "cutover", "infrastructure",
    "governance",
}  # fmt: skip
CLASSES = {
    "plain",  # a plain failure the catalogue already judged (the control group)
    "not-stated",
    "figures-outrank-flags",
    "evidence-after",
    "fail-safe-config",
    "waiver-authority",
    "interfaces-agree",
    "feeds-per-type",
    "workflow-steps-live",
    "sequencing-engines",
    "shifts-drills-floorwalkers",
    "defect-history",
    "severity-follows-source",
    "correct-plan",  # a correct plan the tool must not turn down
}
TOP_KEYS = {
    "title", "base", "as_of", "category", "classes", "summary", "changes", "args", "config",
    "expect", "note", "xfail_reason",
}  # fmt: skip
EXPECT_KEYS = {"verdict", "exit", "failing", "cleared", "partial", "output_contains", "why"}


def _load(path: Path) -> dict[str, Any]:
    scenario = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(scenario, dict), path
    assert not set(scenario) - TOP_KEYS, f"{path.name}: unknown keys {set(scenario) - TOP_KEYS}"
    expect = scenario["expect"]
    assert not set(expect) - EXPECT_KEYS, f"{path.name}: unknown expect keys"
    assert ("verdict" in expect) != ("exit" in expect), f"{path.name}: verdict or exit, not both"
    assert expect.get("verdict", "GO") in VERDICTS, path.name
    assert expect.get("why"), f"{path.name}: say why the board judges it so"
    assert scenario["base"] in BASES, path.name
    assert scenario["category"] in CATEGORIES, f"{path.name}: category {scenario['category']}"
    assert set(scenario["classes"]) <= CLASSES, f"{path.name}: {set(scenario['classes']) - CLASSES}"
    assert scenario.get("changes") or scenario.get("args") or scenario.get("config"), path.name
    return scenario


SCENARIOS = {path.stem: _load(path) for path in sorted(HERE.glob("*.yaml"))}


def _params() -> list[Any]:
    params = []
    for name, scenario in SCENARIOS.items():
        marks = []
        if scenario.get("xfail_reason"):
            marks.append(pytest.mark.xfail(strict=True, reason=scenario["xfail_reason"]))
        params.append(pytest.param(name, marks=marks, id=name))
    return params


def _check_args(site: Path, scenario: dict[str, Any], config: Path | None) -> list[str]:
    args = ["check", str(site), "--as-of", scenario["as_of"], "--format", "json"]
    if config is not None:
        args += ["--config", str(config)]
    return args + [str(arg) for arg in scenario.get("args") or []]


def _write_config(folder: Path, body: Any) -> Path | None:
    if body is None:
        return None
    folder.mkdir(parents=True, exist_ok=True)
    config = folder / "programme.yaml"
    config.write_text(yaml.safe_dump(body, sort_keys=False), encoding="utf-8")
    return config


def _failing(result: dict[str, Any]) -> dict[str, str]:
    """Rule id -> the worst severity at which it fails."""
    worst: dict[str, str] = {}
    for finding in result["findings"]:
        if finding["status"] != "fail":
            continue
        rule, severity = finding["rule"], finding["severity"]
        if SEVERITY_RANK[severity] > SEVERITY_RANK.get(worst.get(rule, ""), 0):
            worst[rule] = severity
    return worst


@functools.cache
def _base_failing(base: str, as_of: str, args: tuple[str, ...], config: str) -> dict[str, str]:
    # The unchanged sample site under the scenario's own options: what fails there is not
    # the scenario's doing.
    folder = Path(tempfile.mkdtemp(prefix="scenario-base-"))
    try:
        scenario = {"as_of": as_of, "args": list(args)}
        config_file = _write_config(folder, yaml.safe_load(config))
        done = run_cli(*_check_args(SAMPLES / base, scenario, config_file))
        assert done.returncode in (0, 1), done.stderr
        return _failing(json.loads(done.stdout))
    finally:
        shutil.rmtree(folder)


def _run(name: str, tmp_path: Path) -> tuple[Any, dict[str, Any]]:
    scenario = SCENARIOS[name]
    site = tmp_path / scenario["base"]
    shutil.copytree(SAMPLES / scenario["base"], site)
    for change in scenario.get("changes") or []:
        apply_change(site, change)
    config = _write_config(tmp_path / "config", scenario.get("config"))
    return run_cli(*_check_args(site, scenario, config)), scenario


@pytest.mark.parametrize("name", _params())
def test_scenario_gets_the_boards_verdict(name: str, tmp_path: Path) -> None:
    done, scenario = _run(name, tmp_path)
    expect = scenario["expect"]
    output = done.stdout + done.stderr
    for text in expect.get("output_contains") or []:
        assert text in output, f"{text!r} not in the output:\n{output}"
    if "exit" in expect:
        assert done.returncode == expect["exit"], output
        return
    assert done.returncode == (1 if expect["verdict"] == "NO-GO" else 0), output
    result = json.loads(done.stdout)
    base = _base_failing(
        scenario["base"],
        scenario["as_of"],
        tuple(str(arg) for arg in scenario.get("args") or []),
        yaml.safe_dump(scenario.get("config")),
    )
    failing = _failing(result)
    wanted = [str(entry).partition(":") for entry in expect.get("failing") or []]
    actual = {
        "verdict": result["verdict"],
        "failing": sorted(set(failing) - set(base)),
        "cleared": sorted(set(base) - set(failing)),
        "severities": {rule: failing.get(rule) for rule, _, sev in wanted if sev},
        "partial": result["partial"],
    }
    assert actual == {
        "verdict": expect["verdict"],
        "failing": sorted(rule for rule, _, _ in wanted),
        "cleared": sorted(expect.get("cleared") or []),
        "severities": {rule: sev for rule, _, sev in wanted if sev},
        "partial": expect.get("partial", False),
    }


def test_every_category_and_class_is_tried() -> None:
    categories = {scenario["category"] for scenario in SCENARIOS.values()}
    classes = {cls for scenario in SCENARIOS.values() for cls in scenario["classes"]}
    stays_go = [
        name
        for name, scenario in SCENARIOS.items()
        if "correct-plan" in scenario["classes"] and scenario["expect"].get("verdict") == "GO"
    ]
    assert categories == CATEGORIES
    assert classes == CLASSES
    assert len(SCENARIOS) >= 32
    assert len(stays_go) >= 3, stays_go


def test_readme_table_matches_the_scenario_files() -> None:
    # Regenerate with `python -m tests.scenarios.readme_table` after changing a scenario.
    assert readme_table.written_table() == readme_table.table()


@pytest.mark.parametrize("base", sorted(BASES))
def test_a_round_trip_through_the_editor_changes_nothing(base: str, tmp_path: Path) -> None:
    # The harness rewrites each file it edits with PyYAML; that alone must not move a verdict.
    site = tmp_path / base
    shutil.copytree(SAMPLES / base, site)
    for path in sorted(site.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    as_of = {"riverside-community": "2027-04-16", "northgate-general": "2027-03-04"}[base]
    done = run_cli("check", str(site), "--as-of", as_of, "--format", "json")
    result = json.loads(done.stdout)
    assert result["verdict"] == BASES[base]
    assert _failing(result) == _base_failing(base, as_of, (), yaml.safe_dump(None))


@pytest.mark.parametrize(
    ("change", "complaint"),
    [
        (
            {"set": "interfaces.yaml: interfaces[id=if-nope].tests.e2e", "value": "failed"},
            "0 items",
        ),
        ({"set": "interfaces.yaml: interfaces[id=if-pds].tests.e3e", "value": "failed"}, "e3e"),
        ({"remove": "safety.yaml: clinical_safety.cso.registration_until"}, "registration_until"),
        ({"add": "safety.yaml: clinical_safety.cso.name", "value": "X"}, "already there"),
        ({"append": "site.yaml: site.name", "value": "X"}, "needs a list"),
        ({"set": "nowhere.yaml: site.name", "value": "X"}, "no file"),
        ({"set": "site.yaml: site.name"}, "needs a value"),
        ({"remove": "site.yaml: site.notes", "set": "site.yaml: site.name", "value": 1}, "one of"),
        ({"set": "staff.yaml: staff_cohorts[40].trained", "value": 1}, "no item 40"),
        ({"set": "safety.yaml: patient_identification.includes_merge", "value": True}, "nothing"),
    ],
)
def test_an_edit_that_finds_nothing_is_an_error(
    change: dict[str, Any], complaint: str, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    shutil.copytree(SAMPLES / "riverside-community", site)
    with pytest.raises(EditError, match=complaint):
        apply_change(site, change)


def test_paths_read_selectors_with_dots_and_spaces() -> None:
    file_name, steps = parse_path("cutover.yaml: downtime[area=St. Mary's (2 wards)].last_drill")
    assert file_name == "cutover.yaml"
    assert [step.describe() for step in steps] == [
        "downtime",
        "[area=St. Mary's (2 wards)]",
        "last_drill",
    ]

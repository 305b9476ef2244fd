"""Not stated is not evidence for training, support, downtime and cutover facts (CLI level)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import yaml

from tests.helpers import SAMPLES, run_cli

RIVERSIDE_AS_OF = "2027-04-16"


def _riverside(tmp_path: Path) -> Path:
    site = tmp_path / "riverside"
    shutil.copytree(SAMPLES / "riverside-community", site)
    return site


def _edit(site: Path, section: str, edit: Any) -> None:
    """Apply `edit` to the data of the one file that writes `section`."""
    for path in sorted(site.glob("*.yaml")):
        data = yaml.safe_load(path.read_text())
        if section in data:
            edit(data)
            path.write_text(yaml.safe_dump(data, sort_keys=False))
            return
    raise AssertionError(f"riverside writes no {section}")


def _failing(site: Path) -> dict[tuple[str, str], dict[str, Any]]:
    done = run_cli("check", str(site), "--as-of", RIVERSIDE_AS_OF, "--format", "json")
    result = json.loads(done.stdout)
    return {(f["rule"], f["target"]): f for f in result["findings"] if f["status"] == "fail"}


def test_a_cohort_with_no_downtime_trained_count_fails_tr_downtime_as_not_stated(
    tmp_path: Path,
) -> None:
    site = _riverside(tmp_path)
    cohort: dict[str, Any] = {}

    def drop(data: dict[str, Any]) -> None:
        cohort.update(data["staff_cohorts"][0])
        del data["staff_cohorts"][0]["downtime_trained"]

    _edit(site, "staff_cohorts", drop)
    failing = _failing(site)
    # The curriculum's downtime module is still there: a flag is not a count.
    assert set(failing) == {("TR-DOWNTIME", cohort["id"])}
    message = failing[("TR-DOWNTIME", cohort["id"])]["message"]
    assert message.startswith(f"`staff_cohorts[{cohort['id']}].downtime_trained` is not stated")
    assert "so that TR-DOWNTIME can be judged" in message


def test_an_area_with_no_super_users_per_shift_fails_rs_shifts_as_not_stated(
    tmp_path: Path,
) -> None:
    site = _riverside(tmp_path)
    area: dict[str, Any] = {}

    def drop(data: dict[str, Any]) -> None:
        area.update(data["support"]["areas"][0])
        del data["support"]["areas"][0]["shift_cover"]

    _edit(site, "support", drop)
    failing = _failing(site)
    assert set(failing) == {("RS-SHIFTS", area["area"])}
    finding = failing[("RS-SHIFTS", area["area"])]
    assert "is not stated" in finding["message"]
    assert "so that RS-SHIFTS can be judged" in finding["message"]
    assert finding["severity"] == "major"


def test_an_area_with_cover_figures_for_some_shifts_lists_the_others(tmp_path: Path) -> None:
    site = _riverside(tmp_path)
    area: dict[str, Any] = {}

    def drop_last(data: dict[str, Any]) -> None:
        record = data["support"]["areas"][0]
        area.update(record)
        record["shift_cover"] = record["shift_cover"][:-1]

    _edit(site, "support", drop_last)
    failing = _failing(site)
    assert set(failing) == {("RS-SHIFTS", area["area"])}
    missing = area["shift_cover"][-1]["shift"]
    assert f"no cover figures for {missing}" in failing[("RS-SHIFTS", area["area"])]["message"]


def test_a_downtime_area_with_no_read_only_copy_stated_fails_the_kit_rule(
    tmp_path: Path,
) -> None:
    site = _riverside(tmp_path)
    area: dict[str, Any] = {}

    def drop(data: dict[str, Any]) -> None:
        area.update(data["downtime"][0])
        del data["downtime"][0]["read_only_copy"]

    _edit(site, "downtime", drop)
    failing = _failing(site)
    assert set(failing) == {("IN-DOWNTIME-KIT", area["area"])}
    assert "read_only_copy` is not stated" in failing[("IN-DOWNTIME-KIT", area["area"])]["message"]


def test_a_cutover_plan_with_no_change_freeze_fails_co_plan_as_not_stated(
    tmp_path: Path,
) -> None:
    site = _riverside(tmp_path)
    _edit(site, "cutover", lambda data: data["cutover"].pop("change_freeze"))
    failing = _failing(site)
    assert [key[0] for key in failing] == ["CO-PLAN"]
    finding = next(iter(failing.values()))
    assert "change_freeze.starts` is not stated" in finding["message"]
    assert finding["severity"] == "blocker"


def test_a_cutover_task_timed_past_the_window_fails_co_plan(tmp_path: Path) -> None:
    site = _riverside(tmp_path)
    task: dict[str, Any] = {}

    def overrun(data: dict[str, Any]) -> None:
        last = data["cutover"]["tasks"][-1]
        task.update(last)
        last["duration_hours"] = data["cutover"]["window_hours"]

    _edit(site, "cutover", overrun)
    failing = _failing(site)
    assert [key[0] for key in failing] == ["CO-PLAN"]
    message = next(iter(failing.values()))["message"]
    assert f"1 item(s) not timed inside the cutover window ({task['id']})" in message

"""Not stated is not evidence: a rule that reads an unstated evidence field fails, and says so."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import yaml

from tests.helpers import REPO, SAMPLES, run_cli

RIVERSIDE_AS_OF = "2027-04-16"


def _riverside(tmp_path: Path) -> Path:
    site = tmp_path / "riverside"
    shutil.copytree(SAMPLES / "riverside-community", site)
    return site


def _edit_interfaces(site: Path, edit: Any) -> str:
    """Apply `edit` to the first new or changed critical interface with a daily volume."""
    for path in sorted(site.glob("interfaces*.yaml")):
        data = yaml.safe_load(path.read_text())
        for interface in data.get("interfaces", []):
            stated = isinstance(interface.get("messages_per_day"), int)
            critical = interface.get("criticality") in ("life-critical", "business-critical")
            if stated and critical and interface.get("lifecycle", "new") in ("new", "changed"):
                edit(interface)
                path.write_text(yaml.safe_dump(data, sort_keys=False))
                return str(interface["id"])
    raise AssertionError("riverside has no critical interface with a daily volume")


def _failing(site: Path, *extra: str) -> dict[tuple[str, str], dict[str, Any]]:
    done = run_cli("check", str(site), "--as-of", RIVERSIDE_AS_OF, "--format", "json", *extra)
    result = json.loads(done.stdout)
    return {(f["rule"], f["target"]): f for f in result["findings"] if f["status"] == "fail"}


def test_riverside_passes_every_rule_before_the_edit(tmp_path: Path) -> None:
    assert _failing(_riverside(tmp_path)) == {}


def test_an_unstated_daily_volume_fails_the_stage_rule_and_says_where_to_state_it(
    tmp_path: Path,
) -> None:
    site = _riverside(tmp_path)

    def drop_volume(interface: dict[str, Any]) -> None:
        del interface["messages_per_day"]
        interface.setdefault("tests", {}).pop("volume", None)

    target = _edit_interfaces(site, drop_volume)
    failing = _failing(site)
    assert set(failing) == {("IF-STAGES", target)}
    finding = failing[("IF-STAGES", target)]
    assert finding["message"].startswith(f"`interfaces[{target}].messages_per_day` is not stated")
    assert "so that IF-STAGES can be judged" in finding["message"]
    assert finding["severity"] in ("major", "blocker")


def test_a_volume_test_stated_not_applicable_is_a_statement_not_silence(tmp_path: Path) -> None:
    site = _riverside(tmp_path)

    def not_applicable(interface: dict[str, Any]) -> None:
        del interface["messages_per_day"]
        interface.setdefault("tests", {})["volume"] = "not-applicable"

    _edit_interfaces(site, not_applicable)
    assert _failing(site) == {}


def test_a_volume_test_judged_not_required_still_needs_the_figure(tmp_path: Path) -> None:
    site = _riverside(tmp_path)

    def not_required(interface: dict[str, Any]) -> None:
        del interface["messages_per_day"]
        interface.setdefault("tests", {})["volume"] = "not-required"

    target = _edit_interfaces(site, not_required)
    assert set(_failing(site)) == {("IF-STAGES", target)}


def test_a_stated_busy_figure_outranks_a_statement_that_no_volume_test_is_needed(
    tmp_path: Path,
) -> None:
    site = _riverside(tmp_path)

    def busy(interface: dict[str, Any]) -> None:
        interface["messages_per_day"] = 26000
        interface.setdefault("tests", {})["volume"] = "not-applicable"

    target = _edit_interfaces(site, busy)
    failing = _failing(site)
    assert set(failing) == {("IF-STAGES", target)}
    assert "at 26000 messages a day" in failing[("IF-STAGES", target)]["message"]


def test_an_unstated_boolean_is_not_read_as_false_or_true(tmp_path: Path) -> None:
    site = _riverside(tmp_path)
    target = _edit_interfaces(site, lambda i: i.pop("test_environment_parity", None))
    failing = _failing(site)
    assert set(failing) == {("IF-ENV-PARITY", target)}
    message = failing[("IF-ENV-PARITY", target)]["message"]
    assert f"`interfaces[{target}].test_environment_parity` is not stated" in message


def test_rules_show_names_the_evidence_a_rule_needs_and_how_it_judges_absence() -> None:
    shown = run_cli("rules", "show", "IF-STAGES").stdout
    evidence = next(line for line in shown.splitlines() if line.strip().startswith("evidence:"))
    assert "messages_per_day (messages_per_day)" in evidence
    assert "e2e (tests.e2e)" in evidence
    assert "volume" not in evidence  # the rule judges an unstated volume itself...
    assert "absence:    volume not stated reads as empty:" in shown  # ...and says why


def test_rules_kinds_marks_each_field_evidence_or_why_it_may_be_absent() -> None:
    listed = run_cli("rules", "kinds", "interfaces").stdout
    lines = {line.split()[0]: line for line in listed.splitlines()}
    assert lines["messages_per_day"].endswith("[evidence: messages_per_day]")
    assert "[may be absent:" in lines["name"]


def test_a_not_stated_entry_must_name_an_evidence_field(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    shutil.copytree(REPO / "rules", rules)
    text = (rules / "interfaces.yaml").read_text()
    (rules / "interfaces.yaml").write_text(
        text.replace("      volume: a volume", "      volum: a volume")
    )
    done = run_cli("rules", "test", str(rules))
    assert done.returncode == 2
    assert (
        "not_stated: `volum` is not an evidence field of interfaces (did you mean `volume`?)"
        in (done.stdout + done.stderr)
    )


def test_a_life_critical_results_route_flagged_as_test_is_a_major(tmp_path: Path) -> None:
    site = _riverside(tmp_path)
    path = site / "interfaces.yaml"
    data = yaml.safe_load(path.read_text())
    (results,) = [i for i in data["interfaces"] if i["id"] == "if-results"]
    assert results["criticality"] == "life-critical" and results["standard"] == "hl7v2"
    results["processing_id"] = "T"
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    failing = _failing(site)
    assert set(failing) == {("IF-PROC-ID", "if-results")}
    assert failing[("IF-PROC-ID", "if-results")]["severity"] == "major"

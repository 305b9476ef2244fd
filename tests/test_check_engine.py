"""The engine seen from the command line: waivers, deadlines, user rules, positions, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from readiness.cli import main
from tests.helpers import FIXTURES, REPO, catalogue_size, run_cli

MINI = "tests/fixtures/mini_site"


def _json(*args: str) -> dict:
    done = run_cli("check", *args, "--format", "json")
    assert done.returncode in (0, 1), done.stderr
    return json.loads(done.stdout)


def test_waived_blocker_is_conditional_before_expiry() -> None:
    result = _json(MINI, "--as-of", "2026-12-01", "--select", "TR-COMPLETE")
    assert result["verdict"] == "CONDITIONAL"
    nurses = [f for f in result["findings"] if f["target"] == "ward7-nurses"]
    assert [(f["status"], f["severity"]) for f in nurses] == [("waived", "blocker")]
    states = {w["target"]: w["state"] for w in result["waivers"]}
    assert states == {"ward7-nurses": "active", "ward7-doctors": "unused"}


def test_expired_waiver_lapses_and_the_blocker_counts_again() -> None:
    # The ward 7 nurses' waiver runs to 2027-03-15, past go-live (a waiver that ends before
    # go-live never counts): assessed after it ends, it has lapsed.
    done = run_cli("check", MINI, "--as-of", "2027-03-20", "--select", "TR-COMPLETE")
    assert done.returncode == 1
    assert done.stdout.startswith("NO-GO")
    result = _json(MINI, "--as-of", "2027-03-20", "--select", "TR-COMPLETE")
    assert result["verdict"] == "NO-GO"
    states = {w["target"]: w["state"] for w in result["waivers"]}
    assert states["ward7-nurses"] == "lapsed"
    assert "lapsed" in done.stdout


def test_finding_points_at_the_line_of_the_failing_value() -> None:
    result = _json(MINI, "--as-of", "2026-12-01", "--select", "TR-COMPLETE,G-")
    failing = [f for f in result["findings"] if f["status"] in ("fail", "waived")]
    assert failing
    for finding in failing:
        where = finding["location"]
        assert where["line"] > 0 and where["column"] > 0, finding
        line = (REPO / where["file"]).read_text().splitlines()[where["line"] - 1]
        assert line[where["column"] - 1 :].strip(), finding
    nurses = next(f for f in failing if f["target"] == "ward7-nurses")
    line = (
        (REPO / nurses["location"]["file"]).read_text().splitlines()[nurses["location"]["line"] - 1]
    )
    assert line.strip() == "trained: 28"
    assert nurses["message"] == "Ward 7 nurses: 70% trained (28 of 40), needs 90%"


def test_due_dates_follow_the_rule_offset_and_as_of() -> None:
    result = _json(MINI, "--as-of", "2027-02-20", "--select", "TR-COMPLETE")
    nurses = next(f for f in result["findings"] if f["target"] == "ward7-nurses")
    # go-live 2027-03-01, TR-COMPLETE due T-14: 2027-02-15, five days before the as-of date.
    assert nurses["due"] == "2027-02-15"
    assert nurses["days_left"] == -5


def test_user_rule_folder_changes_the_result() -> None:
    base = _json(MINI, "--as-of", "2026-12-01", "--select", "TR-COMPLETE")
    assert base["verdict"] == "CONDITIONAL"
    # Without the folder, `LOCAL-` names no rule: an error, not a run of fewer rules.
    missing = run_cli("check", MINI, "--as-of", "2026-12-01", "--select", "TR-COMPLETE,LOCAL-")
    assert missing.returncode == 2
    assert "--select: no rule id or prefix matches `LOCAL-` [unknown-rule]" in missing.stderr
    added = _json(
        MINI,
        "--as-of",
        "2026-12-01",
        "--select",
        "TR-COMPLETE,LOCAL-",
        "--rules",
        str(FIXTURES / "user_rules"),
    )
    assert added["verdict"] == "NO-GO"
    local = [f for f in added["findings"] if f["rule"] == "LOCAL-COHORT-SIZE"]
    assert {(f["target"], f["status"]) for f in local} == {
        ("ward7-nurses", "fail"),
        ("ward7-doctors", "pass"),
    }


def test_misspelt_field_in_a_user_rule_fails_at_load_with_a_suggestion() -> None:
    done = run_cli(
        "check", MINI, "--as-of", "2026-12-01", "--rules", "tests/fixtures/misspelt_rules"
    )
    assert done.returncode == 2
    assert (
        "tests/fixtures/misspelt_rules/bad.yaml:7:16: rule LOCAL-TYPO: condition: unknown field "
        "`trained_precent` (did you mean `trained_percent`?) [rule-expression]"
    ) in done.stderr
    listing = run_cli("rules", "list", "--rules", "tests/fixtures/misspelt_rules")
    assert listing.returncode == 2 and "trained_precent" in listing.stderr


def test_fail_on_conditional_fails_the_gate() -> None:
    args = (MINI, "--as-of", "2026-12-01", "--select", "TR-COMPLETE")
    assert run_cli("check", *args).returncode == 0
    assert run_cli("check", *args, "--fail-on", "conditional").returncode == 1


def test_as_of_defaults_to_today_and_is_printed() -> None:
    done = run_cli("check", MINI, "--select", "TR-COMPLETE")
    assert "as of" in done.stderr and "today" in done.stderr


def test_bad_as_of_is_a_usage_error() -> None:
    done = run_cli("check", MINI, "--as-of", "2027-13-01")
    assert done.returncode == 2
    assert "is not a date; expected YYYY-MM-DD" in done.stderr


def test_invalid_site_exits_2_with_positions(tmp_path: Path) -> None:
    (tmp_path / "site.yaml").write_text("site:\n  id: x\n  name: X\n  go_live: soon\n")
    done = run_cli("check", str(tmp_path / "site.yaml"), "--as-of", "2026-12-01")
    assert done.returncode == 2
    assert (
        "site.yaml:4:12: site.go_live: `soon` is not a valid date; expected YYYY-MM-DD"
        in done.stderr
    )


def test_waiver_for_an_unknown_rule_is_an_error(tmp_path: Path) -> None:
    site = (REPO / MINI / "site.yaml").read_text()
    (tmp_path / "site.yaml").write_text(
        site + "waivers:\n  - rule: TR-COMPLET\n    target: epma\n    justification: x\n"
        "    approved_by: y\n    approved_on: 2026-11-01\n    expires: 2027-01-01\n"
    )
    done = run_cli("check", str(tmp_path), "--as-of", "2026-12-01")
    assert done.returncode == 2
    assert "waiver names unknown rule `TR-COMPLET` (did you mean `TR-COMPLETE`?)" in done.stderr


def test_config_threshold_override_is_applied_and_reported(tmp_path: Path) -> None:
    config = tmp_path / "programme.yaml"
    config.write_text("thresholds:\n  TR-COMPLETE:\n    min_percent: 65\n    blocker_below: 60\n")
    result = _json(
        MINI, "--as-of", "2027-02-15", "--select", "TR-COMPLETE", "--config", str(config)
    )
    assert result["verdict"] == "GO"
    changed = {(t["rule"], t["name"], t["default"], t["value"]) for t in result["thresholds"]}
    assert ("TR-COMPLETE", "min_percent", 90, 65) in changed or (
        "TR-COMPLETE",
        "min_percent",
        90.0,
        65.0,
    ) in changed


def test_graph_command_formats() -> None:
    dot = run_cli("graph", MINI, "--format", "dot")
    assert dot.returncode == 0 and '"pas" -> "epma" [label="adt-pas-epma"];' in dot.stdout
    mermaid = run_cli("graph", MINI, "--format", "mermaid")
    assert mermaid.stdout.startswith("flowchart LR") and "n_pas -->" in mermaid.stdout
    data = json.loads(run_cli("graph", MINI, "--format", "json").stdout)
    assert {e["id"] for e in data["edges"] if e["kind"] == "interface"} == {"adt-pas-epma"}


def test_no_eval_or_exec_in_the_package() -> None:
    import re

    pattern = re.compile(r"(^|[^a-zA-Z_.])(eval|exec)\(")
    offenders = [
        f"{path}:{n}"
        for path in (REPO / "readiness").rglob("*.py")
        for n, line in enumerate(path.read_text().splitlines(), 1)
        if pattern.search(line)
    ]
    assert offenders == []


def test_an_absent_section_is_not_read_as_readiness(tmp_path: Path) -> None:
    import shutil

    site = tmp_path / "riverside"
    shutil.copytree(REPO / "sample_sites" / "riverside-community", site)
    as_of = ("--as-of", "2027-04-16")
    assert _json(str(site), *as_of)["verdict"] == "GO"
    (site / "staff.yaml").unlink()
    result = _json(str(site), *as_of)
    assert result["verdict"] == "NO-GO"
    evidence = [f for f in result["findings"] if f["rule"] == "GV-EVIDENCE"]
    assert [(f["status"], f["severity"]) for f in evidence] == [("fail", "blocker")]
    assert "does not describe: staff_cohorts, training, support" in evidence[0]["message"]
    # Staff, training and support cannot be written away as empty either.
    (site / "staff.yaml").write_text("staff_cohorts: []\ntraining: {}\nsupport: {}\n")
    result = _json(str(site), *as_of)
    assert result["verdict"] == "NO-GO"
    evidence = [f for f in result["findings"] if f["rule"] == "GV-EVIDENCE"]
    assert (
        "staff_cohorts (empty), training.curricula (empty), support.areas (empty)"
        in (evidence[0]["message"])
    )


def test_a_section_written_empty_states_there_is_none(tmp_path: Path) -> None:
    import shutil

    site = tmp_path / "riverside"
    shutil.copytree(REPO / "sample_sites" / "riverside-community", site)
    (site / "extra.yaml").write_text("waivers: []\n")
    text = (site / "testing.yaml").read_text()
    assert "defects:" in text
    result = _json(str(site), "--as-of", "2027-04-16")
    evidence = [f for f in result["findings"] if f["rule"] == "GV-EVIDENCE"]
    assert [f["status"] for f in evidence] == ["pass"]


def test_severity_overrides_and_left_out_rules_are_reported(tmp_path: Path) -> None:
    config = tmp_path / "programme.yaml"
    config.write_text("severity:\n  TR-COMPLETE: minor\nignore: [G-]\n")
    args = (MINI, "--as-of", "2027-02-15", "--config", str(config))
    done = run_cli("check", *args, "--select", "TR-COMPLETE,G-")
    assert f"readiness: configuration {config}" in done.stderr
    left_out = next(line for line in done.stderr.splitlines() if "rules not evaluated" in line)
    assert "TR-COMPLETE" not in left_out and left_out.endswith(" more")
    assert "TR-COMPLETE severity is minor (default major)" in done.stderr
    result = _json(*args, "--select", "TR-COMPLETE,G-")
    changes = {(t["rule"], t["name"], t["value"]) for t in result["thresholds"]}
    assert ("TR-COMPLETE", "severity", "minor") in changes
    assert ("G-SPOF", "evaluated", "no") in changes


def test_a_figure_just_short_of_a_threshold_fails_and_does_not_read_as_met(tmp_path: Path) -> None:
    staff = (REPO / MINI / "staff.yaml").read_text()
    site = tmp_path / "site"
    site.mkdir()
    (site / "site.yaml").write_text((REPO / MINI / "site.yaml").read_text())
    # 8,996 of 10,000 trained is 89.96%: short of 90%, and shown as 89.9%, not 90%.
    (site / "staff.yaml").write_text(
        staff.replace("headcount: 40\n    trained: 28", "headcount: 10000\n    trained: 8996")
    )
    result = _json(str(site), "--as-of", "2026-12-01", "--select", "TR-COMPLETE")
    nurses = next(f for f in result["findings"] if f["target"] == "ward7-nurses")
    assert nurses["status"] == "fail"
    assert nurses["message"] == "Ward 7 nurses: 89.9% trained (8996 of 10000), needs 90%"


def test_validate_checks_waiver_rule_ids_against_the_rule_folders(tmp_path: Path) -> None:
    for name in ("site.yaml", "staff.yaml", "waivers.yaml"):
        text = (REPO / MINI / name).read_text()
        (tmp_path / name).write_text(text.replace("rule: TR-COMPLETE\n", "rule: TR-COMPLET\n"))
    done = run_cli("validate", str(tmp_path))
    assert done.returncode == 1
    assert (
        "waivers.yaml:3:11: waiver names unknown rule `TR-COMPLET` (did you mean `TR-COMPLETE`?)"
        " [unknown-reference]"
    ) in done.stdout
    # A waiver may name a rule of a user folder given with --rules.
    (tmp_path / "waivers.yaml").write_text(
        (REPO / MINI / "waivers.yaml").read_text().replace("TR-COMPLETE", "LOCAL-COHORT-SIZE")
    )
    assert run_cli("validate", str(tmp_path)).returncode == 1
    with_rules = run_cli("validate", str(tmp_path), "--rules", str(FIXTURES / "user_rules"))
    assert with_rules.returncode == 0


def test_output_that_is_not_a_terminal_has_no_colour_even_without_no_color(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # On a terminal it is coloured unless NO_COLOR is set: tests/test_subprocess_smoke.py.
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.chdir(REPO)
    assert main(["check", MINI, "--as-of", "2027-03-20", "--select", "TR-COMPLETE"]) == 1
    out = capsys.readouterr().out
    assert out.startswith(f"NO-GO (partial: 1 of {catalogue_size()} rules)  ")
    assert "\x1b[" not in out

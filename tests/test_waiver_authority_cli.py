"""A waiver counts only when its approver may accept that risk, in every output of `check`."""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.helpers import FIXTURES, run_cli

# CS-SUPPLIER fails for the mini site's e-prescribing system: a clinical-safety blocker.
WAIVER = """\
waivers:
  - rule: CS-SUPPLIER
    target: epma
    justification: Supplier's DCB0129 case due before go-live.
    approved_by: {approved_by}
    approved_on: 2026-11-01
    expires: 2027-03-15
"""
ARGS = ("--as-of", "2026-12-01", "--select", "CS-SUPPLIER")
REASON = (
    "not valid: approver lacks authority (sro may not waive a blocker in clinical-safety; "
    "needs one of: cso)"
)


def _site(tmp_path: Path, approved_by: str, config: str | None = None) -> Path:
    site = tmp_path / "site"
    shutil.copytree(FIXTURES / "mini_site", site)
    (site / "waivers.yaml").write_text(WAIVER.format(approved_by=approved_by), encoding="utf-8")
    if config is not None:
        (tmp_path / "readiness.yaml").write_text(config, encoding="utf-8")
    return site


def test_a_blocker_waived_by_the_sro_in_clinical_safety_stays_no_go(tmp_path: Path) -> None:
    site = _site(tmp_path, "{name: Mark Ellis, role: sro}")
    out = {name: tmp_path / name for name in ("r.json", "r.html", "r.md", "r.sarif", "r.xml")}
    done = run_cli(
        "check",
        str(site),
        *ARGS,
        "--json",
        str(out["r.json"]),
        "--html",
        str(out["r.html"]),
        "--markdown",
        str(out["r.md"]),
        "--sarif",
        str(out["r.sarif"]),
        "--junit",
        str(out["r.xml"]),
    )
    assert done.returncode == 1
    assert done.stdout.startswith("NO-GO")
    assert f"waiver by Mark Ellis (sro) {REASON}" in done.stdout
    assert f"waivers.yaml:2:5: waiver of CS-SUPPLIER for epma {REASON}" in done.stdout
    data = json.loads(out["r.json"].read_text(encoding="utf-8"))
    [finding] = [f for f in data["findings"] if f["target"] == "epma"]
    assert (data["verdict"], finding["status"]) == ("NO-GO", "fail")
    assert (finding["waiver"]["state"], finding["waiver"]["reason"]) == ("not-authorised", REASON)
    assert REASON in out["r.html"].read_text(encoding="utf-8")
    assert f"waiver by Mark Ellis (sro) {REASON}" in out["r.md"].read_text(encoding="utf-8")
    [result] = json.loads(out["r.sarif"].read_text(encoding="utf-8"))["runs"][0]["results"]
    assert "suppressions" not in result
    assert REASON in result["message"]["text"]
    failure = ET.parse(out["r.xml"]).getroot().find(".//failure")
    assert failure is not None and REASON in (failure.get("message") or "")
    github = run_cli("check", str(site), *ARGS, "--format", "github")
    assert REASON in github.stdout.splitlines()[0]


def test_the_same_blocker_waived_by_the_cso_is_waived(tmp_path: Path) -> None:
    site = _site(tmp_path, "{name: Dr Priya Raman, role: cso}")
    done = run_cli("check", str(site), *ARGS, "--format", "json")
    data = json.loads(done.stdout)
    assert (done.returncode, data["verdict"]) == (0, "CONDITIONAL")
    [finding] = [f for f in data["findings"] if f["target"] == "epma"]
    assert (finding["status"], finding["waiver"]["state"]) == ("waived", "active")


@pytest.mark.parametrize(
    ("approved_by", "verdict"),
    [("Mark Ellis, SRO", "NO-GO"), ("Dr Priya Raman", "CONDITIONAL")],
)
def test_a_name_alone_counts_only_as_the_person_the_site_names(
    tmp_path: Path, approved_by: str, verdict: str
) -> None:
    site = _site(tmp_path, approved_by)
    safety = "clinical_safety:\n  cso: {name: Dr Priya Raman}\n"
    (site / "safety.yaml").write_text(safety, encoding="utf-8")
    data = json.loads(run_cli("check", str(site), *ARGS, "--format", "json").stdout)
    assert data["verdict"] == verdict


def test_configuration_can_grant_the_sro_authority_and_the_run_says_so(tmp_path: Path) -> None:
    config = "waiver_authority:\n  blocker:\n    clinical-safety: [cso, sro]\n"
    site = _site(tmp_path, "{name: Mark Ellis, role: sro}", config)
    done = run_cli("check", str(site), *ARGS, "--format", "json")
    data = json.loads(done.stdout)
    assert (done.returncode, data["verdict"]) == (0, "CONDITIONAL")
    assert (
        "readiness: waiver authority blocker in clinical-safety is cso, sro (default cso), "
        f"set at {tmp_path / 'readiness.yaml'}:3:22"
    ) in done.stderr
    [change] = [t for t in data["thresholds"] if t["rule"] == "waiver authority"]
    assert (change["default"], change["value"]) == (["cso"], ["cso", "sro"])


@pytest.mark.parametrize(
    ("config", "error"),
    [
        (
            "waiver_authority:\n  blocker:\n    clinical_safety: [cso]\n",
            "3:5: waiver_authority.blocker: `clinical_safety` is not allowed (did you mean "
            "`clinical-safety`?); expected one of: clinical-safety,",
        ),
        (
            "waiver_authority:\n  blocker:\n    training: [cso, chief]\n",
            "3:21: waiver_authority.blocker.training[1]: `chief` is not allowed; expected one "
            "of: cso, sro, accountable-lead,",
        ),
        (
            "waiver_authority:\n  blockers:\n    training: [cso]\n",
            "2:3: waiver_authority: `blockers` is not allowed (did you mean `blocker`?); "
            "expected one of: blocker, major, minor",
        ),
    ],
)
def test_a_bad_authority_entry_is_an_input_error_at_its_place(
    tmp_path: Path, config: str, error: str
) -> None:
    site = _site(tmp_path, "{name: Mark Ellis, role: sro}", config)
    done = run_cli("check", str(site), *ARGS)
    assert done.returncode == 2
    assert f"{tmp_path / 'readiness.yaml'}:{error}" in done.stderr


def test_a_waiver_role_outside_the_vocabulary_is_invalid(tmp_path: Path) -> None:
    site = _site(tmp_path, "{name: Mark Ellis, role: chair}")
    done = run_cli("validate", str(site))
    assert done.returncode == 1
    assert "waivers.yaml:5:43: waivers[0].approved_by.role: `chair` is not allowed" in done.stdout

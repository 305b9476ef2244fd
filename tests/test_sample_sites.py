"""Acceptance: each sample site gets its intended verdict, for the stated reasons, via the CLI."""

from __future__ import annotations

import json

import pytest

from tests.helpers import SAMPLES, run_cli_once

# Each site is described as it stands three days before its go-live, after its go/no-go
# meeting; earlier, the work it records as done on later dates fails GV-DATED-EVIDENCE.
AS_OF = {
    "northgate-general": "2027-03-04",
    "riverside-community": "2027-04-16",
    "eastmoor-pacs": "2027-05-12",
    "westbrook-eprescribing": "2027-02-12",
}

# site folder -> (verdict, exit code, the failing (rule, severity) pairs that must be there,
# and whether those are all of them)
EXPECTED = {
    "northgate-general": ("CONDITIONAL", 0, {("TR-COMPLETE", "major")}, True),
    "riverside-community": ("GO", 0, set(), True),
    # No test migration at all: the reconciliation and the trial loads both block.
    "eastmoor-pacs": ("NO-GO", 1, {("DM-RECON", "blocker"), ("DM-TRIALS", "blocker")}, True),
    "westbrook-eprescribing": ("NO-GO", 1, {("G-SEQ-ORDER", "blocker")}, False),
}


def _sites() -> list[str]:
    present = sorted(p.name for p in SAMPLES.iterdir() if p.is_dir())
    assert len(present) >= 4, present
    return present


@pytest.mark.parametrize("site", sorted(EXPECTED))
def test_sample_site_gets_its_intended_verdict(site: str) -> None:
    verdict, code, reasons, exhaustive = EXPECTED[site]
    done = run_cli_once("check", f"sample_sites/{site}", "--as-of", AS_OF[site], "--format", "json")
    assert done.returncode == code, done.stderr
    result = json.loads(done.stdout)
    assert result["verdict"] == verdict
    failing = {(f["rule"], f["severity"]) for f in result["findings"] if f["status"] == "fail"}
    if exhaustive:
        assert failing == reasons
    else:
        assert reasons <= failing


@pytest.mark.parametrize("site", sorted(EXPECTED))
def test_terminal_summary_starts_with_the_verdict(site: str) -> None:
    done = run_cli_once("check", f"sample_sites/{site}", "--as-of", AS_OF[site])
    assert done.stdout.split()[0] == EXPECTED[site][0]


def test_northgate_condition_names_the_cohort_and_figures() -> None:
    done = run_cli_once(
        "check", "sample_sites/northgate-general", "--as-of", AS_OF["northgate-general"]
    )
    assert (
        "staff.yaml:114:14: TR-COMPLETE Theatres nurses: 84.1% trained (101 of 120), needs 90% "
        "(Fiona Mackay, Theatres Matron, due 2027-02-21, overdue by 11 days)"
    ) in done.stdout


def test_every_sample_site_states_its_intended_verdict() -> None:
    for site in _sites():
        text = "".join(p.read_text() for p in (SAMPLES / site).glob("*.yaml"))
        assert "intended_verdict:" in text, site


def test_all_sample_sites_validate_as_the_shell_glob_gives_them() -> None:
    # `readiness validate sample_sites/*` also passes the folder's README, which is skipped.
    entries = sorted(f"sample_sites/{p.name}" for p in SAMPLES.iterdir())
    done = run_cli_once("validate", *entries)
    assert done.returncode == 0, done.stdout
    assert done.stdout == ""
    assert f"{len(_sites())} sites valid" in done.stderr
    assert "skipped sample_sites/README.md: not a .yaml or .yml file" in done.stderr


@pytest.mark.parametrize("site", sorted(EXPECTED))
def test_every_finding_points_at_a_written_value(site: str) -> None:
    done = run_cli_once("check", f"sample_sites/{site}", "--as-of", AS_OF[site], "--format", "json")
    result = json.loads(done.stdout)
    for finding in result["findings"]:
        where = finding["location"]
        assert where["file"].startswith(f"sample_sites/{site}/"), finding
        if finding["status"] not in ("fail", "waived"):
            continue
        assert where["line"] > 0 and where["column"] > 0, finding
        lines = (SAMPLES.parent / where["file"]).read_text().splitlines()
        assert where["line"] <= len(lines), finding
        assert lines[where["line"] - 1][where["column"] - 1 :].strip(), finding


def test_work_dated_after_the_as_of_date_is_not_evidence() -> None:
    done = run_cli_once("check", "sample_sites/riverside-community", "--as-of", "2027-04-12")
    assert done.returncode == 1
    assert done.stdout.startswith("NO-GO")
    assert "GV-DATED-EVIDENCE" in done.stdout
    assert "governance.sign_offs[1].signed_on (2027-04-14)" in done.stdout

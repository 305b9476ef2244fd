"""Catalogue v2 safety rules on a site, through the CLI: each small change to the GO site
(Riverside) that a go/no-go board would catch fails the rule that encodes it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.helpers import SAMPLES, run_cli

AS_OF = "2027-04-16"
SITE = "riverside-community"

# (file, text in the GO site, replacement)
Edit = tuple[str, str, str]


def _check(tmp_path: Path, *edits: Edit) -> dict[str, list[dict[str, object]]]:
    site = tmp_path / SITE
    shutil.copytree(SAMPLES / SITE, site)
    for name, old, new in edits:
        path = site / name
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, (name, old)
        path.write_text(text.replace(old, new), encoding="utf-8")
    done = run_cli("check", str(site), "--as-of", AS_OF, "--format", "json")
    result = json.loads(done.stdout)
    failing: dict[str, list[dict[str, object]]] = {}
    for finding in result["findings"]:
        if finding["status"] == "fail":
            failing.setdefault(finding["rule"], []).append(finding)
    return failing


def _only(failing: dict[str, list[dict[str, object]]], rule: str) -> dict[str, object]:
    assert set(failing) == {rule}, sorted(failing)
    assert len(failing[rule]) == 1, failing[rule]
    return failing[rule][0]


ACCEPTANCE = 'accepted_on: "2027-04-14"'
SRO_ACCEPTS = "accepted_by: Elaine Cartwright (Deputy Chief Executive and SRO)\n    role: sro"
# The board accepts through the person who signed its sign-off.
BOARD_ACCEPTS = "accepted_by: Margaret Ellery (Trust Chair for the Board)\n    role: board"


def test_the_unchanged_site_passes_every_rule(tmp_path: Path) -> None:
    assert _check(tmp_path) == {}


@pytest.mark.parametrize(
    ("edit", "words"),
    [
        (("governance.yaml", ACCEPTANCE, 'accepted_on: "2027-04-10"'), "after the safety case"),
        (("governance.yaml", 'release_version: "4.12.0"', 'release_version: "4.11.2"'), "4.11.2"),
        (("governance.yaml", SRO_ACCEPTS, BOARD_ACCEPTS), None),
        (("governance.yaml", "role: sro", "role: board"), "not the site's stated board"),
    ],
)
def test_gv_risk_accept_blocks_an_acceptance_out_of_order_or_for_another_release(
    tmp_path: Path, edit: Edit, words: str | None
) -> None:
    failing = _check(tmp_path, edit)
    if words is None:  # the board may accept as well as the SRO
        assert "GV-RISK-ACCEPT" not in failing
        return
    finding = _only(failing, "GV-RISK-ACCEPT")
    assert finding["severity"] == "blocker"
    assert words in str(finding["message"])


def test_gv_risk_accept_needs_every_residual_3_hazard_listed(tmp_path: Path) -> None:
    edit = (
        "safety.yaml",
        'initial_risk: 4\n    residual_risk: 2\n    updated_on: "2027-03-20"',
        'initial_risk: 4\n    residual_risk: 3\n    updated_on: "2027-03-20"',
    )
    failing = _check(tmp_path, edit)
    assert "GV-RISK-ACCEPT" in failing
    assert "not listed: HR-01" in str(failing["GV-RISK-ACCEPT"][0]["message"])


def test_gv_risk_accept_without_an_acceptance_is_not_stated(tmp_path: Path) -> None:
    block = (
        "  risk_acceptance:\n    accepted_by: Elaine Cartwright (Deputy Chief Executive and SRO)\n"
        '    role: sro\n    accepted_on: "2027-04-14"\n    release_version: "4.12.0"\n'
        "    residual_hazards: []\n"
    )
    finding = _only(_check(tmp_path, ("governance.yaml", block, "")), "GV-RISK-ACCEPT")
    assert finding["severity"] == "blocker"
    assert "`governance.risk_acceptance.role` is not stated" in str(finding["message"])


def test_cs_crmp_approved_by_someone_else_fails_as_a_major(tmp_path: Path) -> None:
    edit = ("safety.yaml", "approved_by: Helen Bradshaw", "approved_by: Gareth Innes (PMO)")
    finding = _only(_check(tmp_path, edit), "CS-CRMP")
    assert finding["severity"] == "major"


def test_cs_case_currency_a_fix_after_the_signature_needs_the_cso_to_re_sign(
    tmp_path: Path,
) -> None:
    late_fix = ("testing.yaml", 'fixed_on: "2027-03-25"', 'fixed_on: "2027-04-14"')
    finding = _only(_check(tmp_path, late_fix), "CS-CASE-CURRENCY")
    # The fix is to the mobile app behind a critical workflow (medicines in the home).
    assert finding["severity"] == "blocker"
    assert finding["target"] == "DEF-R-101"
    signed = 'signed_on: "2027-04-12"\n'
    re_signed = (
        "safety.yaml",
        signed,
        signed + '    re_signed_on: "2027-04-15"\n    re_signed_by: Helen Bradshaw\n',
    )
    # The re-signed report is what the SRO must accept: an acceptance of the earlier one fails.
    assert set(_check(tmp_path / "again", late_fix, re_signed)) == {"GV-RISK-ACCEPT"}
    accepted = ("governance.yaml", ACCEPTANCE, 'accepted_on: "2027-04-15"')
    assert _check(tmp_path / "accepted", late_fix, re_signed, accepted) == {}


def test_cs_case_currency_a_hazard_without_an_update_date_is_not_stated(tmp_path: Path) -> None:
    edit = ("safety.yaml", '    updated_on: "2027-03-20"\n', "")
    finding = _only(_check(tmp_path, edit), "CS-CASE-CURRENCY")
    assert finding["message"].startswith("`hazards[HR-01].updated_on` is not stated")


def test_cs_transfer_a_transferred_hazard_missing_locally_blocks_a_life_critical_system(
    tmp_path: Path,
) -> None:
    edit = ("systems.yaml", "local_hazard: HR-01}", "local_hazard: HR-99}")
    finding = _only(_check(tmp_path, edit), "CS-TRANSFER")
    assert finding["severity"] == "blocker"
    assert "ADH-H-11 Local duplicate-record merge procedure: not in the local hazard log" in str(
        finding["message"]
    )


def test_dm_coverage_a_safety_critical_domain_left_out_blocks(tmp_path: Path) -> None:
    edit = ("migration.yaml", "    - domain: waiting-list\n", "    - domain: other\n")
    finding = _only(_check(tmp_path, edit), "DM-COVERAGE")
    assert finding["severity"] == "blocker"
    assert "waiting-list: not stated" in str(finding["message"])


def test_dm_coverage_not_migrated_without_the_cso_blocks(tmp_path: Path) -> None:
    edit = ("migration.yaml", "agreed_by: Helen Bradshaw", "agreed_by: Gareth Innes (PMO)")
    finding = _only(_check(tmp_path, edit), "DM-COVERAGE")
    assert "waiting-list: not migrated, no agreement from the CSO" in str(finding["message"])


def test_dm_fidelity_a_lost_allergy_status_is_a_blocker(tmp_path: Path) -> None:
    allergies = (
        "migration.yaml",
        "      excluded_count: 0\n      clinical_sample_checked: true\n"
        "      open_critical_discrepancies: 0\n      coded_statuses_verified: true\n"
        '      coded_status_losses: 0\n      legacy_read_only_until: "2030-03-31"\n'
        "    - domain: active-medications",
        "      excluded_count: 0\n      clinical_sample_checked: true\n"
        "      open_critical_discrepancies: 0\n      coded_statuses_verified: true\n"
        '      coded_status_losses: 4\n      legacy_read_only_until: "2030-03-31"\n'
        "    - domain: active-medications",
    )
    finding = _only(_check(tmp_path, allergies), "DM-FIDELITY")
    assert finding["severity"] == "blocker"
    assert finding["target"] == "allergies"


def test_ts_defects_an_unapproved_downgrade_from_1_counts_as_1(tmp_path: Path) -> None:
    edit = (
        "testing.yaml",
        "    severity: 3\n    status: open\n    system: mobile\n",
        "    severity: 3\n    status: open\n    system: mobile\n    severity_history:\n"
        '      - {from: 1, to: 3, date: "2027-04-02"}\n',
    )
    finding = _only(_check(tmp_path, edit), "TS-DEFECTS")
    assert finding["severity"] == "blocker"
    assert "recorded 3, downgraded without change-board approval: 1 -> 3" in str(finding["message"])
    approved = (
        "testing.yaml",
        "    severity: 3\n    status: open\n    system: mobile\n",
        "    severity: 3\n    status: open\n    system: mobile\n    severity_history:\n"
        '      - {from: 1, to: 3, date: "2027-04-02", approved_by_change_board: true}\n',
    )
    assert _check(tmp_path / "approved", approved) == {}


def test_ts_defects_no_severity_3_ceiling_is_not_stated_not_unlimited(tmp_path: Path) -> None:
    failing = _check(
        tmp_path, ("testing.yaml", "testing:\n  severity3_ceiling: 10\n", "testing: {}\n")
    )
    assert set(failing) == {"TS-DEFECTS"}
    assert {f["target"] for f in failing["TS-DEFECTS"]} >= {"DEF-R-120", "DEF-R-126"}
    assert all(
        "severity3_ceiling` is not stated" in str(f["message"]) for f in failing["TS-DEFECTS"]
    )


def test_cs_cso_without_a_renewal_date_is_not_counted_as_registered(tmp_path: Path) -> None:
    edit = ("safety.yaml", '    registration_valid_until: "2028-06-30"\n', "")
    finding = _only(_check(tmp_path, edit), "CS-CSO")
    assert finding["severity"] == "blocker"
    assert "registration_valid_until` is not stated" in str(finding["message"])

"""False GOs an independent review found on Riverside: each one changed fact must now stop the GO.

Each case copies Riverside (GO on every rule as of 2027-04-16), makes one change a site author
could make, and checks through the CLI the exact set of failing rules and the verdict.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.helpers import SAMPLES, run_cli

AS_OF = "2027-04-16"


def _site(tmp_path: Path, file: str, old: str, new: str) -> Path:
    """A copy of Riverside with the first `old` in `file` replaced by `new`."""
    site = tmp_path / "riverside"
    shutil.copytree(SAMPLES / "riverside-community", site)
    path = site / file
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return site


def _outcome(site: Path) -> tuple[str, set[str], list[dict[str, object]]]:
    done = run_cli("check", str(site), "--as-of", AS_OF, "--format", "json")
    assert done.returncode in (0, 1, 2), done.stderr
    report = json.loads(done.stdout)
    failing = [f for f in report["findings"] if f["status"] == "fail"]
    return report["verdict"], {str(f["rule"]) for f in failing}, failing


CASES = {
    # A mapping table changed after its clinical owner signed it off (and before its last test).
    "IF-MAPPING change after sign-off": (
        "interfaces.yaml",
        'signed_off_on: "2027-02-05"\n      changed_on: "2027-01-29"',
        'signed_off_on: "2027-02-05"\n      changed_on: "2027-02-08"',
        "CONDITIONAL",
        {"IF-MAPPING"},
        "signed off by Lorraine Gibbs (Head of Adult Community Nursing) on 2027-02-05",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_one_changed_fact_stops_the_go(tmp_path: Path, case: str) -> None:
    file, old, new, verdict, rules, words = CASES[case]
    got_verdict, got_rules, failing = _outcome(_site(tmp_path, file, old, new))
    assert (got_verdict, got_rules) == (verdict, rules), failing
    assert any(words in str(f["message"]) for f in failing), failing


def test_a_severity_changed_outside_its_history_counts_at_its_highest(tmp_path: Path) -> None:
    # Approved 1 -> 2, then someone set it to 3 with no record: it counts at severity 1.
    site = _site(
        tmp_path,
        "testing.yaml",
        "    severity: 3\n    status: open\n    system: mobile\n",
        "    severity: 3\n    status: open\n    system: mobile\n    severity_history:\n"
        '      - {from: 1, to: 2, date: "2027-03-01", approved_by_change_board: true}\n',
    )
    verdict, rules, failing = _outcome(site)
    assert (verdict, rules) == ("NO-GO", {"TS-DEFECTS"}), failing
    assert [f["severity"] for f in failing] == ["blocker"]
    assert "unrecorded change: the history ends at 2, the defect records 3" in str(
        failing[0]["message"]
    )


def test_a_staff_cohort_left_off_the_list_is_noticed(tmp_path: Path) -> None:
    # The 420 district nurses disappear from the cohorts: the other figures still look complete.
    text = (SAMPLES / "riverside-community" / "staff.yaml").read_text(encoding="utf-8")
    start = text.index("  - id: coh-district-nurses\n")
    end = text.index("  - id: coh-nurse-prescribers\n")
    site = _site(tmp_path, "staff.yaml", text[start:end], "")
    verdict, rules, failing = _outcome(site)
    assert (verdict, rules) == ("CONDITIONAL", {"TR-USERS-COVERED"}), failing
    assert "Staff cohorts count 710 staff; the site has 1130 users" in str(failing[0]["message"])


def test_a_load_test_of_a_retained_system_is_not_the_main_system_s(tmp_path: Path) -> None:
    # The document store was load tested, not the community EPR going live.
    site = _site(tmp_path, "cutover.yaml", "    system: cepr\n", "    system: docman\n")
    verdict, rules, failing = _outcome(site)
    assert (verdict, rules) == ("CONDITIONAL", {"IN-NETWORK"}), failing
    assert "needs one of the main clinical systems going live: cepr" in str(failing[0]["message"])


def test_an_area_with_users_and_no_workstations_listed_is_not_stated(tmp_path: Path) -> None:
    # The referral hub's 60 workstations are left off its device list: not zero shortfall.
    site = _site(
        tmp_path,
        "cutover.yaml",
        "        - {type: workstation, required: 60, installed_tested: 60}\n",
        "",
    )
    verdict, rules, failing = _outcome(site)
    assert (verdict, rules) == ("NO-GO", {"IN-DEVICES"}), failing
    assert [f["target"] for f in failing] == ["Single point of access (1 team)"]
    assert "is not stated" in str(failing[0]["message"])


def test_a_24x7_site_whose_areas_run_no_nights_is_not_covered_at_night(tmp_path: Path) -> None:
    # The night nursing service drops nights from its shifts: every area passes RS-SHIFTS alone.
    site = _site(
        tmp_path,
        "staff.yaml",
        "      shifts_run: [nights, weekends, bank-holidays]\n"
        "      shifts_covered: [nights, weekends, bank-holidays]\n",
        "      shifts_run: [weekends, bank-holidays]\n"
        "      shifts_covered: [weekends, bank-holidays]\n",
    )
    verdict, rules, failing = _outcome(site)
    assert (verdict, rules) == ("CONDITIONAL", {"RS-NIGHT-COVER"}), failing
    assert "The site runs 24x7 but no support area runs and covers nights" in str(
        failing[0]["message"]
    )

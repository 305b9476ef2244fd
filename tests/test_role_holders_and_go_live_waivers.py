"""False verdicts on a GO site (Riverside), each from one change: who holds a role, a no-go
decision, and a waiver that lapses between the as-of date and go-live."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from tests.helpers import SAMPLES, run_cli

AS_OF = "2027-04-16"  # go-live is 2027-04-19
NOT_THE_SRO = "Anita Cole (Programme Manager)"


def _riverside(tmp_path: Path, edit: Callable[[dict[str, Any]], None]) -> Path:
    """Riverside with `edit` applied to its governance.yaml."""
    site = tmp_path / "riverside"
    shutil.copytree(SAMPLES / "riverside-community", site)
    path = site / "governance.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    edit(data["governance"])
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return site


def _check(site: Path) -> tuple[str, set[str], list[dict[str, Any]]]:
    done = run_cli("check", str(site), "--as-of", AS_OF, "--format", "json")
    result = json.loads(done.stdout)
    failing = {f["rule"] for f in result["findings"] if f["status"] == "fail"}
    return result["verdict"], failing, result["waivers"]


def _sign_off(governance: dict[str, Any], kind: str) -> dict[str, Any]:
    return next(s for s in governance["sign_offs"] if s["type"] == kind)


def test_a_recorded_no_go_decision_is_a_no_go(tmp_path: Path) -> None:
    site = _riverside(tmp_path, lambda g: g["decision"].update(decision="no-go"))
    assert _check(site)[:2] == ("NO-GO", {"GV-DECISION"})


def test_a_cso_sign_off_signed_by_someone_else_is_a_no_go(tmp_path: Path) -> None:
    site = _riverside(tmp_path, lambda g: _sign_off(g, "cso").update(signer=NOT_THE_SRO))
    assert _check(site)[:2] == ("NO-GO", {"GV-SIGN-OFFS"})


def test_risk_accepted_as_the_sro_by_someone_else_is_a_no_go(tmp_path: Path) -> None:
    site = _riverside(tmp_path, lambda g: g["risk_acceptance"].update(accepted_by=NOT_THE_SRO))
    assert _check(site)[:2] == ("NO-GO", {"GV-RISK-ACCEPT"})


def _waived_breach(tmp_path: Path, approved_by: str, expires: str) -> Path:
    """Riverside with a forecast time breach (GV-EXCEPTION, a major) and a waiver of it."""
    site = _riverside(tmp_path, lambda g: g["tolerances"][0].update(forecast_breach=True))
    target = "Time - wave 1 date plus or minus 2 weeks"
    (site / "waivers.yaml").write_text(
        "waivers:\n"
        f"  - rule: GV-EXCEPTION\n    target: {target}\n"
        "    justification: Exception report goes to the programme board on 2027-04-20.\n"
        f"    approved_by: {approved_by}\n"
        f"    approved_on: 2027-04-15\n    expires: {expires}\n",
        encoding="utf-8",
    )
    return site


def test_a_waiver_by_the_sro_as_her_sign_off_names_her_counts(tmp_path: Path) -> None:
    # The SRO sign-off's signer reads "Elaine Cartwright (Deputy Chief Executive and SRO)".
    site = _waived_breach(tmp_path, "{name: Elaine Cartwright, role: sro}", "2027-05-31")
    verdict, failing, waivers = _check(site)
    assert (verdict, failing) == ("CONDITIONAL", set())  # a waived major is a condition
    assert [w["state"] for w in waivers] == ["active"]


def test_a_waiver_that_expires_before_go_live_does_not_count(tmp_path: Path) -> None:
    site = _waived_breach(tmp_path, "{name: Elaine Cartwright, role: sro}", "2027-04-18")
    verdict, failing, waivers = _check(site)
    assert (verdict, failing) == ("CONDITIONAL", {"GV-EXCEPTION"})
    reason = "not valid: expires 2027-04-18, before go-live on 2027-04-19"
    assert [(w["state"], w["reason"]) for w in waivers] == [("expires-before-go-live", reason)]
    text = run_cli("check", str(site), "--as-of", AS_OF).stdout
    assert f"waiver of GV-EXCEPTION for Time - wave 1 date plus or minus 2 weeks {reason}" in text

"""CS-HAZARD-LOG and GV-SIGN-OFFS on a GO site (Riverside) that loses or changes one fact."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.helpers import check_json, failing_findings, riverside_with, run_cli

RIVERSIDE_AS_OF = "2027-04-16"  # go-live is 2027-04-19


def _riverside(tmp_path: Path, name: str, edit: Callable[[dict[str, Any]], None]) -> Path:
    return riverside_with(tmp_path, name, edit)


def _check(site: Path) -> dict[str, Any]:
    return check_json(site, RIVERSIDE_AS_OF)


def _failing(site: Path) -> dict[tuple[str, str], dict[str, Any]]:
    return failing_findings(_check(site))


def _hazard(data: dict[str, Any], wanted: str) -> dict[str, Any]:
    return next(h for h in data["hazards"] if h["id"] == wanted)


def _sign_off(data: dict[str, Any], kind: str) -> dict[str, Any]:
    return next(s for s in data["governance"]["sign_offs"] if s["type"] == kind)


def test_a_hazard_without_its_likelihood_is_not_stated(tmp_path: Path) -> None:
    site = _riverside(tmp_path, "safety.yaml", lambda d: _hazard(d, "HR-04").pop("likelihood"))
    failing = _failing(site)
    assert set(failing) == {("CS-HAZARD-LOG", "HR-04")}
    finding = failing[("CS-HAZARD-LOG", "HR-04")]
    assert finding["severity"] == "major"
    assert finding["message"].startswith("`hazards[HR-04].likelihood` is not stated")


def test_a_hazard_without_an_owner_is_not_stated(tmp_path: Path) -> None:
    def drop(data: dict[str, Any]) -> None:
        hazard = _hazard(data, "HR-02")
        del hazard["owner"]

    failing = _failing(_riverside(tmp_path, "safety.yaml", drop))
    # HR-02 takes on a hazard the mobile app's supplier transfers: unowned, it is not taken on.
    assert set(failing) == {("CS-HAZARD-LOG", "HR-02"), ("CS-TRANSFER", "mobile")}
    assert failing[("CS-HAZARD-LOG", "HR-02")]["message"].startswith(
        "`hazards[HR-02].owner` is not stated (who owns the hazard)"
    )


def test_a_hazard_linked_to_nothing_fails_and_one_naming_a_system_passes(
    tmp_path: Path,
) -> None:
    def unlink(data: dict[str, Any]) -> None:
        hazard = _hazard(data, "HR-08")
        hazard["workflows"], hazard["interfaces"] = [], []

    failing = _failing(_riverside(tmp_path / "a", "safety.yaml", unlink))
    assert set(failing) == {("CS-HAZARD-LOG", "HR-08")}
    message = failing[("CS-HAZARD-LOG", "HR-08")]["message"]
    assert "affects none;" in message and "is not stated" not in message

    def only_a_system(data: dict[str, Any]) -> None:
        unlink(data)
        _hazard(data, "HR-08")["systems"] = ["cepr"]

    assert ("CS-HAZARD-LOG", "HR-08") not in _failing(
        _riverside(tmp_path / "b", "safety.yaml", only_a_system)
    )


def test_a_cso_sign_off_that_lapses_before_go_live_blocks_it(tmp_path: Path) -> None:
    site = _riverside(
        tmp_path,
        "governance.yaml",
        lambda d: _sign_off(d, "cso").update(expires="2027-04-18"),
    )
    result = _check(site)
    failing = {(f["rule"], f["target"]): f for f in result["findings"] if f["status"] == "fail"}
    assert set(failing) == {("GV-SIGN-OFFS", "cso")}
    assert failing[("GV-SIGN-OFFS", "cso")]["severity"] == "blocker"
    assert "expires 2027-04-18" in failing[("GV-SIGN-OFFS", "cso")]["message"]
    assert result["verdict"] == "NO-GO"


def test_a_sign_off_without_an_expiry_is_not_stated(tmp_path: Path) -> None:
    site = _riverside(tmp_path, "governance.yaml", lambda d: _sign_off(d, "coo").pop("expires"))
    failing = _failing(site)
    assert set(failing) == {("GV-SIGN-OFFS", "coo")}
    assert failing[("GV-SIGN-OFFS", "coo")]["severity"] == "major"
    assert failing[("GV-SIGN-OFFS", "coo")]["message"].startswith(
        "`governance.sign_offs[coo].expires` is not stated"
    )


def test_conditions_on_a_sign_off_must_be_tracked_in_the_raid_log(tmp_path: Path) -> None:
    conditions = "Transfer briefing given to every wave-2 team leader"

    def untracked(data: dict[str, Any]) -> None:
        _sign_off(data, "cnio")["conditions"] = conditions

    failing = _failing(_riverside(tmp_path / "a", "governance.yaml", untracked))
    assert set(failing) == {("GV-SIGN-OFFS", "cnio")}
    assert failing[("GV-SIGN-OFFS", "cnio")]["message"].startswith(
        "`governance.sign_offs[cnio].tracked_in` is not stated"
    )

    def tracked(data: dict[str, Any]) -> None:
        _sign_off(data, "cnio").update(conditions=conditions, tracked_in=["RR-02"])

    assert _failing(_riverside(tmp_path / "b", "governance.yaml", tracked)) == {}


def test_a_tracking_item_without_an_action_tracks_nothing(tmp_path: Path) -> None:
    def closed_without_action(data: dict[str, Any]) -> None:
        _sign_off(data, "cnio").update(conditions="Briefing given", tracked_in=["RR-02"])
        risk = next(r for r in data["raid"] if r["id"] == "RR-02")
        risk["status"] = "closed"  # GV-RAID judges open items only
        del risk["action"]

    failing = _failing(_riverside(tmp_path, "governance.yaml", closed_without_action))
    assert set(failing) == {("GV-SIGN-OFFS", "cnio")}
    assert "RR-02: no action" in failing[("GV-SIGN-OFFS", "cnio")]["message"]


def test_a_sign_off_tracked_in_an_unknown_raid_item_is_refused(tmp_path: Path) -> None:
    site = _riverside(
        tmp_path,
        "governance.yaml",
        lambda d: _sign_off(d, "cnio").update(conditions="Briefing given", tracked_in=["RR-99"]),
    )
    done = run_cli("check", str(site), "--as-of", RIVERSIDE_AS_OF)
    assert done.returncode == 2
    assert "RR-99" in done.stdout + done.stderr

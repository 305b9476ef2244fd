"""Not stated is not evidence in governance and clinical safety: a GO site loses one fact."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.helpers import check_json, failing_findings, riverside_with


def _riverside(tmp_path: Path, name: str, edit: Callable[[dict[str, Any]], None]) -> Path:
    return riverside_with(tmp_path, name, edit)


def _failing(site: Path) -> dict[tuple[str, str], dict[str, Any]]:
    return failing_findings(check_json(site))


def _by_id(items: list[dict[str, Any]], wanted: str) -> dict[str, Any]:
    return next(item for item in items if item.get("id") == wanted)


def test_an_open_risk_without_an_owner_is_not_stated_not_unowned(tmp_path: Path) -> None:
    site = _riverside(
        tmp_path, "governance.yaml", lambda d: _by_id(d["raid"], "RR-02").pop("owner")
    )
    failing = _failing(site)
    assert set(failing) == {("GV-RAID", "RR-02")}
    message = failing[("GV-RAID", "RR-02")]["message"]
    assert message.startswith("`raid[RR-02].owner` is not stated (its named owner)")
    assert message.endswith("so that GV-RAID can be judged")


def test_an_unrated_risk_with_a_mitigation_is_judged_on_its_mitigation(tmp_path: Path) -> None:
    def unrate(data: dict[str, Any]) -> None:
        risk = _by_id(data["raid"], "RR-01")
        del risk["probability"], risk["impact"]

    assert _failing(_riverside(tmp_path, "governance.yaml", unrate)) == {}


def test_an_unrated_risk_without_a_mitigation_cannot_be_judged_low(tmp_path: Path) -> None:
    def unrate(data: dict[str, Any]) -> None:
        risk = _by_id(data["raid"], "RR-01")
        del risk["probability"], risk["mitigation"]

    failing = _failing(_riverside(tmp_path, "governance.yaml", unrate))
    assert set(failing) == {("GV-RAID", "RR-01")}
    # The score comes from probability and impact; only the one left out is named.
    message = failing[("GV-RAID", "RR-01")]["message"]
    assert "`raid[RR-01].probability` is not stated" in message
    assert "impact`" not in message


def test_a_missing_supplier_hazard_log_is_a_blocker_for_a_life_critical_system(
    tmp_path: Path,
) -> None:
    def drop(data: dict[str, Any]) -> None:
        del _by_id(data["systems"], "cepr")["supplier_safety"]["hazard_log"]

    failing = _failing(_riverside(tmp_path, "systems.yaml", drop))
    assert set(failing) == {("CS-SUPPLIER", "cepr")}
    finding = failing[("CS-SUPPLIER", "cepr")]
    assert finding["severity"] == "blocker"
    assert finding["message"].startswith("`systems[cepr].supplier_safety.hazard_log` is not stated")


def test_a_new_product_without_a_dtac_result_fails_as_not_stated(tmp_path: Path) -> None:
    failing = _failing(
        _riverside(tmp_path, "systems.yaml", lambda d: _by_id(d["systems"], "sched").pop("dtac"))
    )
    assert set(failing) == {("CS-DTAC", "sched")}
    message = failing[("CS-DTAC", "sched")]["message"]
    assert "`systems[sched].dtac` is not stated" in message
    assert "`systems[sched].dtac.assessed_on` is not stated" in message


def test_an_assurance_review_must_state_its_delivery_confidence_and_not_be_red(
    tmp_path: Path,
) -> None:
    def review(confidence: str | None) -> Callable[[dict[str, Any]], None]:
        def edit(data: dict[str, Any]) -> None:
            entry = data["governance"]["assurance_reviews"][0]
            entry.pop("delivery_confidence")
            if confidence is not None:
                entry["delivery_confidence"] = confidence

        return edit

    unstated = _failing(_riverside(tmp_path / "a", "governance.yaml", review(None)))
    assert list(unstated) == [("GV-ASSURANCE", "riverside-community")]
    message = unstated[("GV-ASSURANCE", "riverside-community")]["message"]
    assert message.startswith("`governance.assurance_reviews[].delivery_confidence` is not stated")
    red = _failing(_riverside(tmp_path / "b", "governance.yaml", review("R")))
    assert list(red) == [("GV-ASSURANCE", "riverside-community")]
    assert "delivery confidence R" in red[("GV-ASSURANCE", "riverside-community")]["message"]


def test_a_briefing_without_a_date_is_not_stated_and_a_missing_audience_fails(
    tmp_path: Path,
) -> None:
    def undated(data: dict[str, Any]) -> None:
        comms = data["governance"]["communications"]
        next(c for c in comms if c["audience"] == "patients").pop("last_sent")

    failing = _failing(_riverside(tmp_path / "a", "governance.yaml", undated))
    assert set(failing) == {("GV-COMMS", "patients")}
    assert failing[("GV-COMMS", "patients")]["message"].startswith(
        "`governance.communications[patients].last_sent` is not stated"
    )

    def unlisted(data: dict[str, Any]) -> None:
        comms = data["governance"]["communications"]
        comms[:] = [c for c in comms if c["audience"] != "patients"]

    failing = _failing(_riverside(tmp_path / "b", "governance.yaml", unlisted))
    assert set(failing) == {("GV-COMMS", "patients")}
    assert (
        "no communication to this audience is recorded"
        in (failing[("GV-COMMS", "patients")]["message"])
    )

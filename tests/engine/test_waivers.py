"""Waivers: active, lapsed, unused and not yet approved, as of the run's date."""

from __future__ import annotations

import datetime as dt

from readiness.result import Finding, Waiver
from readiness.waivers import apply_waivers

from .build import finding, model


def _waiver(target: str, approved_on: str, expires: str, rule: str = "TR-X") -> dict[str, str]:
    return {
        "rule": rule,
        "target": target,
        "justification": "Cover arranged.",
        "approved_by": "CCIO",
        "approved_on": approved_on,
        "expires": expires,
    }


def _apply(
    findings: list[Finding], *waivers: dict[str, str], as_of: str = "2027-01-15"
) -> tuple[list[Finding], list[Waiver]]:
    return apply_waivers(findings, model(waivers=list(waivers)), dt.date.fromisoformat(as_of))


def test_an_active_waiver_turns_its_failure_into_a_waived_finding() -> None:
    findings, [waiver] = _apply(
        [finding("fail", "blocker")], _waiver("t", "2027-01-01", "2027-02-01")
    )
    [waived] = findings
    assert (waived.status, waived.severity, waiver.state) == ("waived", "blocker", "active")
    assert waived.waiver == waiver
    assert (waiver.rule, waiver.target, waiver.approved_by) == ("TR-X", "t", "CCIO")
    assert (waiver.approved_on, waiver.expires) == (dt.date(2027, 1, 1), dt.date(2027, 2, 1))


def test_a_waiver_holds_on_its_expiry_date_and_lapses_the_day_after() -> None:
    record = _waiver("t", "2027-01-01", "2027-02-01")
    on_expiry, [held] = _apply([finding("fail")], record, as_of="2027-02-01")
    after, [lapsed] = _apply([finding("fail")], record, as_of="2027-02-02")
    assert (on_expiry[0].status, held.state) == ("waived", "active")
    assert (after[0].status, after[0].waiver, lapsed.state) == ("fail", None, "lapsed")


def test_a_waiver_approved_after_the_run_date_does_not_count_yet() -> None:
    findings, [waiver] = _apply([finding("fail")], _waiver("t", "2027-01-20", "2027-02-01"))
    assert (findings[0].status, waiver.state) == ("fail", "not-yet-approved")


def test_a_waiver_with_nothing_failing_to_cover_is_unused() -> None:
    passing = finding("pass")
    findings, [waiver] = _apply([passing], _waiver("t", "2027-01-01", "2027-02-01"))
    assert findings == [passing]
    assert waiver.state == "unused"


def test_a_waiver_covers_only_its_own_rule_and_target() -> None:
    failing = [
        finding("fail", target="t"),
        finding("fail", target="u"),
        finding("fail", rule="TR-Y", target="t"),
    ]
    findings, [waiver] = _apply(failing, _waiver("t", "2027-01-01", "2027-02-01"))
    assert [(f.rule, f.target, f.status) for f in findings] == [
        ("TR-X", "t", "waived"),
        ("TR-X", "u", "fail"),
        ("TR-Y", "t", "fail"),
    ]
    assert waiver.state == "active"


def test_every_waiver_is_reported_in_file_order() -> None:
    _, waivers = _apply(
        [finding("fail", target="a")],
        _waiver("z", "2027-01-01", "2027-02-01"),
        _waiver("a", "2027-01-01", "2027-02-01"),
        _waiver("a", "2026-01-01", "2026-02-01"),
    )
    assert [(w.target, w.state) for w in waivers] == [
        ("z", "unused"),
        ("a", "active"),
        ("a", "lapsed"),
    ]

"""Waivers: active, lapsed, unused, not yet approved and not authorised, as of the run's date."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from readiness.people import ROLES
from readiness.problems import Location
from readiness.result import SEVERITIES, Finding, Waiver
from readiness.waiver_authority import (
    AREAS,
    DEFAULT_AUTHORITY,
    NATIONAL,
    OTHER,
    Authority,
    with_overrides,
)
from readiness.waivers import apply_waivers
from tests.helpers import REPO

from .build import finding, model

CSO = {"name": "Dr Lee", "role": "cso"}


def _waiver(
    target: str, approved_on: str, expires: str, rule: str = "TR-X", approved_by: Any = None
) -> dict[str, Any]:
    return {
        "rule": rule,
        "target": target,
        "justification": "Cover arranged.",
        "approved_by": CSO if approved_by is None else approved_by,
        "approved_on": approved_on,
        "expires": expires,
    }


def _apply(
    findings: list[Finding],
    *waivers: dict[str, Any],
    as_of: str = "2027-01-15",
    authority: Authority | None = None,
    **sections: Any,
) -> tuple[list[Finding], list[Waiver]]:
    site = model(waivers=list(waivers), **sections)
    return apply_waivers(findings, site, dt.date.fromisoformat(as_of), authority)


def test_an_active_waiver_turns_its_failure_into_a_waived_finding() -> None:
    findings, [waiver] = _apply(
        [finding("fail", "blocker")], _waiver("t", "2027-01-01", "2027-02-01")
    )
    [waived] = findings
    assert (waived.status, waived.severity, waiver.state) == ("waived", "blocker", "active")
    assert waived.waiver == waiver
    assert (waiver.rule, waiver.target, waiver.approved_by, waiver.role) == (
        "TR-X",
        "t",
        "Dr Lee",
        "cso",
    )
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


def _judged(
    severity: str, category: str, approved_by: Any, target: str = "t", **sections: Any
) -> tuple[Finding, Waiver]:
    failing = finding("fail", severity, category=category, target=target)
    authority = sections.pop("authority", None)
    [out], [waiver] = _apply(
        [failing],
        _waiver(target, "2027-01-01", "2027-02-01", approved_by=approved_by),
        authority=authority,
        **sections,
    )
    return out, waiver


@pytest.mark.parametrize(
    ("severity", "category", "role", "state"),
    [
        ("blocker", "clinical-safety", "cso", "active"),
        ("blocker", "clinical-safety", "sro", "not-authorised"),
        ("blocker", "patient-identification", "sro", "not-authorised"),
        ("blocker", "training", "sro", "active"),
        ("blocker", "training", "cso", "active"),
        ("blocker", "training", "accountable-lead", "not-authorised"),
        ("major", "clinical-safety", "accountable-lead", "active"),
        ("minor", "training", "accountable-lead", "active"),
        ("major", "training", "project-manager", "not-authorised"),
        ("minor", "training", "supplier", "not-authorised"),
    ],
)
def test_the_default_table_decides_who_may_waive(
    severity: str, category: str, role: str, state: str
) -> None:
    out, waiver = _judged(severity, category, {"name": "Pat Doe", "role": role})
    assert waiver.state == state
    assert out.status == ("waived" if state == "active" else "fail")


def test_a_refused_waiver_leaves_the_finding_failed_and_says_why() -> None:
    out, waiver = _judged("blocker", "clinical-safety", {"name": "Mark Ellis", "role": "sro"})
    assert (out.status, out.severity, out.waiver, out.refused_waiver) == (
        "fail",
        "blocker",
        waiver,
        waiver,
    )
    assert waiver.reason == (
        "not valid: approver lacks authority "
        "(sro may not waive a blocker in clinical-safety; needs one of: cso)"
    )


NATIONAL_SITE = {
    "systems": [
        {"id": "epr", "category": "epr"},
        {"id": "spine", "category": "national-service"},
    ],
    "interfaces": [
        {"id": "if-pds", "source": "epr", "target": "spine", "standard": "fhir"},
        {"id": "if-lab", "source": "epr", "target": "lims", "standard": "hl7v2"},
    ],
}


@pytest.mark.parametrize(
    ("target", "role", "state"),
    [
        ("if-pds", "sro", "not-authorised"),
        ("if-pds", "cso", "active"),
        ("spine", "sro", "not-authorised"),
        ("if-lab", "sro", "active"),
    ],
)
def test_a_blocker_on_a_national_service_needs_the_cso(target: str, role: str, state: str) -> None:
    _, waiver = _judged(
        "blocker", "interfaces", {"name": "A", "role": role}, target=target, **NATIONAL_SITE
    )
    assert waiver.state == state


def test_a_national_blocker_names_both_areas_it_falls_in() -> None:
    _, waiver = _judged(
        "blocker", "integration", {"name": "A", "role": "sro"}, target="if-pds", **NATIONAL_SITE
    )
    assert waiver.reason == (
        "not valid: approver lacks authority (sro may not waive a blocker in "
        "integration (national-services); needs one of: cso)"
    )


def test_a_name_alone_holds_no_role_unless_the_site_names_that_person() -> None:
    _, waiver = _judged("minor", "training", "Dr Amara Okafor, CCIO")
    assert (waiver.state, waiver.role, waiver.approved_by) == (
        "not-authorised",
        None,
        "Dr Amara Okafor, CCIO",
    )
    assert waiver.reason == (
        "not valid: approver lacks authority (Dr Amara Okafor, CCIO has no stated role, so may "
        "not waive a minor in training; needs one of: accountable-lead, sro, cso)"
    )


@pytest.mark.parametrize(
    ("name", "state"),
    [("dr  priya RAMAN", "active"), ("Mark Ellis", "active"), ("Someone Else", "not-authorised")],
)
def test_a_name_alone_counts_as_the_site_s_named_cso_or_sro(name: str, state: str) -> None:
    sections = {
        "clinical_safety": {"cso": {"name": "Dr Priya Raman"}},
        "governance": {"sign_offs": [{"type": "sro", "signer": "Mark Ellis"}]},
    }
    _, waiver = _judged("blocker", "training", name, **sections)
    assert waiver.state == state


def test_a_stated_role_must_match_the_person_the_site_names_in_it() -> None:
    sections = {"clinical_safety": {"cso": {"name": "Dr Priya Raman"}}}
    _, impostor = _judged("blocker", "clinical-safety", {"name": "Bob", "role": "cso"}, **sections)
    _, real = _judged(
        "blocker", "clinical-safety", {"name": "Dr Priya Raman", "role": "cso"}, **sections
    )
    assert (impostor.state, real.state) == ("not-authorised", "active")
    assert "Bob is not the site's stated cso, so may not waive" in impostor.reason


def test_a_waiver_outside_its_dates_is_lapsed_or_early_before_authority_is_judged() -> None:
    refused = {"name": "X", "role": "supplier"}
    lapsed, [a] = _apply(
        [finding("fail")], _waiver("t", "2026-01-01", "2026-02-01", approved_by=refused)
    )
    early, [b] = _apply(
        [finding("fail")], _waiver("t", "2027-01-20", "2027-02-01", approved_by=refused)
    )
    assert (a.state, b.state, lapsed[0].waiver, early[0].waiver) == (
        "lapsed",
        "not-yet-approved",
        None,
        None,
    )


def test_an_authorised_waiver_wins_over_a_refused_one_for_the_same_item() -> None:
    findings, waivers = _apply(
        [finding("fail", "blocker")],
        _waiver("t", "2027-01-01", "2027-02-01", approved_by={"name": "X", "role": "supplier"}),
        _waiver("t", "2027-01-01", "2027-02-01"),
    )
    assert [w.state for w in waivers] == ["not-authorised", "active"]
    assert (findings[0].status, findings[0].waiver) == ("waived", waivers[1])


def test_a_configured_entry_grants_a_role_and_keeps_the_rest_of_the_table() -> None:
    where = Location("readiness.yaml", 3, 15)
    authority, changes = with_overrides(
        {("blocker", "training"): (("cso", "sro", "accountable-lead"), where)}
    )
    lead = {"name": "A", "role": "accountable-lead"}
    assert _judged("blocker", "training", lead, authority=authority)[1].state == "active"
    assert _judged("blocker", "cutover", lead, authority=authority)[1].state == "not-authorised"
    assert [(c.rule, c.name, c.default_text, c.value_text, c.source) for c in changes] == [
        ("waiver authority", "blocker in training", "cso, sro", "cso, sro, accountable-lead", where)
    ]


def test_an_empty_configured_entry_lets_no_waiver_count() -> None:
    authority, _ = with_overrides({("major", "training"): ((), Location("c.yaml", 2, 3))})
    _, waiver = _judged("major", "training", CSO, authority=authority)
    assert waiver.reason == (
        "not valid: approver lacks authority "
        "(cso may not waive a major in training; no role may waive it)"
    )


def test_an_entry_equal_to_the_default_is_not_reported_as_a_change() -> None:
    _, changes = with_overrides({("blocker", "clinical-safety"): (("cso",), Location("c", 1, 1))})
    assert changes == ()


def test_a_national_entry_can_be_relaxed_by_configuration() -> None:
    authority, _ = with_overrides({("blocker", NATIONAL): (("cso", "sro"), Location("c", 1, 1))})
    _, waiver = _judged(
        "blocker",
        "interfaces",
        {"name": "A", "role": "sro"},
        target="if-pds",
        authority=authority,
        **NATIONAL_SITE,
    )
    assert waiver.state == "active"


def test_the_schemas_allow_exactly_the_roles_and_areas_the_code_knows() -> None:
    schemas = REPO / "schemas"
    site = json.loads((schemas / "site.schema.json").read_text(encoding="utf-8"))
    config = json.loads((schemas / "config.schema.json").read_text(encoding="utf-8"))
    approver = site["$defs"]["waiver"]["properties"]["approved_by"]
    table = config["properties"]["waiver_authority"]
    assert approver["properties"]["role"]["enum"] == list(ROLES)
    assert table["propertyNames"]["enum"] == list(SEVERITIES)
    assert table["additionalProperties"]["propertyNames"]["enum"] == list(AREAS)
    assert table["additionalProperties"]["additionalProperties"]["items"]["enum"] == list(ROLES)
    # The default table names only roles of the vocabulary, and covers every severity.
    assert {r for roles in DEFAULT_AUTHORITY.values() for r in roles} <= set(ROLES)
    assert {(s, OTHER) for s in SEVERITIES} <= set(DEFAULT_AUTHORITY)

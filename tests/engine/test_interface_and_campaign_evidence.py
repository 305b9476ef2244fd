"""Riverside with one fact changed: interface fallbacks, assurance references, regression
tests, campaign exit, workflow coverage, critical scripts, catch-up plans, users and defects."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.helpers import check_json, failing_findings, riverside_with

AS_OF = "2027-04-16"


def _edit(tmp_path: Path, name: str, edit: Callable[[dict[str, Any]], None]) -> Path:
    return riverside_with(tmp_path, name, edit)


def _check(site: Path) -> tuple[str, dict[tuple[str, str], dict[str, Any]]]:
    result = check_json(site, AS_OF)
    return result["verdict"], failing_findings(result)


def _by_id(items: list[dict[str, Any]], item_id: str) -> dict[str, Any]:
    return next(i for i in items if i["id"] == item_id)


def test_a_life_critical_interface_without_a_fallback_fails(tmp_path: Path) -> None:
    site = _edit(
        tmp_path, "interfaces.yaml", lambda d: _by_id(d["interfaces"], "if-results").pop("fallback")
    )
    verdict, failing = _check(site)
    assert set(failing) == {("IF-FALLBACK", "if-results")}
    finding = failing[("IF-FALLBACK", "if-results")]
    assert finding["message"].startswith("`interfaces[if-results].fallback` is not stated")
    assert (finding["severity"], verdict) == ("major", "CONDITIONAL")


def test_national_assurance_without_its_reference_is_a_blocker(tmp_path: Path) -> None:
    def drop(data: dict[str, Any]) -> None:
        _by_id(data["interfaces"], "if-pds")["national_assurance"].pop("reference")

    verdict, failing = _check(_edit(tmp_path, "interfaces.yaml", drop))
    assert set(failing) == {("IF-NATIONAL", "if-pds")}
    message = failing[("IF-NATIONAL", "if-pds")]["message"]
    assert "`interfaces[if-pds].national_assurance.reference` is not stated" in message
    assert verdict == "NO-GO"


def test_a_changed_interface_needs_a_passed_regression_test(tmp_path: Path) -> None:
    def changed(data: dict[str, Any]) -> None:
        interface = _by_id(data["interfaces"], "if-orders")
        interface["lifecycle"] = "changed"
        interface["tests"]["regression"] = "failed"

    _verdict, failing = _check(_edit(tmp_path, "interfaces.yaml", changed))
    assert set(failing) == {("IF-STAGES", "if-orders")}
    assert (
        "regression failed (needed when changed)" in failing[("IF-STAGES", "if-orders")]["message"]
    )


def test_the_same_failed_regression_on_a_new_interface_is_not_judged(tmp_path: Path) -> None:
    def regression_failed(data: dict[str, Any]) -> None:
        _by_id(data["interfaces"], "if-orders")["tests"]["regression"] = "failed"

    assert _check(_edit(tmp_path, "interfaces.yaml", regression_failed)) == ("GO", {})


def test_a_campaign_passed_with_issues_open_is_not_yet_a_pass(tmp_path: Path) -> None:
    def issues(data: dict[str, Any]) -> None:
        _by_id(data["test_campaigns"], "tc-e2e-lab")["open_issues"] = 2

    verdict, failing = _check(_edit(tmp_path, "testing.yaml", issues))
    assert set(failing) == {("TS-CAMPAIGN-EXIT", "tc-e2e-lab")}
    assert "with 2 issue(s) still open" in failing[("TS-CAMPAIGN-EXIT", "tc-e2e-lab")]["message"]
    assert verdict == "CONDITIONAL"


def test_a_passed_campaign_that_names_no_environment_fails(tmp_path: Path) -> None:
    def nowhere(data: dict[str, Any]) -> None:
        _by_id(data["test_campaigns"], "tc-uat").pop("environment")

    _verdict, failing = _check(_edit(tmp_path, "testing.yaml", nowhere))
    assert set(failing) == {("TS-CAMPAIGN-EXIT", "tc-uat")}
    message = failing[("TS-CAMPAIGN-EXIT", "tc-uat")]["message"]
    assert message.startswith("`test_campaigns[tc-uat].environment` is not stated")


def test_a_critical_workflow_no_passed_campaign_exercised_is_a_blocker(tmp_path: Path) -> None:
    def untraced(data: dict[str, Any]) -> None:
        for campaign in data["test_campaigns"]:
            if "wf-home-visit" in campaign.get("workflows", []):
                campaign["workflows"].remove("wf-home-visit")

    verdict, failing = _check(_edit(tmp_path, "testing.yaml", untraced))
    assert set(failing) == {("TS-WORKFLOW-COVERAGE", "wf-home-visit")}
    assert failing[("TS-WORKFLOW-COVERAGE", "wf-home-visit")]["severity"] == "blocker"
    assert verdict == "NO-GO"


def test_campaigns_that_list_no_workflows_leave_coverage_not_stated(tmp_path: Path) -> None:
    def unlisted(data: dict[str, Any]) -> None:
        for campaign in data["test_campaigns"]:
            campaign.pop("workflows", None)

    _verdict, failing = _check(_edit(tmp_path, "testing.yaml", unlisted))
    coverage = [f for (rule, _), f in failing.items() if rule == "TS-WORKFLOW-COVERAGE"]
    assert len(coverage) == 10  # every in-scope workflow of Riverside
    assert all("test_campaigns[].workflows" in f["message"] for f in coverage)


def test_critical_scripts_executed_unstated_fails_the_script_rule(tmp_path: Path) -> None:
    def unstated(data: dict[str, Any]) -> None:
        for campaign in data["test_campaigns"]:
            campaign.pop("critical_scripts_executed")

    verdict, failing = _check(_edit(tmp_path, "testing.yaml", unstated))
    assert set(failing) == {("TS-SCRIPTS", "riverside-community")}
    assert (
        "critical_scripts_executed` is not stated"
        in (failing[("TS-SCRIPTS", "riverside-community")]["message"])
    )
    assert verdict == "NO-GO"


def _short_cohort(plan: bool) -> Callable[[dict[str, Any]], None]:
    def edit(data: dict[str, Any]) -> None:
        cohort = _by_id(data["staff_cohorts"], "coh-district-nurses")
        cohort["trained"] = 370  # 88% of 420: above the floor, below the threshold
        for name in ("proficiency_passed", "accounts_live"):  # smartcards stay: every nurse has one
            if isinstance(cohort.get(name), int):
                cohort[name] = min(cohort[name], 370)
        if plan:
            cohort["catch_up_plan"] = "50 nurses booked on sessions in the week before go-live."
        else:
            cohort.pop("catch_up_plan", None)

    return edit


def test_a_cohort_short_of_the_threshold_with_a_catch_up_plan_is_a_major(tmp_path: Path) -> None:
    verdict, failing = _check(_edit(tmp_path, "staff.yaml", _short_cohort(plan=True)))
    # Fewer trained staff also means fewer with access (IN-ACCESS); the training rules:
    assert {k for k in failing if k[0].startswith("TR-")} == {
        ("TR-COMPLETE", "coh-district-nurses")
    }
    assert failing[("TR-COMPLETE", "coh-district-nurses")]["severity"] == "major"
    assert verdict == "CONDITIONAL"


def test_the_same_shortfall_without_a_plan_also_fails_the_catch_up_rule(tmp_path: Path) -> None:
    # The catalogue keeps 80-90% a major (domain.md); the missing plan is its own finding.
    verdict, failing = _check(_edit(tmp_path, "staff.yaml", _short_cohort(plan=False)))
    assert set(failing) == {
        ("TR-COMPLETE", "coh-district-nurses"),
        ("TR-CATCH-UP", "coh-district-nurses"),
    }
    assert failing[("TR-COMPLETE", "coh-district-nurses")]["severity"] == "major"
    assert (
        "catch_up_plan` is not stated" in failing[("TR-CATCH-UP", "coh-district-nurses")]["message"]
    )
    assert verdict == "CONDITIONAL"


def test_users_outside_every_support_area_fail_the_support_cover(tmp_path: Path) -> None:
    def more_users(data: dict[str, Any]) -> None:
        data["site"]["users"] = 1400

    verdict, failing = _check(_edit(tmp_path, "site.yaml", more_users))
    # The 270 extra users are in no staff cohort either: training does not count them.
    assert set(failing) == {
        ("RS-USERS-COVERED", "riverside-community"),
        ("TR-USERS-COVERED", "riverside-community"),
    }
    assert failing[("RS-USERS-COVERED", "riverside-community")]["message"] == (
        "Support areas cover 1130 users; the site has 1400 users of the new system, so some "
        "work in no supported area"
    )
    assert verdict == "CONDITIONAL"


def _defect_fixed_after_the_case(system: str) -> Callable[[dict[str, Any]], None]:
    def edit(data: dict[str, Any]) -> None:
        defect = _by_id(data["defects"], "DEF-R-126")
        defect.update(status="closed", fixed_on="2027-04-14", system=system)

    return edit


def test_a_defect_fix_after_the_safety_case_in_a_life_critical_system_is_a_blocker(
    tmp_path: Path,
) -> None:
    site = _edit(tmp_path, "testing.yaml", _defect_fixed_after_the_case("cepr"))
    verdict, failing = _check(site)
    assert set(failing) == {("CS-CASE-CURRENCY", "DEF-R-126")}
    assert failing[("CS-CASE-CURRENCY", "DEF-R-126")]["severity"] == "blocker"
    assert verdict == "NO-GO"


def test_the_same_fix_in_a_business_critical_system_is_a_major(tmp_path: Path) -> None:
    site = _edit(tmp_path, "testing.yaml", _defect_fixed_after_the_case("sched"))
    verdict, failing = _check(site)
    assert set(failing) == {("CS-CASE-CURRENCY", "DEF-R-126")}
    assert failing[("CS-CASE-CURRENCY", "DEF-R-126")]["severity"] == "major"
    assert verdict == "CONDITIONAL"

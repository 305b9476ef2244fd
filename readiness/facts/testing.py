"""Facts for the testing rules: test campaigns, script totals and rehearsals."""

from __future__ import annotations

from readiness.clock import Clock
from readiness.facts.base import (
    Evidence,
    FactItem,
    Kind,
    SitePart,
    SiteValues,
    count,
    item_from_record,
    latest,
    percent,
    pointing_at,
    when,
)
from readiness.fields import Field
from readiness.model import Record, SiteModel, parse_date

_SCRIPTS = "script counts: none stated reads as none planned, which TS-SCRIPTS fails"

CAMPAIGN_FIELDS: dict[str, Field] = {
    "id": Field("string", "The campaign's id.", source="id"),
    "type": Field(
        "string", "unit, sit, e2e, volume, regression, uat, downtime-drill...", source="type"
    ),
    "result": Field(
        "string",
        "passed, failed, in-progress or planned.",
        source="result",
        absent="without a result the scripts decide whether it passed",
    ),
    "passed": Field(
        "boolean",
        "It passed: result passed, or no result and every planned script passed.",
        source=("result", "scripts_passed"),
        absent="a campaign with neither a result nor passed scripts has not passed",
    ),
    "date": Field("date", "When it ran.", source="date", absent="descriptive: when it ran"),
    **{
        name: Field("number", description, source=name, absent=_SCRIPTS)
        for name, description in (
            ("scripts_planned", "Scripts planned."),
            ("scripts_executed", "Scripts executed."),
            ("scripts_passed", "Scripts passed."),
            ("critical_scripts_planned", "Critical-path scripts planned."),
            ("critical_scripts_passed", "Critical-path scripts passed."),
        )
    },
    "executed_percent": Field(
        "number", "Percent of planned scripts executed.", source="scripts_executed", absent=_SCRIPTS
    ),
    "passed_percent": Field(
        "number", "Percent of planned scripts passed.", source="scripts_passed", absent=_SCRIPTS
    ),
    "environment": Field(
        "string",
        "Where it ran: the environment, its build and how close to production it is.",
        source="environment",
    ),
    "open_issues": Field("number", "Issues still open from the campaign.", source="open_issues"),
}

_REHEARSAL = "cutover.rehearsals[]"
_NONE = "absent means no full rehearsal is recorded, which TS-REHEARSAL fails"
_TOTALS = "test_campaigns[]"

TESTING_SITE_FIELDS: dict[str, Field] = {
    "full_rehearsals": Field(
        "number",
        "Full rehearsals recorded (dress rehearsal or mock go-live).",
        source=_REHEARSAL + ".kind",
        absent=_NONE,
    ),
    "last_rehearsal_on": Field(
        "date", "The latest full rehearsal on or before go-live.", source=_REHEARSAL + ".date"
    ),
    "last_rehearsal_result": Field(
        "string",
        "The result of the latest full rehearsal (dress rehearsal or mock go-live).",
        source=(_REHEARSAL + ".result", _REHEARSAL + ".kind"),
    ),
    "last_rehearsal_open_issues": Field(
        "number", "Issues from it still open.", source=_REHEARSAL + ".open_issues"
    ),
    "last_rehearsal_days_before_go_live": Field(
        "number", "Days from it to go-live.", source=_REHEARSAL + ".date"
    ),
    "last_rehearsal_summary": Field(
        "string", "That rehearsal in words (or `none recorded`).", absent="a summary for messages"
    ),
    **{
        name: Field("number", description, source=f"{_TOTALS}.{part}")
        for name, description, part in (
            ("scripts_planned", "Test scripts planned across every campaign.", "scripts_planned"),
            (
                "scripts_executed",
                "Test scripts executed across every campaign.",
                "scripts_executed",
            ),
            ("scripts_passed", "Test scripts passed across every campaign.", "scripts_passed"),
            (
                "critical_scripts_planned",
                "Critical-path scripts planned.",
                "critical_scripts_planned",
            ),
            (
                "critical_scripts_executed",
                "Critical-path scripts executed.",
                "critical_scripts_executed",
            ),
            ("critical_scripts_passed", "Critical-path scripts passed.", "critical_scripts_passed"),
        )
    },
    "scripts_passed_percent": Field(
        "number",
        "Percent of planned scripts passed.",
        source=(f"{_TOTALS}.scripts_passed", f"{_TOTALS}.scripts_planned"),
    ),
    "campaigns_short_on_critical": Field(
        "strings",
        "Campaigns whose critical-path scripts did not all pass.",
        source=_TOTALS + ".critical_scripts_passed",
        absent=_SCRIPTS,
    ),
}

FULL_REHEARSALS = ("dress-rehearsal", "mock-go-live")


def campaign_passed(record: Record) -> bool:
    """True when a campaign passed: so stated, or no result and every planned script passed."""
    result = record.get("result")
    if result is not None:
        return bool(result == "passed")
    planned = count(record.get("scripts_planned"))
    return planned > 0 and count(record.get("scripts_passed")) >= planned


def passed_campaigns(model: SiteModel) -> set[str]:
    """Ids of the test campaigns that passed."""
    return {r.get("id") for r in model.records("test_campaigns") if campaign_passed(r)}


def _campaigns(model: SiteModel, clock: Clock) -> list[FactItem]:
    items = []
    for record in model.records("test_campaigns"):
        planned = count(record.get("scripts_planned"))
        values: dict[str, object] = {
            "id": record.get("id"),
            "type": record.get("type"),
            "result": record.get("result"),
            "passed": campaign_passed(record),
            "date": parse_date(record.get("date")),
            "scripts_planned": planned,
            "scripts_executed": count(record.get("scripts_executed")),
            "scripts_passed": count(record.get("scripts_passed")),
            "executed_percent": percent(count(record.get("scripts_executed")), planned) or 0.0,
            "passed_percent": percent(count(record.get("scripts_passed")), planned) or 0.0,
            "critical_scripts_planned": count(record.get("critical_scripts_planned")),
            "critical_scripts_passed": count(record.get("critical_scripts_passed")),
            "environment": record.get("environment"),
            # Unstated is not "none open": a test exit report always counts them.
            "open_issues": record.get("open_issues"),
        }
        evidence = {
            "passed": "result",
            "executed_percent": "scripts_executed",
            "passed_percent": "scripts_passed",
        }
        items.append(
            item_from_record(model, "test_campaigns", record.get("id"), record, values, evidence)
        )
    return items


def _last_rehearsal(model: SiteModel, clock: Clock) -> Record | None:
    rehearsals = [
        r
        for r in model.records("cutover", "rehearsals")
        if r.get("kind", "dress-rehearsal") in FULL_REHEARSALS
    ]
    return latest(rehearsals, "date", clock.go_live)


def _rehearsal_values(model: SiteModel, clock: Clock) -> dict[str, object]:
    last = _last_rehearsal(model, clock)
    day = parse_date(last.get("date")) if last is not None else None
    full = sum(
        1
        for r in model.records("cutover", "rehearsals")
        if r.get("kind", "dress-rehearsal") in FULL_REHEARSALS
    )
    if last is None or day is None:
        return {
            "full_rehearsals": full,
            "last_rehearsal_on": None,
            "last_rehearsal_result": None,
            "last_rehearsal_open_issues": None,
            "last_rehearsal_days_before_go_live": None,
            "last_rehearsal_summary": "none recorded",
        }
    stated = last.get("open_issues")
    issues = count(stated)
    return {
        "full_rehearsals": full,
        "last_rehearsal_on": day,
        "last_rehearsal_result": last.get("result"),
        "last_rehearsal_open_issues": stated,
        "last_rehearsal_days_before_go_live": (clock.go_live - day).days,
        "last_rehearsal_summary": f"{when(day, clock.go_live)}, {last.get('result')} "
        f"with {issues} open issue(s)",
    }


def _script_values(model: SiteModel) -> dict[str, object]:
    campaigns = model.records("test_campaigns")

    def total(name: str) -> int | None:
        # A figure no campaign states is not stated, never a total of 0 that could pass.
        stated = [r.get(name) for r in campaigns if r.get(name) is not None]
        return sum(count(v) for v in stated) if stated else None

    planned = total("scripts_planned")
    return {
        "scripts_planned": planned,
        "scripts_executed": total("scripts_executed"),
        "scripts_passed": total("scripts_passed"),
        "scripts_passed_percent": percent(total("scripts_passed"), planned),
        "critical_scripts_planned": total("critical_scripts_planned"),
        "critical_scripts_executed": total("critical_scripts_executed"),
        "critical_scripts_passed": total("critical_scripts_passed"),
        "campaigns_short_on_critical": [
            r.get("id")
            for r in campaigns
            if count(r.get("critical_scripts_passed")) < count(r.get("critical_scripts_planned"))
        ],
    }


_SITE_EVIDENCE: Evidence = {
    "full_rehearsals": ("cutover", "rehearsals"),
    "last_rehearsal_on": ("cutover", "rehearsals"),
    "last_rehearsal_result": ("cutover", "rehearsals"),
    "last_rehearsal_open_issues": ("cutover", "rehearsals"),
    "last_rehearsal_days_before_go_live": ("cutover", "rehearsals"),
    "last_rehearsal_summary": ("cutover", "rehearsals"),
    "scripts_planned": ("test_campaigns",),
    "scripts_passed_percent": ("test_campaigns",),
    "critical_scripts_passed": ("test_campaigns",),
    "campaigns_short_on_critical": ("test_campaigns",),
}


def _site_part(model: SiteModel, clock: Clock) -> SiteValues:
    values = {**_rehearsal_values(model, clock), **_script_values(model)}
    rehearsal = _last_rehearsal(model, clock)
    return values, pointing_at(_SITE_EVIDENCE, TESTING_SITE_FIELDS, "last_rehearsal", rehearsal)


TEST_CAMPAIGNS = Kind(
    "test_campaigns", "Test campaigns.", CAMPAIGN_FIELDS, _campaigns, base=("test_campaigns[]",)
)

SITE_PART = SitePart(TESTING_SITE_FIELDS, _site_part)

"""Facts for the infrastructure rules: downtime kit and end-user devices, per area."""

from __future__ import annotations

from readiness.clock import Clock
from readiness.facts.areas import area_records, clinical_areas
from readiness.facts.base import (
    Evidence,
    FactItem,
    Kind,
    SitePart,
    SiteValues,
    count,
    item_from_record,
    percent,
    stated_count,
)
from readiness.fields import Field
from readiness.model import Record, SiteModel, parse_date
from readiness.problems import DataPath

_DEVICES = ("devices[].required", "devices[].installed_tested")

KIT = {
    "read_only_copy": "read-only copy",
    "communication_route": "communication route independent of IT",
    "contact_list_printed": "printed contact list",
}
KIT_KEYS = ("paper_forms_hours", *KIT)

DOWNTIME_FIELDS: dict[str, Field] = {
    "area": Field("string", "The area.", source="area"),
    "inpatient": Field("boolean", "An inpatient area.", source="inpatient"),
    "paper_forms_hours": Field(
        "number", "Hours of paper forms stocked.", source="paper_forms_hours"
    ),
    "read_only_copy": Field(
        "boolean", "A read-only copy of the record is available.", source="read_only_copy"
    ),
    "communication_route": Field(
        "string", "A communication route independent of IT.", source="communication_route"
    ),
    "contact_list_printed": Field(
        "boolean", "A printed contact list is in the area.", source="contact_list_printed"
    ),
    "last_drill": Field("date", "The last downtime drill.", source="last_drill"),
    "kit_missing": Field(
        "strings",
        "Downtime kit the area lacks, besides paper forms (read-only copy, ...).",
        source=tuple(KIT_KEYS),
        absent="derived from the kit's fields, which carry the evidence",
    ),
}

DEVICE_FIELDS: dict[str, Field] = {
    "area": Field("string", "The area.", source="area"),
    "required": Field("number", "Devices required, all types.", source="devices[].required"),
    "installed_tested": Field(
        "number", "Devices installed and tested, all types.", source="devices[].installed_tested"
    ),
    "installed_percent": Field(
        "number", "Installed and tested as a percent of required.", source=_DEVICES
    ),
    "types_short": Field(
        "number",
        "Device types with fewer installed and tested than required.",
        source=_DEVICES,
    ),
    "short_devices": Field(
        "strings",
        "Each short device type as `type installed/required`.",
        source=_DEVICES,
        absent="descriptive: names the short types in the message (types_short counts them)",
    ),
    "worst_device": Field(
        "string",
        "The device type furthest below its requirement.",
        source="devices[].type",
        absent="descriptive: names the type in the message",
    ),
    "worst_percent": Field(
        "number", "Installed and tested percent of the worst device type.", source=_DEVICES
    ),
    "workstations_listed": Field(
        "boolean",
        "The area lists the workstations its users work on (workstation, on wheels or tablet), "
        "or has no users to need them.",
        source="devices[].type",
    ),
}

# Device types a user logs in and works on; an area with users needs at least one of them.
WORKSTATIONS = ("workstation", "workstation-on-wheels", "tablet")


def _downtime_areas(model: SiteModel, clock: Clock) -> list[FactItem]:
    items = []
    for record in model.records("downtime"):
        values: dict[str, object] = {
            "area": record.get("area"),
            "inpatient": record.get("inpatient"),
            "paper_forms_hours": record.get("paper_forms_hours"),
            "read_only_copy": record.get("read_only_copy"),
            "communication_route": record.get("communication_route"),
            "contact_list_printed": record.get("contact_list_printed"),
            "last_drill": parse_date(record.get("last_drill")),
            "kit_missing": [words for key, words in KIT.items() if not record.get(key)],
        }
        first = next((key for key in KIT if not record.get(key)), "paper_forms_hours")
        items.append(
            item_from_record(
                model, "downtime_areas", record.get("area"), record, values, {"kit_missing": first}
            )
        )
    return items


def _device_item(model: SiteModel, record: Record, has_users: bool) -> FactItem:
    devices = [d for d in record.get("devices") or () if isinstance(d, dict)]
    # A device type an area needs and does not list is unknown, not a shortfall of zero.
    listed = any(d.get("type") in WORKSTATIONS for d in devices) or not has_users
    required = sum(d.get("required") or 0 for d in devices)
    installed = sum(d.get("installed_tested") or 0 for d in devices)
    # The worst type decides: surplus workstations do not make up for missing printers.
    ratios = [
        (percent(d.get("installed_tested") or 0, d.get("required") or 0) or 0.0, i)
        for i, d in enumerate(devices)
        if (d.get("required") or 0) > 0
    ]
    worst_percent, worst = min(ratios, default=(100.0, -1))
    short = [
        f"{d.get('type')} {d.get('installed_tested') or 0}/{d.get('required') or 0}"
        for d in devices
        if (d.get("installed_tested") or 0) < (d.get("required") or 0)
    ]
    values: dict[str, object] = {
        "area": record.get("area"),
        "required": required,
        "installed_tested": installed,
        "installed_percent": percent(installed, required) or (100.0 if required == 0 else 0.0),
        "types_short": len(short),
        "short_devices": short,
        "worst_device": devices[worst].get("type") if worst >= 0 else None,
        "worst_percent": min(worst_percent, 100.0),
        "workstations_listed": True if listed else None,
    }
    evidence: dict[str, str | DataPath] = {}
    if worst >= 0:
        at = (*record.path, "devices", worst, "installed_tested")
        evidence = {
            n: at for n in ("worst_device", "worst_percent", "short_devices", "types_short")
        }
    evidence["workstations_listed"] = (*record.path, "devices")
    return item_from_record(model, "device_areas", record.get("area"), record, values, evidence)


def _device_areas(model: SiteModel, clock: Clock) -> list[FactItem]:
    # An area has users when a staff cohort works there or its support record counts users.
    staffed = {name for name, use in clinical_areas(model).items() if use.cohorts}
    supported = area_records(model, ("support", "areas"))
    staffed |= {name for name, r in supported.items() if count(r.get("users")) > 0}
    return [
        _device_item(model, r, r.get("area") in staffed)
        for r in model.records("infrastructure", "areas")
    ]


DOWNTIME_AREAS = Kind(
    "downtime_areas",
    "Downtime (business continuity) kit per area.",
    DOWNTIME_FIELDS,
    _downtime_areas,
    base=("downtime[]",),
)
DEVICE_AREAS = Kind(
    "device_areas",
    "End-user devices per area, required against installed and tested.",
    DEVICE_FIELDS,
    _device_areas,
    base=("infrastructure.areas[]",),
)


NETWORK_FIELDS: dict[str, Field] = {
    "areas_without_passed_survey": Field(
        "strings",
        "Clinical areas (with staff or workflows) whose wireless survey is not stated as passed.",
        source=("infrastructure.areas[].wifi_survey_passed", "infrastructure.areas[].area"),
        absent="an area without a passed survey is listed here: absence is the finding itself",
    ),
    "oldest_wifi_survey_on": Field(
        "date",
        "The oldest passed wireless survey of a clinical area.",
        source="infrastructure.areas[].wifi_survey_on",
    ),
    "oldest_wifi_survey_days_before_go_live": Field(
        "number",
        "Days from the oldest passed wireless survey of a clinical area to go-live.",
        source="infrastructure.areas[].wifi_survey_on",
    ),
    "load_test_system": Field(
        "string", "The system load tested.", source="infrastructure.load_test.system"
    ),
    "load_test_main_systems": Field(
        "strings",
        "The main clinical systems going live: new or changed life-critical ones (else any new "
        "or changed one).",
        source=("systems[].lifecycle", "systems[].criticality"),
        absent="derived from each system's lifecycle and criticality",
    ),
    "load_test_of_main_system": Field(
        "boolean",
        "The system load tested is one of the main clinical systems going live.",
        source="infrastructure.load_test.system",
    ),
    "load_test_on": Field(
        "date", "When the load test ran.", source="infrastructure.load_test.tested_on"
    ),
    "load_test_days_before_go_live": Field(
        "number",
        "Days from the load test to go-live.",
        source="infrastructure.load_test.tested_on",
    ),
    "load_test_passed": Field(
        "boolean",
        "The load test met its response times.",
        source="infrastructure.load_test.passed",
    ),
    "load_test_concurrent_users": Field(
        "number",
        "Concurrent users the load test ran at.",
        source="infrastructure.load_test.concurrent_users",
    ),
    "load_test_expected_users": Field(
        "number",
        "Concurrent users expected at the busiest hour after go-live.",
        source="infrastructure.load_test.expected_concurrent_users",
    ),
}


def _main_systems(model: SiteModel) -> list[str]:
    """New or changed life-critical systems; failing those, every new or changed system."""
    going_live = [s for s in model.systems if s.lifecycle in ("new", "changed")]
    critical = [s.id for s in going_live if s.criticality == "life-critical"]
    return critical or [s.id for s in going_live]


def _network_site(model: SiteModel, clock: Clock) -> SiteValues:
    records = area_records(model, ("infrastructure", "areas"))
    areas = list(clinical_areas(model))
    unsurveyed = [
        a for a in areas if a not in records or records[a].get("wifi_survey_passed") is not True
    ]
    surveys = [
        (day, records[a])
        for a in areas
        if a in records
        and records[a].get("wifi_survey_passed") is True
        and (day := parse_date(records[a].get("wifi_survey_on"))) is not None
    ]
    oldest = min(surveys, key=lambda s: s[0], default=None)
    # An area whose pass is stated without its date has no survey age to judge.
    undated = any(
        a in records
        and records[a].get("wifi_survey_passed") is True
        and parse_date(records[a].get("wifi_survey_on")) is None
        for a in areas
    )
    oldest_day = None if oldest is None or undated else oldest[0]
    test = model.section("infrastructure", "load_test")
    tested = parse_date(test.get("tested_on"))
    system, main = test.get("system"), _main_systems(model)
    values: dict[str, object] = {
        "areas_without_passed_survey": unsurveyed,
        "oldest_wifi_survey_on": oldest_day,
        "oldest_wifi_survey_days_before_go_live": (
            None if oldest_day is None else (clock.go_live - oldest_day).days
        ),
        "load_test_system": test.get("system"),
        "load_test_main_systems": main,
        # A load test of a retained or supporting system says nothing about the one going live.
        "load_test_of_main_system": None if system is None else system in main,
        "load_test_on": tested,
        "load_test_days_before_go_live": None if tested is None else (clock.go_live - tested).days,
        "load_test_passed": test.get("passed"),
        "load_test_concurrent_users": stated_count(test.get("concurrent_users")),
        "load_test_expected_users": stated_count(test.get("expected_concurrent_users")),
    }
    at = ("infrastructure", "load_test")
    evidence: Evidence = {
        "load_test_system": (*at, "system"),
        "load_test_of_main_system": (*at, "system"),
        "load_test_on": (*at, "tested_on"),
        "load_test_days_before_go_live": (*at, "tested_on"),
        "load_test_passed": (*at, "passed"),
        "load_test_concurrent_users": (*at, "concurrent_users"),
        "load_test_expected_users": (*at, "expected_concurrent_users"),
    }
    first = next((records[a] for a in unsurveyed if a in records), None)
    evidence["areas_without_passed_survey"] = (
        first.path if first is not None else ("infrastructure", "areas")
    )
    if oldest is not None:
        for name in ("oldest_wifi_survey_on", "oldest_wifi_survey_days_before_go_live"):
            evidence[name] = (*oldest[1].path, "wifi_survey_on")
    return values, evidence


SITE_PART = SitePart(NETWORK_FIELDS, _network_site)

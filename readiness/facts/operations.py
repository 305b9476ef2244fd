"""Facts about running the go-live: support, downtime kit, devices, cutover and hypercare."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

from readiness.facts.base import Clock, FactItem, Field, Kind, item_from_record, percent
from readiness.facts.site import SitePart
from readiness.model import Record, SiteModel, parse_date
from readiness.problems import DataPath

# The shifts a 24x7 area runs when its support entry does not list them.
ROUND_THE_CLOCK = ("days", "evenings", "nights", "weekends")
DAYS_ONLY = ("days",)

SUPPORT_FIELDS: dict[str, Field] = {
    "area": Field("string", "The area supported."),
    "users": Field("number", "Users in the area."),
    "super_users": Field("number", "Super users in the area (0 when not stated)."),
    "users_per_super_user": Field("number", "Users for each super user (0 without super users)."),
    "floorwalkers_per_shift": Field("number", "Floorwalkers on each shift."),
    "shifts_run": Field(
        "strings", "Shifts the area runs (all four when unstated on a 24x7 site, else days)."
    ),
    "shifts_covered": Field("strings", "Shifts the go-live support covers."),
    "shifts_uncovered": Field("strings", "Shifts the area runs that support does not cover."),
}

DOWNTIME_FIELDS: dict[str, Field] = {
    "area": Field("string", "The area."),
    "inpatient": Field("boolean", "An inpatient area."),
    "paper_forms_hours": Field("number", "Hours of paper forms stocked (0 when not stated)."),
    "read_only_copy": Field("boolean", "A read-only copy of the record is available."),
    "communication_route": Field("string", "A communication route independent of IT."),
    "contact_list_printed": Field("boolean", "A printed contact list is in the area."),
    "last_drill": Field("date", "The last downtime drill."),
    "kit_missing": Field(
        "strings", "Downtime kit the area lacks, besides paper forms (read-only copy, ...)."
    ),
}

DEVICE_FIELDS: dict[str, Field] = {
    "area": Field("string", "The area."),
    "required": Field("number", "Devices required, all types."),
    "installed_tested": Field("number", "Devices installed and tested, all types."),
    "installed_percent": Field("number", "Installed and tested as a percent of required."),
    "types_short": Field("number", "Device types with fewer installed and tested than required."),
    "short_devices": Field("strings", "Each short device type as `type installed/required`."),
    "worst_device": Field("string", "The device type furthest below its requirement."),
    "worst_percent": Field("number", "Installed and tested percent of the worst device type."),
}


def _located(item: FactItem, model: SiteModel, paths: Mapping[str, DataPath]) -> FactItem:
    """The item with fields pointing at exact positions (list indices included)."""
    extra = {name: model.source.where(path) for name, path in paths.items()}
    return dataclasses.replace(item, locations={**item.locations, **extra})


def _support_item(model: SiteModel, record: Record, site_24x7: bool) -> FactItem:
    users = record.get("users") or 0
    super_users = record.get("super_users") or 0
    stated = record.get("shifts_run")
    run = list(stated or (ROUND_THE_CLOCK if site_24x7 else DAYS_ONLY))
    covered = list(record.get("shifts_covered") or ())
    values: dict[str, object] = {
        "area": record.get("area"),
        "users": users,
        "super_users": super_users,
        "users_per_super_user": round(users / super_users, 1) if super_users else 0,
        "floorwalkers_per_shift": record.get("floorwalkers_per_shift") or 0,
        "shifts_run": run,
        "shifts_covered": covered,
        "shifts_uncovered": [s for s in run if s not in covered],
    }
    evidence = {
        "users_per_super_user": "super_users",
        "shifts_uncovered": "shifts_covered",
    }
    return item_from_record(model, "support_areas", record.get("area"), record, values, evidence)


def _support_areas(model: SiteModel, clock: Clock) -> list[FactItem]:
    site_24x7 = bool(model.site.record.get("runs_24x7"))
    return [_support_item(model, r, site_24x7) for r in model.records("support", "areas")]


def _kit_missing(record: Record) -> list[str]:
    missing = []
    if not record.get("read_only_copy"):
        missing.append("read-only copy")
    if not record.get("communication_route"):
        missing.append("communication route independent of IT")
    if not record.get("contact_list_printed"):
        missing.append("printed contact list")
    return missing


def _downtime_areas(model: SiteModel, clock: Clock) -> list[FactItem]:
    items = []
    for record in model.records("downtime"):
        values: dict[str, object] = {
            "area": record.get("area"),
            "inpatient": bool(record.get("inpatient")),
            "paper_forms_hours": record.get("paper_forms_hours") or 0,
            "read_only_copy": bool(record.get("read_only_copy")),
            "communication_route": record.get("communication_route"),
            "contact_list_printed": bool(record.get("contact_list_printed")),
            "last_drill": parse_date(record.get("last_drill")),
            "kit_missing": _kit_missing(record),
        }
        items.append(
            item_from_record(model, "downtime_areas", record.get("area"), record, values)
        )
    return items


def _device_item(model: SiteModel, record: Record) -> FactItem:
    devices = [d for d in record.get("devices") or () if isinstance(d, dict)]
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
    }
    item = item_from_record(model, "device_areas", record.get("area"), record, values)
    if worst < 0:
        return item
    at = (*record.path, "devices", worst, "installed_tested")
    return _located(item, model, {name: at for name in ("worst_device", "worst_percent", "short_devices", "types_short")})


def _device_areas(model: SiteModel, clock: Clock) -> list[FactItem]:
    return [_device_item(model, r) for r in model.records("infrastructure", "areas")]


KINDS = {
    "support_areas": Kind(
        "support_areas", "Go-live support per area (super users, shifts).", SUPPORT_FIELDS,
        _support_areas,
    ),
    "downtime_areas": Kind(
        "downtime_areas", "Downtime (business continuity) kit per area.", DOWNTIME_FIELDS,
        _downtime_areas,
    ),
    "device_areas": Kind(
        "device_areas", "End-user devices per area, required against installed and tested.",
        DEVICE_FIELDS, _device_areas,
    ),
}

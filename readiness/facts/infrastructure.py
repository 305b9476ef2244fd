"""Facts for the infrastructure rules: downtime kit and end-user devices, per area."""

from __future__ import annotations

from readiness.clock import Clock
from readiness.facts.base import FactItem, Kind, item_from_record, percent
from readiness.fields import Field
from readiness.model import Record, SiteModel, parse_date
from readiness.problems import DataPath

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


KIT = {
    "read_only_copy": "read-only copy",
    "communication_route": "communication route independent of IT",
    "contact_list_printed": "printed contact list",
}


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
            "kit_missing": [words for key, words in KIT.items() if not record.get(key)],
        }
        first = next((key for key in KIT if not record.get(key)), "paper_forms_hours")
        items.append(
            item_from_record(
                model, "downtime_areas", record.get("area"), record, values, {"kit_missing": first}
            )
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
    evidence: dict[str, str | DataPath] = {}
    if worst >= 0:
        at = (*record.path, "devices", worst, "installed_tested")
        evidence = {
            n: at for n in ("worst_device", "worst_percent", "short_devices", "types_short")
        }
    return item_from_record(model, "device_areas", record.get("area"), record, values, evidence)


def _device_areas(model: SiteModel, clock: Clock) -> list[FactItem]:
    return [_device_item(model, r) for r in model.records("infrastructure", "areas")]


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

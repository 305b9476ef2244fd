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
        "floorwalkers_per_shift": record.get("floorwalkers_per_shift") or 0,
        "shifts_run": run,
        "shifts_covered": covered,
        "shifts_uncovered": [s for s in run if s not in covered],
    }
    evidence = {"shifts_uncovered": "shifts_covered"}
    return item_from_record(model, "support_areas", record.get("area"), record, values, evidence)


def _support_areas(model: SiteModel, clock: Clock) -> list[FactItem]:
    site_24x7 = bool(model.site.record.get("runs_24x7"))
    return [_support_item(model, r, site_24x7) for r in model.records("support", "areas")]


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
    item = item_from_record(model, "device_areas", record.get("area"), record, values)
    if worst < 0:
        return item
    at = (*record.path, "devices", worst, "installed_tested")
    return _located(
        item,
        model,
        {name: at for name in ("worst_device", "worst_percent", "short_devices", "types_short")},
    )


def _device_areas(model: SiteModel, clock: Clock) -> list[FactItem]:
    return [_device_item(model, r) for r in model.records("infrastructure", "areas")]


KINDS = {
    "support_areas": Kind(
        "support_areas",
        "Go-live support per area (super users, shifts).",
        SUPPORT_FIELDS,
        _support_areas,
    ),
    "downtime_areas": Kind(
        "downtime_areas",
        "Downtime (business continuity) kit per area.",
        DOWNTIME_FIELDS,
        _downtime_areas,
    ),
    "device_areas": Kind(
        "device_areas",
        "End-user devices per area, required against installed and tested.",
        DEVICE_FIELDS,
        _device_areas,
    ),
}


Evidence = dict[str, DataPath]

COMMAND_CENTRE_NEEDS = {
    "hours_24x7": "24x7 hours",
    "triage": "triage",
    "ticketing": "ticketing",
    "severity_definitions": "severity definitions",
    "escalation": "escalation",
}

SUPPORT_SITE_FIELDS: dict[str, Field] = {
    "command_centre": Field("boolean", "A command centre is planned."),
    "command_centre_starts": Field("date", "When the command centre opens."),
    "command_centre_days": Field("number", "Days the command centre runs (0 when not stated)."),
    "command_centre_24x7": Field("boolean", "The command centre runs 24x7."),
    "command_centre_triage": Field("boolean", "It triages calls."),
    "command_centre_ticketing": Field("boolean", "It logs calls in a ticketing system."),
    "command_centre_severity_definitions": Field("boolean", "Incident severities are defined."),
    "command_centre_escalation": Field("boolean", "An escalation route is defined."),
    "command_centre_missing": Field(
        "strings", "What the command centre lacks of 24x7 hours, triage, ticketing, ..."
    ),
    "hypercare_weeks": Field("number", "Weeks of hypercare (0 when not stated)."),
    "hypercare_taper_plan": Field("boolean", "A hypercare taper plan exists."),
    "systems_without_bau_owner": Field(
        "strings", "New or changed systems (national services aside) with no owner after hypercare."
    ),
    "interfaces_without_bau_owner": Field(
        "strings", "New, changed or rerouted interfaces with no owner after hypercare."
    ),
    "support_team": Field("string", "The support team."),
    "other_go_lives": Field("number", "Other go-lives the same support team is committed to."),
    "nearest_other_go_live": Field("date", "The other go-live closest to this one."),
    "nearest_other_go_live_site": Field("string", "The site of that other go-live."),
    "nearest_other_go_live_days": Field(
        "number", "Days between that other go-live and this one, either way (0 when none)."
    ),
}


def _command_centre(model: SiteModel) -> tuple[dict[str, object], Evidence]:
    centre = model.section("support", "command_centre")
    at = ("support", "command_centre")
    missing = [label for key, label in COMMAND_CENTRE_NEEDS.items() if not centre.get(key)]
    first_missing = next((k for k in COMMAND_CENTRE_NEEDS if not centre.get(k)), "days")
    values: dict[str, object] = {
        "command_centre": bool(centre.fields),
        "command_centre_starts": parse_date(centre.get("starts")),
        "command_centre_days": centre.get("days") or 0,
        "command_centre_24x7": bool(centre.get("hours_24x7")),
        "command_centre_triage": bool(centre.get("triage")),
        "command_centre_ticketing": bool(centre.get("ticketing")),
        "command_centre_severity_definitions": bool(centre.get("severity_definitions")),
        "command_centre_escalation": bool(centre.get("escalation")),
        "command_centre_missing": missing,
    }
    evidence: Evidence = {
        "command_centre": at,
        "command_centre_starts": (*at, "starts"),
        "command_centre_days": (*at, "days"),
        "command_centre_24x7": (*at, "hours_24x7"),
        "command_centre_triage": (*at, "triage"),
        "command_centre_ticketing": (*at, "ticketing"),
        "command_centre_severity_definitions": (*at, "severity_definitions"),
        "command_centre_escalation": (*at, "escalation"),
        "command_centre_missing": (*at, first_missing),
    }
    return values, evidence


def _bau(model: SiteModel) -> tuple[dict[str, object], Evidence]:
    hypercare = model.section("support", "hypercare")
    # National services are run by NHS England; the trust owns only its side of them.
    systems = [
        s
        for s in model.systems
        if s.lifecycle in ("new", "changed")
        and s.category != "national-service"
        and not s.record.get("owner_after_hypercare")
    ]
    interfaces = [
        i
        for i in model.interfaces
        if i.lifecycle in ("new", "changed", "rerouted")
        and not i.record.get("owner_after_hypercare")
    ]
    first = systems[0].record if systems else interfaces[0].record if interfaces else None
    values: dict[str, object] = {
        "hypercare_weeks": hypercare.get("weeks") or 0,
        "hypercare_taper_plan": bool(hypercare.get("taper_plan")),
        "systems_without_bau_owner": [s.id for s in systems],
        "interfaces_without_bau_owner": [i.id for i in interfaces],
    }
    evidence: Evidence = {
        "hypercare_weeks": ("support", "hypercare", "weeks"),
        "hypercare_taper_plan": ("support", "hypercare", "taper_plan"),
    }
    at = first.path if first is not None else ("support", "hypercare", "taper_plan")
    evidence["systems_without_bau_owner"] = at
    evidence["interfaces_without_bau_owner"] = at
    return values, evidence


def _contention(model: SiteModel) -> tuple[dict[str, object], Evidence]:
    support = model.section("support")
    others = model.records("support", "other_go_lives")
    dated = [(parse_date(r.get("date")), r) for r in others]
    gaps = [(abs((day - model.site.go_live).days), day, r) for day, r in dated if day is not None]
    nearest = min(gaps, key=lambda g: g[0], default=None)
    values: dict[str, object] = {
        "support_team": support.get("team"),
        "other_go_lives": len(others),
        "nearest_other_go_live": nearest[1] if nearest else None,
        "nearest_other_go_live_site": nearest[2].get("site") if nearest else None,
        "nearest_other_go_live_days": nearest[0] if nearest else 0,
    }
    evidence: Evidence = {"support_team": ("support", "team")}
    if nearest is not None:
        path = (*nearest[2].path, "date")
        for name in ("nearest_other_go_live", "nearest_other_go_live_days", "other_go_lives"):
            evidence[name] = path
        evidence["nearest_other_go_live_site"] = (*nearest[2].path, "site")
    return values, evidence


def _anchored(model: SiteModel, evidence: Evidence) -> Evidence:
    """Evidence in a section the site does not write points at the site, not at no line."""
    return {
        name: path if (path[0],) in model.source.values else ("site",)
        for name, path in evidence.items()
    }


def _support_site(model: SiteModel, clock: Clock) -> tuple[dict[str, object], Evidence]:
    values: dict[str, object] = {}
    evidence: Evidence = {}
    for part in (_command_centre, _bau, _contention):
        part_values, part_evidence = part(model)
        values.update(part_values)
        evidence.update(part_evidence)
    return values, _anchored(model, evidence)


CUTOVER_FIELDS: dict[str, Field] = {
    "cutover_tasks": Field("number", "Tasks in the cutover plan."),
    "cutover_tasks_without_owner": Field("strings", "Cutover tasks with no owner."),
    "cutover_tasks_without_predecessors": Field(
        "strings", "Cutover tasks after the first with no predecessors."
    ),
    "cutover_checkpoints": Field("number", "Go/no-go checkpoints in the plan."),
    "cutover_checkpoints_without_criteria": Field(
        "strings", "Go/no-go checkpoints with no criteria written."
    ),
    "back_out_point": Field("boolean", "A back-out point (the last moment to roll back) is set."),
    "back_out_criteria": Field("boolean", "Criteria for backing out are written."),
    "backload_planned": Field("boolean", "Backloading of downtime activity is planned."),
    "activity_reduction_planned": Field("boolean", "Clinical activity reduction is planned."),
    "cutover_gaps": Field("strings", "What the cutover plan lacks, in words."),
}


def _cutover_gaps(values: Mapping[str, object]) -> list[tuple[str, str]]:
    """(gap in words, the values key whose position shows it)."""
    gaps: list[tuple[str, str]] = []
    if not values["cutover_tasks"]:
        gaps.append(("no tasks", "cutover_tasks"))
    for key, words in (
        ("cutover_tasks_without_owner", "task(s) without an owner"),
        ("cutover_tasks_without_predecessors", "task(s) without predecessors"),
    ):
        names = values[key]
        assert isinstance(names, list)
        if names:
            gaps.append((f"{len(names)} {words} ({', '.join(names)})", key))
    if not values["cutover_checkpoints"]:
        gaps.append(("no go/no-go checkpoint", "cutover_checkpoints"))
    for key, words in (
        ("back_out_point", "no back-out point"),
        ("back_out_criteria", "no back-out criteria"),
        ("backload_planned", "backload not planned"),
        ("activity_reduction_planned", "activity reduction not planned"),
    ):
        if not values[key]:
            gaps.append((words, key))
    return gaps


def _cutover_site(model: SiteModel, clock: Clock) -> tuple[dict[str, object], Evidence]:
    cutover = model.section("cutover")
    tasks = model.records("cutover", "tasks")
    checkpoints = model.records("cutover", "checkpoints")
    back_out = cutover.get("back_out") or {}
    no_owner = [t for t in tasks if not t.get("owner")]
    # Only the first task may start the plan without a predecessor.
    no_predecessors = [t for t in tasks[1:] if not t.get("predecessors")]
    values: dict[str, object] = {
        "cutover_tasks": len(tasks),
        "cutover_tasks_without_owner": [t.get("id") for t in no_owner],
        "cutover_tasks_without_predecessors": [t.get("id") for t in no_predecessors],
        "cutover_checkpoints": len(checkpoints),
        "cutover_checkpoints_without_criteria": [
            c.get("name") for c in checkpoints if not c.get("criteria")
        ],
        "back_out_point": bool(back_out.get("point")),
        "back_out_criteria": bool(back_out.get("criteria")),
        "backload_planned": bool(cutover.get("backload_planned")),
        "activity_reduction_planned": bool(cutover.get("activity_reduction_planned")),
    }
    evidence: Evidence = {
        "cutover_tasks": ("cutover", "tasks"),
        "cutover_tasks_without_owner": no_owner[0].path if no_owner else ("cutover", "tasks"),
        "cutover_tasks_without_predecessors": (
            no_predecessors[0].path if no_predecessors else ("cutover", "tasks")
        ),
        "cutover_checkpoints": ("cutover", "checkpoints"),
        "back_out_point": ("cutover", "back_out", "point"),
        "back_out_criteria": ("cutover", "back_out", "criteria"),
        "backload_planned": ("cutover", "backload_planned"),
        "activity_reduction_planned": ("cutover", "activity_reduction_planned"),
    }
    gaps = _cutover_gaps(values)
    values["cutover_gaps"] = [words for words, _key in gaps]
    evidence["cutover_gaps"] = evidence[gaps[0][1]] if gaps else ("cutover",)
    return values, _anchored(model, evidence)


SITE_PARTS: tuple[SitePart, ...] = (
    (SUPPORT_SITE_FIELDS, _support_site),
    (CUTOVER_FIELDS, _cutover_site),
)

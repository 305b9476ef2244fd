"""Facts for the resourcing rules: go-live support per area, command centre and hypercare."""

from __future__ import annotations

import math

from readiness.clock import Clock
from readiness.facts.base import (
    NATIONAL,
    Evidence,
    FactItem,
    Kind,
    SitePart,
    SiteValues,
    count,
    item_from_record,
)
from readiness.fields import Field
from readiness.model import Record, SiteModel, parse_date
from readiness.owners import owner_text
from readiness.problems import DataPath

# The shifts a 24x7 area runs when its support entry does not list them.
ROUND_THE_CLOCK = ("days", "evenings", "nights", "weekends")
DAYS_ONLY = ("days",)

_FINDING = "a shift without it is listed here: absence is the finding itself"

SUPPORT_FIELDS: dict[str, Field] = {
    "area": Field("string", "The area supported.", source="area"),
    "users": Field("number", "Users in the area.", source="users"),
    "super_users": Field("number", "Super users in the area.", source="super_users"),
    "floorwalkers_per_shift": Field(
        "number", "Floorwalkers on each shift on day one.", source="floorwalkers_per_shift"
    ),
    "wards": Field(
        "number", "Wards or comparable units the area's floorwalkers cover.", source="wards"
    ),
    "shifts_run": Field(
        "strings",
        "Shifts the area runs (all four when unstated, days only on a site stated not 24x7).",
        source=("shifts_run", "/site.runs_24x7"),
        absent="unless stated, the area runs every shift (the stricter reading), or days only "
        "where the site states it does not run 24x7",
    ),
    "shifts_covered": Field(
        "strings",
        "Shifts the go-live support covers.",
        source="shifts_covered",
        absent="absent means support covers no shift: every shift run is uncovered",
    ),
    "shifts_uncovered": Field(
        "strings",
        "Shifts the area runs that support does not cover.",
        source=("shifts_run", "shifts_covered", "/site.runs_24x7"),
        absent=_FINDING,
    ),
    "shifts_without_cover_figures": Field(
        "strings",
        "Shifts the area runs with no super-user cover figures stated for them.",
        source=("shift_cover[].shift", "shifts_run", "/site.runs_24x7"),
        absent=_FINDING,
    ),
    "thinnest_shift": Field(
        "string",
        "The shift with the fewest super users per user on duty.",
        source="shift_cover[].shift",
        absent="descriptive: names the shift in the message",
    ),
    "thinnest_shift_users": Field(
        "number", "Users on duty on the thinnest shift.", source="shift_cover[].users"
    ),
    "thinnest_shift_super_users": Field(
        "number", "Super users rostered on the thinnest shift.", source="shift_cover[].super_users"
    ),
}


def _support_item(model: SiteModel, record: Record, site_24x7: bool) -> FactItem:
    stated = record.get("shifts_run")
    run = list(stated or (ROUND_THE_CLOCK if site_24x7 else DAYS_ONLY))
    covered = list(record.get("shifts_covered") or ())
    values: dict[str, object] = {
        "area": record.get("area"),
        "users": record.get("users"),
        "super_users": record.get("super_users"),
        "floorwalkers_per_shift": record.get("floorwalkers_per_shift"),
        "wards": record.get("wards"),
        "shifts_run": run,
        "shifts_covered": covered,
        "shifts_uncovered": [s for s in run if s not in covered],
        **_shift_cover(record, run),
    }
    evidence: dict[str, str | DataPath] = {
        "shifts_uncovered": "shifts_covered",
        "shifts_without_cover_figures": "shift_cover",
    }
    thinnest = values["thinnest_shift"]
    for index, entry in enumerate(record.get("shift_cover") or ()):
        if isinstance(entry, dict) and entry.get("shift") == thinnest:
            for name in ("thinnest_shift", "thinnest_shift_users", "thinnest_shift_super_users"):
                evidence[name] = (*record.path, "shift_cover", index, "super_users")
            break
    return item_from_record(model, "support_areas", record.get("area"), record, values, evidence)


def _shift_cover(record: Record, run: list[str]) -> dict[str, object]:
    """The shifts run without cover figures, and the thinnest shift's figures (None if none)."""
    figures = {
        entry.get("shift"): (count(entry.get("users")), count(entry.get("super_users")))
        for entry in record.get("shift_cover") or ()
        if isinstance(entry, dict)
    }
    # A shift with nobody on duty needs no super user: it is never the thinnest.
    judged = [
        (figures[s][1] / figures[s][0] if figures[s][0] else math.inf, s)
        for s in run
        if s in figures
    ]
    # Ties keep the order the area runs its shifts in, so the finding is stable.
    thinnest = min(judged, key=lambda j: j[0], default=None)
    shift = thinnest[1] if thinnest else None
    return {
        "shifts_without_cover_figures": [s for s in run if s not in figures],
        "thinnest_shift": shift,
        "thinnest_shift_users": figures[shift][0] if shift else None,
        "thinnest_shift_super_users": figures[shift][1] if shift else None,
    }


def _support_areas(model: SiteModel, clock: Clock) -> list[FactItem]:
    # Only a site stated not to run 24x7 has areas that run days alone by default.
    site_24x7 = model.site.record.get("runs_24x7") is not False
    return [_support_item(model, r, site_24x7) for r in model.records("support", "areas")]


COMMAND_CENTRE_NEEDS = {
    "hours_24x7": "24x7 hours",
    "triage": "triage",
    "ticketing": "ticketing",
    "severity_definitions": "severity definitions",
    "escalation": "escalation",
}

_CENTRE = "support.command_centre"
_NO_OWNER = "a system or interface without an owner is listed here: absence is the finding itself"

SUPPORT_SITE_FIELDS: dict[str, Field] = {
    "command_centre": Field("boolean", "A command centre is planned.", source=_CENTRE),
    "command_centre_starts": Field(
        "date", "When the command centre opens.", source=f"{_CENTRE}.starts"
    ),
    "command_centre_days": Field(
        "number", "Days the command centre runs.", source=f"{_CENTRE}.days"
    ),
    **{
        f"command_centre_{key.removeprefix('hours_')}": Field(
            "boolean", description, source=f"{_CENTRE}.{key}"
        )
        for key, description in (
            ("hours_24x7", "The command centre runs 24x7."),
            ("triage", "It triages calls."),
            ("ticketing", "It logs calls in a ticketing system."),
            ("severity_definitions", "Incident severities are defined."),
            ("escalation", "An escalation route is defined."),
        )
    },
    "command_centre_missing": Field(
        "strings",
        "What the command centre lacks of 24x7 hours, triage, ticketing, ...",
        source=_CENTRE,
        absent="derived from the command centre's fields, which carry the evidence",
    ),
    "hypercare_weeks": Field("number", "Weeks of hypercare.", source="support.hypercare.weeks"),
    "hypercare_taper_plan": Field(
        "boolean", "A hypercare taper plan exists.", source="support.hypercare.taper_plan"
    ),
    "systems_without_bau_owner": Field(
        "strings",
        "New or changed systems (national services aside) with no owner after hypercare.",
        source=("systems[].owner_after_hypercare", "systems[].lifecycle", "systems[].category"),
        absent=_NO_OWNER,
    ),
    "interfaces_without_bau_owner": Field(
        "strings",
        "New, changed or rerouted interfaces with no owner after hypercare.",
        source=("interfaces[].owner_after_hypercare", "interfaces[].lifecycle"),
        absent=_NO_OWNER,
    ),
    "site_users": Field("number", "Staff who will use the new system.", source="site.users"),
    "areas_covering_nights": Field(
        "strings",
        "Support areas that run nights with go-live support covering them (no area listed: "
        "not stated).",
        source=("support.areas[].shifts_run", "support.areas[].shifts_covered"),
    ),
    "support_area_users": Field(
        "number",
        "Users across the support areas (none listed: not stated).",
        source="support.areas[].users",
    ),
    "support_team": Field("string", "The support team.", source="support.team"),
    "other_go_lives": Field(
        "number",
        "Other go-lives the same support team is committed to (an empty list states none).",
        source="support.other_go_lives",
    ),
    "nearest_other_go_live": Field(
        "date", "The other go-live closest to this one.", source="support.other_go_lives[].date"
    ),
    "nearest_other_go_live_site": Field(
        "string",
        "The site of that other go-live.",
        source="support.other_go_lives[].site",
        absent="descriptive: names the site in the message",
    ),
    "nearest_other_go_live_days": Field(
        "number",
        "Days between that other go-live and this one, either way.",
        source="support.other_go_lives[].date",
    ),
}


def _command_centre(model: SiteModel) -> SiteValues:
    centre = model.section("support", "command_centre")
    at = ("support", "command_centre")
    missing = [label for key, label in COMMAND_CENTRE_NEEDS.items() if not centre.get(key)]
    first_missing = next((k for k in COMMAND_CENTRE_NEEDS if not centre.get(k)), "days")
    values: dict[str, object] = {
        "command_centre": True if centre.fields else None,
        "command_centre_starts": parse_date(centre.get("starts")),
        "command_centre_days": centre.get("days"),
        "command_centre_24x7": centre.get("hours_24x7"),
        "command_centre_triage": centre.get("triage"),
        "command_centre_ticketing": centre.get("ticketing"),
        "command_centre_severity_definitions": centre.get("severity_definitions"),
        "command_centre_escalation": centre.get("escalation"),
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


def _bau(model: SiteModel) -> SiteValues:
    hypercare = model.section("support", "hypercare")
    # National services are run by NHS England; the trust owns only its side of them.
    systems = [
        s
        for s in model.systems
        if s.lifecycle in ("new", "changed")
        and s.category != NATIONAL
        and owner_text(s.record.get("owner_after_hypercare")) is None
    ]
    interfaces = [
        i
        for i in model.interfaces
        if i.lifecycle in ("new", "changed", "rerouted")
        and owner_text(i.record.get("owner_after_hypercare")) is None
    ]
    first = systems[0].record if systems else interfaces[0].record if interfaces else None
    values: dict[str, object] = {
        "hypercare_weeks": hypercare.get("weeks"),
        "hypercare_taper_plan": hypercare.get("taper_plan"),
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


def _contention(model: SiteModel) -> SiteValues:
    support = model.section("support")
    others = model.records("support", "other_go_lives")
    # An empty list states that the team has no other go-live; no list states nothing.
    stated = isinstance(support.get("other_go_lives"), list)
    dated = [(parse_date(r.get("date")), r) for r in others]
    gaps = [(abs((day - model.site.go_live).days), day, r) for day, r in dated if day is not None]
    nearest = min(gaps, key=lambda g: g[0], default=None)
    values: dict[str, object] = {
        "support_team": support.get("team"),
        "other_go_lives": len(others) if stated else None,
        "nearest_other_go_live": nearest[1] if nearest else None,
        "nearest_other_go_live_site": nearest[2].get("site") if nearest else None,
        "nearest_other_go_live_days": nearest[0] if nearest else None,
    }
    evidence: Evidence = {
        "support_team": ("support", "team"),
        "other_go_lives": ("support", "other_go_lives"),
    }
    if nearest is not None:
        path = (*nearest[2].path, "date")
        for name in ("nearest_other_go_live", "nearest_other_go_live_days", "other_go_lives"):
            evidence[name] = path
        evidence["nearest_other_go_live_site"] = (*nearest[2].path, "site")
    return values, evidence


def _nights(areas: list[Record], site_24x7: bool) -> list[str] | None:
    """Areas that run nights and whose support covers them; None when no area is listed."""
    if not areas:
        return None
    default = ROUND_THE_CLOCK if site_24x7 else DAYS_ONLY
    return [
        str(a.get("area"))
        for a in areas
        if "nights" in (a.get("shifts_run") or default)
        and "nights" in (a.get("shifts_covered") or ())
    ]


def _users(model: SiteModel) -> SiteValues:
    areas = model.records("support", "areas")
    site_24x7 = model.site.record.get("runs_24x7") is not False
    values: dict[str, object] = {
        # A site open around the clock needs some area whose night shift support covers.
        "areas_covering_nights": _nights(areas, site_24x7),
        "site_users": model.site.record.get("users"),
        # The schema requires each area's users; with no area listed nothing is stated.
        "support_area_users": sum(count(a.get("users")) for a in areas) if areas else None,
    }
    evidence: Evidence = {
        "site_users": ("site", "users"),
        "support_area_users": ("support", "areas"),
        "areas_covering_nights": ("support", "areas"),
    }
    return values, evidence


def _support_site(model: SiteModel, clock: Clock) -> SiteValues:
    values: dict[str, object] = {}
    evidence: Evidence = {}
    for part in (_command_centre, _bau, _contention, _users):
        part_values, part_evidence = part(model)
        values.update(part_values)
        evidence.update(part_evidence)
    return values, evidence


SUPPORT_AREAS = Kind(
    "support_areas",
    "Go-live support per area (super users, shifts).",
    SUPPORT_FIELDS,
    _support_areas,
    base=("support.areas[]",),
)

SITE_PART = SitePart(SUPPORT_SITE_FIELDS, _support_site)

"""Facts about the site as a whole: one item, targeted by the site's id."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from readiness.clock import Clock
from readiness.facts.base import Evidence, FactItem, Kind, SitePart, SiteValues, located
from readiness.fields import Field
from readiness.model import SiteModel, parse_date
from readiness.problems import DataPath, Location, describe_path
from readiness.references import walk

# Without these the rules have nothing to judge, and silence must not read as a pass. A section
# written empty (`defects: []`) is a statement that there is none; an absent one is not.
REQUIRED_SECTIONS = (
    "systems",
    "interfaces",
    "workflows",
    "staff_cohorts",
    "training",
    "support",
    "clinical_safety",
    "hazards",
    "patient_identification",
    "test_campaigns",
    "defects",
    "data_migration",
    "downtime",
    "cutover",
    "infrastructure",
    "governance",
    "raid",
)


# What no go-live can do without: written empty, these are a gap, not a statement of none.
NON_EMPTY: tuple[tuple[str, ...], ...] = (
    ("systems",),
    ("workflows",),
    ("staff_cohorts",),
    ("hazards",),
    ("test_campaigns",),
    ("downtime",),
    ("training", "curricula"),
    ("support", "areas"),
    ("infrastructure", "areas"),
)


def missing_sections(data: Mapping[str, object]) -> list[str]:
    """Required sections not written at all, and essential lists written empty."""
    missing = [s for s in REQUIRED_SECTIONS if s not in data]
    for path in NON_EMPTY:
        if path[0] not in data:
            continue
        value: object = data
        for part in path:
            value = value.get(part) if isinstance(value, Mapping) else None
        if not value:
            missing.append(f"{'.'.join(path)} (empty)")
    return missing


# Dates that record work as done, with the condition (field, values) under which they do.
DONE_DATES: tuple[tuple[tuple[str, ...], str, tuple[str, tuple[str, ...]] | None], ...] = (
    (("clinical_safety", "safety_case"), "signed_on", None),
    (("clinical_safety", "safety_case"), "re_signed_on", None),
    (("clinical_safety", "risk_management_plan"), "approved_on", None),
    (("hazards", "*"), "updated_on", None),
    (("defects", "*"), "fixed_on", None),
    (("defects", "*", "severity_history", "*"), "date", None),
    (("workflows", "*"), "walked_through_on", None),
    (("workflows", "*", "build"), "signed_off_on", None),
    (("interfaces", "*", "tests"), "last_tested", None),
    (("interfaces", "*", "mapping"), "signed_off_on", None),
    (("interfaces", "*", "national_assurance"), "completed_on", None),
    (("systems", "*", "dtac"), "assessed_on", None),
    (("systems", "*", "resilience", "disaster_recovery"), "tested_on", None),
    (("staff_cohorts", "*"), "training_completed_on", None),
    (("test_campaigns", "*"), "date", ("result", ("passed", "failed"))),
    (("data_migration", "trial_loads", "*"), "date", None),
    (("downtime", "*"), "last_drill", None),
    (("cutover", "rehearsals", "*"), "date", None),
    (("governance", "sign_offs", "*"), "signed_on", None),
    (("governance", "communications", "*"), "last_sent", None),
    (("governance", "assurance_reviews", "*"), "date", None),
    (("governance", "risk_acceptance"), "accepted_on", None),
    (("governance", "decision"), "meeting_on", ("decision", ("go", "conditional", "no-go"))),
    (("infrastructure", "areas", "*"), "wifi_survey_on", None),
    (("infrastructure", "load_test"), "tested_on", None),
    (("systems", "*", "resilience", "backups"), "restore_tested_on", None),
)


def future_evidence(data: Mapping[str, object], as_of: dt.date) -> list[tuple[DataPath, str]]:
    """Work recorded as done (signed, passed, sent) on a date that has not come yet."""
    found: list[tuple[DataPath, str]] = []
    for pattern, name, only_when in DONE_DATES:
        for path, item in walk(data, pattern):
            if not isinstance(item, dict) or not isinstance(item.get(name), str):
                continue
            if only_when is not None and item.get(only_when[0]) not in only_when[1]:
                continue
            day = parse_date(item[name])
            if day is not None and day > as_of:
                found.append(((*path, name), item[name]))
    return found


def _done_date_paths() -> tuple[str, ...]:
    """Every schema path DONE_DATES reads, as dotted sources (`*` is each item: `[]`)."""
    paths = []
    for pattern, name, only_when in DONE_DATES:
        dotted = ".".join(pattern).replace(".*", "[]")
        paths.append(f"{dotted}.{name}")
        if only_when is not None:
            paths.append(f"{dotted}.{only_when[0]}")
    return tuple(dict.fromkeys(paths))


_STRICTER_BIG_BANG = (
    "unless the approach is stated, the go-live is judged as big bang (the stricter reading: "
    "rules weigh heavier for it)"
)

BASE_FIELDS: dict[str, Field] = {
    "id": Field("string", "The site's id.", source="site.id"),
    "name": Field("string", "The site's name.", source="site.name", absent="a label"),
    "organisation_type": Field(
        "string",
        "acute, community, mental-health, specialist...",
        source="site.organisation_type",
        absent="descriptive: no rule weighs the type of organisation",
    ),
    "approach": Field(
        "string",
        "big-bang, phased or pilot-then-waves.",
        source="site.approach",
        absent=_STRICTER_BIG_BANG,
    ),
    "big_bang": Field(
        "boolean",
        "The go-live is big bang (also when the approach is not stated).",
        source="site.approach",
        absent=_STRICTER_BIG_BANG,
    ),
    "runs_24x7": Field(
        "boolean",
        "The site runs around the clock (unless stated otherwise).",
        source="site.runs_24x7",
        absent="unless stated otherwise a site runs around the clock (the stricter reading: "
        "its areas run every shift)",
    ),
    "days_to_go_live": Field(
        "number", "Days from the as-of date to go-live.", source="site.go_live"
    ),
    "release_version": Field(
        "string", "The release being deployed.", source="site.release_version"
    ),
    "future_evidence": Field(
        "strings",
        "Work recorded as done on a date after the as-of date, as `path (date)`.",
        source=_done_date_paths(),
        absent="a date not written is not in the future; each rule judges its own dates",
    ),
    "missing_sections": Field(
        "strings",
        "Sections the assessment needs that no file writes, and essential lists written empty.",
        absent="a section not written is listed here: absence is the finding itself",
    ),
}


def _base(model: SiteModel, clock: Clock) -> SiteValues:
    site = model.site.record
    future = future_evidence(model.source.data, clock.as_of)
    values: dict[str, object] = {
        "id": model.site.id,
        "name": model.site.name,
        "organisation_type": site.get("organisation_type"),
        "approach": model.site.approach,
        "big_bang": model.site.approach in (None, "big-bang"),
        "runs_24x7": site.get("runs_24x7") is not False,
        "days_to_go_live": (clock.go_live - clock.as_of).days,
        "release_version": model.site.release_version,
        "missing_sections": missing_sections(model.source.data),
        "future_evidence": [f"{describe_path(p)} ({d})" for p, d in future],
    }
    evidence: Evidence = {
        "big_bang": ("site", "approach"),
        "days_to_go_live": ("site", "go_live"),
    }
    if future:
        evidence["future_evidence"] = [path for path, _day in future]
    return values, evidence


def site_kind(parts: tuple[SitePart, ...]) -> Kind:
    """The `site` kind: the site's own fields, then each part's, in the order given."""
    every = (SitePart(BASE_FIELDS, _base), *parts)
    fields: dict[str, Field] = {}
    for part in every:
        fields.update(part.fields)

    def build(model: SiteModel, clock: Clock) -> list[FactItem]:
        values: dict[str, object] = {}
        locations = dict(model.site.record.field_locations)
        entries: dict[str, tuple[Location, ...]] = {}
        for part in every:
            part_values, evidence = part.build(model, clock)
            values.update(part_values)
            for name, path in evidence.items():
                if isinstance(path, list):  # one path per entry: the field is at its first
                    entries[name] = tuple(located(model, p) for p in path)
                    locations.update({name: entries[name][0]} if path else {})
                else:
                    locations[name] = located(model, path)
        site = model.site.record
        return [
            FactItem(
                "site", model.site.id, values, site.location, locations, entry_locations=entries
            )
        ]

    return Kind("site", "The site as a whole (one item).", fields, build)

"""Facts for the area rules: each clinical area that staff cohorts or workflows name, and the
support, downtime and infrastructure records that equip it."""

from __future__ import annotations

from dataclasses import dataclass, field

from readiness.clock import Clock
from readiness.facts.base import FactItem, Kind, located, stated_count, texts
from readiness.fields import Field
from readiness.model import Record, SiteModel, Workflow, parse_date
from readiness.problems import Location

# The records an area needs, by the name a finding gives them, and where each list is written.
AREA_RECORDS: dict[str, tuple[str, ...]] = {
    "infrastructure": ("infrastructure", "areas"),
    "support": ("support", "areas"),
    "downtime": ("downtime",),
}

AREA_FIELDS: dict[str, Field] = {
    "area": Field(
        "string",
        "The area, as cohorts and workflows name it.",
        source=(
            "staff_cohorts[].area",
            "staff_cohorts[].areas",
            "workflows[].clinical_area",
            "workflows[].areas",
        ),
        absent="the area is the item's name: an item exists only because something names it",
    ),
    "cohorts": Field(
        "strings",
        "Staff cohorts working in the area.",
        source=("staff_cohorts[].area", "staff_cohorts[].areas"),
        absent="absent means no cohort works there: the list is empty",
    ),
    "workflows": Field(
        "strings",
        "In-scope workflows that run in the area.",
        source=("workflows[].clinical_area", "workflows[].areas"),
        absent="absent means no workflow runs there: the list is empty",
    ),
    "critical_workflows": Field(
        "strings",
        "In-scope workflows rated critical that run in the area.",
        source=("workflows[].criticality", "workflows[].clinical_area", "workflows[].areas"),
        absent="absent means no critical workflow runs there: the list is empty",
    ),
    "records_missing": Field(
        "strings",
        "Records the area lacks of infrastructure, support and downtime.",
        # Evidence: the records themselves; an area without one lists it here and fails.
        source=("infrastructure.areas[]", "support.areas[]", "downtime[]"),
    ),
    "big_bang": Field(
        "boolean",
        "The site goes live big bang (also when the approach is not stated).",
        source="site.approach",
        absent="unless the approach is stated, the go-live is judged as big bang (the stricter "
        "reading)",
    ),
    "last_drill": Field(
        "date", "The area's last downtime drill (downtime record).", source="downtime[].last_drill"
    ),
    "drill_days_before_go_live": Field(
        "number",
        "Days from the last downtime drill to go-live.",
        source="downtime[].last_drill",
    ),
    "drill_open_issues": Field(
        "number",
        "Issues the last downtime drill raised that are still open.",
        source="downtime[].last_drill_open_issues",
    ),
}


def area_names(record: Record, single: str) -> list[str]:
    """The areas a cohort or workflow names: its `areas` list, else its one area."""
    listed = texts(record.get("areas"))
    if listed:
        return listed
    name = record.get(single)
    return [name] if isinstance(name, str) and name else []


@dataclass
class AreaUse:
    """Who names an area, gathered while walking the cohorts and workflows."""

    cohorts: list[str] = field(default_factory=list)
    workflows: list[str] = field(default_factory=list)
    critical: list[str] = field(default_factory=list)
    first: Record | None = None


def _live(workflow: Workflow) -> bool:
    return workflow.in_scope and workflow.record.get("change") != "retired"


def clinical_areas(model: SiteModel) -> dict[str, AreaUse]:
    """Every area a staff cohort or an in-scope workflow names, in the order first named."""
    areas: dict[str, AreaUse] = {}
    for record in model.records("staff_cohorts"):
        for name in area_names(record, "area"):
            use = areas.setdefault(name, AreaUse(first=record))
            use.cohorts.append(str(record.get("id")))
    for workflow in filter(_live, model.workflows):
        for name in area_names(workflow.record, "clinical_area"):
            use = areas.setdefault(name, AreaUse(first=workflow.record))
            use.workflows.append(workflow.id)
            if workflow.critical:
                use.critical.append(workflow.id)
    return areas


def area_records(model: SiteModel, section: tuple[str, ...]) -> dict[str, Record]:
    """The records of one area list by area name (the first, when an area is written twice)."""
    found: dict[str, Record] = {}
    for record in model.records(*section):
        name = record.get("area")
        if isinstance(name, str):
            found.setdefault(name, record)
    return found


def _area_item(
    model: SiteModel, clock: Clock, name: str, use: AreaUse, records: dict[str, dict[str, Record]]
) -> FactItem:
    downtime = records["downtime"].get(name)
    drill = parse_date(downtime.get("last_drill")) if downtime else None
    issues = downtime.get("last_drill_open_issues") if downtime else None
    values: dict[str, object] = {
        "area": name,
        "cohorts": use.cohorts,
        "workflows": use.workflows,
        "critical_workflows": use.critical,
        "records_missing": [kind for kind, table in records.items() if name not in table],
        "big_bang": model.site.approach in (None, "big-bang"),
        "last_drill": drill,
        "drill_days_before_go_live": None if drill is None else (clock.go_live - drill).days,
        "drill_open_issues": stated_count(issues),
    }
    assert use.first is not None
    location = use.first.location
    locations: dict[str, Location] = {"big_bang": located(model, ("site", "approach"))}
    if downtime is not None:
        for fact, key in (
            ("last_drill", "last_drill"),
            ("drill_days_before_go_live", "last_drill"),
            ("drill_open_issues", "last_drill_open_issues"),
        ):
            locations[fact] = downtime.field_locations.get(key, downtime.location)
    # The area is gathered from records all over the site: its sources are paths from the root.
    return FactItem("clinical_areas", name, values, location, locations, None, ())


def _clinical_areas(model: SiteModel, clock: Clock) -> list[FactItem]:
    records = {kind: area_records(model, section) for kind, section in AREA_RECORDS.items()}
    return [
        _area_item(model, clock, name, use, records) for name, use in clinical_areas(model).items()
    ]


CLINICAL_AREAS = Kind(
    "clinical_areas",
    "Clinical areas that cohorts or in-scope workflows name, with the records equipping them.",
    AREA_FIELDS,
    _clinical_areas,
    base=("",),
)

"""Facts for the currency of the safety case: each dated change the report should cover.

A build sign-off, a mapping change, a hazard update or a defect fix dated after the CSO
signed the safety case report is not covered by it until the CSO re-signs (DCB0160 7.1.1).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from readiness.clock import Clock
from readiness.facts.base import FactItem, Kind, item_from_record, texts
from readiness.facts.safety_case import SAFETY_SITE_FIELDS, case_dates
from readiness.fields import Field
from readiness.model import Record, SiteModel, parse_date

# What decides whether a change touches a critical workflow or a life-critical system: the
# ratings, and what each kind of change names (a build its steps' systems, a mapping its
# interface's ends and the workflows crossing it, a hazard or a fixed defect what it links).
_TOUCHES = (
    "/systems[].criticality",
    "/workflows[].criticality",
    "/workflows[].steps[].interface",
    "steps[].system",
    "source",
    "target",
    "workflows",
    "systems",
    "interfaces",
    "system",
    "hazard",
)

CHANGE_FIELDS: dict[str, Field] = {
    "id": Field("string", "The changed item's id.", absent="an identifier"),
    "name": Field("string", "What changed, in words.", absent="a name for messages"),
    "change": Field(
        "string",
        "workflow build sign-off, interface mapping change, hazard update or defect fix.",
        absent="a label for messages",
    ),
    "changed_on": Field(
        "date",
        "When the change was made (a build's sign-off, a mapping's last change, a hazard's "
        "update, a defect's fix).",
        absent="shown in messages; the field of the item's own kind of change is the evidence",
    ),
    **{
        name: Field("date", description, source=source)
        for name, description, source in (
            ("build_signed_off_on", "A workflow build's sign-off.", "build.signed_off_on"),
            (
                "mapping_changed_on",
                "A mapping's last change (its sign-off when no change is dated).",
                ("mapping.changed_on", "mapping.signed_off_on"),
            ),
            ("hazard_updated_on", "A hazard entry's last update.", "updated_on"),
            ("defect_fixed_on", "A resolved or closed defect's fix.", "fixed_on"),
        )
    },
    "critical": Field(
        "boolean",
        "The change touches a critical workflow or a life-critical system.",
        source=_TOUCHES,
        absent="derived from the workflow's and systems' ratings, which the schema requires",
    ),
    "touches": Field(
        "strings",
        "The critical workflows and life-critical systems the change touches.",
        source=_TOUCHES,
        absent="derived from the ratings; empty means it touches none",
    ),
    "case_signed_on": SAFETY_SITE_FIELDS["safety_case_signed_on"].from_root(),
    "case_current_on": SAFETY_SITE_FIELDS["safety_case_current_on"].from_root(),
    "covered_by_case": Field(
        "boolean",
        "The change is dated on or before the report's signature or the CSO's later re-signature.",
        source="/clinical_safety.safety_case",
        absent="derived from the change's own date and the report's dates, which are the evidence",
    ),
}


# The evidence field of each kind of change.
_DATE_FIELDS = {
    "workflow build sign-off": "build_signed_off_on",
    "interface mapping change": "mapping_changed_on",
    "hazard update": "hazard_updated_on",
    "defect fix": "defect_fixed_on",
}


class _Context:
    """What deciding whether a change is critical needs: ratings by id."""

    def __init__(self, model: SiteModel) -> None:
        self.life_critical = {s.id for s in model.systems if s.criticality == "life-critical"}
        self.critical_workflows = {w.id for w in model.workflows if w.critical}
        self.interface_systems = {i.id: (i.source, i.target) for i in model.interfaces}
        self.crossed_by: dict[str, set[str]] = {}
        for workflow in model.workflows:
            for step in workflow.steps:
                if step.interface is not None and workflow.critical:
                    self.crossed_by.setdefault(step.interface, set()).add(workflow.id)
        self.hazards = {r.get("id"): r for r in model.records("hazards")}

    def of_interfaces(self, ids: Iterable[str]) -> list[str]:
        found: list[str] = []
        for interface in ids:
            ends = self.interface_systems.get(interface, ())
            found += [s for s in ends if s in self.life_critical]
            found += sorted(self.crossed_by.get(interface, ()))
        return found

    def of_hazard(self, record: Record | None) -> list[str]:
        if record is None:
            return []
        found = [w for w in texts(record.get("workflows")) if w in self.critical_workflows]
        found += [s for s in texts(record.get("systems")) if s in self.life_critical]
        return found + self.of_interfaces(texts(record.get("interfaces")))


def _item(
    model: SiteModel,
    record: Record,
    change: tuple[str, str, str],
    changed_on: dt.date | None,
    touches: list[str],
    case: tuple[dt.date | None, dt.date | None],
) -> FactItem:
    item_id, name, what = change
    signed, current = case
    covered = None if changed_on is None or current is None else changed_on <= current
    values: dict[str, object] = {
        "id": item_id,
        "name": name,
        "change": what,
        "changed_on": changed_on,
        # Only the date of the item's own kind of change is stated; the others are not its.
        **{name: changed_on if kind == what else None for kind, name in _DATE_FIELDS.items()},
        "critical": bool(touches),
        "touches": list(dict.fromkeys(touches)),
        "case_signed_on": signed,
        "case_current_on": current,
        "covered_by_case": covered,
    }
    evidence = {_DATE_FIELDS[what]: CHANGE_FIELDS[_DATE_FIELDS[what]].sources[0]}
    return item_from_record(model, "case_changes", item_id, record, values, evidence)


def _changes(model: SiteModel, clock: Clock) -> list[FactItem]:
    context = _Context(model)
    case = case_dates(model)
    items: list[FactItem] = []
    for workflow in model.workflows:
        build = workflow.record.get("build")
        if not workflow.in_scope or workflow.record.get("change") == "retired" or not build:
            continue
        touches = [workflow.id] if workflow.critical else []
        touches += [s.system for s in workflow.steps if s.system in context.life_critical]
        day = parse_date(build.get("signed_off_on"))
        change = (workflow.id, f"{workflow.name} build", "workflow build sign-off")
        items.append(_item(model, workflow.record, change, day, touches, case))
    for interface in model.interfaces:
        mapping = interface.record.get("mapping")
        if not interface.in_service or not isinstance(mapping, dict):
            continue
        day = parse_date(mapping.get("changed_on") or mapping.get("signed_off_on"))
        change = (interface.id, f"{interface.name} mapping", "interface mapping change")
        touches = context.of_interfaces([interface.id])
        items.append(_item(model, interface.record, change, day, touches, case))
    for record in model.records("hazards"):
        day = parse_date(record.get("updated_on"))
        change = (record.get("id"), f"{record.get('id')} {record.get('title')}", "hazard update")
        items.append(_item(model, record, change, day, context.of_hazard(record), case))
    for record in model.records("defects"):
        if record.get("status") not in ("resolved", "closed"):
            continue
        touches = [record.get("system")] if record.get("system") in context.life_critical else []
        touches += context.of_hazard(context.hazards.get(record.get("hazard")))
        day = parse_date(record.get("fixed_on"))
        change = (record.get("id"), f"{record.get('id')} {record.get('title')}", "defect fix")
        items.append(_item(model, record, change, day, touches, case))
    return items


CASE_CHANGES = Kind(
    "case_changes",
    "Dated changes the safety case report must cover: in-scope workflow builds, mappings of "
    "interfaces in service, hazards, and fixed defects.",
    CHANGE_FIELDS,
    _changes,
    base=("workflows[]", "interfaces[]", "hazards[]", "defects[]"),
)

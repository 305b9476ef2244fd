"""Facts for the cutover rules: the cutover plan's tasks, checkpoints, window and back-out."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from readiness.clock import Clock
from readiness.facts.base import Evidence, SitePart, SiteValues
from readiness.fields import Field
from readiness.model import Record, SiteModel, parse_date, stated_text
from readiness.owners import owner_text

_FINDING = "an item without it is listed here: absence is the finding itself"
_DERIVED = "derived from the plan's fields, which carry the evidence"

CUTOVER_FIELDS: dict[str, Field] = {
    "cutover_tasks": Field("number", "Tasks in the cutover plan.", source="cutover.tasks"),
    "cutover_tasks_without_owner": Field(
        "strings", "Cutover tasks with no owner.", source="cutover.tasks[].owner", absent=_FINDING
    ),
    "cutover_tasks_without_predecessors": Field(
        "strings",
        "Cutover tasks after the first with no predecessors.",
        source="cutover.tasks[].predecessors",
        absent=_FINDING,
    ),
    "cutover_checkpoints": Field(
        "number", "Go/no-go checkpoints in the plan.", source="cutover.checkpoints"
    ),
    "cutover_checkpoints_without_criteria": Field(
        "strings",
        "Go/no-go checkpoints with no criteria written.",
        source="cutover.checkpoints[].criteria",
        absent=_FINDING,
    ),
    "cutover_starts": Field(
        "string", "When the cutover window opens (date and time).", source="cutover.starts"
    ),
    "cutover_window_hours": Field(
        "number", "Hours the cutover window lasts.", source="cutover.window_hours"
    ),
    "cutover_outside_window": Field(
        "strings",
        "Tasks, checkpoints and the back-out point not timed inside the cutover window.",
        source=(
            "cutover.tasks[].start",
            "cutover.tasks[].duration_hours",
            "cutover.checkpoints[].at",
            "cutover.back_out.point",
        ),
        absent="an item with no time is listed here: absence is the finding itself",
    ),
    "back_out_point": Field(
        "boolean",
        "A back-out point (the last moment to roll back) is set.",
        source="cutover.back_out.point",
    ),
    "back_out_criteria": Field(
        "boolean", "Criteria for backing out are written.", source="cutover.back_out.criteria"
    ),
    "change_freeze_starts": Field(
        "date", "When the change freeze starts.", source="cutover.change_freeze.starts"
    ),
    "change_freeze_ends": Field(
        "date", "When the change freeze ends.", source="cutover.change_freeze.ends"
    ),
    "backload_planned": Field(
        "boolean",
        "Backloading of downtime activity is planned.",
        source="cutover.backload_planned",
    ),
    "activity_reduction_planned": Field(
        "boolean",
        "Clinical activity reduction is planned.",
        source="cutover.activity_reduction_planned",
    ),
    "cutover_gaps": Field(
        "strings", "What the cutover plan lacks, in words.", source="cutover", absent=_DERIVED
    ),
}


def _cutover_gaps(values: Mapping[str, object], go_live: dt.date) -> list[tuple[str, str]]:
    """(gap in words, the values key whose position shows it)."""
    gaps: list[tuple[str, str]] = []
    starts, ends = values["change_freeze_starts"], values["change_freeze_ends"]
    if isinstance(starts, dt.date) and isinstance(ends, dt.date) and not starts < go_live < ends:
        gaps.append(
            (f"change freeze {starts} to {ends} does not span go-live", "change_freeze_ends")
        )
    if not values["cutover_tasks"]:
        gaps.append(("no tasks", "cutover_tasks"))
    for key, words in (
        ("cutover_tasks_without_owner", "task(s) without an owner"),
        ("cutover_tasks_without_predecessors", "task(s) without predecessors"),
        ("cutover_checkpoints_without_criteria", "checkpoint(s) without criteria"),
        ("cutover_outside_window", "item(s) not timed inside the cutover window"),
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
        ("change_freeze_starts", "no change freeze start"),
        ("change_freeze_ends", "no change freeze end"),
        ("backload_planned", "backload not planned"),
        ("activity_reduction_planned", "activity reduction not planned"),
    ):
        if not values[key]:
            gaps.append((words, key))
    return gaps


def _moment(value: object) -> dt.datetime | None:
    """A schema date-time (`YYYY-MM-DD HH:MM`, or a date: its midnight) as a datetime."""
    if not isinstance(value, str):
        return None
    try:
        return dt.datetime.fromisoformat(value)
    except ValueError:
        return None


def _outside_window(cutover: Record, tasks: list[Record], checkpoints: list[Record]) -> list[str]:
    """Tasks, checkpoints and the back-out point with no time, or timed outside the window."""
    opens = _moment(cutover.get("starts"))
    hours = cutover.get("window_hours")
    if opens is None or not isinstance(hours, int | float):
        return []  # no window to judge against: the window's own fields are not stated
    closes = opens + dt.timedelta(hours=hours)

    def inside(start: object, duration: object = 0) -> bool:
        begins = _moment(start)
        if begins is None or not isinstance(duration, int | float):
            return False
        return opens <= begins and begins + dt.timedelta(hours=duration) <= closes

    found = [str(t.get("id")) for t in tasks if not inside(t.get("start"), t.get("duration_hours"))]
    found += [str(c.get("name")) for c in checkpoints if not inside(c.get("at"))]
    point = (cutover.get("back_out") or {}).get("point")
    if point is not None and not inside(point):
        found.append("back-out point")
    return found


def _cutover_values(
    cutover: Record, tasks: list[Record], checkpoints: list[Record]
) -> dict[str, object]:
    back_out = cutover.get("back_out") or {}
    freeze = cutover.get("change_freeze") or {}
    return {
        "cutover_tasks": len(tasks) if "tasks" in cutover.fields else None,
        "cutover_tasks_without_owner": [
            t.get("id") for t in tasks if owner_text(t.get("owner")) is None
        ],
        # Only the first task may start the plan without a predecessor.
        "cutover_tasks_without_predecessors": [
            t.get("id") for t in tasks[1:] if not t.get("predecessors")
        ],
        "cutover_checkpoints": len(checkpoints) if "checkpoints" in cutover.fields else None,
        "cutover_checkpoints_without_criteria": [
            c.get("name") for c in checkpoints if not stated_text(c.get("criteria"))
        ],
        "cutover_starts": cutover.get("starts"),
        "cutover_window_hours": cutover.get("window_hours"),
        "cutover_outside_window": _outside_window(cutover, tasks, checkpoints),
        "back_out_point": stated_text(back_out.get("point")),
        "back_out_criteria": stated_text(back_out.get("criteria")),
        "change_freeze_starts": parse_date(freeze.get("starts")),
        "change_freeze_ends": parse_date(freeze.get("ends")),
        "backload_planned": cutover.get("backload_planned"),
        "activity_reduction_planned": cutover.get("activity_reduction_planned"),
    }


def _cutover_site(model: SiteModel, clock: Clock) -> SiteValues:
    cutover = model.section("cutover")
    tasks = model.records("cutover", "tasks")
    checkpoints = model.records("cutover", "checkpoints")
    values = _cutover_values(cutover, tasks, checkpoints)
    no_owner = [t for t in tasks if owner_text(t.get("owner")) is None]
    no_predecessors = [t for t in tasks[1:] if not t.get("predecessors")]
    no_criteria = [c for c in checkpoints if not c.get("criteria")]
    evidence: Evidence = {
        "cutover_tasks": ("cutover", "tasks"),
        "cutover_tasks_without_owner": no_owner[0].path if no_owner else ("cutover", "tasks"),
        "cutover_tasks_without_predecessors": (
            no_predecessors[0].path if no_predecessors else ("cutover", "tasks")
        ),
        "cutover_checkpoints": ("cutover", "checkpoints"),
        "cutover_checkpoints_without_criteria": (
            no_criteria[0].path if no_criteria else ("cutover", "checkpoints")
        ),
        "cutover_starts": ("cutover", "starts"),
        "cutover_window_hours": ("cutover", "window_hours"),
        "cutover_outside_window": ("cutover", "window_hours"),
        "back_out_point": ("cutover", "back_out", "point"),
        "back_out_criteria": ("cutover", "back_out", "criteria"),
        "change_freeze_starts": ("cutover", "change_freeze", "starts"),
        "change_freeze_ends": ("cutover", "change_freeze", "ends"),
        "backload_planned": ("cutover", "backload_planned"),
        "activity_reduction_planned": ("cutover", "activity_reduction_planned"),
    }
    gaps = _cutover_gaps(values, clock.go_live)
    values["cutover_gaps"] = [words for words, _key in gaps]
    evidence["cutover_gaps"] = evidence[gaps[0][1]] if gaps else ("cutover",)
    return values, evidence


SITE_PART = SitePart(CUTOVER_FIELDS, _cutover_site)

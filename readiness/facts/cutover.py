"""Facts for the cutover rules: the cutover plan's tasks, checkpoints and back-out."""

from __future__ import annotations

from collections.abc import Mapping

from readiness.clock import Clock
from readiness.facts.base import Evidence, SitePart, SiteValues
from readiness.fields import Field
from readiness.model import SiteModel

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


def _cutover_site(model: SiteModel, clock: Clock) -> SiteValues:
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
    return values, evidence


SITE_PART = SitePart(CUTOVER_FIELDS, _cutover_site)

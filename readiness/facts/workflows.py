"""Facts for the workflow rules: each clinical workflow, its steps, build and results."""

from __future__ import annotations

from readiness.clock import Clock
from readiness.facts.base import HAZARD_LINK_FIELDS, FactItem, Kind, item_from_record, texts
from readiness.facts.testing import campaign_passed
from readiness.fields import Field
from readiness.model import SiteModel, Workflow, parse_date, stated_text
from readiness.owners import owner_text
from readiness.problems import DataPath

_EMPTY_LIST = "absent means none: the list is empty"

# Campaigns that run whole workflows through the integrated systems, not single links.
WORKFLOW_CAMPAIGNS = ("e2e", "uat", "dress-rehearsal")
_FINDING = "a step without it is listed here: absence is the finding itself"

WORKFLOW_FIELDS: dict[str, Field] = {
    "id": Field("string", "The workflow's id.", source="id"),
    "name": Field("string", "The workflow's name.", source="name", absent="a label"),
    "clinical_area": Field(
        "string",
        "The clinical area it runs in.",
        source="clinical_area",
        absent="names the area; the clinical areas kind judges the area's records",
    ),
    "owner": Field("string", "Named owner of the workflow.", source="owner"),
    "criticality": Field("string", "critical, important or routine.", source="criticality"),
    "critical": Field("boolean", "The workflow is rated critical.", source="criticality"),
    "change": Field(
        "string",
        "new, changed, retired or unchanged (empty when not stated).",
        source="change",
        absent="unless stated, the workflow is judged as changed (the stricter reading: its "
        "build needs a sign-off and its walk-through must follow it)",
    ),
    "in_scope": Field(
        "boolean",
        "Part of this go-live (true unless stated otherwise).",
        source="in_scope",
        absent="the schema's default: a workflow is in scope, so it is judged",
    ),
    "walked_through_on": Field(
        "date",
        "Last clinician walk-through in the integrated environment.",
        source="walked_through_on",
    ),
    "walked_through_days_before_go_live": Field(
        "number",
        "Days between the last walk-through and go-live.",
        source="walked_through_on",
    ),
    "build_complete": Field(
        "boolean",
        "The configuration behind the workflow is complete.",
        source="build.complete",
    ),
    "build_signed_off": Field(
        "boolean", "The build is signed off by a named person.", source="build.signed_off_by"
    ),
    "build_signed_off_by": Field(
        "string", "Who signed the build off.", source="build.signed_off_by"
    ),
    "build_signed_off_on": Field(
        "date", "When the build was signed off.", source="build.signed_off_on"
    ),
    "build_items": Field(
        "strings",
        "Templates, order sets, theatre lists...",
        source="build.items",
        absent="descriptive: what the build holds; its completeness is build.complete",
    ),
    "steps": Field("number", "Number of steps.", source="steps"),
    "systems": Field(
        "strings", "Systems the steps use.", source="steps[].system", absent=_EMPTY_LIST
    ),
    "interfaces": Field(
        "strings", "Interfaces the steps cross.", source="steps[].interface", absent=_EMPTY_LIST
    ),
    "changed_steps_without_role": Field(
        "strings",
        "Changed steps (every step of a new workflow) with no responsible role.",
        source=("steps[].role", "steps[].changed", "change"),
        absent=_FINDING,
    ),
    "steps_without_fallback": Field(
        "strings",
        "Steps with no paper or read-only fallback.",
        source="steps[].fallback",
        absent=_FINDING,
    ),
    "hybrid": Field(
        "boolean",
        "Paper and electronic run at once.",
        source="hybrid",
        absent="absent means the workflow does not run on paper and electronically at once",
    ),
    "hybrid_until": Field(
        "date", "When the paper / electronic hybrid ends.", source="hybrid.until"
    ),
    "hybrid_hazard": Field(
        "string", "Hazard log entry covering the hybrid.", source="hybrid.hazard"
    ),
    "reports_results": Field(
        "boolean",
        "The workflow reports results (has a results section).",
        source="results",
        absent="absent means the workflow reports no results",
    ),
    "results_to_ordering_clinician": Field(
        "boolean",
        "Results route to the ordering clinician.",
        source="results.to_ordering_clinician",
    ),
    "results_cover_recipient": Field(
        "boolean", "Results also route to a cover recipient.", source="results.cover_recipient"
    ),
    "critical_results_route": Field(
        "string",
        "Non-electronic route for critical results.",
        source="results.critical_results_route",
    ),
    **HAZARD_LINK_FIELDS,
    "tested_by": Field(
        "strings",
        "Passed end-to-end, UAT or dress-rehearsal campaigns that list the workflow among those "
        "they exercised.",
        source=tuple(f"/test_campaigns[].{part}" for part in ("workflows", "type", "result")),
    ),
}


def _tested_by(model: SiteModel) -> dict[str, list[str]] | None:
    # None when no campaign says which workflows it exercised: then nothing shows any was.
    campaigns = model.records("test_campaigns")
    if all(r.get("workflows") is None for r in campaigns):
        return None
    found: dict[str, list[str]] = {}
    for record in campaigns:
        if record.get("type") in WORKFLOW_CAMPAIGNS and campaign_passed(record):
            for workflow in texts(record.get("workflows")):
                found.setdefault(workflow, []).append(str(record.get("id")))
    return found


def _workflow_values(
    workflow: Workflow, clock: Clock, tested: dict[str, list[str]] | None
) -> dict[str, object]:
    record = workflow.record
    build = record.get("build") or {}
    hybrid = record.get("hybrid")
    results = record.get("results") or {}
    change = record.get("change")
    walked = parse_date(record.get("walked_through_on"))
    changed_steps = [s for s in workflow.steps if s.changed or change == "new"]
    signed_by = build.get("signed_off_by")
    return {
        "id": workflow.id,
        "name": workflow.name,
        "clinical_area": record.get("clinical_area"),
        "owner": owner_text(record.get("owner")),
        "criticality": workflow.criticality,
        "critical": workflow.critical,
        "change": change,
        "in_scope": workflow.in_scope,
        "walked_through_on": walked,
        "walked_through_days_before_go_live": (clock.go_live - walked).days if walked else None,
        "build_complete": build.get("complete"),
        "build_signed_off": None if signed_by is None else bool(signed_by),
        "build_signed_off_by": signed_by,
        "build_signed_off_on": parse_date(build.get("signed_off_on")),
        "build_items": list(build.get("items") or ()),
        "steps": len(workflow.steps),
        "systems": sorted({s.system for s in workflow.steps if s.system}),
        "interfaces": sorted({s.interface for s in workflow.steps if s.interface}),
        "changed_steps_without_role": [s.name for s in changed_steps if not s.role],
        "steps_without_fallback": [s.name for s in workflow.steps if not s.fallback],
        "hybrid": hybrid is not None,
        "hybrid_until": parse_date((hybrid or {}).get("until")),
        "hybrid_hazard": (hybrid or {}).get("hazard"),
        "reports_results": record.get("results") is not None,
        "results_to_ordering_clinician": results.get("to_ordering_clinician"),
        "results_cover_recipient": results.get("cover_recipient"),
        "critical_results_route": results.get("critical_results_route"),
        "hazards": list(record.get("hazards") or ()),
        "no_hazard_decision": bool(stated_text(record.get("no_hazard_decision"))),
        "tested_by": None if tested is None else tested.get(workflow.id, []),
    }


_WORKFLOW_EVIDENCE: dict[str, str | DataPath] = {
    "critical": "criticality",
    "walked_through_days_before_go_live": "walked_through_on",
    "build_complete": "build.complete",
    "build_signed_off": "build.signed_off_by",
    "build_signed_off_by": "build.signed_off_by",
    "build_signed_off_on": "build.signed_off_on",
    "build_items": "build.items",
    "hybrid": "hybrid",
    "hybrid_until": "hybrid.until",
    "hybrid_hazard": "hybrid.hazard",
    "reports_results": "results",
    "results_to_ordering_clinician": "results.to_ordering_clinician",
    "results_cover_recipient": "results.cover_recipient",
    "critical_results_route": "results.critical_results_route",
}


def _workflow_item(
    model: SiteModel, workflow: Workflow, clock: Clock, tested: dict[str, list[str]] | None
) -> FactItem:
    # Step findings point at the first offending step, not at the list.
    change = workflow.record.get("change")
    without_role = next(
        (s for s in workflow.steps if (s.changed or change == "new") and not s.role), None
    )
    without_fallback = next((s for s in workflow.steps if not s.fallback), None)
    evidence: dict[str, str | DataPath] = {
        **_WORKFLOW_EVIDENCE,
        "changed_steps_without_role": (without_role or workflow).record.path,
        "steps_without_fallback": (without_fallback or workflow).record.path,
    }
    return item_from_record(
        model,
        "workflows",
        workflow.id,
        workflow.record,
        _workflow_values(workflow, clock, tested),
        evidence,
        owner=workflow.record.get("owner"),
    )


def _workflows(model: SiteModel, clock: Clock) -> list[FactItem]:
    tested = _tested_by(model)  # once per site, not once per workflow
    return [_workflow_item(model, w, clock, tested) for w in model.workflows]


WORKFLOWS = Kind(
    "workflows",
    "Clinical workflows the change touches.",
    WORKFLOW_FIELDS,
    _workflows,
    base=("workflows[]",),
)

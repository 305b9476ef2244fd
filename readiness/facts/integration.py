"""Facts about systems, interfaces and workflows: the items of the integration picture."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

from readiness.facts.base import Clock, FactItem, Field, Kind, item_from_record
from readiness.facts.site import SitePart
from readiness.model import Interface, SiteModel, System, Workflow, parse_date

STAGES = ("unit", "sit", "e2e", "volume", "regression")
NATIONAL = "national-service"

SYSTEM_FIELDS: dict[str, Field] = {
    "id": Field("string", "The system's id."),
    "name": Field("string", "The system's name."),
    "vendor": Field("string", "The supplier."),
    "category": Field("string", "epr, pas, lims, ris, pacs, epma, integration-engine, ..."),
    "lifecycle": Field("string", "new, changed, retained, replaced or decommissioned."),
    "criticality": Field("string", "life-critical, business-critical or supporting."),
    "life_critical": Field("boolean", "The system is life-critical."),
    "in_service": Field("boolean", "The system runs after go-live (new, changed or retained)."),
    "new_or_changed": Field("boolean", "The system is new or changed at this go-live."),
    "national": Field("boolean", "The system is a national service (Spine, PDS, e-RS...)."),
    "go_live": Field("date", "When the system goes live (the site's go-live unless stated)."),
    "high_availability": Field("boolean", "Runs as an HA pair or cluster."),
    "read_only_copy": Field("boolean", "A read-only business-continuity copy exists."),
    "downtime_procedure": Field("boolean", "A downtime procedure is documented."),
    "owner_after_hypercare": Field("string", "Named business-as-usual owner after hypercare."),
}

INTERFACE_FIELDS: dict[str, Field] = {
    "id": Field("string", "The interface's id."),
    "name": Field("string", "The interface's name (its id when unnamed)."),
    "source": Field("string", "Id of the sending system."),
    "target": Field("string", "Id of the receiving system."),
    "via": Field("string", "Id of the integration engine it is routed through."),
    "standard": Field("string", "hl7v2, fhir, dicom, file, api, national or other."),
    "version": Field("string", "The standard's version."),
    "messages": Field("strings", "Message types, resources or services carried."),
    "messages_per_day": Field("number", "Messages a day (0 when not stated)."),
    "criticality": Field("string", "life-critical, business-critical or supporting."),
    "life_critical": Field("boolean", "The interface is life-critical."),
    "lifecycle": Field("string", "new, changed, retained, retired or rerouted (new if unstated)."),
    "in_service": Field("boolean", "The interface carries messages after go-live."),
    "carries_clinical_data": Field("boolean", "Carries data used in clinical decisions."),
    "unit": Field("string", "Unit test status (empty when not stated)."),
    "sit": Field("string", "System integration test status."),
    "e2e": Field("string", "End-to-end test status."),
    "volume": Field("string", "Volume / performance test status."),
    "regression": Field("string", "Regression test status."),
    "first_stage_not_passed": Field(
        "string", "The first of unit, SIT, E2E, volume not passed (where a stage finding points)."
    ),
    "last_tested": Field("date", "When the interface was last tested."),
    "test_environment_parity": Field("boolean", "Tests ran on production versions and config."),
    "mapping_tables": Field("strings", "Mapping tables the interface relies on."),
    "mapping_signed_off": Field(
        "boolean", "The mapping tables are signed off by a clinical owner."
    ),
    "mapping_signed_off_by": Field("string", "Who signed the mapping tables off."),
    "mapping_changed_on": Field("date", "Last change to a mapping table."),
    "mapping_changed_after_test": Field(
        "boolean", "A mapping table changed after the last test (or with no test date recorded)."
    ),
    "monitoring_alerting": Field("boolean", "Failures raise an alert."),
    "monitoring_owner": Field("string", "Named owner of the interface's monitoring."),
    "replay_runbook": Field("boolean", "A message replay runbook exists."),
    "monitoring_missing": Field("strings", "What the monitoring lacks, in words."),
    "national": Field("boolean", "The interface touches a national-service system."),
    "national_systems": Field("strings", "The national services it touches."),
    "national_assurance_completed": Field("boolean", "National solution assurance is complete."),
    "touches_decommissioned": Field(
        "boolean", "Its source, target or engine is replaced or decommissioned at go-live."
    ),
    "decommissioned_systems": Field(
        "strings", "The replaced or decommissioned systems it touches."
    ),
    "consumers_notified": Field("boolean", "Consumers of a retired or rerouted feed were told."),
    "processing_id": Field("string", "HL7 v2 MSH-11 processing id: P, T or D."),
    "test_feeds_into_production": Field("boolean", "A test feed still sends into production."),
    "has_fallback": Field("boolean", "A fallback for when the interface is down is written."),
    "owner_after_hypercare": Field("string", "Named business-as-usual owner after hypercare."),
    "hazards": Field("strings", "Linked hazard ids."),
    "no_hazard_decision": Field("boolean", "A no-hazard decision is recorded."),
}

WORKFLOW_FIELDS: dict[str, Field] = {
    "id": Field("string", "The workflow's id."),
    "name": Field("string", "The workflow's name."),
    "clinical_area": Field("string", "The clinical area it runs in."),
    "owner": Field("string", "Named owner of the workflow."),
    "criticality": Field("string", "critical, important or routine."),
    "critical": Field("boolean", "The workflow is rated critical."),
    "change": Field("string", "new, changed, retired or unchanged (empty when not stated)."),
    "in_scope": Field("boolean", "Part of this go-live (true unless stated otherwise)."),
    "walked_through_on": Field(
        "date", "Last clinician walk-through in the integrated environment."
    ),
    "walked_through_days_before_go_live": Field(
        "number", "Days between the last walk-through and go-live (0 when never walked)."
    ),
    "build_complete": Field("boolean", "The configuration behind the workflow is complete."),
    "build_signed_off": Field("boolean", "The build is signed off by a named person."),
    "build_signed_off_by": Field("string", "Who signed the build off."),
    "build_items": Field("strings", "Templates, order sets, theatre lists..."),
    "steps": Field("number", "Number of steps."),
    "systems": Field("strings", "Systems the steps use."),
    "interfaces": Field("strings", "Interfaces the steps cross."),
    "changed_steps_without_role": Field(
        "strings", "Changed steps (every step of a new workflow) with no responsible role."
    ),
    "steps_without_fallback": Field("strings", "Steps with no paper or read-only fallback."),
    "hybrid": Field("boolean", "Paper and electronic run at once."),
    "hybrid_until": Field("date", "When the paper / electronic hybrid ends."),
    "hybrid_hazard": Field("string", "Hazard log entry covering the hybrid."),
    "reports_results": Field("boolean", "The workflow reports results (has a results section)."),
    "results_to_ordering_clinician": Field("boolean", "Results route to the ordering clinician."),
    "results_cover_recipient": Field("boolean", "Results also route to a cover recipient."),
    "critical_results_route": Field("string", "Non-electronic route for critical results."),
    "hazards": Field("strings", "Linked hazard ids."),
    "no_hazard_decision": Field("boolean", "A no-hazard decision is recorded."),
}


def _system_values(system: System) -> dict[str, object]:
    record = system.record
    resilience = record.get("resilience") or {}
    return {
        "id": system.id,
        "name": system.name,
        "vendor": record.get("vendor"),
        "category": system.category,
        "lifecycle": system.lifecycle,
        "criticality": system.criticality,
        "life_critical": system.criticality == "life-critical",
        "in_service": system.in_service,
        "new_or_changed": system.lifecycle in ("new", "changed"),
        "national": system.category == NATIONAL,
        "go_live": system.go_live,
        "high_availability": system.high_availability,
        "read_only_copy": bool(resilience.get("read_only_copy")),
        "downtime_procedure": system.downtime_procedure,
        "owner_after_hypercare": record.get("owner_after_hypercare"),
    }


_SYSTEM_EVIDENCE = {
    "life_critical": "criticality",
    "in_service": "lifecycle",
    "new_or_changed": "lifecycle",
    "national": "category",
    "high_availability": "resilience.high_availability",
    "read_only_copy": "resilience.read_only_copy",
    "downtime_procedure": "resilience.downtime_procedure",
}


def _systems(model: SiteModel, clock: Clock) -> list[FactItem]:
    return [
        item_from_record(
            model,
            "systems",
            s.id,
            s.record,
            _system_values(s),
            _SYSTEM_EVIDENCE,
            owner=s.record.get("owner_after_hypercare"),
        )
        for s in model.systems
    ]


def _first_stage_not_passed(tests: Mapping[str, str]) -> str:
    for stage in ("unit", "sit", "e2e"):
        if tests.get(stage) != "passed":
            return stage
    return "volume"


def _mapping_changed_after_test(mapping: Mapping[str, object], last_tested: object) -> bool:
    changed = parse_date(mapping.get("changed_on"))
    tested = parse_date(last_tested)
    # A change with no test date on record cannot be shown to have been retested.
    return changed is not None and (tested is None or changed > tested)


def _monitoring_missing(monitoring: Mapping[str, object]) -> list[str]:
    missing = []
    if not monitoring.get("alerting"):
        missing.append("alerting")
    if not monitoring.get("owner"):
        missing.append("a named owner")
    if not monitoring.get("replay_runbook"):
        missing.append("a replay runbook")
    return missing


def _interface_values(
    model: SiteModel, interface: Interface, by_id: Mapping[str, System]
) -> dict[str, object]:
    record = interface.record
    tests = interface.tests
    mapping = record.get("mapping") or {}
    monitoring = record.get("monitoring") or {}
    ends = [e for e in (interface.source, interface.target, interface.via) if e and e in by_id]
    national = [e for e in ends if by_id[e].category == NATIONAL]
    gone = [e for e in ends if not by_id[e].in_service]
    return {
        "id": interface.id,
        "name": interface.name,
        "source": interface.source,
        "target": interface.target,
        "via": interface.via,
        "standard": interface.standard,
        "version": record.get("version"),
        "messages": list(interface.messages),
        "messages_per_day": interface.messages_per_day,
        "criticality": interface.criticality,
        "life_critical": interface.criticality == "life-critical",
        "lifecycle": interface.lifecycle,
        "in_service": interface.in_service,
        "carries_clinical_data": record.get("carries_clinical_data", True) is not False,
        **{stage: tests.get(stage) for stage in STAGES},
        "first_stage_not_passed": _first_stage_not_passed(tests),
        "last_tested": parse_date(tests.get("last_tested")),
        "test_environment_parity": bool(record.get("test_environment_parity")),
        "mapping_tables": list(mapping.get("tables") or ()),
        "mapping_signed_off": bool(mapping.get("signed_off_by")),
        "mapping_signed_off_by": mapping.get("signed_off_by"),
        "mapping_changed_on": parse_date(mapping.get("changed_on")),
        "mapping_changed_after_test": _mapping_changed_after_test(
            mapping, tests.get("last_tested")
        ),
        "monitoring_alerting": bool(monitoring.get("alerting")),
        "monitoring_owner": monitoring.get("owner"),
        "replay_runbook": bool(monitoring.get("replay_runbook")),
        "monitoring_missing": _monitoring_missing(monitoring),
        "national": bool(national) or interface.standard == "national",
        "national_systems": national,
        "national_assurance_completed": bool(
            (record.get("national_assurance") or {}).get("completed")
        ),
        "touches_decommissioned": bool(gone),
        "decommissioned_systems": gone,
        "consumers_notified": bool(record.get("consumers_notified")),
        "processing_id": record.get("processing_id"),
        "test_feeds_into_production": bool(record.get("test_feeds_into_production")),
        "has_fallback": bool(record.get("fallback")),
        "owner_after_hypercare": record.get("owner_after_hypercare"),
        "hazards": list(record.get("hazards") or ()),
        "no_hazard_decision": bool(record.get("no_hazard_decision")),
    }


def _interface_evidence(interface: Interface) -> dict[str, str]:
    first = _first_stage_not_passed(interface.tests)
    return {
        **{stage: f"tests.{stage}" for stage in STAGES},
        "first_stage_not_passed": f"tests.{first}",
        "last_tested": "tests.last_tested",
        "life_critical": "criticality",
        "in_service": "lifecycle",
        "mapping_tables": "mapping.tables",
        "mapping_signed_off": "mapping.signed_off_by",
        "mapping_signed_off_by": "mapping.signed_off_by",
        "mapping_changed_on": "mapping.changed_on",
        "mapping_changed_after_test": "mapping.changed_on",
        "monitoring_alerting": "monitoring.alerting",
        "monitoring_owner": "monitoring.owner",
        "replay_runbook": "monitoring.replay_runbook",
        "monitoring_missing": "monitoring",
        "national": "target",
        "national_systems": "target",
        "national_assurance_completed": "national_assurance.completed",
        "touches_decommissioned": "lifecycle",
        "decommissioned_systems": "lifecycle",
        "has_fallback": "fallback",
    }


def _interfaces(model: SiteModel, clock: Clock) -> list[FactItem]:
    by_id = {s.id: s for s in model.systems}  # built once, not once per interface
    return [
        item_from_record(
            model,
            "interfaces",
            i.id,
            i.record,
            _interface_values(model, i, by_id),
            _interface_evidence(i),
            owner=i.record.get("owner_after_hypercare"),
        )
        for i in model.interfaces
    ]


def _workflow_values(workflow: Workflow, clock: Clock) -> dict[str, object]:
    record = workflow.record
    build = record.get("build") or {}
    hybrid = record.get("hybrid")
    results = record.get("results")
    change = record.get("change")
    walked = parse_date(record.get("walked_through_on"))
    changed_steps = [s for s in workflow.steps if s.changed or change == "new"]
    return {
        "id": workflow.id,
        "name": workflow.name,
        "clinical_area": record.get("clinical_area"),
        "owner": record.get("owner"),
        "criticality": workflow.criticality,
        "critical": workflow.critical,
        "change": change,
        "in_scope": workflow.in_scope,
        "walked_through_on": walked,
        "walked_through_days_before_go_live": (clock.go_live - walked).days if walked else 0,
        "build_complete": bool(build.get("complete")),
        "build_signed_off": bool(build.get("signed_off_by")),
        "build_signed_off_by": build.get("signed_off_by"),
        "build_items": list(build.get("items") or ()),
        "steps": len(workflow.steps),
        "systems": sorted({s.system for s in workflow.steps if s.system}),
        "interfaces": sorted({s.interface for s in workflow.steps if s.interface}),
        "changed_steps_without_role": [s.name for s in changed_steps if not s.role],
        "steps_without_fallback": [s.name for s in workflow.steps if not s.fallback],
        "hybrid": hybrid is not None,
        "hybrid_until": parse_date((hybrid or {}).get("until")),
        "hybrid_hazard": (hybrid or {}).get("hazard"),
        "reports_results": results is not None,
        "results_to_ordering_clinician": bool((results or {}).get("to_ordering_clinician")),
        "results_cover_recipient": bool((results or {}).get("cover_recipient")),
        "critical_results_route": (results or {}).get("critical_results_route"),
        "hazards": list(record.get("hazards") or ()),
        "no_hazard_decision": bool(record.get("no_hazard_decision")),
    }


_WORKFLOW_EVIDENCE = {
    "critical": "criticality",
    "walked_through_days_before_go_live": "walked_through_on",
    "build_complete": "build.complete",
    "build_signed_off": "build.signed_off_by",
    "build_signed_off_by": "build.signed_off_by",
    "build_items": "build.items",
    "changed_steps_without_role": "steps",
    "steps_without_fallback": "steps",
    "hybrid": "hybrid",
    "hybrid_until": "hybrid.until",
    "hybrid_hazard": "hybrid.hazard",
    "reports_results": "results",
    "results_to_ordering_clinician": "results.to_ordering_clinician",
    "results_cover_recipient": "results.cover_recipient",
    "critical_results_route": "results.critical_results_route",
}


def _workflow_item(model: SiteModel, workflow: Workflow, clock: Clock) -> FactItem:
    values = _workflow_values(workflow, clock)
    item = item_from_record(
        model,
        "workflows",
        workflow.id,
        workflow.record,
        values,
        _WORKFLOW_EVIDENCE,
        owner=workflow.record.get("owner"),
    )
    # Step findings point at the first offending step, not at the list.
    change = workflow.record.get("change")
    steps = {
        "changed_steps_without_role": next(
            (s for s in workflow.steps if (s.changed or change == "new") and not s.role), None
        ),
        "steps_without_fallback": next((s for s in workflow.steps if not s.fallback), None),
    }
    located = {
        name: step.record.location if step is not None else workflow.record.location
        for name, step in steps.items()
    }
    return dataclasses.replace(item, locations={**item.locations, **located})


def _workflows(model: SiteModel, clock: Clock) -> list[FactItem]:
    return [_workflow_item(model, w, clock) for w in model.workflows]


KINDS = {
    "systems": Kind(
        "systems", "Systems in scope (nodes of the integration graph).", SYSTEM_FIELDS, _systems
    ),
    "interfaces": Kind(
        "interfaces",
        "Interfaces between systems (edges of the graph).",
        INTERFACE_FIELDS,
        _interfaces,
    ),
    "workflows": Kind(
        "workflows", "Clinical workflows the change touches.", WORKFLOW_FIELDS, _workflows
    ),
}

SITE_PARTS: tuple[SitePart, ...] = ()

"""Facts for clinical safety and patient identification.

Kinds: the hazard log, the workflows and interfaces a hazard assessment must cover, and each
system's supplier safety evidence; plus the site's CSO, safety case and temporary-identity
process as a site part.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import replace

from readiness.facts.assurance import passed_campaigns, written_paths
from readiness.facts.base import Clock, FactItem, Field, Kind, days_before, item_from_record
from readiness.facts.site import SitePart
from readiness.model import Interface, Record, SiteModel, System, Workflow, parse_date
from readiness.problems import DataPath

HAZARD_FIELDS: dict[str, Field] = {
    "id": Field("string", "The hazard's id."),
    "title": Field("string", "The hazard's title."),
    "status": Field("string", "open, closed or transferred (empty when not stated)."),
    "owner": Field("string", "Who owns the hazard."),
    "initial_risk": Field("number", "Risk 1-5 before controls."),
    "residual_risk": Field("number", "Risk 1-5 after controls."),
    "has_residual_reason": Field("boolean", "A reason is recorded why the residual risk stays."),
    "controls": Field("number", "Controls recorded on the hazard."),
    "unevidenced_controls": Field(
        "number", "Controls citing neither a document nor a test campaign that passed."
    ),
    "evidence_gaps": Field(
        "strings",
        "Each control without evidence, and a risk reduction claimed with no control at all.",
    ),
    "workflows": Field("strings", "Workflows the hazard is linked to."),
    "interfaces": Field("strings", "Interfaces the hazard is linked to."),
    "systems": Field("strings", "Systems the hazard is linked to."),
}

COVERAGE_FIELDS: dict[str, Field] = {
    "id": Field("string", "The workflow's or interface's id."),
    "name": Field("string", "Its name."),
    "item_type": Field("string", "workflow or interface."),
    "criticality": Field("string", "critical / important / routine, or the interface's rating."),
    "critical": Field("boolean", "A workflow rated critical."),
    "in_scope": Field(
        "boolean",
        "In use after go-live: an in-scope, not retired workflow; a not retired interface.",
    ),
    "carries_clinical_data": Field(
        "boolean", "An interface carrying data used in clinical decisions (workflows: true)."
    ),
    "hazards": Field("strings", "Hazards linked from either side (its own list or the hazard's)."),
    "has_no_hazard_decision": Field("boolean", "A no-hazard decision is recorded."),
    "owner": Field("string", "The workflow owner or the interface's monitoring owner."),
}

SYSTEM_SAFETY_FIELDS: dict[str, Field] = {
    "id": Field("string", "The system's id."),
    "name": Field("string", "The system's name."),
    "category": Field("string", "epr, pas, lims, integration-engine, national-service..."),
    "lifecycle": Field("string", "new, changed, retained, replaced or decommissioned."),
    "criticality": Field("string", "life-critical, business-critical or supporting."),
    "life_critical": Field("boolean", "The system is life-critical."),
    "in_service": Field("boolean", "The system runs after go-live (new, changed or retained)."),
    "new_or_changed": Field("boolean", "The system is new or changed at this go-live."),
    "supplier_safety_case": Field("boolean", "The supplier's DCB0129 safety case was received."),
    "supplier_hazard_log": Field("boolean", "The supplier's hazard log was received."),
    "dtac_assessed": Field("boolean", "A DTAC result is recorded."),
    "dtac_clinical_safety": Field(
        "string", "DTAC clinical safety: pass, fail, not-assessed or empty."
    ),
    "dtac_not_passed": Field(
        "strings", "DTAC criteria not passed, as `criterion: result` (missing reads `not stated`)."
    ),
    "receives_adt": Field(
        "boolean", "An in-service interface brings it ADT messages or FHIR Patient/Encounter."
    ),
    "adt_interfaces": Field("strings", "The interfaces bringing it patient administration data."),
    "receives_merges": Field("boolean", "It can process a patient merge (A40 or FHIR)."),
    "calls_national_services": Field(
        "boolean", "An in-service interface links it to a national service (Spine, PDS, e-RS...)."
    ),
    "national_interfaces": Field("strings", "The interfaces linking it to national services."),
    "uses_pds_verified_nhs_numbers": Field("boolean", "It uses PDS-verified NHS numbers."),
    "owner": Field("string", "Its business-as-usual owner after hypercare."),
}

SAFETY_SITE_FIELDS: dict[str, Field] = {
    "cso_name": Field("string", "The clinical safety officer's name."),
    "cso_registration_body": Field("string", "GMC, NMC, HCPC, GPhC or other."),
    "cso_registration_number": Field("string", "The CSO's professional registration number."),
    "cso_registration_valid_until": Field("date", "When the CSO's registration lapses, if stated."),
    "cso_registration_current": Field(
        "boolean", "Registration stated and not lapsing before go-live (no expiry date: current)."
    ),
    "cso_summary": Field("string", "The CSO and their registration in words."),
    "safety_case_version": Field("string", "Version of the deployer's safety case report."),
    "safety_case_release_version": Field("string", "Release the safety case report assessed."),
    "safety_case_signed_by": Field("string", "Who signed the safety case report."),
    "safety_case_signed_on": Field("date", "When it was signed."),
    "safety_case_signed_by_cso": Field(
        "boolean",
        "It is signed by the named CSO (compared without titles, roles in brackets, case).",
    ),
    "safety_case_signed_days_before_go_live": Field(
        "number", "Days from signature to go-live (-1 if unsigned or signed after go-live)."
    ),
    "safety_case_summary": Field("string", "The safety case report in words."),
    "temp_id_process": Field("boolean", "A temporary / unknown-patient identity process exists."),
    "temp_id_includes_merge": Field("boolean", "The process includes the later merge."),
    "temp_id_covers": Field(
        "strings", "Departments the process covers (lims, ris, transfusion...)."
    ),
    "temp_id_required": Field(
        "strings",
        "Departments it must cover: lims, ris and transfusion for acute sites, else those of "
        "them the site runs.",
    ),
    "temp_id_missing": Field("strings", "Required departments the process does not cover."),
}

SAFETY_CRITICAL_DEPARTMENTS = ("lims", "ris", "transfusion")
_TITLES = re.compile(r"\b(dr|mr|mrs|ms|miss|mx|prof|professor|sir|dame)\b\.?")
_DTAC_CRITERIA = (
    "clinical_safety",
    "data_protection",
    "technical_security",
    "interoperability",
    "usability",
)
_ADT_RESOURCES = ("Patient", "Encounter")


def _texts(value: object) -> list[str]:
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def _short(text: object, limit: int = 60) -> str:
    words = str(text).split()
    joined = " ".join(words)
    return joined if len(joined) <= limit else joined[: limit - 3].rstrip() + "..."


def _control_gap(control: Mapping[str, object], passed: set[str]) -> str | None:
    """Why a control lacks evidence, or None when a document or a passed campaign backs it."""
    if control.get("document"):
        return None
    campaign = control.get("test_campaign")
    if isinstance(campaign, str) and campaign in passed:
        return None
    what = f"'{_short(control.get('description', 'control'))}'"
    if isinstance(campaign, str):
        return f"{what} cites test campaign {campaign}, which has not passed"
    return f"{what} has no test or document"


def _hazard(model: SiteModel, record: Record, passed: set[str]) -> FactItem:
    controls = [c for c in record.get("controls") or () if isinstance(c, dict)]
    gaps: list[tuple[int, str]] = []
    for index, control in enumerate(controls):
        gap = _control_gap(control, passed)
        if gap is not None:
            gaps.append((index, gap))
    initial = record.get("initial_risk") or 0
    residual = record.get("residual_risk") or 0
    texts = [gap for _i, gap in gaps]
    if not controls and residual < initial:
        texts.append(f"risk reduced from {initial} to {residual} with no control recorded")
    values: dict[str, object] = {
        "id": record.get("id"),
        "title": record.get("title"),
        "status": record.get("status"),
        "owner": record.get("owner"),
        "initial_risk": initial,
        "residual_risk": residual,
        "has_residual_reason": bool(record.get("residual_reason")),
        "controls": len(controls),
        "unevidenced_controls": len(gaps),
        "evidence_gaps": texts,
        "workflows": _texts(record.get("workflows")),
        "interfaces": _texts(record.get("interfaces")),
        "systems": _texts(record.get("systems")),
    }
    evidence = {"has_residual_reason": "residual_reason", "unevidenced_controls": "controls"}
    owner = values["owner"] if isinstance(values["owner"], str) else None
    item = item_from_record(model, "hazards", record.get("id"), record, values, evidence, owner)
    if gaps:
        # Point at the first control that lacks evidence, not at the list as a whole.
        first = model.source.where((*record.path, "controls", gaps[0][0]))
        item = replace(item, locations={**item.locations, "evidence_gaps": first})
    elif controls or "controls" in record.field_locations:
        item = replace(
            item, locations={**item.locations, "evidence_gaps": record.where("controls")}
        )
    return item


def _hazards(model: SiteModel, clock: Clock) -> list[FactItem]:
    passed = passed_campaigns(model)
    return [_hazard(model, record, passed) for record in model.records("hazards")]


def _hazard_links(model: SiteModel, key: str) -> dict[str, list[str]]:
    """Hazard ids by the workflow or interface id they name under `key`."""
    links: dict[str, list[str]] = {}
    for record in model.records("hazards"):
        for linked in _texts(record.get(key)):
            links.setdefault(linked, []).append(record.get("id"))
    return links


def _joined(own: list[str], other: list[str]) -> list[str]:
    return list(dict.fromkeys([*own, *other]))


def _workflow_item(model: SiteModel, workflow: Workflow, links: list[str]) -> FactItem:
    record = workflow.record
    values: dict[str, object] = {
        "id": workflow.id,
        "name": workflow.name,
        "item_type": "workflow",
        "criticality": workflow.criticality,
        "critical": workflow.critical,
        "in_scope": workflow.in_scope and record.get("change") != "retired",
        "carries_clinical_data": True,
        "hazards": _joined(_texts(record.get("hazards")), links),
        "has_no_hazard_decision": bool(record.get("no_hazard_decision")),
        "owner": record.get("owner"),
    }
    evidence = {"has_no_hazard_decision": "no_hazard_decision"}
    return item_from_record(model, "coverage_items", workflow.id, record, values, evidence)


def _interface_item(model: SiteModel, interface: Interface, links: list[str]) -> FactItem:
    record = interface.record
    monitoring = record.get("monitoring") or {}
    values: dict[str, object] = {
        "id": interface.id,
        "name": interface.name,
        "item_type": "interface",
        "criticality": interface.criticality,
        "critical": False,
        "in_scope": interface.in_service,
        "carries_clinical_data": record.get("carries_clinical_data", True) is not False,
        "hazards": _joined(_texts(record.get("hazards")), links),
        "has_no_hazard_decision": bool(record.get("no_hazard_decision")),
        "owner": monitoring.get("owner"),
    }
    evidence = {"has_no_hazard_decision": "no_hazard_decision"}
    return item_from_record(model, "coverage_items", interface.id, record, values, evidence)


def _coverage(model: SiteModel, clock: Clock) -> list[FactItem]:
    by_workflow = _hazard_links(model, "workflows")
    by_interface = _hazard_links(model, "interfaces")
    items = [_workflow_item(model, w, by_workflow.get(w.id, [])) for w in model.workflows]
    items += [_interface_item(model, i, by_interface.get(i.id, [])) for i in model.interfaces]
    return items


def _carries_adt(interface: Interface) -> bool:
    return any(m.upper().startswith("ADT") or m in _ADT_RESOURCES for m in interface.messages)


def _dtac(record: Record) -> tuple[bool, str, list[str]]:
    dtac = record.get("dtac")
    results = dtac if isinstance(dtac, dict) else {}
    not_passed = [
        f"{name.replace('_', ' ')}: {results.get(name, 'not stated')}"
        for name in _DTAC_CRITERIA
        if results.get(name) != "pass"
    ]
    return isinstance(dtac, dict), results.get("clinical_safety") or "", not_passed


def _system_item(
    model: SiteModel, system: System, national_ids: set[str], touching: Sequence[Interface]
) -> FactItem:
    record = system.record
    live = [i for i in touching if i.in_service]
    adt = [i.id for i in live if i.target == system.id and _carries_adt(i)]
    national = [
        i.id
        for i in live
        if system.id in (i.source, i.target)
        and (i.standard == "national" or {i.source, i.target} & (national_ids - {system.id}))
    ]
    supplier = record.get("supplier_safety") or {}
    assessed, clinical_safety, not_passed = _dtac(record)
    values: dict[str, object] = {
        "id": system.id,
        "name": system.name,
        "category": system.category,
        "lifecycle": system.lifecycle,
        "criticality": system.criticality,
        "life_critical": system.criticality == "life-critical",
        "in_service": system.in_service,
        "new_or_changed": system.lifecycle in ("new", "changed"),
        "supplier_safety_case": bool(supplier.get("safety_case")),
        "supplier_hazard_log": bool(supplier.get("hazard_log")),
        "dtac_assessed": assessed,
        "dtac_clinical_safety": clinical_safety,
        "dtac_not_passed": not_passed,
        "receives_adt": bool(adt),
        "adt_interfaces": adt,
        "receives_merges": bool(record.get("receives_merges")),
        "calls_national_services": bool(national),
        "national_interfaces": national,
        "uses_pds_verified_nhs_numbers": bool(record.get("uses_pds_verified_nhs_numbers")),
        "owner": record.get("owner_after_hypercare"),
    }
    evidence = {
        "supplier_safety_case": "supplier_safety.safety_case",
        "supplier_hazard_log": "supplier_safety.hazard_log",
        "dtac_assessed": "dtac",
        "dtac_clinical_safety": "dtac.clinical_safety",
        "dtac_not_passed": "dtac",
    }
    item = item_from_record(model, "system_safety", system.id, record, values, evidence)
    if "lifecycle" in record.field_locations:
        # Missing supplier evidence or DTAC points at the lifecycle that requires it.
        fallback = record.where("lifecycle")
        defaults = {name: fallback for name in evidence if name not in item.locations}
        item = replace(item, locations={**item.locations, **defaults})
    return item


def _system_safety(model: SiteModel, clock: Clock) -> list[FactItem]:
    national_ids = {s.id for s in model.systems if s.category == "national-service"}
    # Each system's interfaces, gathered once, so the facts stay linear in the site's size.
    touching: dict[str, list[Interface]] = defaultdict(list)
    for interface in model.interfaces:
        touching[interface.source].append(interface)
        if interface.target != interface.source:
            touching[interface.target].append(interface)
    return [_system_item(model, s, national_ids, touching[s.id]) for s in model.systems]


def _person(name: object) -> str:
    """A name compared without titles, bracketed roles, punctuation, accents or case.

    Letters of every script count (王伟 stays 王伟); accents fold (Zoë matches Zoe).
    """
    folded = unicodedata.normalize("NFKD", str(name or "")).casefold()
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    text = _TITLES.sub(" ", re.sub(r"\([^)]*\)", " ", folded))
    return " ".join(re.sub(r"[^\w ]|_", " ", text).split())


def _cso_values(model: SiteModel, clock: Clock) -> dict[str, object]:
    cso = model.section("clinical_safety").get("cso") or {}
    valid_until = parse_date(cso.get("registration_valid_until"))
    registered = bool(cso.get("registration_body")) and bool(cso.get("registration_number"))
    return {
        "cso_name": cso.get("name"),
        "cso_registration_body": cso.get("registration_body"),
        "cso_registration_number": cso.get("registration_number"),
        "cso_registration_valid_until": valid_until,
        "cso_registration_current": registered
        and (valid_until is None or valid_until >= clock.go_live),
        "cso_summary": _cso_summary(cso, valid_until),
    }


def _cso_summary(cso: Mapping[str, object], valid_until: dt.date | None) -> str:
    if not cso.get("name"):
        return "none named"
    body, number = cso.get("registration_body"), cso.get("registration_number")
    text = f"{cso.get('name')}, "
    text += f"registered {body} {number}" if body and number else "no registration recorded"
    return text + (f", valid until {valid_until.isoformat()}" if valid_until else "")


def _safety_case_values(model: SiteModel, clock: Clock) -> dict[str, object]:
    section = model.section("clinical_safety")
    case = section.get("safety_case") or {}
    cso = section.get("cso") or {}
    days = days_before(case.get("signed_on"), clock.go_live)
    signer = _person(case.get("signed_by"))
    return {
        "safety_case_version": case.get("version"),
        "safety_case_release_version": case.get("release_version"),
        "safety_case_signed_by": case.get("signed_by"),
        "safety_case_signed_on": parse_date(case.get("signed_on")),
        "safety_case_signed_by_cso": bool(signer) and signer == _person(cso.get("name")),
        "safety_case_signed_days_before_go_live": -1 if days is None or days < 0 else days,
        "safety_case_summary": _case_summary(case),
    }


def _case_summary(case: Mapping[str, object]) -> str:
    if not case:
        return "none recorded"
    text = f"version {case.get('version') or 'not stated'}"
    text += f" for release {case.get('release_version') or 'not stated'}"
    if not case.get("signed_by") and not case.get("signed_on"):
        return text + ", not signed"
    return (
        text
        + f", signed by {case.get('signed_by') or 'nobody named'}"
        + (f" on {case.get('signed_on')}" if case.get("signed_on") else ", no date")
    )


def _temp_id_values(model: SiteModel) -> dict[str, object]:
    section = model.section("patient_identification")
    covers = _texts(section.get("covers"))
    present = {s.category for s in model.systems if s.in_service}
    acute = model.site.record.get("organisation_type") == "acute"
    required = [d for d in SAFETY_CRITICAL_DEPARTMENTS if acute or d in present]
    return {
        "temp_id_process": bool(section.get("temporary_identity_process")),
        "temp_id_includes_merge": bool(section.get("includes_merge")),
        "temp_id_covers": covers,
        "temp_id_required": required,
        "temp_id_missing": [d for d in required if d not in covers],
    }


_SITE_EVIDENCE: dict[str, DataPath] = {
    "cso_name": ("clinical_safety", "cso", "name"),
    "cso_registration_body": ("clinical_safety", "cso", "registration_body"),
    "cso_registration_number": ("clinical_safety", "cso", "registration_number"),
    "cso_registration_valid_until": ("clinical_safety", "cso", "registration_valid_until"),
    "cso_registration_current": ("clinical_safety", "cso"),
    "cso_summary": ("clinical_safety", "cso"),
    "safety_case_version": ("clinical_safety", "safety_case", "version"),
    "safety_case_release_version": ("clinical_safety", "safety_case", "release_version"),
    "safety_case_signed_by": ("clinical_safety", "safety_case", "signed_by"),
    "safety_case_signed_on": ("clinical_safety", "safety_case", "signed_on"),
    "safety_case_signed_by_cso": ("clinical_safety", "safety_case", "signed_by"),
    "safety_case_signed_days_before_go_live": ("clinical_safety", "safety_case", "signed_on"),
    "safety_case_summary": ("clinical_safety", "safety_case"),
    "temp_id_process": ("patient_identification", "temporary_identity_process"),
    "temp_id_includes_merge": ("patient_identification", "includes_merge"),
    "temp_id_covers": ("patient_identification", "covers"),
    "temp_id_missing": ("patient_identification", "covers"),
}


def _site_part(model: SiteModel, clock: Clock) -> tuple[dict[str, object], dict[str, DataPath]]:
    values = {
        **_cso_values(model, clock),
        **_safety_case_values(model, clock),
        **_temp_id_values(model),
    }
    return values, written_paths(model, _SITE_EVIDENCE)


KINDS: dict[str, Kind] = {
    "hazards": Kind("hazards", "The deployer's hazard log (DCB0160).", HAZARD_FIELDS, _hazards),
    "coverage_items": Kind(
        "coverage_items",
        "Workflows and interfaces that a hazard assessment must cover.",
        COVERAGE_FIELDS,
        _coverage,
    ),
    "system_safety": Kind(
        "system_safety",
        "Each system's supplier safety evidence, DTAC and patient-identity handling.",
        SYSTEM_SAFETY_FIELDS,
        _system_safety,
    ),
}

SITE_PARTS: tuple[SitePart, ...] = ((SAFETY_SITE_FIELDS, _site_part),)

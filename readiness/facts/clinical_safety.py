"""Facts for the clinical safety rules (DCB0160).

Kinds: the hazard log, the workflows and interfaces a hazard assessment must cover, and each
system's supplier safety evidence (with its patient-identity handling and the hazards its
supplier transfers to the deployer). The CSO and the safety case are in `safety_case`.
"""

from __future__ import annotations

from collections.abc import Mapping

from readiness.clock import Clock
from readiness.facts.base import (
    FactItem,
    Kind,
    item_from_record,
    system_basics,
    texts,
)
from readiness.facts.patient_identification import IDENTITY_FIELDS, system_identity
from readiness.facts.testing import passed_campaigns
from readiness.fields import Field
from readiness.model import Interface, Record, SiteModel, System, Workflow
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
    "transferred_hazards": Field(
        "strings",
        "Supplier hazards its DCB0129 case transfers to the deployer ([] when it transfers none).",
        source="supplier_safety.transferred_hazards",
    ),
    "transfer_gaps": Field(
        "strings",
        "Each transferred hazard not in the local log, without a local owner, or whose local "
        "controls lack evidence.",
        source="supplier_safety.transferred_hazards",
    ),
    "dtac_assessed": Field("boolean", "A DTAC result is recorded."),
    "dtac_clinical_safety": Field(
        "string", "DTAC clinical safety: pass, fail, not-assessed or empty."
    ),
    "dtac_not_passed": Field(
        "strings", "DTAC criteria not passed, as `criterion: result` (missing reads `not stated`)."
    ),
    **IDENTITY_FIELDS,
    "owner": Field("string", "Its business-as-usual owner after hypercare."),
}

_DTAC_CRITERIA = (
    "clinical_safety",
    "data_protection",
    "technical_security",
    "interoperability",
    "usability",
)


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
    found = [gap for _i, gap in gaps]
    if not controls and residual < initial:
        found.append(f"risk reduced from {initial} to {residual} with no control recorded")
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
        "evidence_gaps": found,
        "workflows": texts(record.get("workflows")),
        "interfaces": texts(record.get("interfaces")),
        "systems": texts(record.get("systems")),
    }
    evidence: dict[str, str | DataPath] = {
        "has_residual_reason": "residual_reason",
        "unevidenced_controls": "controls",
        # Point at the first control that lacks evidence, not at the list as a whole.
        "evidence_gaps": (*record.path, "controls", gaps[0][0]) if gaps else "controls",
    }
    owner = values["owner"] if isinstance(values["owner"], str) else None
    return item_from_record(model, "hazards", record.get("id"), record, values, evidence, owner)


def _hazards(model: SiteModel, clock: Clock) -> list[FactItem]:
    passed = passed_campaigns(model)
    return [_hazard(model, record, passed) for record in model.records("hazards")]


def _hazard_links(model: SiteModel, key: str) -> dict[str, list[str]]:
    """Hazard ids by the workflow or interface id they name under `key`."""
    links: dict[str, list[str]] = {}
    for record in model.records("hazards"):
        for linked in texts(record.get(key)):
            links.setdefault(linked, []).append(record.get("id"))
    return links


def _joined(own: list[str], other: list[str]) -> list[str]:
    return list(dict.fromkeys([*own, *other]))


def _coverage_item(
    model: SiteModel, record: Record, links: list[str], own: dict[str, object]
) -> FactItem:
    values: dict[str, object] = {
        **own,
        "hazards": _joined(texts(record.get("hazards")), links),
        "has_no_hazard_decision": bool(record.get("no_hazard_decision")),
    }
    evidence: dict[str, str | DataPath] = {"has_no_hazard_decision": "no_hazard_decision"}
    return item_from_record(model, "coverage_items", record.get("id"), record, values, evidence)


def _workflow_item(model: SiteModel, workflow: Workflow, links: list[str]) -> FactItem:
    own: dict[str, object] = {
        "id": workflow.id,
        "name": workflow.name,
        "item_type": "workflow",
        "criticality": workflow.criticality,
        "critical": workflow.critical,
        "in_scope": workflow.in_scope and workflow.record.get("change") != "retired",
        "carries_clinical_data": True,
        "owner": workflow.record.get("owner"),
    }
    return _coverage_item(model, workflow.record, links, own)


def _interface_item(model: SiteModel, interface: Interface, links: list[str]) -> FactItem:
    own: dict[str, object] = {
        "id": interface.id,
        "name": interface.name,
        "item_type": "interface",
        "criticality": interface.criticality,
        "critical": False,
        "in_scope": interface.in_service,
        "carries_clinical_data": interface.record.get("carries_clinical_data", True) is not False,
        "owner": (interface.record.get("monitoring") or {}).get("owner"),
    }
    return _coverage_item(model, interface.record, links, own)


def _coverage(model: SiteModel, clock: Clock) -> list[FactItem]:
    by_workflow = _hazard_links(model, "workflows")
    by_interface = _hazard_links(model, "interfaces")
    items = [_workflow_item(model, w, by_workflow.get(w.id, [])) for w in model.workflows]
    items += [_interface_item(model, i, by_interface.get(i.id, [])) for i in model.interfaces]
    return items


def _dtac(record: Record) -> tuple[bool, str, list[str]]:
    dtac = record.get("dtac")
    results = dtac if isinstance(dtac, dict) else {}
    not_passed = [
        f"{name.replace('_', ' ')}: {results.get(name, 'not stated')}"
        for name in _DTAC_CRITERIA
        if results.get(name) != "pass"
    ]
    return isinstance(dtac, dict), results.get("clinical_safety") or "", not_passed


def _transfer_gap(
    entry: Mapping[str, object], hazards: Mapping[str, Record], passed: set[str]
) -> str | None:
    """Why a transferred supplier hazard is not taken on locally, or None when it is."""
    what = f"{entry.get('id')} {_short(entry.get('title', ''))}".strip()
    local = entry.get("local_hazard")
    record = hazards.get(local) if isinstance(local, str) else None
    if record is None:
        return f"{what}: not in the local hazard log" + (f" ({local} not found)" if local else "")
    controls = [c for c in record.get("controls") or () if isinstance(c, dict)]
    missing = [] if record.get("owner") else ["no local owner"]
    if not controls:
        missing.append("no local control")
    elif any(_control_gap(c, passed) for c in controls):
        missing.append("a local control without evidence")
    return f"{what} (local {local}): {', '.join(missing)}" if missing else None


def _transfers(
    supplier: Mapping[str, object], hazards: Mapping[str, Record], passed: set[str]
) -> tuple[list[str] | None, list[str] | None]:
    """The transferred hazards' ids and the gaps in taking them on; None when not stated."""
    stated = supplier.get("transferred_hazards")
    if not isinstance(stated, list):
        return None, None
    entries = [e for e in stated if isinstance(e, dict)]
    gaps = [gap for e in entries if (gap := _transfer_gap(e, hazards, passed)) is not None]
    return [str(e.get("id")) for e in entries], gaps


def _system_item(
    model: SiteModel,
    system: System,
    identity: dict[str, object],
    hazards: Mapping[str, Record],
    passed: set[str],
) -> FactItem:
    record = system.record
    supplier = record.get("supplier_safety") or {}
    transferred, transfer_gaps = _transfers(supplier, hazards, passed)
    assessed, clinical_safety, not_passed = _dtac(record)
    values: dict[str, object] = {
        **system_basics(system),
        "supplier_safety_case": bool(supplier.get("safety_case")),
        "supplier_hazard_log": bool(supplier.get("hazard_log")),
        "transferred_hazards": transferred,
        "transfer_gaps": transfer_gaps,
        "dtac_assessed": assessed,
        "dtac_clinical_safety": clinical_safety,
        "dtac_not_passed": not_passed,
        **identity,
        "owner": record.get("owner_after_hypercare"),
    }
    evidence: dict[str, str | DataPath] = {
        "supplier_safety_case": "supplier_safety.safety_case",
        "supplier_hazard_log": "supplier_safety.hazard_log",
        "transferred_hazards": "supplier_safety.transferred_hazards",
        "transfer_gaps": "supplier_safety.transferred_hazards",
        "dtac_assessed": "dtac",
        "dtac_clinical_safety": "dtac.clinical_safety",
        "dtac_not_passed": "dtac",
    }
    # Missing supplier evidence or DTAC points at the lifecycle that requires it.
    return item_from_record(
        model, "system_safety", system.id, record, values, evidence, fallback="lifecycle"
    )


def _system_safety(model: SiteModel, clock: Clock) -> list[FactItem]:
    identity = system_identity(model)
    hazards = {r.get("id"): r for r in model.records("hazards")}
    passed = passed_campaigns(model)
    return [_system_item(model, s, identity[s.id], hazards, passed) for s in model.systems]


HAZARDS = Kind(
    "hazards", "The deployer's hazard log (DCB0160).", HAZARD_FIELDS, _hazards, base=("hazards[]",)
)
COVERAGE_ITEMS = Kind(
    "coverage_items",
    "Workflows and interfaces that a hazard assessment must cover.",
    COVERAGE_FIELDS,
    _coverage,
    base=("workflows[]", "interfaces[]"),
)
SYSTEM_SAFETY = Kind(
    "system_safety",
    "Each system's supplier safety evidence, DTAC and patient-identity handling.",
    SYSTEM_SAFETY_FIELDS,
    _system_safety,
    base=("systems[]",),
)

"""Facts for the clinical safety rules (DCB0160): the hazard log and its coverage.

Kinds: the hazard log and the workflows and interfaces a hazard assessment must cover. Each
system's supplier safety evidence is in `supplier_safety`; the CSO and the safety case are in
`safety_case`.
"""

from __future__ import annotations

from collections.abc import Mapping

from readiness.clock import Clock
from readiness.facts.base import (
    FactItem,
    Kind,
    item_from_record,
    texts,
)
from readiness.facts.testing import passed_campaigns
from readiness.fields import Field
from readiness.model import Interface, Record, SiteModel, Workflow, stated_text
from readiness.owners import owner_text
from readiness.problems import DataPath

_LABEL = "a label"
_LINKS = (
    "absent means the hazard is linked to none from its side; coverage is judged from the "
    "workflow's or interface's side (CS-COVERAGE)"
)
_GAPS = "a control citing neither a document nor a passed test is a gap: absence fails"

HAZARD_FIELDS: dict[str, Field] = {
    "id": Field("string", "The hazard's id.", source="id"),
    "title": Field("string", "The hazard's title.", source="title", absent=_LABEL),
    "cause": Field("string", "What can bring the hazard about.", source="cause"),
    "severity": Field("number", "Severity 1-5 of the harm (the matrix's row).", source="severity"),
    "likelihood": Field(
        "number", "Likelihood 1-5 of the harm (the matrix's column).", source="likelihood"
    ),
    "status": Field("string", "open, closed or transferred.", source="status"),
    "owner": Field("string", "Who owns the hazard.", source="owner"),
    "initial_risk": Field("number", "Risk 1-5 before controls.", source="initial_risk"),
    "residual_risk": Field("number", "Risk 1-5 after controls.", source="residual_risk"),
    "has_residual_reason": Field(
        "boolean", "A reason is recorded why the residual risk stays.", source="residual_reason"
    ),
    "controls": Field(
        "number",
        "Controls recorded on the hazard.",
        source="controls",
        absent="absent means no control is recorded: a claimed risk reduction is then a gap",
    ),
    "unevidenced_controls": Field(
        "number",
        "Controls citing neither a document nor a test campaign that passed.",
        source=("controls[].document", "controls[].test_campaign"),
        absent=_GAPS,
    ),
    "evidence_gaps": Field(
        "strings",
        "Each control without evidence, and a risk reduction claimed with no control at all.",
        source=("controls[].document", "controls[].test_campaign", "controls"),
        absent=_GAPS,
    ),
    "workflows": Field(
        "strings", "Workflows the hazard is linked to.", source="workflows", absent=_LINKS
    ),
    "interfaces": Field(
        "strings", "Interfaces the hazard is linked to.", source="interfaces", absent=_LINKS
    ),
    "systems": Field(
        "strings",
        "Systems the hazard is linked to.",
        source="systems",
        absent="absent means the hazard names no system; its workflows and interfaces do",
    ),
    "affects": Field(
        "strings",
        "The systems, workflows and interfaces the hazard names (its own three lists).",
        source=("workflows", "interfaces", "systems"),
    ),
}

COVERAGE_FIELDS: dict[str, Field] = {
    "id": Field("string", "The workflow's or interface's id.", source="id"),
    "name": Field("string", "Its name.", source="name", absent=_LABEL),
    "item_type": Field("string", "workflow or interface.", absent="which list the item comes from"),
    "criticality": Field(
        "string",
        "critical / important / routine, or the interface's rating.",
        source="criticality",
    ),
    "critical": Field("boolean", "A workflow rated critical.", source="criticality"),
    "in_scope": Field(
        "boolean",
        "In use after go-live: an in-scope, not retired workflow; a not retired interface.",
        source=("in_scope", "change", "lifecycle"),
        absent="in scope unless the site says otherwise (the stricter reading)",
    ),
    "carries_clinical_data": Field(
        "boolean",
        "An interface carrying data used in clinical decisions (workflows: true).",
        source="carries_clinical_data",
        absent="unless stated otherwise an interface is taken to carry clinical data (the "
        "stricter reading)",
    ),
    "hazards": Field(
        "strings",
        "Hazards linked from either side (its own list or the hazard's).",
        source=("hazards", "/hazards[].id", "/hazards[].workflows", "/hazards[].interfaces"),
        absent="judged with the no-hazard decision: neither one stated fails the rule",
    ),
    "has_no_hazard_decision": Field(
        "boolean",
        "A no-hazard decision is recorded.",
        source="no_hazard_decision",
        absent="judged with the linked hazards: neither one stated fails the rule",
    ),
    "owner": Field(
        "string",
        "The workflow owner or the interface's monitoring owner.",
        source=("owner", "monitoring.owner"),
        absent="who a finding is assigned to; WF-OWNER and IF-MONITOR judge it",
    ),
}


def short(text: object, limit: int = 60) -> str:
    """A text on one line, cut to `limit` characters with an ellipsis."""
    words = str(text).split()
    joined = " ".join(words)
    return joined if len(joined) <= limit else joined[: limit - 3].rstrip() + "..."


def control_gap(control: Mapping[str, object], passed: set[str]) -> str | None:
    """Why a control lacks evidence, or None when a document or a passed campaign backs it."""
    if control.get("document"):
        return None
    campaign = control.get("test_campaign")
    if isinstance(campaign, str) and campaign in passed:
        return None
    what = f"'{short(control.get('description', 'control'))}'"
    if isinstance(campaign, str):
        return f"{what} cites test campaign {campaign}, which has not passed"
    return f"{what} has no test or document"


def _rating(value: object) -> int | None:
    """A stated 1-5 rating, or None when the site does not state one."""
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _affects(record: Record) -> list[str] | None:
    """What the hazard names as affected, or None when it states none of the three lists.

    An explicit empty list is a statement (the entry affects nothing it names) and fails
    CS-HAZARD-LOG as a gap; silence on all three is not stated.
    """
    keys = ("systems", "workflows", "interfaces")
    if all(record.get(key) is None for key in keys):
        return None
    return [name for key in keys for name in texts(record.get(key))]


def _hazard(model: SiteModel, record: Record, passed: set[str]) -> FactItem:
    controls = [c for c in record.get("controls") or () if isinstance(c, dict)]
    gaps: list[tuple[int, str]] = []
    for index, control in enumerate(controls):
        gap = control_gap(control, passed)
        if gap is not None:
            gaps.append((index, gap))
    initial = _rating(record.get("initial_risk"))
    residual = _rating(record.get("residual_risk"))
    found = [gap for _i, gap in gaps]
    if not controls and initial is not None and residual is not None and residual < initial:
        found.append(f"risk reduced from {initial} to {residual} with no control recorded")
    values: dict[str, object] = {
        "id": record.get("id"),
        "title": record.get("title"),
        "cause": record.get("cause"),
        "severity": _rating(record.get("severity")),
        "likelihood": _rating(record.get("likelihood")),
        "status": record.get("status"),
        "owner": owner_text(record.get("owner")),
        "initial_risk": initial,
        "residual_risk": residual,
        "has_residual_reason": stated_text(record.get("residual_reason")),
        "controls": len(controls),
        "unevidenced_controls": len(gaps),
        "evidence_gaps": found,
        "workflows": texts(record.get("workflows")),
        "interfaces": texts(record.get("interfaces")),
        "systems": texts(record.get("systems")),
        "affects": _affects(record),
    }
    evidence: dict[str, str | DataPath] = {
        "affects": "workflows",
        "has_residual_reason": "residual_reason",
        "unevidenced_controls": "controls",
        # Point at the first control that lacks evidence, not at the list as a whole.
        "evidence_gaps": (*record.path, "controls", gaps[0][0]) if gaps else "controls",
    }
    return item_from_record(model, "hazards", record.get("id"), record, values, evidence)


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
    model: SiteModel, record: Record, links: list[str], own: dict[str, object], owner: object
) -> FactItem:
    values: dict[str, object] = {
        **own,
        "hazards": _joined(texts(record.get("hazards")), links),
        "has_no_hazard_decision": bool(stated_text(record.get("no_hazard_decision"))),
    }
    evidence: dict[str, str | DataPath] = {"has_no_hazard_decision": "no_hazard_decision"}
    return item_from_record(
        model, "coverage_items", record.get("id"), record, values, evidence, owner
    )


def _workflow_item(model: SiteModel, workflow: Workflow, links: list[str]) -> FactItem:
    own: dict[str, object] = {
        "id": workflow.id,
        "name": workflow.name,
        "item_type": "workflow",
        "criticality": workflow.criticality,
        "critical": workflow.critical,
        "in_scope": workflow.in_scope and workflow.record.get("change") != "retired",
        "carries_clinical_data": True,
        "owner": owner_text(workflow.record.get("owner")),
    }
    return _coverage_item(model, workflow.record, links, own, workflow.record.get("owner"))


def _interface_item(model: SiteModel, interface: Interface, links: list[str]) -> FactItem:
    monitor_owner = (interface.record.get("monitoring") or {}).get("owner")
    own: dict[str, object] = {
        "id": interface.id,
        "name": interface.name,
        "item_type": "interface",
        "criticality": interface.criticality,
        "critical": False,
        "in_scope": interface.in_service,
        "carries_clinical_data": interface.record.get("carries_clinical_data", True) is not False,
        "owner": owner_text(monitor_owner),
    }
    return _coverage_item(model, interface.record, links, own, monitor_owner)


def _coverage(model: SiteModel, clock: Clock) -> list[FactItem]:
    by_workflow = _hazard_links(model, "workflows")
    by_interface = _hazard_links(model, "interfaces")
    items = [_workflow_item(model, w, by_workflow.get(w.id, [])) for w in model.workflows]
    items += [_interface_item(model, i, by_interface.get(i.id, [])) for i in model.interfaces]
    return items


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

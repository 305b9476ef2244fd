"""Facts for the clinical safety rules (DCB0160).

Kinds: the hazard log, the workflows and interfaces a hazard assessment must cover, and each
system's supplier safety evidence (with its patient-identity handling); plus the site's CSO
and safety case as a site part.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Mapping

from readiness.clock import Clock
from readiness.facts.base import (
    Evidence,
    FactItem,
    Kind,
    SitePart,
    SiteValues,
    days_before,
    item_from_record,
    system_basics,
    texts,
)
from readiness.facts.patient_identification import IDENTITY_FIELDS, system_identity
from readiness.facts.testing import passed_campaigns
from readiness.fields import Field
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
    **IDENTITY_FIELDS,
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
}

_TITLES = re.compile(r"\b(dr|mr|mrs|ms|miss|mx|prof|professor|sir|dame)\b\.?")
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


def _system_item(model: SiteModel, system: System, identity: dict[str, object]) -> FactItem:
    record = system.record
    supplier = record.get("supplier_safety") or {}
    assessed, clinical_safety, not_passed = _dtac(record)
    values: dict[str, object] = {
        **system_basics(system),
        "supplier_safety_case": bool(supplier.get("safety_case")),
        "supplier_hazard_log": bool(supplier.get("hazard_log")),
        "dtac_assessed": assessed,
        "dtac_clinical_safety": clinical_safety,
        "dtac_not_passed": not_passed,
        **identity,
        "owner": record.get("owner_after_hypercare"),
    }
    evidence: dict[str, str | DataPath] = {
        "supplier_safety_case": "supplier_safety.safety_case",
        "supplier_hazard_log": "supplier_safety.hazard_log",
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
    return [_system_item(model, s, identity[s.id]) for s in model.systems]


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


_SITE_EVIDENCE: Evidence = {
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
}


def _site_part(model: SiteModel, clock: Clock) -> SiteValues:
    values = {**_cso_values(model, clock), **_safety_case_values(model, clock)}
    return values, dict(_SITE_EVIDENCE)


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

SITE_PART = SitePart(SAFETY_SITE_FIELDS, _site_part)

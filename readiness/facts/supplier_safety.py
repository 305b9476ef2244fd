"""Facts for each system's supplier safety evidence (DCB0129, DTAC).

The supplier's safety case and hazard log, the hazards it transfers to the deployer, the
product's DTAC result, and the system's patient-identity handling (from
`patient_identification`). An evidence field is None when the site does not state it.
"""

from __future__ import annotations

from collections.abc import Mapping

from readiness.clock import Clock
from readiness.facts.base import (
    SYSTEM_BASIC_FIELDS,
    FactItem,
    Kind,
    item_from_record,
    system_basics,
)
from readiness.facts.clinical_safety import control_gap, short
from readiness.facts.patient_identification import IDENTITY_FIELDS, system_identity
from readiness.facts.testing import passed_campaigns
from readiness.fields import Field
from readiness.model import Record, SiteModel, System, parse_date
from readiness.owners import owner_text
from readiness.problems import DataPath

_SUPPLIER = "supplier_safety."

SYSTEM_SAFETY_FIELDS: dict[str, Field] = {
    **SYSTEM_BASIC_FIELDS,
    "supplier_safety_case": Field(
        "boolean",
        "The supplier's DCB0129 safety case was received.",
        source=_SUPPLIER + "safety_case",
    ),
    "supplier_hazard_log": Field(
        "boolean", "The supplier's hazard log was received.", source=_SUPPLIER + "hazard_log"
    ),
    "supplier_safety_reference": Field(
        "string",
        "The reference of the supplier's safety case received (document and version).",
        source=_SUPPLIER + "reference",
    ),
    "transferred_hazards": Field(
        "strings",
        "Supplier hazards its DCB0129 case transfers to the deployer ([] when it transfers none).",
        source=_SUPPLIER + "transferred_hazards",
    ),
    "transfer_gaps": Field(
        "strings",
        "Each transferred hazard not in the local log, without a local owner, or whose local "
        "controls lack evidence.",
        source=_SUPPLIER + "transferred_hazards",
    ),
    "dtac_assessed": Field("boolean", "A DTAC result is recorded.", source="dtac"),
    "dtac_assessed_on": Field(
        "date", "When the DTAC assessment was made.", source="dtac.assessed_on"
    ),
    "dtac_clinical_safety": Field(
        "string", "DTAC clinical safety: pass, fail or not-assessed.", source="dtac.clinical_safety"
    ),
    "dtac_not_passed": Field(
        "strings",
        "DTAC criteria not passed, as `criterion: result` (a missing one reads `not stated`).",
        source="dtac",
    ),
    **IDENTITY_FIELDS,
    "owner": Field(
        "string",
        "Its business-as-usual owner after hypercare.",
        source="owner_after_hypercare",
        absent="who a finding is assigned to; RS-BAU judges it",
    ),
}

_DTAC_CRITERIA = (
    "clinical_safety",
    "data_protection",
    "technical_security",
    "interoperability",
    "usability",
)


def _dtac(record: Record) -> dict[str, object]:
    """The DTAC values; all None when the site states no DTAC result for the system."""
    dtac = record.get("dtac")
    if not isinstance(dtac, dict):
        names = ("dtac_assessed", "dtac_assessed_on", "dtac_clinical_safety", "dtac_not_passed")
        return dict.fromkeys(names)
    not_passed = [
        f"{name.replace('_', ' ')}: {dtac.get(name, 'not stated')}"
        for name in _DTAC_CRITERIA
        if dtac.get(name) != "pass"
    ]
    return {
        "dtac_assessed": True,
        "dtac_assessed_on": parse_date(dtac.get("assessed_on")),
        "dtac_clinical_safety": dtac.get("clinical_safety"),
        "dtac_not_passed": not_passed,
    }


def _transfer_gap(
    entry: Mapping[str, object], hazards: Mapping[str, Record], passed: set[str]
) -> str | None:
    """Why a transferred supplier hazard is not taken on locally, or None when it is."""
    what = f"{entry.get('id')} {short(entry.get('title', ''))}".strip()
    local = entry.get("local_hazard")
    record = hazards.get(local) if isinstance(local, str) else None
    if record is None:
        return f"{what}: not in the local hazard log" + (f" ({local} not found)" if local else "")
    controls = [c for c in record.get("controls") or () if isinstance(c, dict)]
    missing = [] if owner_text(record.get("owner")) else ["no local owner"]
    if not controls:
        missing.append("no local control")
    elif any(control_gap(c, passed) for c in controls):
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


def _flag(value: object) -> bool | None:
    """A stated yes/no, or None when the site does not state it."""
    return value if isinstance(value, bool) else None


def _system_item(
    model: SiteModel,
    system: System,
    identity: dict[str, object],
    hazards: Mapping[str, Record],
    passed: set[str],
) -> FactItem:
    record = system.record
    stated = record.get("supplier_safety")
    supplier: Mapping[str, object] = stated if isinstance(stated, dict) else {}
    transferred, transfer_gaps = _transfers(supplier, hazards, passed)
    values: dict[str, object] = {
        **system_basics(system),
        "supplier_safety_case": _flag(supplier.get("safety_case")),
        "supplier_hazard_log": _flag(supplier.get("hazard_log")),
        "supplier_safety_reference": supplier.get("reference"),
        "transferred_hazards": transferred,
        "transfer_gaps": transfer_gaps,
        **_dtac(record),
        **identity,
        "owner": owner_text(record.get("owner_after_hypercare")),
    }
    evidence: dict[str, str | DataPath] = {
        "supplier_safety_case": "supplier_safety.safety_case",
        "supplier_hazard_log": "supplier_safety.hazard_log",
        "supplier_safety_reference": "supplier_safety.reference",
        "transferred_hazards": "supplier_safety.transferred_hazards",
        "transfer_gaps": "supplier_safety.transferred_hazards",
        "dtac_assessed": "dtac",
        "dtac_assessed_on": "dtac.assessed_on",
        "dtac_clinical_safety": "dtac.clinical_safety",
        "dtac_not_passed": "dtac",
    }
    # Missing supplier evidence or DTAC points at the lifecycle that requires it.
    owner = record.get("owner_after_hypercare")
    return item_from_record(
        model, "system_safety", system.id, record, values, evidence, owner, fallback="lifecycle"
    )


def _system_safety(model: SiteModel, clock: Clock) -> list[FactItem]:
    identity = system_identity(model)
    hazards = {r.get("id"): r for r in model.records("hazards")}
    passed = passed_campaigns(model)
    return [_system_item(model, s, identity[s.id], hazards, passed) for s in model.systems]


SYSTEM_SAFETY = Kind(
    "system_safety",
    "Each system's supplier safety evidence, DTAC and patient-identity handling.",
    SYSTEM_SAFETY_FIELDS,
    _system_safety,
    base=("systems[]",),
)

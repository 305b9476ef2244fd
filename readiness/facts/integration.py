"""Facts for the integration rules: the systems, nodes of the integration graph.

The graph checks of `rules/integration.yaml` read the graph itself; the rules written as
conditions read these items (and the workflow and interface items of their own modules).
"""

from __future__ import annotations

from readiness.clock import Clock
from readiness.facts.base import (
    NATIONAL,
    SYSTEM_BASIC_FIELDS,
    FactItem,
    Kind,
    item_from_record,
    system_basics,
)
from readiness.fields import Field
from readiness.interop import STANDARDS, needs
from readiness.model import SiteModel, System, parse_date
from readiness.owners import owner_text

_DERIVED = "derived from other fields, which carry the evidence"
_NONE = "absent, none is stated: the stricter reading, and the rule then needs the alternative"

SYSTEM_FIELDS: dict[str, Field] = {
    **SYSTEM_BASIC_FIELDS,
    "vendor": Field("string", "The supplier.", source="vendor", absent="a label"),
    "national": Field(
        "boolean",
        "The system is a national service (Spine, PDS, e-RS...).",
        source="category",
        absent=_DERIVED,
    ),
    "go_live": Field(
        "date",
        "When the system goes live (the site's go-live unless stated).",
        source="go_live",
        absent="a system with no date of its own goes live with the site",
    ),
    "high_availability": Field(
        "boolean",
        "Runs as an HA pair or cluster.",
        source="resilience.high_availability",
        absent=_NONE,
    ),
    "read_only_copy": Field(
        "boolean",
        "A read-only business-continuity copy exists.",
        source="resilience.read_only_copy",
        absent=_NONE,
    ),
    "downtime_procedure": Field(
        "boolean",
        "A downtime procedure is documented.",
        source="resilience.downtime_procedure",
        absent=_NONE,
    ),
    "owner_after_hypercare": Field(
        "string", "Named business-as-usual owner after hypercare.", source="owner_after_hypercare"
    ),
    "interop_standards": Field(
        "strings",
        "The standards (hl7v2, fhir, dicom) for which it states what it sends and accepts.",
        source="interop",
    ),
    "needs": Field(
        "strings",
        "Message types or resources it needs to receive on day one (G-ORPHAN judges each).",
        source="interop.needs",
    ),
    "dr_rto_hours": Field(
        "number",
        "Disaster recovery: the recovery time objective, in hours.",
        source="resilience.disaster_recovery.rto_hours",
    ),
    "dr_rpo_minutes": Field(
        "number",
        "Disaster recovery: the recovery point objective (data loss), in minutes.",
        source="resilience.disaster_recovery.rpo_minutes",
    ),
    "dr_tested_on": Field(
        "date",
        "When disaster recovery was last tested.",
        source="resilience.disaster_recovery.tested_on",
    ),
    "dr_tested_days_before_go_live": Field(
        "number",
        "Days from the last disaster recovery test to the system's go-live.",
        source="resilience.disaster_recovery.tested_on",
    ),
    "backup_restore_tested_on": Field(
        "date",
        "When a restore from the system's backups was last tested.",
        source="resilience.backups.restore_tested_on",
    ),
}


def _system_values(system: System) -> dict[str, object]:
    record = system.record
    resilience = record.get("resilience") or {}
    recovery = resilience.get("disaster_recovery") or {}
    tested = parse_date(recovery.get("tested_on"))
    interop = record.get("interop")
    return {
        **system_basics(system),
        "vendor": record.get("vendor"),
        "national": system.category == NATIONAL,
        "go_live": system.go_live,
        "high_availability": system.high_availability,
        "read_only_copy": bool(resilience.get("read_only_copy")),
        "downtime_procedure": system.downtime_procedure,
        "owner_after_hypercare": owner_text(record.get("owner_after_hypercare")),
        "dr_rto_hours": recovery.get("rto_hours"),
        "dr_rpo_minutes": recovery.get("rpo_minutes"),
        "dr_tested_on": tested,
        "dr_tested_days_before_go_live": None if tested is None else (system.go_live - tested).days,
        "backup_restore_tested_on": parse_date(
            (resilience.get("backups") or {}).get("restore_tested_on")
        ),
        "interop_standards": None
        if interop is None
        else [s for s in STANDARDS if isinstance(interop.get(s), dict)],
        "needs": None if needs(system) is None else list(needs(system) or ()),
    }


_SYSTEM_EVIDENCE = {
    "life_critical": "criticality",
    "in_service": "lifecycle",
    "new_or_changed": "lifecycle",
    "national": "category",
    "high_availability": "resilience.high_availability",
    "read_only_copy": "resilience.read_only_copy",
    "downtime_procedure": "resilience.downtime_procedure",
    "dr_rto_hours": "resilience.disaster_recovery.rto_hours",
    "dr_rpo_minutes": "resilience.disaster_recovery.rpo_minutes",
    "dr_tested_on": "resilience.disaster_recovery.tested_on",
    "dr_tested_days_before_go_live": "resilience.disaster_recovery.tested_on",
    "backup_restore_tested_on": "resilience.backups.restore_tested_on",
    "interop_standards": "interop",
    "needs": "interop.needs",
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


SYSTEMS = Kind(
    "systems",
    "Systems in scope (nodes of the integration graph).",
    SYSTEM_FIELDS,
    _systems,
    base=("systems[]",),
)

"""Facts for the patient identification rules.

The temporary-identity process as a site part, and each system's patient-identity handling
(ADT feeds, merges, national services), which the `system_safety` items carry.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from readiness.clock import Clock
from readiness.facts.base import NATIONAL, Evidence, SitePart, SiteValues, texts
from readiness.fields import Field
from readiness.model import Interface, SiteModel, System

IDENTITY_FIELDS: dict[str, Field] = {
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
}

IDENTIFICATION_SITE_FIELDS: dict[str, Field] = {
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
_ADT_RESOURCES = ("Patient", "Encounter")


def _carries_adt(interface: Interface) -> bool:
    return any(m.upper().startswith("ADT") or m in _ADT_RESOURCES for m in interface.messages)


def _identity(
    system: System, national_ids: set[str], touching: Sequence[Interface]
) -> dict[str, object]:
    live = [i for i in touching if i.in_service]
    adt = [i.id for i in live if i.target == system.id and _carries_adt(i)]
    national = [
        i.id
        for i in live
        if system.id in (i.source, i.target)
        and (i.standard == "national" or {i.source, i.target} & (national_ids - {system.id}))
    ]
    return {
        "receives_adt": bool(adt),
        "adt_interfaces": adt,
        "receives_merges": bool(system.record.get("receives_merges")),
        "calls_national_services": bool(national),
        "national_interfaces": national,
        "uses_pds_verified_nhs_numbers": bool(system.record.get("uses_pds_verified_nhs_numbers")),
    }


def system_identity(model: SiteModel) -> dict[str, dict[str, object]]:
    """Each system's patient-identity facts (IDENTITY_FIELDS), by system id."""
    national_ids = {s.id for s in model.systems if s.category == NATIONAL}
    # Each system's interfaces, gathered once, so the facts stay linear in the site's size.
    touching: dict[str, list[Interface]] = defaultdict(list)
    for interface in model.interfaces:
        touching[interface.source].append(interface)
        if interface.target != interface.source:
            touching[interface.target].append(interface)
    return {s.id: _identity(s, national_ids, touching[s.id]) for s in model.systems}


def _temp_id_values(model: SiteModel) -> dict[str, object]:
    section = model.section("patient_identification")
    covers = texts(section.get("covers"))
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


_SITE_EVIDENCE: Evidence = {
    "temp_id_process": ("patient_identification", "temporary_identity_process"),
    "temp_id_includes_merge": ("patient_identification", "includes_merge"),
    "temp_id_covers": ("patient_identification", "covers"),
    "temp_id_missing": ("patient_identification", "covers"),
}


def _site_part(model: SiteModel, clock: Clock) -> SiteValues:
    return _temp_id_values(model), dict(_SITE_EVIDENCE)


SITE_PART = SitePart(IDENTIFICATION_SITE_FIELDS, _site_part)

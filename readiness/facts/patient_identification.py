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

# Derived from the interfaces that reach a system: an interface that does not state its
# messages fails IF-COMPAT as not stated, so these can read what is stated.
_FROM_INTERFACES = "derived from the in-service interfaces that reach it and their messages"

IDENTITY_FIELDS: dict[str, Field] = {
    "receives_adt": Field(
        "boolean",
        "An in-service interface brings it ADT messages or FHIR Patient/Encounter.",
        absent=_FROM_INTERFACES,
    ),
    "adt_interfaces": Field(
        "strings",
        "The interfaces bringing it patient administration data.",
        absent=_FROM_INTERFACES,
    ),
    "receives_merges": Field(
        "boolean", "It can process a patient merge (A40 or FHIR).", source="receives_merges"
    ),
    "calls_national_services": Field(
        "boolean",
        "An in-service interface links it to a national service (Spine, PDS, e-RS...).",
        absent=_FROM_INTERFACES,
    ),
    "national_interfaces": Field(
        "strings", "The interfaces linking it to national services.", absent=_FROM_INTERFACES
    ),
    "uses_pds_verified_nhs_numbers": Field(
        "boolean", "It uses PDS-verified NHS numbers.", source="uses_pds_verified_nhs_numbers"
    ),
}

_SECTION = "patient_identification"
IDENTIFICATION_SITE_FIELDS: dict[str, Field] = {
    "temp_id_process": Field(
        "boolean",
        "A temporary / unknown-patient identity process exists.",
        source=f"{_SECTION}.temporary_identity_process",
    ),
    "temp_id_includes_merge": Field(
        "boolean", "The process includes the later merge.", source=f"{_SECTION}.includes_merge"
    ),
    "temp_id_covers": Field(
        "strings",
        "Departments the process covers (lims, ris, transfusion...).",
        source=f"{_SECTION}.covers",
    ),
    "temp_id_required": Field(
        "strings",
        "Departments it must cover: lims, ris and transfusion for acute sites (and sites that "
        "do not state their type), else those of them the site runs.",
        source=("site.organisation_type", "systems[].category"),
        absent="derived; an unstated organisation type is judged as acute, the stricter reading",
    ),
    "temp_id_missing": Field(
        "strings",
        "Required departments the process does not cover.",
        source=(f"{_SECTION}.covers", "site.organisation_type", "systems[].category"),
    ),
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
        "receives_merges": system.record.get("receives_merges"),
        "calls_national_services": bool(national),
        "national_interfaces": national,
        "uses_pds_verified_nhs_numbers": system.record.get("uses_pds_verified_nhs_numbers"),
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
    section = model.section(_SECTION)
    covers = section.get("covers")
    present = {s.category for s in model.systems if s.in_service}
    # Only a site that states it is not acute may leave a department it does not run.
    acute = model.site.record.get("organisation_type") in (None, "acute")
    required = [d for d in SAFETY_CRITICAL_DEPARTMENTS if acute or d in present]
    stated = texts(covers) if isinstance(covers, list) else None
    return {
        "temp_id_process": section.get("temporary_identity_process"),
        "temp_id_includes_merge": section.get("includes_merge"),
        "temp_id_covers": stated,
        "temp_id_required": required,
        "temp_id_missing": None if stated is None else [d for d in required if d not in stated],
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

"""The explicit table of fact kinds; nothing registers itself by being imported."""

from __future__ import annotations

from collections.abc import Mapping

from readiness.facts import (
    areas,
    case_currency,
    clinical_safety,
    cutover,
    data_migration,
    defects,
    governance,
    infrastructure,
    integration,
    interfaces,
    ownership,
    patient_identification,
    resourcing,
    risk_acceptance,
    safety_case,
    sign_offs,
    supplier_safety,
    testing,
    training,
    workflows,
)
from readiness.facts.base import Kind, SitePart
from readiness.facts.site import site_kind

# The site kind's fields are its own, then each part's in this order (`rules kinds site`).
SITE_PARTS: tuple[SitePart, ...] = (
    training.SITE_PART,
    resourcing.SITE_PART,
    cutover.SITE_PART,
    infrastructure.SITE_PART,
    safety_case.SITE_PART,
    patient_identification.SITE_PART,
    governance.SITE_PART,
    risk_acceptance.SITE_PART,
    data_migration.SITE_PART,
    testing.SITE_PART,
)

KINDS: Mapping[str, Kind] = {
    "site": site_kind(SITE_PARTS),
    "staff_cohorts": training.STAFF_COHORTS,
    "systems": integration.SYSTEMS,
    "interfaces": interfaces.INTERFACES,
    "workflows": workflows.WORKFLOWS,
    "support_areas": resourcing.SUPPORT_AREAS,
    "downtime_areas": infrastructure.DOWNTIME_AREAS,
    "device_areas": infrastructure.DEVICE_AREAS,
    "clinical_areas": areas.CLINICAL_AREAS,
    "hazards": clinical_safety.HAZARDS,
    "coverage_items": clinical_safety.COVERAGE_ITEMS,
    "system_safety": supplier_safety.SYSTEM_SAFETY,
    "case_changes": case_currency.CASE_CHANGES,
    "defects": defects.DEFECTS,
    "test_campaigns": testing.TEST_CAMPAIGNS,
    "migration_domains": data_migration.MIGRATION_DOMAINS,
    "raid_items": governance.RAID_ITEMS,
    "communications": governance.COMMUNICATIONS,
    "tolerances": governance.TOLERANCES,
    "sign_offs": sign_offs.SIGN_OFFS,
    "ownership": ownership.OWNERSHIP,
}

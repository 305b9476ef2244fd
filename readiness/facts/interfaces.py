"""Facts for the interface rules: each interface's tests, mapping, monitoring and ends."""

from __future__ import annotations

from collections.abc import Mapping

from readiness.clock import Clock
from readiness.facts.base import HAZARD_LINK_FIELDS, NATIONAL, FactItem, Kind, item_from_record
from readiness.fields import Field
from readiness.model import Interface, SiteModel, System, parse_date, stated_text
from readiness.owners import owner_text

STAGES = ("unit", "sit", "e2e", "volume", "regression")

_DERIVED = "derived from other fields, which carry the evidence"
_DEFAULT_NEW = "the schema's default: an interface with no lifecycle is new"

INTERFACE_FIELDS: dict[str, Field] = {
    "id": Field("string", "The interface's id.", source="id"),
    "name": Field(
        "string", "The interface's name (its id when unnamed).", source="name", absent="a label"
    ),
    "source": Field("string", "Id of the sending system.", source="source"),
    "target": Field("string", "Id of the receiving system.", source="target"),
    "via": Field(
        "string",
        "Id of the integration engine it is routed through.",
        source="via",
        absent="no engine named: the interface runs point to point",
    ),
    "standard": Field(
        "string", "hl7v2, fhir, dicom, file, api, national or other.", source="standard"
    ),
    "version": Field("string", "The standard's version.", source="version"),
    "messages": Field(
        "strings", "Message types, resources or services carried.", source="messages"
    ),
    "messages_per_day": Field("number", "Messages a day.", source="messages_per_day"),
    "daily_volume_stated": Field(
        "boolean",
        "The site states the messages a day (a statement that no volume test is needed then "
        "gives way to the figure).",
        source="messages_per_day",
        absent="true or false: it says whether the figure is stated",
    ),
    "criticality": Field(
        "string", "life-critical, business-critical or supporting.", source="criticality"
    ),
    "life_critical": Field("boolean", "The interface is life-critical.", source="criticality"),
    "lifecycle": Field(
        "string",
        "new, changed, retained, retired or rerouted (new if unstated).",
        source="lifecycle",
        absent=_DEFAULT_NEW,
    ),
    "in_service": Field(
        "boolean",
        "The interface carries messages after go-live.",
        source="lifecycle",
        absent=_DEFAULT_NEW,
    ),
    "carries_clinical_data": Field(
        "boolean",
        "Carries data used in clinical decisions.",
        source="carries_clinical_data",
        absent="unless stated otherwise an interface is taken to carry clinical data (the "
        "stricter reading)",
    ),
    **{
        stage: Field("string", f"{label} test status.", source=f"tests.{stage}")
        for stage, label in (
            ("unit", "Unit"),
            ("sit", "System integration"),
            ("e2e", "End-to-end"),
            ("volume", "Volume / performance"),
            ("regression", "Regression"),
        )
    },
    "first_stage_not_passed": Field(
        "string",
        "The first of unit, SIT, E2E, regression (for a changed interface), volume not passed "
        "(where a stage finding points).",
        source="tests",
        absent="only says where a finding points",
    ),
    "last_tested": Field("date", "When the interface was last tested.", source="tests.last_tested"),
    "test_environment_parity": Field(
        "boolean", "Tests ran on production versions and config.", source="test_environment_parity"
    ),
    "mapping_tables": Field(
        "strings",
        "Mapping tables the interface relies on.",
        source="mapping.tables",
        absent="no mapping table named: the interface relies on none",
    ),
    "mapping_signed_off": Field(
        "boolean",
        "The mapping tables are signed off by a clinical owner.",
        source="mapping.signed_off_by",
    ),
    "mapping_signed_off_by": Field(
        "string", "Who signed the mapping tables off.", source="mapping.signed_off_by"
    ),
    "mapping_changed_on": Field(
        "date",
        "Last change to a mapping table.",
        source="mapping.changed_on",
        absent="no change recorded since the tables were signed off",
    ),
    "mapping_changed_after_test": Field(
        "boolean",
        "A mapping table changed after the last test (or with no test date recorded).",
        source=("mapping.changed_on", "tests.last_tested"),
        absent="no change date: nothing changed after the test; a change with no test date "
        "counts as untested",
    ),
    "mapping_signed_off_on": Field(
        "date",
        "When the clinical owner signed the mapping tables off.",
        source="mapping.signed_off_on",
    ),
    "mapping_changed_after_sign_off": Field(
        "boolean",
        "A mapping table changed after the clinical owner signed it off (none if unchanged).",
        source=("mapping.changed_on", "mapping.signed_off_on"),
    ),
    "monitoring_alerting": Field(
        "boolean", "Failures raise an alert.", source="monitoring.alerting"
    ),
    "monitoring_owner": Field(
        "string", "Named owner of the interface's monitoring.", source="monitoring.owner"
    ),
    "replay_runbook": Field(
        "boolean", "A message replay runbook exists.", source="monitoring.replay_runbook"
    ),
    "monitoring_missing": Field(
        "strings", "What the monitoring lacks, in words.", source="monitoring", absent=_DERIVED
    ),
    "national": Field(
        "boolean",
        "The interface touches a national-service system.",
        source=("source", "target", "via", "standard"),
        absent=_DERIVED,
    ),
    "national_systems": Field(
        "strings",
        "The national services it touches.",
        source=("source", "target", "via"),
        absent=_DERIVED,
    ),
    "national_assurance_completed": Field(
        "boolean",
        "National solution assurance is complete.",
        source="national_assurance.completed",
    ),
    "national_assurance_reference": Field(
        "string",
        "The reference of the completed national solution assurance.",
        source="national_assurance.reference",
    ),
    "touches_decommissioned": Field(
        "boolean",
        "Its source, target or engine is replaced or decommissioned at go-live.",
        source=("source", "target", "via"),
        absent=_DERIVED,
    ),
    "decommissioned_systems": Field(
        "strings",
        "The replaced or decommissioned systems it touches.",
        source=("source", "target", "via"),
        absent=_DERIVED,
    ),
    "consumers_notified": Field(
        "boolean",
        "Consumers of a retired or rerouted feed were told.",
        source="consumers_notified",
    ),
    "processing_id": Field(
        "string", "HL7 v2 MSH-11 processing id: P, T or D.", source="processing_id"
    ),
    "test_feeds_into_production": Field(
        "boolean",
        "A test feed still sends into production.",
        source="test_feeds_into_production",
        absent="an exception the site reports when it finds one; absent, none is known",
    ),
    "has_fallback": Field(
        "boolean", "A fallback for when the interface is down is written.", source="fallback"
    ),
    "owner_after_hypercare": Field(
        "string",
        "Named business-as-usual owner after hypercare.",
        source="owner_after_hypercare",
    ),
    **HAZARD_LINK_FIELDS,
}


def _first_stage_not_passed(tests: Mapping[str, str], lifecycle: str) -> str:
    # A changed interface must also show that what worked before still works.
    stages = ("unit", "sit", "e2e", "regression") if lifecycle == "changed" else STAGES[:3]
    for stage in stages:
        if tests.get(stage) != "passed":
            return stage
    return "volume"


def _mapping_changed_after_test(mapping: Mapping[str, object], last_tested: object) -> bool:
    changed = parse_date(mapping.get("changed_on"))
    tested = parse_date(last_tested)
    # A change with no test date on record cannot be shown to have been retested.
    return changed is not None and (tested is None or changed > tested)


def _mapping_changed_after_sign_off(mapping: Mapping[str, object]) -> bool | None:
    changed = parse_date(mapping.get("changed_on"))
    signed = parse_date(mapping.get("signed_off_on"))
    if signed is None:
        return None  # no sign-off date: nothing shows the tables in use were signed off
    # No change recorded: the signed-off tables are the ones in use.
    return changed is not None and changed > signed


def _monitoring_missing(monitoring: Mapping[str, object]) -> list[str]:
    missing = []
    if not monitoring.get("alerting"):
        missing.append("alerting")
    if owner_text(monitoring.get("owner")) is None:
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
    assurance = record.get("national_assurance") or {}
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
        "messages": list(interface.messages) if "messages" in record.fields else None,
        "messages_per_day": record.get("messages_per_day"),
        "daily_volume_stated": record.get("messages_per_day") is not None,
        "criticality": interface.criticality,
        "life_critical": interface.criticality == "life-critical",
        "lifecycle": interface.lifecycle,
        "in_service": interface.in_service,
        "carries_clinical_data": record.get("carries_clinical_data", True) is not False,
        **{stage: tests.get(stage) for stage in STAGES},
        "first_stage_not_passed": _first_stage_not_passed(tests, interface.lifecycle),
        "last_tested": parse_date(tests.get("last_tested")),
        "test_environment_parity": record.get("test_environment_parity"),
        "mapping_tables": list(mapping.get("tables") or ()),
        "mapping_signed_off": stated_text(mapping.get("signed_off_by")),
        "mapping_signed_off_by": mapping.get("signed_off_by"),
        "mapping_changed_on": parse_date(mapping.get("changed_on")),
        "mapping_changed_after_test": _mapping_changed_after_test(
            mapping, tests.get("last_tested")
        ),
        "mapping_signed_off_on": parse_date(mapping.get("signed_off_on")),
        "mapping_changed_after_sign_off": _mapping_changed_after_sign_off(mapping),
        "monitoring_alerting": monitoring.get("alerting"),
        "monitoring_owner": owner_text(monitoring.get("owner")),
        "replay_runbook": stated_text(monitoring.get("replay_runbook")),
        "monitoring_missing": _monitoring_missing(monitoring),
        "national": bool(national) or interface.standard == "national",
        "national_systems": national,
        "national_assurance_completed": assurance.get("completed"),
        "national_assurance_reference": assurance.get("reference"),
        "touches_decommissioned": bool(gone),
        "decommissioned_systems": gone,
        "consumers_notified": record.get("consumers_notified"),
        "processing_id": record.get("processing_id"),
        "test_feeds_into_production": bool(record.get("test_feeds_into_production")),
        "has_fallback": stated_text(record.get("fallback")),
        "owner_after_hypercare": owner_text(record.get("owner_after_hypercare")),
        "hazards": list(record.get("hazards") or ()),
        "no_hazard_decision": bool(stated_text(record.get("no_hazard_decision"))),
    }


def _interface_evidence(interface: Interface) -> dict[str, str]:
    first = _first_stage_not_passed(interface.tests, interface.lifecycle)
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
        "mapping_signed_off_on": "mapping.signed_off_on",
        "mapping_changed_after_sign_off": "mapping.signed_off_on",
        "monitoring_alerting": "monitoring.alerting",
        "monitoring_owner": "monitoring.owner",
        "replay_runbook": "monitoring.replay_runbook",
        "monitoring_missing": "monitoring",
        "national": "target",
        "national_systems": "target",
        "national_assurance_completed": "national_assurance.completed",
        "national_assurance_reference": "national_assurance.reference",
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


INTERFACES = Kind(
    "interfaces",
    "Interfaces between systems (edges of the graph).",
    INTERFACE_FIELDS,
    _interfaces,
    base=("interfaces[]",),
)

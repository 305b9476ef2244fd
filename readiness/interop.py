"""What systems state they send, accept and need, and what an interface delivers to its receiver.

Read from the validated records (`systems[].interop`, `interfaces[].transform`); the graph
checks IF-COMPAT, G-ORPHAN and G-SEQ-ORDER judge interfaces and feeds on these readings.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from readiness.model import Interface, System

# Standards whose messages a system's `interop` section describes.
STANDARDS = ("hl7v2", "fhir", "dicom")
LABELS = {"hl7v2": "HL7 v2", "fhir": "FHIR", "dicom": "DICOM"}
ENGINE = "integration-engine"

# Orders and results, by HL7 v2 message type or FHIR resource: a critical workflow that loses
# one of these loses its clinical purpose (G-ORPHAN raises them to a blocker).
ORDER_TYPES = frozenset({"ORM", "OML", "OMG", "OMI", "OMP", "OMB", "RDE", "RDO"})
RESULT_TYPES = frozenset({"ORU", "OUL", "ORL"})
ORDER_RESOURCES = frozenset({"ServiceRequest", "MedicationRequest"})
RESULT_RESOURCES = frozenset({"Observation", "DiagnosticReport", "ImagingStudy"})


@dataclass(frozen=True)
class Capability:
    """One system's stated capability in one standard."""

    versions: tuple[str, ...]
    sends: frozenset[str]
    accepts: frozenset[str]
    sends_stated: bool
    accepts_stated: bool


@dataclass(frozen=True)
class Delivery:
    """What an interface hands its receiver: version and messages after the engine's transform."""

    version: str | None
    messages: tuple[str, ...]
    # Message as delivered -> the name the sender sent it under.
    sent_as: Mapping[str, str]


def capability(system: System, standard: str) -> Capability | None:
    """The system's stated capability in `standard`, or None when it states none."""
    section = (system.record.get("interop") or {}).get(standard)
    if not isinstance(section, dict):
        return None
    return Capability(
        versions=tuple(section.get("versions") or ()),
        sends=frozenset(section.get("sends") or ()),
        accepts=frozenset(section.get("accepts") or ()),
        sends_stated="sends" in section,
        accepts_stated="accepts" in section,
    )


def needs(system: System) -> tuple[str, ...] | None:
    """What the system needs to receive on day one, or None when it does not say."""
    stated = (system.record.get("interop") or {}).get("needs")
    return tuple(stated) if isinstance(stated, list) else None


def transform(interface: Interface) -> Mapping[str, object] | None:
    """The engine's declared transformation of the interface's messages, if any."""
    value = interface.record.get("transform")
    return value if isinstance(value, dict) else None


def delivery(interface: Interface) -> Delivery:
    """The version and messages the receiver gets, after any declared transformation."""
    version = interface.record.get("version")
    declared = transform(interface)
    mapped: dict[str, str] = {}
    if declared is not None:
        to = declared.get("to")
        version = to if isinstance(to, str) else version
        pairs = declared.get("messages")
        for pair in pairs if isinstance(pairs, list) else ():
            if isinstance(pair, dict):
                mapped[str(pair.get("from"))] = str(pair.get("to"))
    messages = tuple(mapped.get(m, m) for m in interface.messages)
    sent_as = {mapped.get(m, m): m for m in interface.messages}
    return Delivery(version, messages, sent_as)


def clinical(interface: Interface) -> bool:
    """True when the interface carries clinical messages in a standard IF-COMPAT judges."""
    return interface.standard in STANDARDS and (
        interface.record.get("carries_clinical_data", True) is not False
    )


def is_engine(system: System | None) -> bool:
    """True for an integration engine: it carries feeds, it is not their source or consumer."""
    return system is not None and system.category == ENGINE


def orders_or_results(message: str) -> bool:
    """True for an order or a result message type (HL7 v2 type or FHIR resource)."""
    kind = message.split("^")[0]
    return kind in ORDER_TYPES | RESULT_TYPES or message in ORDER_RESOURCES | RESULT_RESOURCES

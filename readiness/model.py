"""Typed, immutable objects built from a validated site, each keeping its source position."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from readiness.problems import DataPath, Location
from readiness.site_files import SiteSource

# Site fields the engine itself reads to build the site's structure and apply waivers, as
# schema paths; every other field is read by a rule (tests/test_schema_coverage.py).
STRUCTURE: tuple[str, ...] = (
    "site.id",
    "site.go_live",
    "systems[].id",
    "interfaces[].id",
    "interfaces[].source",
    "interfaces[].target",
    "interfaces[].via",
    "workflows[].id",
    "staff_cohorts[].id",
    "defects[].id",
    "raid[].id",
    "test_campaigns[].id",
    # The owner a cohort's findings name.
    "staff_cohorts[].owner",
    "waivers",
    # The portfolio (`compare`) reads which other sites a site depends on.
    "site.depends_on_sites",
)


@dataclass(frozen=True)
class Record:
    """One item of a site section: its fields, and where it and each field are written."""

    path: DataPath
    fields: Mapping[str, Any]
    location: Location
    field_locations: Mapping[str, Location]

    def get(self, name: str, default: Any = None) -> Any:
        """A field's value, or `default` when the field is not written."""
        return self.fields.get(name, default)

    def where(self, name: str) -> Location:
        """Where a field's value is written, or the record itself when it is not."""
        return self.field_locations.get(name, self.location)


@dataclass(frozen=True)
class SiteInfo:
    """The site going live."""

    id: str
    name: str
    organisation: str | None
    approach: str | None
    go_live: dt.date
    release_version: str | None
    record: Record


@dataclass(frozen=True)
class System:
    """A clinical or supporting system: a node of the integration graph."""

    id: str
    name: str
    category: str
    lifecycle: str
    criticality: str
    go_live: dt.date
    go_live_after: tuple[str, ...]
    high_availability: bool
    downtime_procedure: bool
    record: Record

    @property
    def in_service(self) -> bool:
        """True when the system runs after go-live."""
        return self.lifecycle in ("new", "changed", "retained")


@dataclass(frozen=True)
class Interface:
    """An interface between two systems: an edge of the integration graph."""

    id: str
    name: str
    source: str
    target: str
    via: str | None
    standard: str
    messages: tuple[str, ...]
    messages_per_day: int
    criticality: str
    lifecycle: str
    tests: Mapping[str, str]
    record: Record

    @property
    def e2e_passed(self) -> bool:
        """True when the end-to-end stage passed."""
        return self.tests.get("e2e") == "passed"

    @property
    def in_service(self) -> bool:
        """True when the interface carries messages after go-live."""
        return self.lifecycle not in ("retired",)


@dataclass(frozen=True)
class Step:
    """One step of a workflow: who does it, on which system, over which interface."""

    index: int
    name: str
    role: str | None
    system: str | None
    interface: str | None
    changed: bool
    fallback: str | None
    record: Record


@dataclass(frozen=True)
class Workflow:
    """A clinical workflow the change touches, with its steps in order."""

    id: str
    name: str
    criticality: str
    in_scope: bool
    go_live: dt.date
    steps: tuple[Step, ...]
    record: Record

    @property
    def critical(self) -> bool:
        """True for workflows rated critical."""
        return self.criticality == "critical"


@dataclass(frozen=True)
class SiteModel:
    """The whole site: typed graph entities plus every section as records."""

    site: SiteInfo
    systems: tuple[System, ...]
    interfaces: tuple[Interface, ...]
    workflows: tuple[Workflow, ...]
    source: SiteSource

    def records(self, *pattern: str) -> list[Record]:
        """Records at a section path, e.g. `records("support", "areas")`."""
        value: Any = self.source.data
        for part in pattern:
            value = value.get(part) if isinstance(value, dict) else None
        if isinstance(value, list):
            return [
                record_at(self.source, (*pattern, i))
                for i, item in enumerate(value)
                if isinstance(item, dict)
            ]
        if isinstance(value, dict):
            return [record_at(self.source, tuple(pattern))]
        return []

    def section(self, *pattern: str) -> Record:
        """A mapping section as one record (empty when the section is absent)."""
        found = self.records(*pattern)
        if found:
            return found[0]
        return Record(tuple(pattern), MappingProxyType({}), self.source.where(()), {})


def record_at(source: SiteSource, path: DataPath) -> Record:
    """The mapping at `path` as a record with field positions."""
    value: Any = source.data
    for part in path:
        value = value[part]
    fields = value if isinstance(value, dict) else {}
    locations = {name: source.where((*path, name)) for name in fields}
    return Record(path, MappingProxyType(fields), source.where(path), MappingProxyType(locations))


def parse_date(value: object) -> dt.date | None:
    """An ISO date string (already checked by the schema) as a date."""
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def stated_text(value: object) -> bool | None:
    """Whether a value states something: None when absent or blank text, else its truth.

    The schema's minLength lets whitespace through, and `" "` must not count as a fallback,
    a procedure or a reason.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return bool(value)


def build_model(source: SiteSource) -> SiteModel:
    """Build the typed model from a site that passed validation."""
    site_record = record_at(source, ("site",))
    go_live = parse_date(site_record.get("go_live"))
    assert go_live is not None, "validation guarantees site.go_live"
    site = SiteInfo(
        id=site_record.get("id"),
        name=site_record.get("name"),
        organisation=site_record.get("organisation"),
        approach=site_record.get("approach"),
        go_live=go_live,
        release_version=site_record.get("release_version"),
        record=site_record,
    )
    model = SiteModel(site, (), (), (), source)
    systems = tuple(_system(r, go_live) for r in model.records("systems"))
    interfaces = tuple(_interface(r) for r in model.records("interfaces"))
    workflows = tuple(_workflow(r, source, go_live) for r in model.records("workflows"))
    return SiteModel(site, systems, interfaces, workflows, source)


def _system(record: Record, site_go_live: dt.date) -> System:
    resilience = record.get("resilience") or {}
    return System(
        id=record.get("id"),
        name=record.get("name"),
        category=record.get("category"),
        lifecycle=record.get("lifecycle"),
        criticality=record.get("criticality"),
        go_live=parse_date(record.get("go_live")) or site_go_live,
        go_live_after=tuple(record.get("go_live_after") or ()),
        high_availability=bool(resilience.get("high_availability")),
        downtime_procedure=bool(stated_text(resilience.get("downtime_procedure"))),
        record=record,
    )


def _interface(record: Record) -> Interface:
    return Interface(
        id=record.get("id"),
        name=record.get("name") or record.get("id"),
        source=record.get("source"),
        target=record.get("target"),
        via=record.get("via"),
        standard=record.get("standard"),
        messages=tuple(record.get("messages") or ()),
        messages_per_day=record.get("messages_per_day") or 0,
        criticality=record.get("criticality"),
        lifecycle=record.get("lifecycle") or "new",
        tests=MappingProxyType(dict(record.get("tests") or {})),
        record=record,
    )


def _workflow(record: Record, source: SiteSource, site_go_live: dt.date) -> Workflow:
    steps = tuple(
        _step(i, record_at(source, (*record.path, "steps", i)))
        for i, step in enumerate(record.get("steps") or ())
        if isinstance(step, dict)
    )
    return Workflow(
        id=record.get("id"),
        name=record.get("name"),
        criticality=record.get("criticality"),
        in_scope=record.get("in_scope", True) is not False,
        go_live=parse_date(record.get("go_live")) or site_go_live,
        steps=steps,
        record=record,
    )


def _step(index: int, record: Record) -> Step:
    return Step(
        index=index,
        name=record.get("name"),
        role=record.get("role"),
        system=record.get("system"),
        interface=record.get("interface"),
        changed=bool(record.get("changed")),
        fallback=record.get("fallback"),
        record=record,
    )

"""The building blocks of facts: fact items, kinds, site parts and the helpers they share."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from readiness.clock import Clock
from readiness.fields import Field
from readiness.model import Record, SiteModel, System, parse_date
from readiness.owners import Owner, owner_of
from readiness.problems import DataPath, Location
from readiness.result import Finding


@dataclass(frozen=True)
class FactItem:
    """One target of a rule (a cohort, an interface, the site...) as flat values."""

    kind: str
    target: str
    values: Mapping[str, object]
    location: Location
    locations: Mapping[str, Location] = field(default_factory=dict)
    owner: Owner | None = None  # who the item names as answering for it
    path: DataPath = ()  # the data path of the item's record; () for the site item
    # For a list field whose entries are written at places of their own, where each is.
    entry_locations: Mapping[str, tuple[Location, ...]] = field(default_factory=dict)

    def where(self, name: str | None) -> Location:
        """Where a field's evidence is written, or the item when unknown."""
        if name is None:
            return self.location
        return self.locations.get(name, self.location)


Builder = Callable[[SiteModel, Clock], list[FactItem]]
# Builds items about the other rules' findings; None for findings not known yet.
FindingsBuilder = Callable[[SiteModel, Clock, Sequence[Finding] | None], list[FactItem]]


@dataclass(frozen=True)
class Kind:
    """A kind of target: its fields and how to build its items from a model."""

    name: str
    description: str
    fields: Mapping[str, Field]
    build: Builder
    # Where the kind's records are written (`interfaces[]`); `""` is the site root, where the
    # one `site` item reads from. A kind built from two lists names both.
    base: tuple[str, ...] = ("",)
    # A kind about the other rules' findings (who answers for them) is built from them after
    # every other rule ran; its `build` alone knows no findings, so its evidence is unstated.
    from_findings: FindingsBuilder | None = None


# Site-level values and, by field name, the data path of the evidence behind each; a list
# field may give one path per entry, when each entry is written at a place of its own.
Evidence = dict[str, DataPath | list[DataPath]]
SiteValues = tuple[dict[str, object], Evidence]


@dataclass(frozen=True)
class SitePart:
    """Fields a rules area adds to the one `site` item, and how to build their values."""

    fields: Mapping[str, Field]
    build: Callable[[SiteModel, Clock], SiteValues]


def written_path(model: SiteModel, path: DataPath) -> DataPath:
    """`path` cut back to its deepest part the site writes (empty when not even its section)."""
    while path and path not in model.source.values:
        path = path[:-1]
    return path


def located(model: SiteModel, path: DataPath) -> Location:
    """Where the value at `path` is written, else its nearest written ancestor.

    Evidence in a section the site does not write points at the site record, never at the
    file as a whole.
    """
    found = written_path(model, path)
    return model.source.values[found] if found else model.site.record.location


def item_from_record(
    model: SiteModel,
    kind: str,
    target: str,
    record: Record,
    values: dict[str, object],
    evidence: Mapping[str, str | DataPath] | None = None,
    owner: object = None,
    fallback: str | None = None,
) -> FactItem:
    """A fact item located at `record`, owned by `owner` as the site writes it (by default
    the record's own `owner`).

    Fields written in the record point at their own values; `evidence` maps a derived field
    to where the value it comes from is written: a dotted path inside the record (e.g.
    `{"trained_percent": "trained", "e2e": "tests.e2e"}`) or a data path from the site's
    root. Evidence the record does not write at all points at its `fallback` field, if any.
    """
    locations = dict(record.field_locations)
    for derived, raw in (evidence or {}).items():
        path = (*record.path, *raw.split(".")) if isinstance(raw, str) else raw
        found = written_path(model, path)
        if found != record.path:
            locations[derived] = located(model, found)
        elif fallback is not None and fallback in record.field_locations:
            locations.setdefault(derived, record.field_locations[fallback])
    named = owner_of(record.get("owner") if owner is None else owner)
    return FactItem(kind, target, values, record.location, locations, named, record.path)


def percent(part: object, whole: object) -> float | None:
    """`part` as a percentage of `whole`, unrounded; None when either is unknown or whole is 0.

    Thresholds compare the exact figure (89.96% does not meet 90%); messages round for display.
    """
    if not isinstance(part, int | float) or not isinstance(whole, int | float) or whole <= 0:
        return None
    return 100.0 * part / whole


def days_before(day: object, reference: dt.date) -> int | None:
    """Days from an ISO date to `reference` (positive when the date is earlier)."""
    parsed = parse_date(day)
    return None if parsed is None else (reference - parsed).days


def count(value: object) -> int:
    """A stated count, or 0 for anything that is not a whole number."""
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def stated_count(value: object) -> int | None:
    """A stated count as `count` reads it, or None when the site does not state it."""
    return None if value is None else count(value)


def texts(value: object) -> list[str]:
    """The strings of a list (none when it is not a list)."""
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def when(day: dt.date, go_live: dt.date) -> str:
    """A date and how far it is from go-live, in words."""
    days = (go_live - day).days
    if days < 0:
        return f"{day.isoformat()}, {-days} days after go-live"
    return f"{day.isoformat()}, {days} days before go-live"


def pointing_at(
    evidence: Evidence, names: Iterable[str], prefix: str, record: Record | None
) -> Evidence:
    """The evidence, with every field named `prefix...` pointing at `record` when there is one
    (findings about the latest review or rehearsal point at that entry)."""
    out = dict(evidence)
    if record is not None:
        out.update({name: record.path for name in names if name.startswith(prefix)})
    return out


def latest(records: list[Record], key: str, until: dt.date | None) -> Record | None:
    """The record with the latest date under `key` (on or before `until`), if any."""
    dated = [
        (day, i)
        for i, r in enumerate(records)
        if (day := parse_date(r.get(key))) is not None and (until is None or day <= until)
    ]
    return records[max(dated)[1]] if dated else None


NATIONAL = "national-service"


# How an interface or a workflow is linked to the hazard log: hazards or a no-hazard decision.
HAZARD_LINK_FIELDS: Mapping[str, Field] = {
    "hazards": Field(
        "strings",
        "Linked hazard ids.",
        source="hazards",
        absent="no hazard linked; the no-hazard decision or a linked hazard is judged together",
    ),
    "no_hazard_decision": Field(
        "boolean",
        "A no-hazard decision is recorded.",
        source="no_hazard_decision",
        absent="judged together with the linked hazards: either one is the evidence",
    ),
}

_FROM_REQUIRED = "derived from a field every system states (the schema requires it)"

# The fields `system_basics` gives, declared once for every kind about systems.
SYSTEM_BASIC_FIELDS: Mapping[str, Field] = {
    "id": Field("string", "The system's id.", source="id"),
    "name": Field("string", "The system's name.", source="name", absent="a label"),
    "category": Field(
        "string", "epr, pas, lims, ris, pacs, epma, integration-engine, ...", source="category"
    ),
    "lifecycle": Field(
        "string", "new, changed, retained, replaced or decommissioned.", source="lifecycle"
    ),
    "criticality": Field(
        "string", "life-critical, business-critical or supporting.", source="criticality"
    ),
    "life_critical": Field(
        "boolean", "The system is life-critical.", source="criticality", absent=_FROM_REQUIRED
    ),
    "in_service": Field(
        "boolean",
        "The system runs after go-live (new, changed or retained).",
        source="lifecycle",
        absent=_FROM_REQUIRED,
    ),
    "new_or_changed": Field(
        "boolean",
        "The system is new or changed at this go-live.",
        source="lifecycle",
        absent=_FROM_REQUIRED,
    ),
}


def system_basics(system: System) -> dict[str, object]:
    """What every kind about systems says of one: id, name, ratings and lifecycle."""
    return {
        "id": system.id,
        "name": system.name,
        "category": system.category,
        "lifecycle": system.lifecycle,
        "criticality": system.criticality,
        "life_critical": system.criticality == "life-critical",
        "in_service": system.in_service,
        "new_or_changed": system.lifecycle in ("new", "changed"),
    }


def cso_name(model: SiteModel) -> object:
    """The CSO's name as the site states it (None when not stated)."""
    cso = model.section("clinical_safety").get("cso")
    return cso.get("name") if isinstance(cso, dict) else None

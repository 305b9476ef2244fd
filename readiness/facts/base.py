"""The building blocks of facts: typed field declarations and fact items."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from readiness.model import Record, SiteModel, parse_date
from readiness.problems import Location


@dataclass(frozen=True)
class Derived:
    """A field each rule computes from an item's values and its own list parameter `param`.

    The policy (which roles a panel needs) stays in the rule file; the fact keeps only the
    reading of it (a seat `ccio or cnio` is filled by either role).
    """

    param: str
    compute: Callable[[Mapping[str, object], tuple[str, ...]], object]


@dataclass(frozen=True)
class Field:
    """A fact field: its type and what it means (shown by `readiness rules fields`)."""

    type: str
    description: str
    derived: Derived | None = None


@dataclass(frozen=True)
class Clock:
    """The dates a run is evaluated against."""

    as_of: dt.date
    go_live: dt.date


@dataclass(frozen=True)
class FactItem:
    """One target of a rule (a cohort, an interface, the site...) as flat values."""

    kind: str
    target: str
    values: Mapping[str, object]
    location: Location
    locations: Mapping[str, Location] = field(default_factory=dict)
    owner: str | None = None

    def where(self, name: str | None) -> Location:
        """Where a field's evidence is written, or the item when unknown."""
        if name is None:
            return self.location
        return self.locations.get(name, self.location)


Builder = Callable[[SiteModel, Clock], list[FactItem]]


@dataclass(frozen=True)
class Kind:
    """A kind of target: its fields and how to build its items from a model."""

    name: str
    description: str
    fields: Mapping[str, Field]
    build: Builder


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


def item_from_record(
    model: SiteModel,
    kind: str,
    target: str,
    record: Record,
    values: dict[str, object],
    evidence: Mapping[str, str] | None = None,
    owner: str | None = None,
) -> FactItem:
    """A fact item located at `record`.

    Fields written in the record point at their own values; `evidence` maps a derived field
    to the dotted path (inside the record) of the value it comes from, e.g.
    `{"trained_percent": "trained", "e2e": "tests.e2e"}`.
    """
    locations = dict(record.field_locations)
    for derived, raw in (evidence or {}).items():
        path = (*record.path, *raw.split("."))
        if path in model.source.values:
            locations[derived] = model.source.values[path]
        elif raw.split(".")[0] in record.field_locations:
            locations[derived] = record.field_locations[raw.split(".")[0]]
    return FactItem(kind, target, values, record.location, locations, owner)

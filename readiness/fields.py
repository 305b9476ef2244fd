"""Typed field declarations: what rule conditions may read about a target."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Derived:
    """A field each rule computes from an item's values and its own list parameter `param`.

    The policy (which roles a panel needs) stays in the rule file; the fact keeps only the
    reading of it (a seat `ccio or cnio` is filled by either role).
    """

    param: str
    compute: Callable[[Mapping[str, object], tuple[str, ...]], object]
    # The words the parameter's items may use (`a or b` items use each); empty: any.
    choices: tuple[str, ...] = ()


@dataclass(frozen=True)
class Field:
    """A fact field: its type and what it means (shown by `readiness rules fields`)."""

    type: str
    description: str
    derived: Derived | None = None
    # Where the site states the value: a dotted path from the kind's record (from the site
    # root for the `site` kind, or when it starts with `/`: a site fact an item reads), `[]`
    # for every item of a list, or several such paths.
    source: str | tuple[str, ...] | None = None
    # Why absence is fine (a descriptive field, or an absence that has a meaning); a field
    # with a source and no such reason is evidence, and its absence is "not stated".
    absent: str = ""

    @property
    def evidence(self) -> bool:
        """True when the field is evidence: absence is "not stated", never a default."""
        return self.source is not None and not self.absent

    def from_root(self) -> Field:
        """The same field read by an item kind from the site root (`/clinical_safety...`)."""
        return dataclasses.replace(self, source=tuple(f"/{s.lstrip('/')}" for s in self.sources))

    @property
    def sources(self) -> tuple[str, ...]:
        """Every path the value is read from."""
        if self.source is None:
            return ()
        return (self.source,) if isinstance(self.source, str) else self.source

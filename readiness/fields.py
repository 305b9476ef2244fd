"""Typed field declarations: what rule conditions may read about a target."""

from __future__ import annotations

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

"""Typed field declarations: what rule conditions may read about a target."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Field:
    """A fact field: its type and what it means (shown by `readiness rules fields`)."""

    type: str
    description: str

"""The explicit table of fact kinds; nothing registers itself by being imported."""

from __future__ import annotations

from collections.abc import Mapping

from readiness.facts import assurance, integration, operations, people, safety
from readiness.facts.base import Kind
from readiness.facts.site import SitePart, site_kind

_MODULES = (people, integration, operations, safety, assurance)

SITE_PARTS: tuple[SitePart, ...] = tuple(
    part for module in _MODULES for part in getattr(module, "SITE_PARTS", ())
)

KINDS: Mapping[str, Kind] = {
    "site": site_kind(SITE_PARTS),
    **{name: kind for module in _MODULES for name, kind in module.KINDS.items()},
}

"""The explicit table of fact kinds; nothing registers itself by being imported."""

from __future__ import annotations

from collections.abc import Mapping

from readiness.facts import people
from readiness.facts.base import Kind
from readiness.facts.site import SitePart, site_kind

SITE_PARTS: tuple[SitePart, ...] = (*people.SITE_PARTS,)

KINDS: Mapping[str, Kind] = {
    "site": site_kind(SITE_PARTS),
    **people.KINDS,
}

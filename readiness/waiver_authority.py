"""Who may waive what: the authority table and the roles a waiver's approver holds.

A waiver accepts a risk, so it counts only when its approver holds a role allowed to accept
risks of that severity in that area. An approver whose role cannot be established holds none.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from readiness.model import Interface, SiteModel
from readiness.people import Approver, Roles
from readiness.problems import Location
from readiness.result import CATEGORIES, SEVERITIES, ThresholdChange

NATIONAL = "national-services"  # findings on an interface or system of a national service
OTHER = "other"  # every category without an entry of its own
AREAS = (*CATEGORIES, NATIONAL, OTHER)
NATIONAL_CATEGORY = "national-service"  # the system category of Spine, PDS, e-RS...

AuthorityKey = tuple[str, str]  # (severity, area)

# Blockers in clinical safety, patient identification and national services are the CSO's
# risk; other blockers the CSO's or the go/no-go chair's; majors and minors the accountable
# lead's, or anyone above.
DEFAULT_AUTHORITY: Mapping[AuthorityKey, Roles] = MappingProxyType(
    {
        ("blocker", "clinical-safety"): ("cso",),
        ("blocker", "patient-identification"): ("cso",),
        ("blocker", NATIONAL): ("cso",),
        ("blocker", OTHER): ("cso", "sro"),
        ("major", OTHER): ("accountable-lead", "sro", "cso"),
        ("minor", OTHER): ("accountable-lead", "sro", "cso"),
    }
)


@dataclass(frozen=True)
class Authority:
    """The authority table of a run: shipped defaults with the configuration's entries."""

    table: Mapping[AuthorityKey, Roles] = field(default_factory=lambda: DEFAULT_AUTHORITY)

    def needed(self, severity: str, category: str, national: bool) -> tuple[Roles, str]:
        """Roles that may waive a finding, and its area; in two areas, roles allowed in both."""
        roles = self.table.get((severity, category), self.table.get((severity, OTHER), ()))
        if national and (severity, NATIONAL) in self.table:
            # The stricter area wins: a national interface stays the CSO's risk.
            allowed = self.table[(severity, NATIONAL)]
            return tuple(r for r in roles if r in allowed), f"{category} ({NATIONAL})"
        return roles, category


def with_overrides(
    overrides: Mapping[AuthorityKey, tuple[Roles, Location]],
) -> tuple[Authority, tuple[ThresholdChange, ...]]:
    """The default table with configured entries; each differing entry is a reported change."""
    table = dict(DEFAULT_AUTHORITY)
    changes = []
    for (severity, area), (roles, where) in sorted(overrides.items(), key=_table_order):
        # A category without an entry of its own (and a national finding) follows `other`.
        default = DEFAULT_AUTHORITY.get(
            (severity, area), DEFAULT_AUTHORITY.get((severity, OTHER), ())
        )
        table[(severity, area)] = roles
        if roles != default:
            changes.append(
                ThresholdChange("waiver authority", f"{severity} in {area}", default, roles, where)
            )
    return Authority(MappingProxyType(table)), tuple(changes)


def _table_order(item: tuple[AuthorityKey, object]) -> tuple[int, int]:
    (severity, area), _ = item
    return SEVERITIES.index(severity), AREAS.index(area)


def national_targets(model: SiteModel) -> frozenset[str]:
    """Ids of national-service systems and of every interface touching one."""
    national = {s.id for s in model.systems if s.category == NATIONAL_CATEGORY}
    return frozenset(national | {i.id for i in model.interfaces if _touches(i, national)})


def _touches(interface: Interface, national: set[str]) -> bool:
    ends = {interface.source, interface.target, interface.via}
    return interface.standard == "national" or bool(ends & national)


def approver(value: object) -> Approver:
    """The approver as written: `{name, role}`, or a name alone (the older free text)."""
    if isinstance(value, Mapping):
        return Approver(str(value.get("name")), value.get("role"))
    return Approver(str(value), None)


def lacks_authority(
    held: Iterable[str], why_none: str, needed: Roles, severity: str, area: str
) -> str:
    """Why the approver may not waive this finding, or "" when one of its roles may."""
    held = tuple(held)
    if any(r in needed for r in held):
        return ""
    who = f"{why_none}, so" if why_none else " / ".join(held)
    wanted = f"needs one of: {', '.join(needed)}" if needed else "no role may waive it"
    why = f"{who} may not waive a {severity} in {area}; {wanted}"
    return f"not valid: approver lacks authority ({why})"

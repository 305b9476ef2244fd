"""Who answers for the site's failing findings: one item, built from the other rules' findings."""

from __future__ import annotations

from collections.abc import Sequence

from readiness.clock import Clock
from readiness.facts.base import FactItem, Kind
from readiness.fields import Field
from readiness.model import SiteModel
from readiness.result import Finding

# Everywhere a site names who answers for what a finding is about: the item's own owner (of
# each kind a rule judges), then the lead of the finding's area in the `owners` table.
OWNER_SOURCES = (
    "owners",
    "staff_cohorts[].owner",
    "systems[].owner_after_hypercare",
    "interfaces[].owner_after_hypercare",
    "interfaces[].monitoring.owner",
    "workflows[].owner",
    "hazards[].owner",
    "raid[].owner",
    "support.areas[].owner",
    "downtime[].owner",
    "infrastructure.areas[].owner",
    "test_campaigns[].owner",
    "defects[].owner",
    "data_migration.domains[].owner",
    "governance.sign_offs[].owner",
    "governance.communications[].owner",
    "governance.tolerances[].owner",
)

FIELDS = {
    "name": Field("string", "The site's name.", source="site.name", absent="a label"),
    "failing_findings": Field(
        "number", "How many findings of the other rules fail, waived or not (none: 0)."
    ),
    "unowned_findings": Field(
        "strings",
        "Each failing finding whose item names no owner and whose area has no lead in "
        "`owners`: `RULE on item (owners key)`.",
        source=OWNER_SOURCES,
    ),
}


def _items(model: SiteModel, clock: Clock, findings: Sequence[Finding] | None) -> list[FactItem]:
    failing = [f for f in findings or () if f.failing]
    unowned = sorted(
        (f for f in failing if f.owner is None), key=lambda f: (f.rule, f.target, f.location)
    )
    values: dict[str, object] = {
        "name": model.site.name,
        "failing_findings": len(failing),
        # Findings not known yet are no evidence that every one has an owner.
        "unowned_findings": None
        if findings is None
        else [f"{f.rule} on {f.target} ({f.category.replace('-', '_')})" for f in unowned],
    }
    table = model.section("owners")
    where = table.location if table.fields else model.site.record.location
    locations = {"unowned_findings": unowned[0].location} if unowned else {}
    return [FactItem("ownership", model.site.id, values, where, locations)]


OWNERSHIP = Kind(
    "ownership",
    "Who answers for the site's failing findings (one item, judged after every other rule).",
    FIELDS,
    lambda model, clock: _items(model, clock, None),
    from_findings=_items,
)

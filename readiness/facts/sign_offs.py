"""Facts for the sign-off rule: each recorded sign-off, its validity and its conditions."""

from __future__ import annotations

from readiness.clock import Clock
from readiness.facts.base import FactItem, Kind, item_from_record, texts
from readiness.fields import Field
from readiness.model import Record, SiteModel, parse_date
from readiness.owners import owner_text
from readiness.people import named_holders, same_person

_MESSAGES = "a summary for messages"
_TRACKING = (
    "a tracking item without an owner or an action is a gap in what it tracks: absence fails"
)

SIGN_OFF_FIELDS: dict[str, Field] = {
    "type": Field(
        "string",
        "Who signs: cso, sro, ccio, cnio, coo, pharmacy, ig-dpia, design-authority, supplier, "
        "board, data-lead or technical-lead.",
        source="type",
    ),
    "signer": Field("string", "The person who signed.", source="signer"),
    "signer_holds_role": Field(
        "boolean",
        "The signer is the person the site names in the sign-off's role (the CSO for a cso "
        "sign-off); true for a role the site names nobody in outside its sign-offs.",
        source=("signer", "/clinical_safety.cso.name"),
    ),
    "role_holder": Field(
        "string", "Who the site names in the sign-off's role, in words.", absent=_MESSAGES
    ),
    "signed_on": Field("date", "When it was signed.", source="signed_on"),
    "expires": Field("date", "When the sign-off stops being valid.", source="expires"),
    "conditions": Field(
        "string",
        "The conditions the sign-off was given on (empty when unconditional).",
        source="conditions",
        absent="absent means the sign-off was given without conditions",
    ),
    "tracked_in": Field(
        "strings",
        "The RAID items that track the sign-off's conditions to closure.",
        source="tracked_in",
    ),
    "tracking_gaps": Field(
        "strings",
        "Each RAID item named in tracked_in that has no owner or no action.",
        source=("tracked_in", "/raid[].owner", "/raid[].action"),
        absent=_TRACKING,
    ),
    "tracking_summary": Field(
        "string",
        "How the conditions are tracked, in words.",
        absent=_MESSAGES,
    ),
}


def _tracking_gaps(tracked: list[str], raid: dict[str, Record]) -> list[str]:
    gaps = []
    for raid_id in tracked:
        item = raid.get(raid_id)
        if item is None:
            gaps.append(f"{raid_id}: not in the RAID log")
            continue
        stated = {"owner": owner_text(item.get("owner")), "action": item.get("action")}
        missing = [what for what, value in stated.items() if not value]
        if missing:
            gaps.append(f"{raid_id}: no {' and no '.join(missing)}")
    return gaps


def _summary(conditions: str, tracked: list[str] | None) -> str:
    if not conditions:
        return "no conditions"
    if tracked is None:
        return "conditions not tracked in the RAID log"
    return "conditions tracked in " + (", ".join(tracked) or "no RAID item")


def _holds_role(record: Record, named: dict[str, str]) -> tuple[bool | None, str]:
    # A CSO sign-off is the CSO's acceptance of clinical risk, so the CSO must be named.
    role, signer = record.get("type"), record.get("signer")
    holder = named.get(role) if isinstance(role, str) else None
    if holder is None:
        unnamed = role == "cso" or not isinstance(signer, str)
        return (None if unnamed else True), f"the site names no {role} elsewhere"
    return same_person(signer, holder), f"the site's {role} is {holder}"


def _sign_off(
    model: SiteModel, record: Record, raid: dict[str, Record], named: dict[str, str]
) -> FactItem:
    conditions = record.get("conditions")
    stated = record.get("tracked_in")
    tracked = texts(stated) if isinstance(stated, list) else None
    text = conditions if isinstance(conditions, str) else ""
    holds, holder = _holds_role(record, named)
    values: dict[str, object] = {
        "type": record.get("type"),
        "signer": record.get("signer"),
        "signer_holds_role": holds,
        "role_holder": holder,
        "signed_on": parse_date(record.get("signed_on")),
        "expires": parse_date(record.get("expires")),
        "conditions": text,
        "tracked_in": tracked,
        "tracking_gaps": _tracking_gaps(tracked or [], raid),
        "tracking_summary": _summary(text, tracked),
    }
    evidence = {
        "tracking_gaps": "tracked_in",
        "tracking_summary": "conditions",
        "signer_holds_role": "signer",
        "role_holder": "signer",
    }
    target = record.get("type")
    return item_from_record(model, "sign_offs", target, record, values, evidence, None)


def _sign_offs(model: SiteModel, clock: Clock) -> list[FactItem]:
    raid = {r.get("id"): r for r in model.records("raid") if isinstance(r.get("id"), str)}
    named = named_holders(model)
    return [_sign_off(model, r, raid, named) for r in model.records("governance", "sign_offs")]


SIGN_OFFS = Kind(
    "sign_offs",
    "Sign-offs recorded for the go-live (CSO, SRO, CCIO, pharmacy, board...).",
    SIGN_OFF_FIELDS,
    _sign_offs,
    base=("governance.sign_offs[]",),
)

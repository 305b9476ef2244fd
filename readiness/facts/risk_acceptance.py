"""Facts for top management's acceptance of the release's residual clinical risk, as a site part.

DCB0160 asks top management (the SRO or the board) to accept the residual clinical risk of the
release, after the CSO has signed the safety case report and before it goes live.
"""

from __future__ import annotations

from collections.abc import Mapping

from readiness.clock import Clock
from readiness.facts.base import Evidence, SitePart, SiteValues
from readiness.facts.safety_case import case_dates
from readiness.fields import Field
from readiness.model import SiteModel, parse_date
from readiness.people import Approver, held_roles, role_holders

_ACCEPT = "governance.risk_acceptance."

RISK_ACCEPTANCE_FIELDS: dict[str, Field] = {
    "risk_acceptance_by": Field(
        "string",
        "Who accepted the release's residual clinical risk.",
        source=_ACCEPT + "accepted_by",
    ),
    "risk_acceptance_role": Field("string", "Their role: sro or board.", source=_ACCEPT + "role"),
    "risk_acceptance_holder_gap": Field(
        "string",
        "Why the person who accepted does not hold the stated role (the site's SRO, or the "
        "board's sign-off signer); empty when they do.",
        source=(_ACCEPT + "accepted_by", _ACCEPT + "role", "governance.sign_offs[].signer"),
    ),
    "risk_acceptance_on": Field("date", "When they accepted it.", source=_ACCEPT + "accepted_on"),
    "risk_acceptance_release": Field(
        "string", "The release whose risk they accepted.", source=_ACCEPT + "release_version"
    ),
    "risk_acceptance_after_case": Field(
        "boolean",
        "Accepted on or after the day the safety case report was signed (or last re-signed).",
        source=(_ACCEPT + "accepted_on", "clinical_safety.safety_case.signed_on"),
    ),
    "risk_acceptance_days_before_go_live": Field(
        "number",
        "Days from the acceptance to go-live (negative when after).",
        source=_ACCEPT + "accepted_on",
    ),
    "residual3_hazards": Field(
        "strings",
        "Hazards of the log left at residual risk 3.",
        source="hazards[].residual_risk",
        absent="every hazard states its residual risk (the schema requires it); none at 3 is []",
    ),
    "risk_acceptance_unlisted": Field(
        "strings",
        "Hazards at residual risk 3 that the acceptance does not list.",
        source=(_ACCEPT + "residual_hazards", "hazards[].residual_risk"),
    ),
    "risk_acceptance_summary": Field(
        "string", "The acceptance in words.", absent="a summary for messages"
    ),
}


def _summary(accept: Mapping[str, object]) -> str:
    if not accept:
        return "none recorded"
    role = accept.get("role") or "role not stated"
    return (
        f"{accept.get('accepted_by') or 'nobody named'} ({role}) on "
        f"{accept.get('accepted_on') or 'no date'} for release "
        f"{accept.get('release_version') or 'not stated'}"
    )


def _holder_gap(model: SiteModel, by: object, role: object) -> str | None:
    # The same lookup a waiver's approver goes through: the site's named CSO and sign-offs.
    if not isinstance(by, str) or not isinstance(role, str):
        return None
    holders = role_holders(model)
    if not holders.get(role):
        return f"the site names nobody as its {role} to check {by} against"
    return held_roles(Approver(by, role), holders)[1]


def _values(model: SiteModel, clock: Clock) -> dict[str, object]:
    found = model.section("governance").get("risk_acceptance")
    accept: Mapping[str, object] = found if isinstance(found, dict) else {}
    day = parse_date(accept.get("accepted_on"))
    current = case_dates(model)[1]
    residual3 = [r.get("id") for r in model.records("hazards") if r.get("residual_risk") == 3]
    listed = accept.get("residual_hazards")
    # The list is stated even when empty: `residual_hazards: []` says none is left at 3.
    unlisted = [h for h in residual3 if h not in listed] if isinstance(listed, list) else None
    return {
        "risk_acceptance_by": accept.get("accepted_by"),
        "risk_acceptance_role": accept.get("role"),
        "risk_acceptance_holder_gap": _holder_gap(
            model, accept.get("accepted_by"), accept.get("role")
        ),
        "risk_acceptance_on": day,
        "risk_acceptance_release": accept.get("release_version"),
        "risk_acceptance_after_case": None if day is None or current is None else day >= current,
        "risk_acceptance_days_before_go_live": None if day is None else (clock.go_live - day).days,
        "residual3_hazards": residual3,
        "risk_acceptance_unlisted": unlisted,
        "risk_acceptance_summary": _summary(accept),
    }


_SITE_EVIDENCE: Evidence = {
    "risk_acceptance_by": ("governance", "risk_acceptance", "accepted_by"),
    "risk_acceptance_role": ("governance", "risk_acceptance", "role"),
    "risk_acceptance_holder_gap": ("governance", "risk_acceptance", "accepted_by"),
    "risk_acceptance_on": ("governance", "risk_acceptance", "accepted_on"),
    "risk_acceptance_release": ("governance", "risk_acceptance", "release_version"),
    "risk_acceptance_after_case": ("governance", "risk_acceptance", "accepted_on"),
    "risk_acceptance_days_before_go_live": ("governance", "risk_acceptance", "accepted_on"),
    "residual3_hazards": ("hazards",),
    "risk_acceptance_unlisted": ("governance", "risk_acceptance", "residual_hazards"),
    "risk_acceptance_summary": ("governance", "risk_acceptance"),
}


def _site_part(model: SiteModel, clock: Clock) -> SiteValues:
    return _values(model, clock), dict(_SITE_EVIDENCE)


SITE_PART = SitePart(RISK_ACCEPTANCE_FIELDS, _site_part)

"""Facts for the deployer's clinical safety documents (DCB0160), as a site part.

The CSO and their registration, the clinical risk management plan and the safety case
report with its re-signatures. An evidence field is None when the site does not state it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from readiness.clock import Clock
from readiness.facts.base import Evidence, SitePart, SiteValues
from readiness.fields import Field
from readiness.model import SiteModel, parse_date, stated_text
from readiness.people import same_person

_CSO = "clinical_safety.cso."
_CASE = "clinical_safety.safety_case."
_PLAN = "clinical_safety.risk_management_plan."

CSO_FIELDS: dict[str, Field] = {
    "cso_name": Field("string", "The clinical safety officer's name.", source=_CSO + "name"),
    "cso_registration_body": Field(
        "string", "GMC, NMC, HCPC, GPhC or other.", source=_CSO + "registration_body"
    ),
    "cso_registration_number": Field(
        "string",
        "The CSO's professional registration number.",
        source=_CSO + "registration_number",
    ),
    "cso_registration_valid_until": Field(
        "date",
        "When the CSO's registration lapses (its renewal date).",
        source=_CSO + "registration_valid_until",
    ),
    "cso_registration_current": Field(
        "boolean",
        "Registration body, number and renewal date stated, not lapsing before go-live.",
        source=(
            _CSO + "registration_body",
            _CSO + "registration_number",
            _CSO + "registration_valid_until",
        ),
    ),
    "cso_summary": Field(
        "string", "The CSO and their registration in words.", absent="a summary for messages"
    ),
}

CASE_FIELDS: dict[str, Field] = {
    "safety_case_version": Field(
        "string", "Version of the deployer's safety case report.", source=_CASE + "version"
    ),
    "safety_case_release_version": Field(
        "string", "Release the safety case report assessed.", source=_CASE + "release_version"
    ),
    "safety_case_signed_by": Field(
        "string", "Who signed the safety case report.", source=_CASE + "signed_by"
    ),
    "safety_case_signed_on": Field("date", "When it was signed.", source=_CASE + "signed_on"),
    "safety_case_signed_by_cso": Field(
        "boolean",
        "It is signed by the named CSO (compared without titles, roles in brackets, case).",
        source=(_CASE + "signed_by", _CSO + "name"),
    ),
    "safety_case_signed_days_before_go_live": Field(
        "number",
        "Days from signature to go-live (negative when signed after go-live).",
        source=_CASE + "signed_on",
    ),
    "safety_case_re_signed_on": Field(
        "date",
        "When the CSO last re-signed the report after reviewing later changes.",
        source=_CASE + "re_signed_on",
        absent="absent means the report was not re-signed since its signature",
    ),
    "safety_case_current_on": Field(
        "date",
        "The date the report covers changes up to: its signature, or the CSO's later re-signature.",
        source=(_CASE + "signed_on", _CASE + "re_signed_on", _CASE + "re_signed_by"),
    ),
    "safety_case_summary": Field(
        "string", "The safety case report in words.", absent="a summary for messages"
    ),
}

CRMP_FIELDS: dict[str, Field] = {
    "crmp_version": Field(
        "string",
        "Version of the deployer's clinical risk management plan.",
        source=_PLAN + "version",
        absent="a version label; the plan is judged on its approval and criteria",
    ),
    "crmp_approved_by": Field("string", "Who approved the plan.", source=_PLAN + "approved_by"),
    "crmp_approved_on": Field("date", "When it was approved.", source=_PLAN + "approved_on"),
    "crmp_approved_by_cso": Field(
        "boolean", "The named CSO approved the plan.", source=(_PLAN + "approved_by", _CSO + "name")
    ),
    "crmp_before_case": Field(
        "boolean",
        "The plan was approved before the safety case report was signed.",
        source=(_PLAN + "approved_on", _CASE + "signed_on"),
    ),
    "crmp_acceptability_criteria": Field(
        "string",
        "Where the plan states its risk acceptability criteria, or the criteria in brief.",
        source=_PLAN + "acceptability_criteria",
    ),
    "crmp_summary": Field("string", "The plan in words.", absent="a summary for messages"),
}

SAFETY_SITE_FIELDS: dict[str, Field] = {**CSO_FIELDS, **CASE_FIELDS, **CRMP_FIELDS}


def _mapping(value: object) -> Mapping[str, object]:
    return value if isinstance(value, dict) else {}


def _cso_values(model: SiteModel, clock: Clock) -> dict[str, object]:
    cso = _mapping(model.section("clinical_safety").get("cso"))
    valid_until = parse_date(cso.get("registration_valid_until"))
    registered = bool(stated_text(cso.get("registration_body"))) and bool(
        stated_text(cso.get("registration_number"))
    )
    # No renewal date is not evidence of a current registration: it reads as not stated.
    current = None if valid_until is None else registered and valid_until >= clock.go_live
    return {
        "cso_name": cso.get("name"),
        "cso_registration_body": cso.get("registration_body"),
        "cso_registration_number": cso.get("registration_number"),
        "cso_registration_valid_until": valid_until,
        "cso_registration_current": current,
        "cso_summary": _cso_summary(cso, valid_until),
    }


def _cso_summary(cso: Mapping[str, object], valid_until: dt.date | None) -> str:
    if not cso.get("name"):
        return "none named"
    body, number = cso.get("registration_body"), cso.get("registration_number")
    text = f"{cso.get('name')}, "
    text += f"registered {body} {number}" if body and number else "no registration recorded"
    if valid_until is None:
        return text + ", renewal date not stated"
    return text + f", valid until {valid_until.isoformat()}"


def case_dates(model: SiteModel) -> tuple[dt.date | None, dt.date | None]:
    """The report's signature, and the date it covers changes up to (None when not stated)."""
    section = model.section("clinical_safety")
    case = _mapping(section.get("safety_case"))
    signed = parse_date(case.get("signed_on"))
    re_signed = parse_date(case.get("re_signed_on"))
    if signed is None or re_signed is None or re_signed <= signed:
        return signed, signed
    # A re-signature counts only when the CSO made it.
    cso = _mapping(section.get("cso")).get("name")
    return signed, re_signed if same_person(case.get("re_signed_by"), cso) else signed


def _case_values(model: SiteModel, clock: Clock) -> dict[str, object]:
    section = model.section("clinical_safety")
    case = _mapping(section.get("safety_case"))
    cso = _mapping(section.get("cso")).get("name")
    signed, current = case_dates(model)
    re_signed = parse_date(case.get("re_signed_on"))
    return {
        "safety_case_version": case.get("version"),
        "safety_case_release_version": case.get("release_version"),
        "safety_case_signed_by": case.get("signed_by"),
        "safety_case_signed_on": signed,
        "safety_case_signed_by_cso": same_person(case.get("signed_by"), cso),
        "safety_case_signed_days_before_go_live": None
        if signed is None
        else (clock.go_live - signed).days,
        "safety_case_re_signed_on": re_signed,
        "safety_case_current_on": current,
        "safety_case_summary": _case_summary(case),
    }


def _case_summary(case: Mapping[str, object]) -> str:
    if not case:
        return "none recorded"
    text = f"version {case.get('version') or 'not stated'}"
    text += f" for release {case.get('release_version') or 'not stated'}"
    if not case.get("signed_by") and not case.get("signed_on"):
        return text + ", not signed"
    text += f", signed by {case.get('signed_by') or 'nobody named'}"
    text += f" on {case.get('signed_on')}" if case.get("signed_on") else ", no date"
    if case.get("re_signed_on"):
        text += f", re-signed by {case.get('re_signed_by') or 'nobody named'}"
        text += f" on {case.get('re_signed_on')}"
    return text


def _crmp_values(model: SiteModel) -> dict[str, object]:
    section = model.section("clinical_safety")
    plan = _mapping(section.get("risk_management_plan"))
    approved = parse_date(plan.get("approved_on"))
    signed = parse_date(_mapping(section.get("safety_case")).get("signed_on"))
    by = plan.get("approved_by")
    summary = "none recorded"
    if plan:
        summary = f"version {plan.get('version') or 'not stated'}, approved by "
        summary += f"{by or 'nobody named'} on {plan.get('approved_on') or 'no date'}"
    return {
        "crmp_version": plan.get("version"),
        "crmp_approved_by": by,
        "crmp_approved_on": approved,
        "crmp_approved_by_cso": same_person(by, _mapping(section.get("cso")).get("name")),
        "crmp_before_case": None if approved is None or signed is None else approved < signed,
        "crmp_acceptability_criteria": plan.get("acceptability_criteria"),
        "crmp_summary": summary,
    }


_SITE_EVIDENCE: Evidence = {
    name: tuple(field.sources[0].split("."))
    for name, field in SAFETY_SITE_FIELDS.items()
    if field.source is not None
}
_SITE_EVIDENCE.update(
    {
        "cso_registration_current": ("clinical_safety", "cso", "registration_valid_until"),
        "cso_summary": ("clinical_safety", "cso"),
        "safety_case_current_on": ("clinical_safety", "safety_case", "re_signed_on"),
        "safety_case_summary": ("clinical_safety", "safety_case"),
        "crmp_summary": ("clinical_safety", "risk_management_plan"),
    }
)


def _site_part(model: SiteModel, clock: Clock) -> SiteValues:
    values = {**_cso_values(model, clock), **_case_values(model, clock), **_crmp_values(model)}
    return values, dict(_SITE_EVIDENCE)


SITE_PART = SitePart(SAFETY_SITE_FIELDS, _site_part)

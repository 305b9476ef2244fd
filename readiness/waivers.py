"""Waivers: a waived failure counts as waived until its expiry, then lapses."""

from __future__ import annotations

import dataclasses
import datetime as dt

from readiness.model import SiteModel, parse_date
from readiness.result import Finding, Waiver


def apply_waivers(
    findings: list[Finding], model: SiteModel, as_of: dt.date
) -> tuple[list[Finding], list[Waiver]]:
    """Findings with waived failures marked, and every waiver with its state as of `as_of`."""
    failing = {(f.rule, f.target) for f in findings if f.status == "fail"}
    in_force: dict[tuple[str, str], Waiver] = {}
    waivers: list[Waiver] = []
    for record in model.records("waivers"):
        approved_on = parse_date(record.get("approved_on"))
        expires = parse_date(record.get("expires"))
        assert approved_on is not None and expires is not None, "validated dates"
        key = (record.get("rule"), record.get("target"))
        if expires < as_of:
            state = "lapsed"
        elif approved_on > as_of:
            state = "not-yet-approved"
        elif key in failing:
            state = "active"
        else:
            state = "unused"
        waiver = Waiver(
            rule=key[0],
            target=key[1],
            justification=record.get("justification"),
            approved_by=record.get("approved_by"),
            approved_on=approved_on,
            expires=expires,
            state=state,
            location=record.location,
        )
        waivers.append(waiver)
        if state == "active":
            in_force.setdefault(key, waiver)
    out = []
    for finding in findings:
        granted = in_force.get((finding.rule, finding.target))
        if finding.status == "fail" and granted is not None:
            finding = dataclasses.replace(finding, status="waived", waiver=granted)
        out.append(finding)
    return out, waivers

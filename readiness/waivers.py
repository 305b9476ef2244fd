"""Waivers: a waived failure counts as waived until its expiry, then lapses.

A waiver counts only when its approver holds a role the authority table allows for the
finding's severity and area; otherwise it is `not-authorised` and the finding stays failed.
A waiver that expires before go-live (`expires-before-go-live`) does not cover the go-live day,
so it does not count toward the go-live verdict either.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping

from readiness.model import Record, SiteModel, parse_date
from readiness.people import held_roles, role_holders
from readiness.result import Finding, Waiver
from readiness.waiver_authority import Authority, approver, lacks_authority, national_targets

WaiverKey = tuple[str, str]  # (rule, target)
REFUSED = ("not-authorised", "expires-before-go-live")  # the finding stays failed


def apply_waivers(
    findings: list[Finding],
    model: SiteModel,
    as_of: dt.date,
    authority: Authority | None = None,
    go_live: dt.date | None = None,
) -> tuple[list[Finding], list[Waiver]]:
    """Findings with waived failures marked, and every waiver with its state as of `as_of`."""
    authority = authority or Authority()
    go_live = go_live or as_of
    failing: dict[WaiverKey, list[Finding]] = {}
    for f in findings:
        if f.status == "fail":
            failing.setdefault((f.rule, f.target), []).append(f)
    judge = _Judge(authority, role_holders(model), national_targets(model))
    dates = (as_of, go_live)
    waivers = [judge.waiver(record, failing, dates) for record in model.records("waivers")]
    in_force: dict[WaiverKey, Waiver] = {}
    refused: dict[WaiverKey, Waiver] = {}
    for waiver in waivers:
        if waiver.state == "active":
            in_force.setdefault((waiver.rule, waiver.target), waiver)
        elif waiver.state in REFUSED:
            refused.setdefault((waiver.rule, waiver.target), waiver)
    out = []
    for finding in findings:
        key = (finding.rule, finding.target)
        if finding.status == "fail" and key in in_force:
            finding = dataclasses.replace(finding, status="waived", waiver=in_force[key])
        elif finding.status == "fail" and key in refused:
            # The finding stays failed; it carries the waiver so every report says why.
            finding = dataclasses.replace(finding, waiver=refused[key])
        out.append(finding)
    return out, waivers


@dataclasses.dataclass(frozen=True)
class _Judge:
    authority: Authority
    holders: Mapping[str, set[str]]
    national: frozenset[str]

    def waiver(
        self,
        record: Record,
        failing: Mapping[WaiverKey, list[Finding]],
        dates: tuple[dt.date, dt.date],
    ) -> Waiver:
        approved_on = parse_date(record.get("approved_on"))
        expires = parse_date(record.get("expires"))
        assert approved_on is not None and expires is not None, "validated dates"
        key = (record.get("rule"), record.get("target"))
        who = approver(record.get("approved_by"))
        as_of, go_live = dates
        reason = ""
        if expires < as_of:
            state = "lapsed"
        elif approved_on > as_of:
            state = "not-yet-approved"
        elif key in failing and expires < go_live:
            # In force today but gone on the day: the go-live verdict cannot rest on it.
            state = "expires-before-go-live"
            reason = f"not valid: expires {expires.isoformat()}, before go-live on {go_live}"
        elif key in failing:
            held = held_roles(who, self.holders)
            # The approver needs authority over every failure the waiver would cover.
            reason = next(filter(None, (self.refusal(held, f) for f in failing[key])), "")
            state = "not-authorised" if reason else "active"
        else:
            state = "unused"
        return Waiver(
            rule=key[0],
            target=key[1],
            justification=record.get("justification"),
            approved_by=who.name,
            approved_on=approved_on,
            expires=expires,
            state=state,
            location=record.location,
            role=who.role,
            reason=reason,
        )

    def refusal(self, who: tuple[tuple[str, ...], str], finding: Finding) -> str:
        """Why the approver may not waive `finding`, or "" when they may."""
        held, why_none = who
        national = finding.target in self.national
        needed, area = self.authority.needed(finding.severity, finding.category, national)
        return lacks_authority(held, why_none, needed, finding.severity, area)

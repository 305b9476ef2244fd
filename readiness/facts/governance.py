"""Facts for the governance rules: RAID log, briefings, tolerances, go/no-go and review."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from readiness.clock import Clock
from readiness.facts.base import (
    Evidence,
    FactItem,
    Kind,
    SitePart,
    SiteValues,
    count,
    days_before,
    item_from_record,
    latest,
    located,
    pointing_at,
    when,
)
from readiness.fields import Derived, Field
from readiness.model import Record, SiteModel, parse_date
from readiness.references import REQUIRED_AUDIENCES

RAID_FIELDS: dict[str, Field] = {
    "id": Field("string", "The RAID item's id."),
    "type": Field("string", "risk, assumption, issue or dependency."),
    "title": Field("string", "The item's title."),
    "owner": Field("string", "Its named owner."),
    "open": Field("boolean", "The item is open."),
    "probability": Field("number", "Probability 1-5 (0 if not stated)."),
    "impact": Field("number", "Impact 1-5 (0 if not stated)."),
    "score": Field("number", "Probability x impact."),
    "has_action": Field("boolean", "An action is recorded."),
    "due": Field("date", "When the action is due."),
    "days_overdue": Field("number", "Days the action is past due at the as-of date (0 if not)."),
    "action_state": Field("string", "The action in words: none, due on a date, or overdue."),
    "has_mitigation": Field("boolean", "A mitigation is recorded."),
}

COMMUNICATION_FIELDS: dict[str, Field] = {
    "audience": Field(
        "string", "clinical-staff, gps-referrers, patients, suppliers or board (each required)."
    ),
    "listed": Field("boolean", "The site records communications to this audience."),
    "last_sent": Field("date", "The most recent briefing to the audience."),
    "channel": Field("string", "How it was sent."),
    "sent_days_before_go_live": Field(
        "number", "Days from the last briefing to go-live (-1 if none, or after go-live)."
    ),
    "sent_summary": Field("string", "The last briefing in words: date, channel, days before."),
}

TOLERANCE_FIELDS: dict[str, Field] = {
    "name": Field("string", "The stage tolerance (time, cost, scope, quality...)."),
    "forecast_breach": Field("boolean", "A breach of the tolerance is forecast."),
    "exception_report": Field("string", "The exception report's reference."),
}


# The roles a go/no-go panel may list (the site schema's list); a rule's seats must use these.
PANEL_ROLES = (
    "sro",
    "ccio",
    "cnio",
    "coo",
    "pharmacy",
    "cso",
    "data-lead",
    "technical-lead",
    "supplier",
    "board",
)


def _missing_seats(values: Mapping[str, object], seats: tuple[str, ...]) -> list[str]:
    # The seats come from the rule (GV-DECISION's required_roles); `a or b` takes either role.
    panel = values.get("decision_panel")
    roles = set(panel) if isinstance(panel, list | tuple) else set()
    return [seat for seat in seats if not set(seat.split(" or ")) & roles]


GOVERNANCE_SITE_FIELDS: dict[str, Field] = {
    "decision_panel": Field("strings", "Roles on the go/no-go panel."),
    "decision_panel_missing": Field(
        "strings",
        "Seats of the rule's $required_roles no panel role fills (`ccio or cnio` takes either).",
        Derived("required_roles", _missing_seats, PANEL_ROLES),
    ),
    "decision": Field("string", "go, conditional, no-go or pending."),
    "decision_recorded": Field("boolean", "A go, conditional or no-go decision is recorded."),
    "decision_meeting_on": Field("date", "When the go/no-go meeting is (or was) held."),
    "decision_meeting_held": Field("boolean", "The meeting date is on or before the as-of date."),
    "decision_meeting_days_before_go_live": Field(
        "number", "Days from the meeting to go-live (-1 if none, or after go-live)."
    ),
    "decision_has_conditions": Field("boolean", "The decision's conditions are recorded."),
    "assurance_review_on": Field("date", "The latest independent assurance review before go-live."),
    "assurance_review_days_before_go_live": Field(
        "number", "Days from that review to go-live (-1 if none)."
    ),
    "assurance_reviewer": Field("string", "Who carried out the review."),
    "assurance_delivery_confidence": Field("string", "Its delivery confidence: G, A/G, A, A/R, R."),
    "assurance_review_summary": Field("string", "That review in words (or `none recorded`)."),
}

DECISIONS = ("go", "conditional", "no-go")


def _action_state(due: dt.date | None, has_action: bool, overdue: int) -> str:
    if not has_action and due is None:
        return "none recorded"
    what = "recorded" if has_action else "not written"
    if due is None:
        return f"{what}, no due date"
    if overdue:
        return f"{what}, overdue since {due.isoformat()} ({overdue} days)"
    return f"{what}, due {due.isoformat()}"


def _raid(model: SiteModel, clock: Clock) -> list[FactItem]:
    items = []
    for record in model.records("raid"):
        due = parse_date(record.get("due"))
        overdue = max((clock.as_of - due).days, 0) if due is not None else 0
        has_action = bool(record.get("action"))
        probability = count(record.get("probability"))
        impact = count(record.get("impact"))
        values: dict[str, object] = {
            "id": record.get("id"),
            "type": record.get("type"),
            "title": record.get("title"),
            "owner": record.get("owner"),
            "open": record.get("status") == "open",
            "probability": probability,
            "impact": impact,
            "score": probability * impact,
            "has_action": has_action,
            "due": due,
            "days_overdue": overdue,
            "action_state": _action_state(due, has_action, overdue),
            "has_mitigation": bool(record.get("mitigation")),
        }
        evidence = {
            "has_action": "action",
            "days_overdue": "due",
            "action_state": "due",
            "score": "impact",
            "has_mitigation": "mitigation",
        }
        owner = record.get("owner") if isinstance(record.get("owner"), str) else None
        items.append(
            item_from_record(model, "raid_items", record.get("id"), record, values, evidence, owner)
        )
    return items


def _sent_summary(listed: bool, sent: dt.date | None, channel: object, go_live: dt.date) -> str:
    if not listed:
        return "no communication to this audience is recorded"
    if sent is None:
        return "no date sent recorded"
    by = f" by {channel}" if channel else ""
    return f"last sent{by} on {when(sent, go_live)}"


def _communication(
    model: SiteModel, audience: str, records: list[Record], clock: Clock
) -> FactItem:
    dated = [(parse_date(r.get("last_sent")) or dt.date.min, i) for i, r in enumerate(records)]
    last = records[max(dated)[1]] if records else None
    sent = parse_date(last.get("last_sent")) if last is not None else None
    channel = last.get("channel") if last is not None else None
    days = None if sent is None else (clock.go_live - sent).days
    values: dict[str, object] = {
        "audience": audience,
        "listed": last is not None,
        "last_sent": sent,
        "channel": channel,
        "sent_days_before_go_live": -1 if days is None or days < 0 else days,
        "sent_summary": _sent_summary(last is not None, sent, channel, clock.go_live),
    }
    if last is None:
        where = located(model, ("governance", "communications"))
        return FactItem("communications", audience, values, where)
    evidence = {"sent_days_before_go_live": "last_sent", "sent_summary": "last_sent"}
    return item_from_record(model, "communications", audience, last, values, evidence)


def _communications(model: SiteModel, clock: Clock) -> list[FactItem]:
    by_audience: dict[str, list[Record]] = {}
    for record in model.records("governance", "communications"):
        by_audience.setdefault(record.get("audience"), []).append(record)
    return [_communication(model, a, by_audience.get(a, []), clock) for a in REQUIRED_AUDIENCES]


def _tolerances(model: SiteModel, clock: Clock) -> list[FactItem]:
    items = []
    for record in model.records("governance", "tolerances"):
        values: dict[str, object] = {
            "name": record.get("name"),
            "forecast_breach": bool(record.get("forecast_breach")),
            "exception_report": record.get("exception_report"),
        }
        items.append(item_from_record(model, "tolerances", record.get("name"), record, values))
    return items


def _decision_values(model: SiteModel, clock: Clock) -> dict[str, object]:
    decision = model.section("governance").get("decision") or {}
    panel = [p for p in decision.get("panel") or () if isinstance(p, str)]
    meeting = parse_date(decision.get("meeting_on"))
    days = days_before(decision.get("meeting_on"), clock.go_live)
    outcome = decision.get("decision") or ""
    return {
        "decision_panel": panel,
        "decision": outcome,
        "decision_recorded": outcome in DECISIONS,
        "decision_meeting_on": meeting,
        "decision_meeting_held": meeting is not None and meeting <= clock.as_of,
        "decision_meeting_days_before_go_live": -1 if days is None or days < 0 else days,
        "decision_has_conditions": bool(decision.get("conditions")),
    }


def _latest_review(model: SiteModel, clock: Clock) -> Record | None:
    return latest(model.records("governance", "assurance_reviews"), "date", clock.go_live)


def _review_values(model: SiteModel, clock: Clock) -> dict[str, object]:
    review = _latest_review(model, clock)
    day = parse_date(review.get("date")) if review is not None else None
    if review is None or day is None:
        return {
            "assurance_review_on": None,
            "assurance_review_days_before_go_live": -1,
            "assurance_reviewer": None,
            "assurance_delivery_confidence": None,
            "assurance_review_summary": "none recorded",
        }
    reviewer = review.get("reviewer")
    confidence = review.get("delivery_confidence")
    summary = when(day, clock.go_live)
    summary += f" by {reviewer}" if reviewer else ""
    summary += f", delivery confidence {confidence}" if confidence else ""
    return {
        "assurance_review_on": day,
        "assurance_review_days_before_go_live": (clock.go_live - day).days,
        "assurance_reviewer": reviewer,
        "assurance_delivery_confidence": confidence,
        "assurance_review_summary": summary,
    }


_SITE_EVIDENCE: Evidence = {
    "decision_panel": ("governance", "decision", "panel"),
    "decision_panel_missing": ("governance", "decision", "panel"),
    "decision": ("governance", "decision", "decision"),
    "decision_recorded": ("governance", "decision", "decision"),
    "decision_meeting_on": ("governance", "decision", "meeting_on"),
    "decision_meeting_held": ("governance", "decision", "meeting_on"),
    "decision_meeting_days_before_go_live": ("governance", "decision", "meeting_on"),
    "decision_has_conditions": ("governance", "decision", "conditions"),
    "assurance_review_on": ("governance", "assurance_reviews"),
    "assurance_review_days_before_go_live": ("governance", "assurance_reviews"),
    "assurance_review_summary": ("governance", "assurance_reviews"),
}


def _site_part(model: SiteModel, clock: Clock) -> SiteValues:
    values = {**_decision_values(model, clock), **_review_values(model, clock)}
    review = _latest_review(model, clock)
    return values, pointing_at(_SITE_EVIDENCE, GOVERNANCE_SITE_FIELDS, "assurance_review", review)


RAID_ITEMS = Kind("raid_items", "RAID log items.", RAID_FIELDS, _raid, base=("raid[]",))
COMMUNICATIONS = Kind(
    "communications",
    "Stakeholder briefings: one item per required audience, listed or not.",
    COMMUNICATION_FIELDS,
    _communications,
    base=("governance.communications[]",),
)
TOLERANCES = Kind(
    "tolerances",
    "Stage tolerances (PRINCE2).",
    TOLERANCE_FIELDS,
    _tolerances,
    base=("governance.tolerances[]",),
)

SITE_PART = SitePart(GOVERNANCE_SITE_FIELDS, _site_part)

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
    item_from_record,
    latest,
    located,
    pointing_at,
    texts,
    when,
)
from readiness.fields import Derived, Field
from readiness.model import Record, SiteModel, parse_date, stated_text
from readiness.owners import owner_text
from readiness.references import REQUIRED_AUDIENCES

_SUMMARY = "a summary for messages"
_LABEL = "a label"

RAID_FIELDS: dict[str, Field] = {
    "id": Field("string", "The RAID item's id.", source="id"),
    "type": Field("string", "risk, assumption, issue or dependency.", source="type"),
    "title": Field("string", "The item's title.", source="title", absent=_LABEL),
    "owner": Field("string", "Its named owner.", source="owner"),
    "open": Field("boolean", "The item is open.", source="status"),
    "probability": Field("number", "Probability 1-5.", source="probability"),
    "impact": Field("number", "Impact 1-5.", source="impact"),
    "score": Field(
        "number", "Probability x impact (the item's risk rating).", source=("probability", "impact")
    ),
    "has_action": Field("boolean", "An action is recorded.", source="action"),
    "due": Field("date", "When the action is due.", source="due"),
    "days_overdue": Field(
        "number", "Days the action is past due at the as-of date (0 if not yet due).", source="due"
    ),
    "action_state": Field(
        "string", "The action in words: none, due on a date, or overdue.", absent=_SUMMARY
    ),
    "has_mitigation": Field(
        "boolean",
        "A mitigation is recorded.",
        source="mitigation",
        absent="absent means no mitigation is written: a high risk then fails on its score",
    ),
}

COMMUNICATION_FIELDS: dict[str, Field] = {
    "audience": Field(
        "string",
        "clinical-staff, gps-referrers, patients, suppliers or board (each required).",
        source="audience",
        absent="one item per required audience, whether the site lists it or not",
    ),
    "listed": Field(
        "boolean",
        "The site records communications to this audience.",
        source="audience",
        absent="an audience with no entry is judged as never briefed: the rule fails",
    ),
    "last_sent": Field("date", "The most recent briefing to the audience.", source="last_sent"),
    "channel": Field(
        "string", "How it was sent.", source="channel", absent="how is descriptive; when decides"
    ),
    "sent_days_before_go_live": Field(
        "number",
        "Days from the last briefing to go-live (negative when sent after go-live).",
        source="last_sent",
    ),
    "sent_summary": Field(
        "string", "The last briefing in words: date, channel, days before.", absent=_SUMMARY
    ),
}

TOLERANCE_FIELDS: dict[str, Field] = {
    "name": Field("string", "The stage tolerance (time, cost, scope, quality...).", source="name"),
    "forecast_breach": Field(
        "boolean", "A breach of the tolerance is forecast.", source="forecast_breach"
    ),
    "exception_report": Field(
        "string",
        "The exception report's reference.",
        source="exception_report",
        absent="absent means no exception report is written: a forecast breach then fails",
    ),
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


def _missing_seats(values: Mapping[str, object], seats: tuple[str, ...]) -> list[str] | None:
    # The seats come from the rule (GV-DECISION's required_roles); `a or b` takes either role.
    panel = values.get("decision_panel")
    if not isinstance(panel, list | tuple):
        return None  # no panel stated: which seats are missing is not stated either
    roles = set(panel)
    return [seat for seat in seats if not set(seat.split(" or ")) & roles]


_DECISION = "governance.decision."
_REVIEW = "governance.assurance_reviews[]."

GOVERNANCE_SITE_FIELDS: dict[str, Field] = {
    "decision_panel": Field("strings", "Roles on the go/no-go panel.", source=_DECISION + "panel"),
    "decision_panel_missing": Field(
        "strings",
        "Seats of the rule's $required_roles no panel role fills (`ccio or cnio` takes either).",
        Derived("required_roles", _missing_seats, PANEL_ROLES),
        source=_DECISION + "panel",
    ),
    "decision": Field(
        "string",
        "go, conditional, no-go or pending.",
        source=_DECISION + "decision",
        absent="before the meeting no decision is due (pending); once the meeting is held "
        "decision_recorded needs it",
    ),
    "decision_recorded": Field(
        "boolean",
        "A go, conditional or no-go decision is recorded.",
        source=_DECISION + "decision",
    ),
    "decision_meeting_on": Field(
        "date", "When the go/no-go meeting is (or was) held.", source=_DECISION + "meeting_on"
    ),
    "decision_meeting_held": Field(
        "boolean",
        "The meeting date is on or before the as-of date.",
        source=_DECISION + "meeting_on",
    ),
    "decision_meeting_days_before_go_live": Field(
        "number",
        "Days from the meeting to go-live (negative when after go-live).",
        source=_DECISION + "meeting_on",
    ),
    "decision_has_conditions": Field(
        "boolean",
        "The decision's conditions are recorded (`None` when there are none).",
        source=_DECISION + "conditions",
    ),
    "assurance_review_on": Field(
        "date",
        "The latest independent assurance review held (by the as-of date, before go-live).",
        source=_REVIEW + "date",
    ),
    "assurance_review_days_before_go_live": Field(
        "number", "Days from that review to go-live.", source=_REVIEW + "date"
    ),
    "assurance_reviewer": Field(
        "string", "Who carried out that review.", source=_REVIEW + "reviewer"
    ),
    "assurance_delivery_confidence": Field(
        "string",
        "That review's delivery confidence: G, A/G, A, A/R or R.",
        source=_REVIEW + "delivery_confidence",
    ),
    "assurance_review_summary": Field(
        "string", "That review in words (or `none recorded`).", absent=_SUMMARY
    ),
}

DECISIONS = ("go", "conditional", "no-go")


def _action_state(due: dt.date | None, has_action: bool, overdue: int | None) -> str:
    if not has_action and due is None:
        return "none recorded"
    what = "recorded" if has_action else "not written"
    if due is None:
        return f"{what}, no due date"
    if overdue:
        return f"{what}, overdue since {due.isoformat()} ({overdue} days)"
    return f"{what}, due {due.isoformat()}"


def _rating(value: object) -> int | None:
    """A stated 1-5 rating, or None when the site does not state one."""
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _raid(model: SiteModel, clock: Clock) -> list[FactItem]:
    items = []
    for record in model.records("raid"):
        due = parse_date(record.get("due"))
        overdue = max((clock.as_of - due).days, 0) if due is not None else None
        action = stated_text(record.get("action"))
        probability = _rating(record.get("probability"))
        impact = _rating(record.get("impact"))
        score = None if probability is None or impact is None else probability * impact
        status = record.get("status")
        values: dict[str, object] = {
            "id": record.get("id"),
            "type": record.get("type"),
            "title": record.get("title"),
            "owner": owner_text(record.get("owner")),
            "open": None if status is None else status == "open",
            "probability": probability,
            "impact": impact,
            "score": score,
            "has_action": action,
            "due": due,
            "days_overdue": overdue,
            "action_state": _action_state(due, bool(action), overdue),
            "has_mitigation": bool(stated_text(record.get("mitigation"))),
        }
        evidence = {
            "has_action": "action",
            "days_overdue": "due",
            "action_state": "due",
            "score": "impact",
            "has_mitigation": "mitigation",
        }
        items.append(
            item_from_record(model, "raid_items", record.get("id"), record, values, evidence)
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
    values: dict[str, object] = {
        "audience": audience,
        "listed": last is not None,
        "last_sent": sent,
        "channel": channel,
        "sent_days_before_go_live": None if sent is None else (clock.go_live - sent).days,
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
        breach = record.get("forecast_breach")
        values: dict[str, object] = {
            "name": record.get("name"),
            "forecast_breach": breach if isinstance(breach, bool) else None,
            "exception_report": record.get("exception_report"),
        }
        items.append(item_from_record(model, "tolerances", record.get("name"), record, values))
    return items


def _decision_values(model: SiteModel, clock: Clock) -> dict[str, object]:
    stated = model.section("governance").get("decision")
    decision = stated if isinstance(stated, dict) else {}
    panel = decision.get("panel")
    meeting = parse_date(decision.get("meeting_on"))
    outcome = decision.get("decision")
    return {
        "decision_panel": texts(panel) if isinstance(panel, list) else None,
        "decision": outcome or "",  # not evidence: no decision yet reads as pending
        "decision_recorded": None if outcome is None else outcome in DECISIONS,
        "decision_meeting_on": meeting,
        "decision_meeting_held": None if meeting is None else meeting <= clock.as_of,
        "decision_meeting_days_before_go_live": None
        if meeting is None
        else (clock.go_live - meeting).days,
        "decision_has_conditions": stated_text(decision.get("conditions")),
    }


def _latest_review(model: SiteModel, clock: Clock) -> Record | None:
    return latest(model.records("governance", "assurance_reviews"), "date", clock.go_live)


def _review_values(model: SiteModel, clock: Clock) -> dict[str, object]:
    review = _latest_review(model, clock)
    day = parse_date(review.get("date")) if review is not None else None
    if review is None or day is None:
        return {
            "assurance_review_on": None,
            "assurance_review_days_before_go_live": None,
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
    "assurance_reviewer": ("governance", "assurance_reviews"),
    "assurance_delivery_confidence": ("governance", "assurance_reviews"),
    "assurance_review_summary": ("governance", "assurance_reviews"),
}


def _site_part(model: SiteModel, clock: Clock) -> SiteValues:
    values = {**_decision_values(model, clock), **_review_values(model, clock)}
    review = _latest_review(model, clock)
    return values, pointing_at(_SITE_EVIDENCE, GOVERNANCE_SITE_FIELDS, "assurance_", review)


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

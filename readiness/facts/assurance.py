"""Facts for assurance: testing, defects, data migration and governance.

Kinds: defects, test campaigns, migration domains, RAID items, communications by audience
and stage tolerances; plus a site part with the go/no-go panel, the independent review, trial
loads, rehearsals and test script totals.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from readiness.facts.base import (
    Clock,
    Derived,
    FactItem,
    Field,
    Kind,
    days_before,
    item_from_record,
    percent,
)
from readiness.facts.site import SitePart
from readiness.model import Record, SiteModel, parse_date
from readiness.problems import DataPath, Location
from readiness.references import REQUIRED_AUDIENCES

DEFECT_FIELDS: dict[str, Field] = {
    "id": Field("string", "The defect's id."),
    "title": Field("string", "The defect's title."),
    "name": Field("string", "Its id and title."),
    "severity": Field("number", "1 critical (no workaround) to 4 cosmetic."),
    "status": Field("string", "open, resolved, closed or deferred."),
    "open": Field("boolean", "Open or deferred: it will be live at go-live."),
    "has_workaround": Field("boolean", "A workaround is recorded."),
    "hazard": Field("string", "The hazard entry it is linked to."),
    "system": Field("string", "The system it affects."),
    "open_severity3": Field("number", "Open severity-3 defects at the site."),
    "severity3_ceiling_agreed": Field(
        "boolean", "The site agreed a ceiling of open severity-3 defects."
    ),
    "severity3_ceiling": Field("number", "The agreed ceiling of open severity-3 defects."),
    "severity3_rank": Field(
        "number", "For an open severity-3 defect: its place among them in file order (else 0)."
    ),
    "summary": Field("string", "The defect's severity, status, workaround and hazard in words."),
}

CAMPAIGN_FIELDS: dict[str, Field] = {
    "id": Field("string", "The campaign's id."),
    "type": Field("string", "unit, sit, e2e, volume, regression, uat, downtime-drill..."),
    "result": Field("string", "passed, failed, in-progress or planned."),
    "passed": Field(
        "boolean", "It passed: result passed, or no result and every planned script passed."
    ),
    "date": Field("date", "When it ran."),
    "scripts_planned": Field("number", "Scripts planned."),
    "scripts_executed": Field("number", "Scripts executed."),
    "scripts_passed": Field("number", "Scripts passed."),
    "executed_percent": Field("number", "Percent of planned scripts executed."),
    "passed_percent": Field("number", "Percent of planned scripts passed."),
    "critical_scripts_planned": Field("number", "Critical-path scripts planned."),
    "critical_scripts_passed": Field("number", "Critical-path scripts passed."),
    "open_issues": Field("number", "Issues still open from the campaign."),
}

DOMAIN_FIELDS: dict[str, Field] = {
    "domain": Field("string", "demographics, future-appointments, waiting-list, allergies..."),
    "name": Field("string", "The domain's name (its domain when not named)."),
    "safety_critical": Field(
        "boolean",
        "The domain is one of the rule's $safety_critical_domains.",
        Derived("safety_critical_domains", lambda values, domains: values.get("domain") in domains),
    ),
    "source_count": Field("number", "Records in the source."),
    "target_count": Field("number", "Records loaded into the target."),
    "excluded_count": Field("number", "Records deliberately not migrated."),
    "counts_stated": Field("boolean", "Both source and target counts are recorded."),
    "count_gap": Field("number", "Source minus target minus excluded (0 when they reconcile)."),
    "counts_reconcile": Field("boolean", "Counts are stated and source = target + excluded."),
    "clinical_sample_checked": Field("boolean", "Clinicians checked a sample of migrated records."),
    "open_critical_discrepancies": Field("number", "Critical discrepancies still open."),
    "coded_statuses_verified": Field(
        "boolean", "Coded statuses (e.g. refuted allergies) were checked after migration."
    ),
    "legacy_read_only_until": Field("date", "Until when the legacy records stay readable."),
    "legacy_days_after_go_live": Field(
        "number", "Days legacy records stay readable after go-live (-1 if not stated)."
    ),
    "unconverted_count": Field("number", "Source records not loaded (excluded or missing)."),
    "priors_years": Field("number", "For images: years of priors migrated before go-live."),
}

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


def _missing_seats(values: Mapping[str, object], seats: tuple[str, ...]) -> list[str]:
    # The seats come from the rule (GV-DECISION's required_roles); `a or b` takes either role.
    panel = values.get("decision_panel")
    roles = set(panel) if isinstance(panel, list | tuple) else set()
    return [seat for seat in seats if not set(seat.split(" or ")) & roles]


ASSURANCE_SITE_FIELDS: dict[str, Field] = {
    "decision_panel": Field("strings", "Roles on the go/no-go panel."),
    "decision_panel_missing": Field(
        "strings",
        "Seats of the rule's $required_roles no panel role fills (`ccio or cnio` takes either).",
        Derived("required_roles", _missing_seats),
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
    "migration_domains": Field("number", "Data migration domains listed."),
    "trial_loads": Field("number", "Trial loads recorded, full or partial."),
    "full_trial_loads": Field("number", "Full trial loads recorded."),
    "last_full_trial_on": Field("date", "The latest full trial load."),
    "last_full_trial_hours": Field("number", "How long it took (0 if not timed)."),
    "last_full_trial_result": Field("string", "passed, failed or empty."),
    "last_full_trial_summary": Field("string", "The latest full trial load in words."),
    "migration_window_hours": Field(
        "number", "Hours the cutover allows for migration (data migration's, else the cutover's)."
    ),
    "full_rehearsals": Field(
        "number", "Full rehearsals recorded (dress rehearsal or mock go-live)."
    ),
    "last_rehearsal_on": Field("date", "The latest full rehearsal on or before go-live."),
    "last_rehearsal_result": Field("string", "passed or failed (empty when none)."),
    "last_rehearsal_open_issues": Field("number", "Issues from it still open."),
    "last_rehearsal_days_before_go_live": Field("number", "Days from it to go-live (-1 if none)."),
    "last_rehearsal_summary": Field("string", "That rehearsal in words (or `none recorded`)."),
    "scripts_planned": Field("number", "Test scripts planned across every campaign."),
    "scripts_executed": Field("number", "Test scripts executed across every campaign."),
    "scripts_passed": Field("number", "Test scripts passed across every campaign."),
    "scripts_passed_percent": Field("number", "Percent of planned scripts passed."),
    "critical_scripts_planned": Field("number", "Critical-path scripts planned."),
    "critical_scripts_executed": Field("number", "Critical-path scripts executed."),
    "critical_scripts_passed": Field("number", "Critical-path scripts passed."),
    "campaigns_short_on_critical": Field(
        "strings", "Campaigns whose critical-path scripts did not all pass."
    ),
}

FULL_REHEARSALS = ("dress-rehearsal", "mock-go-live")
DECISIONS = ("go", "conditional", "no-go")


def _count(value: object) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def campaign_passed(record: Record) -> bool:
    """True when a campaign passed: so stated, or no result and every planned script passed."""
    result = record.get("result")
    if result is not None:
        return bool(result == "passed")
    planned = _count(record.get("scripts_planned"))
    return planned > 0 and _count(record.get("scripts_passed")) >= planned


def passed_campaigns(model: SiteModel) -> set[str]:
    """Ids of the test campaigns that passed."""
    return {r.get("id") for r in model.records("test_campaigns") if campaign_passed(r)}


def written_paths(model: SiteModel, evidence: Mapping[str, DataPath]) -> dict[str, DataPath]:
    """Evidence paths cut back to the deepest part written; absent sections are left out."""
    out: dict[str, DataPath] = {}
    for name, path in evidence.items():
        while path and path not in model.source.values:
            path = path[:-1]
        if path:
            out[name] = path
    return out


def _location(model: SiteModel, *path: str) -> Location:
    """Where a section is written, else the site record (never the file as a whole)."""
    while path and path not in model.source.values:
        path = path[:-1]
    return model.source.values[path] if path else model.site.record.location


def _defect_summary(record: Record, rank: int, open_s3: int, ceiling: int | None) -> str:
    severity = record.get("severity")
    parts = [f"severity {severity}, {record.get('status')}"]
    if severity == 3 and rank:
        agreed = "no agreed ceiling" if ceiling is None else f"agreed ceiling {ceiling}"
        parts.append(f"number {rank} of {open_s3} open severity-3 defects, {agreed}")
    else:
        parts.append("workaround recorded" if record.get("workaround") else "no workaround")
        hazard = record.get("hazard")
        parts.append(f"hazard {hazard}" if hazard else "no hazard entry")
    return "; ".join(parts)


def _defects(model: SiteModel, clock: Clock) -> list[FactItem]:
    records = model.records("defects")
    ceiling_value = model.section("testing").get("severity3_ceiling")
    ceiling = ceiling_value if isinstance(ceiling_value, int) else None
    open_s3 = [r for r in records if r.get("severity") == 3 and _is_open(r)]
    ranks = {r.path: i for i, r in enumerate(open_s3, start=1)}
    items = []
    for record in records:
        rank = ranks.get(record.path, 0)
        values: dict[str, object] = {
            "id": record.get("id"),
            "title": record.get("title"),
            "name": " ".join(str(p) for p in (record.get("id"), record.get("title")) if p),
            "severity": record.get("severity"),
            "status": record.get("status"),
            "open": _is_open(record),
            "has_workaround": bool(record.get("workaround")),
            "hazard": record.get("hazard"),
            "system": record.get("system"),
            "open_severity3": len(open_s3),
            "severity3_ceiling_agreed": ceiling is not None,
            "severity3_ceiling": ceiling or 0,
            "severity3_rank": rank,
            "summary": _defect_summary(record, rank, len(open_s3), ceiling),
        }
        evidence = {"has_workaround": "workaround", "open": "status", "summary": "status"}
        items.append(item_from_record(model, "defects", record.get("id"), record, values, evidence))
    return items


def _is_open(record: Record) -> bool:
    return record.get("status") in ("open", "deferred")


def _campaigns(model: SiteModel, clock: Clock) -> list[FactItem]:
    items = []
    for record in model.records("test_campaigns"):
        planned = _count(record.get("scripts_planned"))
        values: dict[str, object] = {
            "id": record.get("id"),
            "type": record.get("type"),
            "result": record.get("result"),
            "passed": campaign_passed(record),
            "date": parse_date(record.get("date")),
            "scripts_planned": planned,
            "scripts_executed": _count(record.get("scripts_executed")),
            "scripts_passed": _count(record.get("scripts_passed")),
            "executed_percent": percent(_count(record.get("scripts_executed")), planned) or 0.0,
            "passed_percent": percent(_count(record.get("scripts_passed")), planned) or 0.0,
            "critical_scripts_planned": _count(record.get("critical_scripts_planned")),
            "critical_scripts_passed": _count(record.get("critical_scripts_passed")),
            "open_issues": _count(record.get("open_issues")),
        }
        evidence = {
            "passed": "result",
            "executed_percent": "scripts_executed",
            "passed_percent": "scripts_passed",
        }
        items.append(
            item_from_record(model, "test_campaigns", record.get("id"), record, values, evidence)
        )
    return items


def _domain(model: SiteModel, record: Record, clock: Clock) -> FactItem:
    domain = record.get("domain")
    source = record.get("source_count")
    target = record.get("target_count")
    excluded = _count(record.get("excluded_count"))
    stated = isinstance(source, int) and isinstance(target, int)
    gap = _count(source) - _count(target) - excluded
    legacy = parse_date(record.get("legacy_read_only_until"))
    values: dict[str, object] = {
        "domain": domain,
        "name": record.get("name") or domain,
        "source_count": _count(source),
        "target_count": _count(target),
        "excluded_count": excluded,
        "counts_stated": stated,
        "count_gap": gap if stated else 0,
        "counts_reconcile": stated and gap == 0,
        "clinical_sample_checked": bool(record.get("clinical_sample_checked")),
        "open_critical_discrepancies": _count(record.get("open_critical_discrepancies")),
        "coded_statuses_verified": bool(record.get("coded_statuses_verified")),
        "legacy_read_only_until": legacy,
        "legacy_days_after_go_live": -1
        if legacy is None
        else max((legacy - clock.go_live).days, 0),
        "unconverted_count": max(_count(source) - _count(target), 0),
        "priors_years": record.get("priors_years") or 0,
    }
    evidence = {
        "count_gap": "target_count",
        "counts_reconcile": "target_count",
        "counts_stated": "source_count",
        "legacy_days_after_go_live": "legacy_read_only_until",
        "unconverted_count": "target_count",
    }
    return item_from_record(model, "migration_domains", domain, record, values, evidence)


def _domains(model: SiteModel, clock: Clock) -> list[FactItem]:
    return [_domain(model, r, clock) for r in model.records("data_migration", "domains")]


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
        probability = _count(record.get("probability"))
        impact = _count(record.get("impact"))
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


def _when(day: dt.date, go_live: dt.date) -> str:
    """A date and how far it is from go-live, in words."""
    days = (go_live - day).days
    if days < 0:
        return f"{day.isoformat()}, {-days} days after go-live"
    return f"{day.isoformat()}, {days} days before go-live"


def _sent_summary(listed: bool, sent: dt.date | None, channel: object, go_live: dt.date) -> str:
    if not listed:
        return "no communication to this audience is recorded"
    if sent is None:
        return "no date sent recorded"
    by = f" by {channel}" if channel else ""
    return f"last sent{by} on {_when(sent, go_live)}"


def _communication(
    model: SiteModel, audience: str, records: list[Record], clock: Clock
) -> FactItem:
    dated = [(parse_date(r.get("last_sent")) or dt.date.min, i) for i, r in enumerate(records)]
    latest = records[max(dated)[1]] if records else None
    sent = parse_date(latest.get("last_sent")) if latest is not None else None
    channel = latest.get("channel") if latest is not None else None
    days = None if sent is None else (clock.go_live - sent).days
    values: dict[str, object] = {
        "audience": audience,
        "listed": latest is not None,
        "last_sent": sent,
        "channel": channel,
        "sent_days_before_go_live": -1 if days is None or days < 0 else days,
        "sent_summary": _sent_summary(latest is not None, sent, channel, clock.go_live),
    }
    if latest is None:
        where = _location(model, "governance", "communications")
        return FactItem("communications", audience, values, where)
    evidence = {"sent_days_before_go_live": "last_sent", "sent_summary": "last_sent"}
    return item_from_record(model, "communications", audience, latest, values, evidence)


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


def _latest(records: list[Record], key: str, until: dt.date | None) -> Record | None:
    """The record with the latest date under `key` (on or before `until`), if any."""
    dated = [
        (day, i)
        for i, r in enumerate(records)
        if (day := parse_date(r.get(key))) is not None and (until is None or day <= until)
    ]
    return records[max(dated)[1]] if dated else None


def _latest_review(model: SiteModel, clock: Clock) -> Record | None:
    return _latest(model.records("governance", "assurance_reviews"), "date", clock.go_live)


def _last_full_trial(model: SiteModel) -> Record | None:
    loads = [r for r in model.records("data_migration", "trial_loads") if r.get("full")]
    return _latest(loads, "date", None)


def _last_rehearsal(model: SiteModel, clock: Clock) -> Record | None:
    rehearsals = [
        r
        for r in model.records("cutover", "rehearsals")
        if r.get("kind", "dress-rehearsal") in FULL_REHEARSALS
    ]
    return _latest(rehearsals, "date", clock.go_live)


def _review_values(model: SiteModel, clock: Clock) -> dict[str, object]:
    latest = _latest_review(model, clock)
    day = parse_date(latest.get("date")) if latest is not None else None
    if latest is None or day is None:
        return {
            "assurance_review_on": None,
            "assurance_review_days_before_go_live": -1,
            "assurance_review_summary": "none recorded",
        }
    reviewer = latest.get("reviewer")
    confidence = latest.get("delivery_confidence")
    summary = _when(day, clock.go_live)
    summary += f" by {reviewer}" if reviewer else ""
    summary += f", delivery confidence {confidence}" if confidence else ""
    return {
        "assurance_review_on": day,
        "assurance_review_days_before_go_live": (clock.go_live - day).days,
        "assurance_reviewer": reviewer,
        "assurance_delivery_confidence": confidence,
        "assurance_review_summary": summary,
    }


def _trial_values(model: SiteModel) -> dict[str, object]:
    loads = model.records("data_migration", "trial_loads")
    last = _last_full_trial(model)
    window = model.section("data_migration").get("cutover_window_hours")
    if window is None:
        window = model.section("cutover").get("window_hours")
    return {
        "migration_domains": len(model.records("data_migration", "domains")),
        "trial_loads": len(loads),
        "full_trial_loads": sum(1 for r in loads if r.get("full")),
        "last_full_trial_on": parse_date(last.get("date")) if last else None,
        "last_full_trial_hours": (last.get("duration_hours") or 0) if last else 0,
        "last_full_trial_result": last.get("result") if last else None,
        "last_full_trial_summary": _trial_summary(last),
        "migration_window_hours": window or 0,
    }


def _trial_summary(last: Record | None) -> str:
    if last is None:
        return "none recorded"
    hours = last.get("duration_hours")
    timed = "not timed" if hours is None else f"took {hours:g} hours"
    return f"{last.get('date')}, {last.get('result') or 'result not recorded'}, {timed}"


def _rehearsal_values(model: SiteModel, clock: Clock) -> dict[str, object]:
    last = _last_rehearsal(model, clock)
    day = parse_date(last.get("date")) if last is not None else None
    full = sum(
        1
        for r in model.records("cutover", "rehearsals")
        if r.get("kind", "dress-rehearsal") in FULL_REHEARSALS
    )
    if last is None or day is None:
        return {
            "full_rehearsals": full,
            "last_rehearsal_on": None,
            "last_rehearsal_days_before_go_live": -1,
            "last_rehearsal_summary": "none recorded",
        }
    issues = _count(last.get("open_issues"))
    return {
        "full_rehearsals": full,
        "last_rehearsal_on": day,
        "last_rehearsal_result": last.get("result"),
        "last_rehearsal_open_issues": issues,
        "last_rehearsal_days_before_go_live": (clock.go_live - day).days,
        "last_rehearsal_summary": f"{_when(day, clock.go_live)}, {last.get('result')} "
        f"with {issues} open issue(s)",
    }


def _script_values(model: SiteModel) -> dict[str, object]:
    campaigns = model.records("test_campaigns")

    def total(name: str) -> int:
        return sum(_count(r.get(name)) for r in campaigns)

    planned = total("scripts_planned")
    return {
        "scripts_planned": planned,
        "scripts_executed": total("scripts_executed"),
        "scripts_passed": total("scripts_passed"),
        "scripts_passed_percent": percent(total("scripts_passed"), planned) or 0.0,
        "critical_scripts_planned": total("critical_scripts_planned"),
        "critical_scripts_executed": total("critical_scripts_executed"),
        "critical_scripts_passed": total("critical_scripts_passed"),
        "campaigns_short_on_critical": [
            r.get("id")
            for r in campaigns
            if _count(r.get("critical_scripts_passed")) < _count(r.get("critical_scripts_planned"))
        ],
    }


_SITE_EVIDENCE: dict[str, DataPath] = {
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
    "migration_domains": ("data_migration", "domains"),
    "trial_loads": ("data_migration", "trial_loads"),
    "full_trial_loads": ("data_migration", "trial_loads"),
    "last_full_trial_hours": ("data_migration", "trial_loads"),
    "migration_window_hours": ("data_migration", "cutover_window_hours"),
    "full_rehearsals": ("cutover", "rehearsals"),
    "last_rehearsal_on": ("cutover", "rehearsals"),
    "last_rehearsal_result": ("cutover", "rehearsals"),
    "last_rehearsal_open_issues": ("cutover", "rehearsals"),
    "last_rehearsal_days_before_go_live": ("cutover", "rehearsals"),
    "last_rehearsal_summary": ("cutover", "rehearsals"),
    "scripts_planned": ("test_campaigns",),
    "scripts_passed_percent": ("test_campaigns",),
    "critical_scripts_passed": ("test_campaigns",),
    "campaigns_short_on_critical": ("test_campaigns",),
}


def _site_part(model: SiteModel, clock: Clock) -> tuple[dict[str, object], dict[str, DataPath]]:
    values = {
        **_decision_values(model, clock),
        **_review_values(model, clock),
        **_trial_values(model),
        **_rehearsal_values(model, clock),
        **_script_values(model),
    }
    evidence = dict(_SITE_EVIDENCE)
    # Findings about the latest review, trial load or rehearsal point at that entry.
    chosen = {
        "assurance_review": _latest_review(model, clock),
        "last_full_trial": _last_full_trial(model),
        "last_rehearsal": _last_rehearsal(model, clock),
    }
    for prefix, record in chosen.items():
        if record is not None:
            for name in ASSURANCE_SITE_FIELDS:
                if name.startswith(prefix):
                    evidence[name] = record.path
    return values, written_paths(model, evidence)


KINDS: dict[str, Kind] = {
    "defects": Kind("defects", "Defects found in testing.", DEFECT_FIELDS, _defects),
    "test_campaigns": Kind("test_campaigns", "Test campaigns.", CAMPAIGN_FIELDS, _campaigns),
    "migration_domains": Kind(
        "migration_domains", "Data migration domains, by domain.", DOMAIN_FIELDS, _domains
    ),
    "raid_items": Kind("raid_items", "RAID log items.", RAID_FIELDS, _raid),
    "communications": Kind(
        "communications",
        "Stakeholder briefings: one item per required audience, listed or not.",
        COMMUNICATION_FIELDS,
        _communications,
    ),
    "tolerances": Kind("tolerances", "Stage tolerances (PRINCE2).", TOLERANCE_FIELDS, _tolerances),
}

SITE_PARTS: tuple[SitePart, ...] = ((ASSURANCE_SITE_FIELDS, _site_part),)

"""Facts about staff: cohorts, their training, accounts and access."""

from __future__ import annotations

from readiness.facts.base import (
    Clock,
    FactItem,
    Field,
    Kind,
    days_before,
    item_from_record,
    percent,
)
from readiness.facts.site import SitePart
from readiness.model import SiteModel

COHORT_FIELDS: dict[str, Field] = {
    "id": Field("string", "The cohort's id."),
    "name": Field("string", "The cohort's name, or its area and role."),
    "role": Field("string", "consultant, nurse, pharmacist..."),
    "area": Field("string", "Where the cohort works."),
    "headcount": Field("number", "Staff in the cohort."),
    "trained": Field("number", "Staff who completed training (0 when not stated)."),
    "trained_percent": Field("number", "Percent of the headcount trained."),
    "high_risk": Field("boolean", "Prescribers or order placers."),
    "prescribers": Field("boolean", "The cohort prescribes."),
    "proficiency_passed": Field("number", "Staff who passed the proficiency assessment."),
    "proficiency_percent": Field("number", "Percent of the headcount who passed proficiency."),
    "accounts_live_untrained": Field("number", "Live accounts held by untrained staff."),
    "smartcards_percent": Field("number", "Percent of the headcount with smartcard access."),
    "access_roles_tested": Field("boolean", "Access roles were tested."),
    "downtime_trained_percent": Field("number", "Percent of the headcount trained on downtime."),
    "curriculum_hours": Field("number", "Hours of the curriculum for the cohort's role (0 if none)."),
    "training_days_before_go_live": Field(
        "number", "Days between the cohort's training completion and go-live (-1 if unknown)."
    ),
    "refresher_planned": Field("boolean", "A refresher is planned before go-live."),
    "has_catch_up_plan": Field("boolean", "A catch-up plan for untrained staff is written."),
}


def _cohorts(model: SiteModel, clock: Clock) -> list[FactItem]:
    training = model.section("training")
    hours = {c.get("role"): c.get("hours") for c in model.records("training", "curricula")}
    items = []
    for record in model.records("staff_cohorts"):
        headcount = record.get("headcount") or 0
        trained = record.get("trained") or 0
        finished = record.get("training_completed_on") or training.get("ends")
        days = days_before(finished, clock.go_live)
        name = record.get("name") or f"{record.get('area')} {record.get('role')}s"
        values: dict[str, object] = {
            "id": record.get("id"),
            "name": name,
            "role": record.get("role"),
            "area": record.get("area"),
            "headcount": headcount,
            "trained": trained,
            "trained_percent": percent(trained, headcount) or 0.0,
            "high_risk": bool(record.get("high_risk")),
            "prescribers": bool(record.get("prescribers")),
            "proficiency_passed": record.get("proficiency_passed") or 0,
            "proficiency_percent": percent(record.get("proficiency_passed") or 0, headcount) or 0.0,
            "accounts_live_untrained": record.get("accounts_live_untrained") or 0,
            "smartcards_percent": percent(record.get("smartcards_provisioned") or 0, headcount)
            or 0.0,
            "access_roles_tested": bool(record.get("access_roles_tested")),
            "downtime_trained_percent": percent(record.get("downtime_trained") or 0, headcount)
            or 0.0,
            "curriculum_hours": hours.get(record.get("role")) or 0,
            "training_days_before_go_live": -1 if days is None else days,
            "refresher_planned": bool(training.get("refresher_planned")),
            "has_catch_up_plan": bool(record.get("catch_up_plan")),
        }
        evidence = {
            "trained_percent": "trained",
            "proficiency_percent": "proficiency_passed",
            "smartcards_percent": "smartcards_provisioned",
            "downtime_trained_percent": "downtime_trained",
            "training_days_before_go_live": "training_completed_on",
            "has_catch_up_plan": "catch_up_plan",
        }
        items.append(item_from_record(model, "staff_cohorts", record.get("id"), record, values, evidence))
    return items


KINDS = {
    "staff_cohorts": Kind("staff_cohorts", "Staff cohorts (role x area).", COHORT_FIELDS, _cohorts),
}

SITE_PARTS: tuple[SitePart, ...] = ()

"""Facts for the training rules: staff cohorts, their training, accounts and access."""

from __future__ import annotations

from readiness.clock import Clock
from readiness.facts.base import (
    FactItem,
    Kind,
    days_before,
    item_from_record,
    percent,
)
from readiness.fields import Field
from readiness.model import Record, SiteModel, parse_date
from readiness.problems import DataPath

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
    "accounts_live": Field("number", "Accounts enabled for go-live (0 when not stated)."),
    "accounts_live_untrained": Field(
        "number",
        "Live accounts of untrained staff (as stated, else live accounts beyond those trained).",
    ),
    "smartcards_provisioned": Field("number", "Staff with smartcards with position-based access."),
    "smartcards_percent": Field("number", "Percent of the headcount with smartcard access."),
    "access_roles_tested": Field("boolean", "Access roles were tested."),
    "downtime_trained": Field(
        "number", "Staff trained on downtime procedures.", source="downtime_trained"
    ),
    "downtime_trained_percent": Field(
        "number", "Percent of the headcount trained on downtime.", source="downtime_trained"
    ),
    "downtime_trained_share": Field(
        "number", "Percent of the trained staff also trained on downtime (0 when none trained)."
    ),
    "downtime_module": Field("boolean", "The role's curriculum includes the downtime module."),
    "curriculum_hours": Field(
        "number", "Hours of the curriculum for the cohort's role (0 if none)."
    ),
    "training_days_before_go_live": Field(
        "number", "Days between the cohort's training completion and go-live (-1 if unknown)."
    ),
    "training_completed_on": Field(
        "date", "When the cohort finished training (the training window's end if unstated)."
    ),
    "refresher_planned": Field("boolean", "A refresher is planned before go-live."),
    "has_catch_up_plan": Field("boolean", "A catch-up plan for untrained staff is written."),
}


def _cohorts(model: SiteModel, clock: Clock) -> list[FactItem]:
    training = model.section("training")
    curricula = {c.get("role"): c for c in model.records("training", "curricula")}
    items = []
    for record in model.records("staff_cohorts"):
        curriculum = curricula.get(record.get("role"))
        values = _cohort_values(record, curriculum, training, clock)
        evidence = _cohort_evidence(record, curriculum, training)
        owner = record.get("owner")
        items.append(
            item_from_record(
                model, "staff_cohorts", record.get("id"), record, values, evidence, owner
            )
        )
    return items


def _cohort_values(
    record: Record, curriculum: Record | None, training: Record, clock: Clock
) -> dict[str, object]:
    headcount = record.get("headcount") or 0
    trained = record.get("trained") or 0
    finished = record.get("training_completed_on") or training.get("ends")
    accounts_live = record.get("accounts_live") or 0
    downtime_trained = record.get("downtime_trained") or 0
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
        "accounts_live": accounts_live,
        "accounts_live_untrained": _live_untrained(record, accounts_live, trained),
        "smartcards_provisioned": record.get("smartcards_provisioned") or 0,
        "smartcards_percent": percent(record.get("smartcards_provisioned") or 0, headcount) or 0.0,
        "access_roles_tested": bool(record.get("access_roles_tested")),
        "downtime_trained": record.get("downtime_trained"),
        "downtime_trained_percent": _downtime_percent(record.get("downtime_trained"), headcount),
        "downtime_trained_share": percent(downtime_trained, trained) or 0.0,
        "downtime_module": bool(curriculum and curriculum.get("downtime_module")),
        "curriculum_hours": (curriculum.get("hours") if curriculum else None) or 0,
        "training_completed_on": parse_date(finished),
        "training_days_before_go_live": -1 if days is None else days,
        "refresher_planned": bool(training.get("refresher_planned")),
        "has_catch_up_plan": bool(record.get("catch_up_plan")),
    }
    return values


def _cohort_evidence(
    record: Record, curriculum: Record | None, training: Record
) -> dict[str, str | DataPath]:
    return {
        "trained_percent": "trained",
        "proficiency_percent": "proficiency_passed",
        "smartcards_percent": "smartcards_provisioned",
        "downtime_trained_percent": "downtime_trained",
        "training_days_before_go_live": "training_completed_on",
        "has_catch_up_plan": "catch_up_plan",
        "accounts_live_untrained": (
            "accounts_live_untrained"
            if "accounts_live_untrained" in record.fields
            else "accounts_live"
        ),
        "downtime_trained_share": "downtime_trained",
        **_training_evidence(record, curriculum, training),
    }


def _training_evidence(
    record: Record, curriculum: Record | None, training: Record
) -> dict[str, str | DataPath]:
    """Fields taken from the training section point at where they are written there."""
    evidence: dict[str, str | DataPath] = {}
    if curriculum is not None:
        evidence["curriculum_hours"] = (*curriculum.path, "hours")
        evidence["downtime_module"] = (*curriculum.path, "downtime_module")
    if "training_completed_on" not in record.fields and "ends" in training.fields:
        evidence["training_completed_on"] = (*training.path, "ends")
        evidence["training_days_before_go_live"] = (*training.path, "ends")
    if "refresher_planned" in training.fields:
        evidence["refresher_planned"] = (*training.path, "refresher_planned")
    return evidence


def _downtime_percent(stated: object, headcount: int) -> float | None:
    """Percent of the headcount trained on downtime; None when the count is not stated."""
    if stated is None:
        return None
    # A stated count over an empty cohort is complete: nobody is left to train.
    return percent(stated, headcount) if headcount else 100.0


def _live_untrained(record: Record, accounts_live: int, trained: int) -> int:
    """Live accounts of untrained staff: as stated, or live accounts beyond those trained."""
    # Live accounts beyond the trained staff are untrained, whatever figure is stated.
    stated = record.get("accounts_live_untrained")
    return max(int(stated or 0), accounts_live - trained, 0)


STAFF_COHORTS = Kind(
    "staff_cohorts",
    "Staff cohorts (role x area).",
    COHORT_FIELDS,
    _cohorts,
    base=("staff_cohorts[]",),
)

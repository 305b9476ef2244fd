"""Facts for the training rules: staff cohorts, their training, accounts and access."""

from __future__ import annotations

from readiness.clock import Clock
from readiness.facts.base import (
    Evidence,
    FactItem,
    Kind,
    SitePart,
    SiteValues,
    days_before,
    item_from_record,
    percent,
)
from readiness.fields import Field
from readiness.model import Record, SiteModel, parse_date, stated_text
from readiness.problems import DataPath

# Sources that start with `/` are written in the training section, from the site's root.
_CURRICULUM = ("/training.curricula[].hours", "/training.curricula[].role", "role")

COHORT_FIELDS: dict[str, Field] = {
    "id": Field("string", "The cohort's id.", source="id"),
    "name": Field(
        "string",
        "The cohort's name, or its area and role.",
        source=("name", "area", "role"),
        absent="a label",
    ),
    "role": Field("string", "consultant, nurse, pharmacist...", source="role"),
    "area": Field("string", "Where the cohort works.", source="area"),
    "headcount": Field("number", "Staff in the cohort.", source="headcount"),
    "trained": Field("number", "Staff who completed training.", source="trained"),
    "trained_percent": Field(
        "number", "Percent of the headcount trained.", source=("trained", "headcount")
    ),
    "high_risk": Field("boolean", "Prescribers or order placers.", source="high_risk"),
    "prescribers": Field("boolean", "The cohort prescribes.", source="prescribers"),
    "proficiency_passed": Field(
        "number", "Staff who passed the proficiency assessment.", source="proficiency_passed"
    ),
    "proficiency_percent": Field(
        "number",
        "Percent of the headcount who passed proficiency.",
        source=("proficiency_passed", "headcount"),
    ),
    "accounts_live": Field("number", "Accounts enabled for go-live.", source="accounts_live"),
    "accounts_live_untrained": Field(
        "number", "Live accounts of untrained staff, as stated.", source="accounts_live_untrained"
    ),
    "accounts_live_beyond_trained": Field(
        "number",
        "Live accounts beyond the staff trained (0 or less when every live account is trained).",
        source=("accounts_live", "trained"),
    ),
    "smartcards_provisioned": Field(
        "number",
        "Staff with smartcards with position-based access.",
        source="smartcards_provisioned",
    ),
    "smartcards_percent": Field(
        "number",
        "Percent of the headcount with smartcard access.",
        source=("smartcards_provisioned", "headcount"),
    ),
    "access_roles_tested": Field(
        "boolean", "Access roles were tested.", source="access_roles_tested"
    ),
    "downtime_trained": Field(
        "number", "Staff trained on downtime procedures.", source="downtime_trained"
    ),
    "downtime_trained_percent": Field(
        "number", "Percent of the headcount trained on downtime.", source="downtime_trained"
    ),
    "downtime_trained_share": Field(
        "number",
        "Percent of the trained staff also trained on downtime.",
        source=("downtime_trained", "trained"),
    ),
    "downtime_module": Field(
        "boolean",
        "The role's curriculum includes the downtime module.",
        source=("/training.curricula[].downtime_module", "role"),
        absent="a curriculum flag is not evidence of staff trained: TR-DOWNTIME counts them",
    ),
    "curriculum_hours": Field(
        "number", "Hours of the curriculum for the cohort's role.", source=_CURRICULUM
    ),
    "training_days_before_go_live": Field(
        "number",
        "Days between the cohort's training completion and go-live.",
        source="training_completed_on",
    ),
    "training_completed_on": Field(
        "date", "When the cohort finished training.", source="training_completed_on"
    ),
    "refresher_planned": Field(
        "boolean", "A refresher is planned before go-live.", source="/training.refresher_planned"
    ),
    "has_catch_up_plan": Field(
        "boolean",
        "A catch-up plan for untrained staff is written.",
        source="catch_up_plan",
    ),
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
    headcount = record.get("headcount")
    trained = record.get("trained")
    # The training window's end is the plan, not this cohort's completion: no fallback.
    finished = record.get("training_completed_on")
    downtime_trained = record.get("downtime_trained")
    days = days_before(finished, clock.go_live)
    name = record.get("name") or f"{record.get('area')} {record.get('role')}s"
    values: dict[str, object] = {
        "id": record.get("id"),
        "name": name,
        "role": record.get("role"),
        "area": record.get("area"),
        "headcount": headcount,
        "trained": trained,
        "trained_percent": _share(trained, headcount),
        "high_risk": record.get("high_risk"),
        "prescribers": record.get("prescribers"),
        "proficiency_passed": record.get("proficiency_passed"),
        "proficiency_percent": _share(record.get("proficiency_passed"), headcount),
        "accounts_live": record.get("accounts_live"),
        "accounts_live_untrained": record.get("accounts_live_untrained"),
        "accounts_live_beyond_trained": _beyond(record.get("accounts_live"), trained),
        "smartcards_provisioned": record.get("smartcards_provisioned"),
        "smartcards_percent": _share(record.get("smartcards_provisioned"), headcount),
        "access_roles_tested": record.get("access_roles_tested"),
        "downtime_trained": downtime_trained,
        "downtime_trained_percent": _share(downtime_trained, headcount),
        "downtime_trained_share": _share(downtime_trained, trained),
        "downtime_module": bool(curriculum and curriculum.get("downtime_module")),
        "curriculum_hours": curriculum.get("hours") if curriculum else None,
        "training_completed_on": parse_date(finished),
        "training_days_before_go_live": days,
        "refresher_planned": training.get("refresher_planned"),
        "has_catch_up_plan": stated_text(record.get("catch_up_plan")),
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
        "accounts_live_beyond_trained": "accounts_live",
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
    if "refresher_planned" in training.fields:
        evidence["refresher_planned"] = (*training.path, "refresher_planned")
    return evidence


def _share(part: object, whole: object) -> float | None:
    """`part` as a percent of `whole`; None when `part` is not stated.

    A stated count over an empty whole is complete: nobody is left to count.
    """
    if part is None or whole is None:
        return None
    return percent(part, whole) if whole else 100.0


def _beyond(live: object, trained: object) -> int | None:
    """Live accounts beyond the trained staff; None unless both counts are stated."""
    if isinstance(live, int) and isinstance(trained, int):
        return live - trained
    return None


STAFF_COHORTS = Kind(
    "staff_cohorts",
    "Staff cohorts (role x area).",
    COHORT_FIELDS,
    _cohorts,
    base=("staff_cohorts[]",),
)

TRAINING_SITE_FIELDS: dict[str, Field] = {
    "training_environment_matches_build": Field(
        "boolean",
        "The training environment runs the go-live build and configuration.",
        source="training.environment_matches_build",
    ),
    "training_starts": Field("date", "When the training window opens.", source="training.starts"),
    "training_ends": Field("date", "When the training window closes.", source="training.ends"),
    "cohort_headcount": Field(
        "number",
        "Staff across the staff cohorts (none listed, or a headcount missing: not stated).",
        source="staff_cohorts[].headcount",
    ),
}


def _cohort_headcount(model: SiteModel) -> int | None:
    """Staff across the cohorts; None unless every cohort states its headcount."""
    heads = [r.get("headcount") for r in model.records("staff_cohorts")]
    if not heads or not all(isinstance(h, int) and not isinstance(h, bool) for h in heads):
        return None
    return sum(h for h in heads if isinstance(h, int))


def _training_site(model: SiteModel, clock: Clock) -> SiteValues:
    training = model.section("training")
    values: dict[str, object] = {
        "training_environment_matches_build": training.get("environment_matches_build"),
        "training_starts": parse_date(training.get("starts")),
        "training_ends": parse_date(training.get("ends")),
        "cohort_headcount": _cohort_headcount(model),
    }
    evidence: Evidence = {
        "training_environment_matches_build": ("training", "environment_matches_build"),
        "training_starts": ("training", "starts"),
        "training_ends": ("training", "ends"),
        "cohort_headcount": ("staff_cohorts",),
    }
    return values, evidence


SITE_PART = SitePart(TRAINING_SITE_FIELDS, _training_site)

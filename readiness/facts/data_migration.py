"""Facts for the data migration rules: each migrated domain, and the trial loads."""

from __future__ import annotations

from collections.abc import Mapping

from readiness.clock import Clock
from readiness.facts.base import (
    Evidence,
    FactItem,
    Kind,
    SitePart,
    SiteValues,
    count,
    cso_name,
    item_from_record,
    latest,
)
from readiness.fields import Derived, Field
from readiness.model import Record, SiteModel, parse_date, stated_text
from readiness.people import same_person

# The domains a site may name (the site schema's list); a rule's list must use these words.
DOMAIN_NAMES = (
    "demographics",
    "future-appointments",
    "waiting-list",
    "allergies",
    "active-medications",
    "alerts",
    "problems",
    "results",
    "documents",
    "images",
    "transfusion-history",
    "other",
)

_LEGACY = "absent means the legacy records are not kept readable, which DM-LEGACY judges"

DOMAIN_FIELDS: dict[str, Field] = {
    "domain": Field(
        "string", "demographics, future-appointments, waiting-list, allergies...", source="domain"
    ),
    "name": Field(
        "string", "The domain's name (its domain when not named).", source="name", absent="a label"
    ),
    "safety_critical": Field(
        "boolean",
        "The domain is one of the rule's $safety_critical_domains.",
        Derived(
            "safety_critical_domains",
            lambda values, domains: values.get("domain") in domains,
            DOMAIN_NAMES,
        ),
    ),
    "migrated": Field(
        "boolean",
        "The domain is migrated: it carries no not_migrated statement.",
        source="not_migrated",
        absent="a domain listed without a not_migrated statement is migrated",
    ),
    "source_count": Field("number", "Records in the source.", source="source_count"),
    "target_count": Field("number", "Records loaded into the target.", source="target_count"),
    "excluded_count": Field(
        "number",
        "Records deliberately not migrated.",
        source="excluded_count",
        absent="absent means none was excluded",
    ),
    "counts_stated": Field(
        "boolean",
        "Both source and target counts are recorded.",
        source=("source_count", "target_count"),
        absent="says whether the counts are stated",
    ),
    "count_gap": Field(
        "number",
        "Source minus target minus excluded (0 when they reconcile).",
        source=("source_count", "target_count"),
    ),
    "counts_reconcile": Field(
        "boolean",
        "Source = target + excluded.",
        source=("source_count", "target_count"),
    ),
    "clinical_sample_checked": Field(
        "boolean",
        "Clinicians checked a sample of migrated records.",
        source="clinical_sample_checked",
    ),
    "open_critical_discrepancies": Field(
        "number", "Critical discrepancies still open.", source="open_critical_discrepancies"
    ),
    "coded_statuses_verified": Field(
        "boolean",
        "Coded statuses (e.g. refuted allergies) were checked after migration.",
        source="coded_statuses_verified",
    ),
    "coded_status_losses": Field(
        "number",
        "Records whose coded status (refuted allergy, irradiated or CMV-negative requirement...) "
        "the post-migration check found lost or changed.",
        source="coded_status_losses",
    ),
    "legacy_read_only_until": Field(
        "date",
        "Until when the legacy records stay readable.",
        source="legacy_read_only_until",
        absent=_LEGACY,
    ),
    "legacy_days_after_go_live": Field(
        "number",
        "Days legacy records stay readable after go-live (-1 if not stated).",
        source="legacy_read_only_until",
        absent=_LEGACY,
    ),
    "unconverted_count": Field(
        "number",
        "Source records not loaded (excluded or missing).",
        source=("source_count", "target_count"),
    ),
    "priors_years": Field(
        "number",
        "For images: years of priors migrated before go-live.",
        source="priors_years",
    ),
}


def _uncovered(values: Mapping[str, object], required: tuple[str, ...]) -> list[str]:
    # The required domains come from the rule (DM-COVERAGE's safety_critical_domains).
    def named(name: str) -> set[str]:
        found = values.get(name)
        return {str(v) for v in found} if isinstance(found, list | tuple) else set()

    migrated, agreed = named("domains_migrated"), named("domains_not_migrated_agreed")
    incomplete = {v.split(":")[0]: v for v in named("domains_not_migrated_incomplete")}
    out: list[str] = []
    for domain in required:
        if domain == "transfusion-history" and not values.get("blood_given"):
            continue
        if domain not in migrated and domain not in agreed:
            out.append(incomplete.get(domain, f"{domain}: not stated"))
    return out


COVERAGE_FIELDS: dict[str, Field] = {
    "domains_migrated": Field(
        "strings",
        "Domains listed as migrated (judged by DM-RECON).",
        source="data_migration.domains[].domain",
        absent="a domain not listed is judged by DM-COVERAGE",
    ),
    "domains_not_migrated_agreed": Field(
        "strings",
        "Domains stated as not migrated with a reason, an alternative and the CSO's agreement.",
        source="data_migration.domains[].not_migrated",
        absent="a domain not listed is judged by DM-COVERAGE",
    ),
    "domains_not_migrated_incomplete": Field(
        "strings",
        "Domains stated as not migrated without a reason, an alternative or the CSO's agreement, "
        "as `domain: what is missing`.",
        source="data_migration.domains[].not_migrated",
        absent="a domain not listed is judged by DM-COVERAGE",
    ),
    "blood_given": Field(
        "boolean",
        "Blood is given: a transfusion system is in service after go-live.",
        source="systems[].category",
        absent="the schema requires every system's category; no transfusion system is false",
    ),
    "domains_uncovered": Field(
        "strings",
        "Domains of the rule's $safety_critical_domains neither migrated nor stated as not "
        "migrated with reason, alternative and CSO agreement (transfusion history only where "
        "blood is given).",
        Derived("safety_critical_domains", _uncovered, DOMAIN_NAMES),
        source="data_migration.domains[]",
        absent="derived from the listed domains; its parts say how absence reads",
    ),
}

_LOADS = "data_migration.trial_loads[]"


MIGRATION_SITE_FIELDS: dict[str, Field] = {
    "migration_domains": Field(
        "number",
        "Data migration domains listed.",
        source="data_migration.domains",
        absent="a count of the listed domains; none listed is 0",
    ),
    "trial_loads": Field(
        "number",
        "Trial loads recorded, full or partial.",
        source="data_migration.trial_loads",
        absent="a count; none recorded is 0, which DM-TRIALS fails as a blocker",
    ),
    "full_trial_loads": Field(
        "number",
        "Full trial loads recorded.",
        source=_LOADS + ".full",
        absent="a count of the loads stated full; none is 0",
    ),
    "last_full_trial_on": Field(
        "date", "The latest full trial load.", source=_LOADS + ".date", absent="for messages"
    ),
    "last_full_trial_hours": Field(
        "number", "How long it took.", source=_LOADS + ".duration_hours"
    ),
    "last_full_trial_result": Field("string", "passed or failed.", source=_LOADS + ".result"),
    "last_full_trial_summary": Field(
        "string", "The latest full trial load in words.", absent="a summary for messages"
    ),
    "migration_window_hours": Field(
        "number",
        "Hours the cutover allows for migration (data migration's, else the cutover's).",
        source=("data_migration.cutover_window_hours", "cutover.window_hours"),
    ),
    **COVERAGE_FIELDS,
}


def _domain(model: SiteModel, record: Record, clock: Clock) -> FactItem:
    domain = record.get("domain")
    source = record.get("source_count")
    target = record.get("target_count")
    excluded = count(record.get("excluded_count"))
    stated = isinstance(source, int) and isinstance(target, int)
    gap = count(source) - count(target) - excluded
    legacy = parse_date(record.get("legacy_read_only_until"))
    values: dict[str, object] = {
        "domain": domain,
        "name": record.get("name") or domain,
        "migrated": not isinstance(record.get("not_migrated"), dict),
        "source_count": source,
        "target_count": target,
        "excluded_count": excluded,
        "counts_stated": stated,
        # Unstated counts are not stated, never a gap of 0 that reconciles.
        "count_gap": gap if stated else None,
        "counts_reconcile": gap == 0 if stated else None,
        "clinical_sample_checked": record.get("clinical_sample_checked"),
        "open_critical_discrepancies": record.get("open_critical_discrepancies"),
        "coded_statuses_verified": record.get("coded_statuses_verified"),
        "coded_status_losses": record.get("coded_status_losses"),
        "legacy_read_only_until": legacy,
        "legacy_days_after_go_live": -1
        if legacy is None
        else max((legacy - clock.go_live).days, 0),
        "unconverted_count": max(count(source) - count(target), 0) if stated else None,
        "priors_years": record.get("priors_years"),
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


def _last_full_trial(model: SiteModel) -> Record | None:
    loads = [r for r in model.records("data_migration", "trial_loads") if r.get("full")]
    return latest(loads, "date", None)


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
        "last_full_trial_hours": last.get("duration_hours") if last else None,
        "last_full_trial_result": last.get("result") if last else None,
        "last_full_trial_summary": _trial_summary(last),
        "migration_window_hours": window,
    }


def _coverage_values(model: SiteModel) -> dict[str, object]:
    cso = cso_name(model)
    migrated: list[str] = []
    agreed: list[str] = []
    incomplete: list[str] = []
    for record in model.records("data_migration", "domains"):
        statement = record.get("not_migrated")
        if not isinstance(statement, dict):
            migrated.append(record.get("domain"))
            continue
        missing = [
            f"no {what}"
            for what in ("reason", "alternative")
            if not stated_text(statement.get(what))
        ]
        if not same_person(statement.get("agreed_by"), cso):
            missing.append("no agreement from the CSO")
        if missing:
            incomplete.append(f"{record.get('domain')}: not migrated, {', '.join(missing)}")
        else:
            agreed.append(record.get("domain"))
    return {
        "domains_migrated": migrated,
        "domains_not_migrated_agreed": agreed,
        "domains_not_migrated_incomplete": incomplete,
        "blood_given": any(s.category == "transfusion" and s.in_service for s in model.systems),
    }


def _trial_summary(last: Record | None) -> str:
    if last is None:
        return "none recorded"
    hours = last.get("duration_hours")
    timed = "not timed" if hours is None else f"took {hours:g} hours"
    return f"{last.get('date')}, {last.get('result') or 'result not recorded'}, {timed}"


_SITE_EVIDENCE: Evidence = {
    "migration_domains": ("data_migration", "domains"),
    "trial_loads": ("data_migration", "trial_loads"),
    "full_trial_loads": ("data_migration", "trial_loads"),
    "last_full_trial_hours": ("data_migration", "trial_loads"),
    "migration_window_hours": ("data_migration", "cutover_window_hours"),
    "domains_uncovered": ("data_migration", "domains"),
}


def _site_part(model: SiteModel, clock: Clock) -> SiteValues:
    evidence = dict(_SITE_EVIDENCE)
    # Findings about the latest full trial load point at that entry.
    trial = _last_full_trial(model)
    if trial is not None:
        for name in MIGRATION_SITE_FIELDS:
            if name.startswith("last_full_trial"):
                evidence[name] = trial.path
    return {**_trial_values(model), **_coverage_values(model)}, evidence


MIGRATION_DOMAINS = Kind(
    "migration_domains",
    "Data migration domains, by domain.",
    DOMAIN_FIELDS,
    _domains,
    base=("data_migration.domains[]",),
)

SITE_PART = SitePart(MIGRATION_SITE_FIELDS, _site_part)

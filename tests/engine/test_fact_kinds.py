"""Every fact kind builds exactly the fields it declares, each a value of its declared type.

A declared field that a builder forgets would read as empty, false or 0 in every rule (see
`readiness.expressions.EMPTY`), so a missing field fails here instead of passing silently.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path

import pytest

from readiness.clock import Clock
from readiness.facts.base import FactItem
from readiness.facts.registry import KINDS, SITE_PARTS
from readiness.facts.site import BASE_FIELDS
from readiness.model import SiteModel, build_model
from readiness.pipeline.site import load_site

ROOT = Path(__file__).resolve().parents[2]
SITES = {
    "sample_sites/northgate-general": "2027-03-04",
    "sample_sites/riverside-community": "2027-04-16",
    "sample_sites/eastmoor-pacs": "2027-05-12",
    "sample_sites/westbrook-eprescribing": "2027-02-12",
    # Sparse: no review, rehearsal, trial load or command centre, so the "none" branches run.
    "tests/fixtures/mini_site": "2027-02-01",
}

# Text copied straight from an optional key of the site (or, for worst_device, naming a
# device type when no type is required) is None when the site does not state it; a rule reads
# that as "" and a message as `none`. Every other string is always built as text.
UNSTATED_STRINGS: dict[str, frozenset[str]] = {
    "site": frozenset(
        {
            "organisation_type",
            "release_version",
            "support_team",
            "nearest_other_go_live_site",
            "cso_name",
            "cso_registration_body",
            "cso_registration_number",
            "safety_case_version",
            "crmp_version",
            "safety_case_release_version",
            "safety_case_signed_by",
            "assurance_reviewer",
            "assurance_delivery_confidence",
            "last_full_trial_result",
            "last_rehearsal_result",
            "load_test_system",
        }
    ),
    "staff_cohorts": frozenset({"role", "area"}),
    "systems": frozenset({"vendor", "owner_after_hypercare"}),
    "interfaces": frozenset(
        {
            "via",
            "version",
            "unit",
            "sit",
            "e2e",
            "volume",
            "regression",
            "mapping_signed_off_by",
            "monitoring_owner",
            "processing_id",
            "owner_after_hypercare",
        }
    ),
    "workflows": frozenset(
        {
            "clinical_area",
            "owner",
            "change",
            "build_signed_off_by",
            "hybrid_hazard",
            "critical_results_route",
        }
    ),
    "support_areas": frozenset({"thinnest_shift"}),
    "downtime_areas": frozenset({"communication_route"}),
    "device_areas": frozenset({"worst_device"}),
    "clinical_areas": frozenset(),
    "hazards": frozenset({"title", "status", "owner"}),
    "coverage_items": frozenset({"owner"}),
    "case_changes": frozenset(),
    "system_safety": frozenset({"owner"}),
    "defects": frozenset({"title", "hazard", "system"}),
    "test_campaigns": frozenset({"result"}),
    "migration_domains": frozenset(),
    "raid_items": frozenset({"title", "owner"}),
    "communications": frozenset({"channel"}),
    "tolerances": frozenset({"exception_report"}),
    "sign_offs": frozenset(),
    "ownership": frozenset(),
}


@cache
def _models() -> tuple[tuple[str, SiteModel, Clock], ...]:
    """Every site's model and clock, loaded once for all kinds."""
    models = []
    for site, as_of in SITES.items():
        source = load_site(ROOT / site)
        assert source.problems == [], site
        model = build_model(source)
        models.append((site, model, Clock(dt.date.fromisoformat(as_of), model.site.go_live)))
    return tuple(models)


@cache
def _items(kind: str) -> tuple[tuple[str, FactItem], ...]:
    """Every item of `kind` on every site, with the site it came from."""
    found: list[tuple[str, FactItem]] = []
    for site, model, clock in _models():
        found.extend((site, item) for item in KINDS[kind].build(model, clock))
    return tuple(found)


def _type_error(kind: str, name: str, declared: str, value: object) -> str | None:
    """Why `value` is not of the declared type, or None when it is.

    An evidence field the site does not state is None: the engine judges it "not stated".
    """
    if value is None and KINDS[kind].fields[name].evidence:
        return None
    if declared == "number":
        ok = isinstance(value, int | float) and not isinstance(value, bool)
    elif declared == "boolean":
        ok = isinstance(value, bool)
    elif declared == "string":
        ok = isinstance(value, str) or (value is None and name in UNSTATED_STRINGS[kind])
    elif declared == "strings":
        ok = isinstance(value, list) and all(isinstance(v, str) for v in value)
    elif declared == "date":
        # An unstated date is None by design: rules read it as no date (EMPTY["date"]).
        ok = value is None or (isinstance(value, dt.date) and not isinstance(value, dt.datetime))
    else:
        return f"unknown declared type {declared!r}"
    return None if ok else f"{name}: {declared} declared, {type(value).__name__} {value!r} built"


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_item_builds_exactly_the_declared_fields(kind: str) -> None:
    # A derived field is computed by each rule from its own parameter, never by the fact.
    declared = {n for n, f in KINDS[kind].fields.items() if f.derived is None}
    items = _items(kind)
    assert items, f"no site builds a {kind} item, so nothing here checks it"
    for site, item in items:
        built = set(item.values)
        assert built == declared, (
            f"{site} {kind} {item.target}: never built {sorted(declared - built)}, "
            f"not declared {sorted(built - declared)}"
        )


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_value_has_its_declared_type(kind: str) -> None:
    fields = KINDS[kind].fields
    errors = [
        f"{site} {item.target}: {error}"
        for site, item in _items(kind)
        for name, value in item.values.items()
        if name in fields
        and (error := _type_error(kind, name, fields[name].type, value)) is not None
    ]
    assert errors == []


def test_unstated_strings_name_declared_string_fields() -> None:
    assert set(UNSTATED_STRINGS) == set(KINDS)
    for kind, names in UNSTATED_STRINGS.items():
        fields = KINDS[kind].fields
        assert {n for n in names if n not in fields or fields[n].type != "string"} == set(), kind


def test_site_parts_add_fields_no_other_part_declares() -> None:
    seen = set(BASE_FIELDS)
    for part in SITE_PARTS:
        assert seen.isdisjoint(part.fields), sorted(seen & set(part.fields))
        seen |= set(part.fields)
    assert seen == set(KINDS["site"].fields)


def test_each_kind_is_registered_under_its_own_name() -> None:
    assert {name: kind.name for name, kind in KINDS.items()} == {name: name for name in KINDS}

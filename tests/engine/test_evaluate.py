"""Evaluating a rule over fact items: where, condition, severity_when, due dates, messages."""

from __future__ import annotations

import datetime as dt

import pytest

from readiness.clock import Clock
from readiness.config import Config
from readiness.evaluate import evaluate_rules
from readiness.facts.base import FactItem, Kind
from readiness.facts.registry import KINDS
from readiness.graph import IntegrationGraph
from readiness.model import SiteModel
from readiness.problems import Location
from readiness.result import Finding
from readiness.rulebook import Rulebook, build_rulebook

from .build import model

RULES = """\
rules:
  - id: LOCAL-TRAINED
    title: Each cohort is trained
    category: training
    severity: major
    severity_when:
      - when: trained_percent < $blocker_below
        severity: blocker
    applies_to: staff_cohorts
    where: headcount > 0
    condition: trained_percent >= $min_percent
    params: {min_percent: 90, blocker_below: 50}
    message: "{name}: {trained_percent}% trained, needs {min_percent}%"
    locate: trained_percent
    due_days_before: 14
    rationale: Untrained staff make unsafe go-lives.
    remediation: Train them.
    reference: Local policy
    examples:
      pass: [{name: Ward, headcount: 10, trained_percent: 95}]
      fail: [{name: Ward, headcount: 10, trained_percent: 60}]
  - id: LOCAL-NAMED
    title: Each cohort has a name
    category: training
    severity: minor
    applies_to: staff_cohorts
    condition: name != ''
    message: "{target} has no name"
    pass_message: "{target} is {name}"
    rationale: A cohort must be findable.
    remediation: Name it.
    reference: Local policy
    examples:
      pass: [{name: Ward}]
      fail: [{name: ''}]
"""
CLOCK = Clock(as_of=dt.date(2027, 2, 10), go_live=dt.date(2027, 3, 1))
HERE = Location("staff.yaml", 3, 5)
TRAINED_AT = Location("staff.yaml", 8, 14)


def _cohort(
    target: str, headcount: int, trained_percent: float, name: str | None = None
) -> FactItem:
    values = {
        "name": target if name is None else name,
        "headcount": headcount,
        "trained_percent": trained_percent,
    }
    return FactItem(
        "staff_cohorts", target, values, HERE, {"trained_percent": TRAINED_AT}, "Ward manager"
    )


COHORTS = [
    _cohort("empty", 0, 0),
    _cohort("ready", 40, 95),
    _cohort("short", 40, 70),
    _cohort("far-short", 40, 40),
    _cohort("unnamed", 40, 100, name=""),
]


@pytest.fixture(scope="module")
def rulebook(tmp_path_factory: pytest.TempPathFactory) -> Rulebook:
    folder = tmp_path_factory.mktemp("rules")
    (folder / "local.yaml").write_text(RULES, encoding="utf-8")
    dates = {"as_of": CLOCK.as_of, "go_live": CLOCK.go_live}
    book, problems = build_rulebook([folder], Config(), dates)
    assert problems == []
    return book


def _evaluate(
    rulebook: Rulebook, items: list[FactItem]
) -> tuple[dict[tuple[str, str], Finding], list[SiteModel]]:
    built: list[SiteModel] = []

    def build(site: SiteModel, clock: Clock) -> list[FactItem]:
        assert clock == CLOCK
        built.append(site)
        return items

    fields = KINDS["staff_cohorts"].fields
    kinds = {"staff_cohorts": Kind("staff_cohorts", "Cohorts made by the test.", fields, build)}
    findings, problems = evaluate_rules(IntegrationGraph(model()), rulebook, CLOCK, kinds)
    assert problems == []
    return {(f.rule, f.target): f for f in findings}, built


def test_where_condition_and_severity_when_decide_each_finding(rulebook: Rulebook) -> None:
    found, _ = _evaluate(rulebook, COHORTS)
    trained = {t: (f.status, f.severity) for (r, t), f in found.items() if r == "LOCAL-TRAINED"}
    assert trained == {
        "empty": ("not_applicable", "major"),
        "ready": ("pass", "major"),
        "short": ("fail", "major"),
        "far-short": ("fail", "blocker"),
        "unnamed": ("pass", "major"),
    }


def test_facts_are_built_once_per_kind_for_all_its_rules(rulebook: Rulebook) -> None:
    found, built = _evaluate(rulebook, COHORTS)
    assert len(built) == 1
    assert len(found) == 2 * len(COHORTS)


def test_a_failure_is_due_the_rule_offset_before_go_live(rulebook: Rulebook) -> None:
    found, _ = _evaluate(rulebook, COHORTS)
    short = found[("LOCAL-TRAINED", "short")]
    # Go-live 2027-03-01 less 14 days is 2027-02-15, five days after the as-of date.
    assert (short.due, short.days_left) == (dt.date(2027, 2, 15), 5)
    ready = found[("LOCAL-TRAINED", "ready")]
    assert (ready.due, ready.days_left) == (None, None)
    # A rule without an offset sets no due date even when it fails.
    unnamed = found[("LOCAL-NAMED", "unnamed")]
    assert (unnamed.status, unnamed.due, unnamed.days_left) == ("fail", None, None)


def test_a_finding_says_what_failed_and_points_at_the_evidence(rulebook: Rulebook) -> None:
    found, _ = _evaluate(rulebook, COHORTS)
    short = found[("LOCAL-TRAINED", "short")]
    assert short.message == "short: 70% trained, needs 90%"
    assert short.location == TRAINED_AT
    assert short.owner == "Ward manager"
    assert (short.title, short.category) == ("Each cohort is trained", "training")
    # Without `locate`, the finding points at the item itself.
    assert found[("LOCAL-NAMED", "ready")].location == HERE


def test_a_pass_message_is_used_when_the_rule_has_one(rulebook: Rulebook) -> None:
    found, _ = _evaluate(rulebook, COHORTS)
    assert found[("LOCAL-NAMED", "ready")].message == "ready is ready"
    assert found[("LOCAL-TRAINED", "ready")].message == "ready: 95% trained, needs 90%"


def test_the_run_is_the_same_twice(rulebook: Rulebook) -> None:
    assert _evaluate(rulebook, COHORTS)[0] == _evaluate(rulebook, COHORTS)[0]


def test_rules_come_in_id_order(rulebook: Rulebook) -> None:
    assert [r.info.id for r in rulebook.rules] == ["LOCAL-NAMED", "LOCAL-TRAINED"]

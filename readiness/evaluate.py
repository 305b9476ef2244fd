"""Evaluate compiled rules against a site's facts and graph, producing findings."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from readiness.clock import Clock
from readiness.expressions import ExpressionError, evaluate, expression_values
from readiness.facts.base import FactItem, Kind
from readiness.graph import IntegrationGraph
from readiness.graph_checks import GRAPH_CHECKS, Outcome
from readiness.problems import Location, Problem
from readiness.result import Finding
from readiness.rulebook import CompiledRule, Rulebook, fill


def evaluate_rules(
    graph: IntegrationGraph, rulebook: Rulebook, clock: Clock, kinds: Mapping[str, Kind]
) -> tuple[list[Finding], list[Problem]]:
    """Every rule's finding for every target; facts are built once per kind."""
    facts: dict[str, list[FactItem]] = {}
    findings: list[Finding] = []
    problems: list[Problem] = []
    for rule in rulebook.rules:
        spec = rule.spec
        try:
            if spec.check is not None:
                outcomes = GRAPH_CHECKS[spec.check].function(graph, rule.params, clock)
                findings.extend(_from_outcome(rule, o, clock) for o in outcomes)
                continue
            kind = kinds[spec.applies_to]
            if kind.name not in facts:
                facts[kind.name] = kind.build(graph.model, clock)
            findings.extend(_from_item(rule, item, clock) for item in facts[kind.name])
        except ExpressionError as err:
            problems.append(
                Problem(
                    spec.location,
                    f"rule {spec.id} could not be evaluated: {err}",
                    "rule-evaluation",
                )
            )
    return findings, problems


def _severity(rule: CompiledRule, values: Mapping[str, object]) -> str:
    for when, severity in rule.severity_when:
        if evaluate(when, values):
            return severity
    return rule.info.severity


def _due(rule: CompiledRule, clock: Clock, failing: bool) -> tuple[dt.date | None, int | None]:
    days = rule.spec.due_days_before
    if days is None or not failing:
        return None, None
    due = clock.go_live - dt.timedelta(days=days)
    return due, (due - clock.as_of).days


def _finding(
    rule: CompiledRule,
    target: str,
    status: str,
    values: Mapping[str, object],
    raw_values: Mapping[str, object],
    location: Location,
    owner: str | None,
    clock: Clock,
    evidence: tuple[str, ...] = (),
) -> Finding:
    failing = status == "fail"
    severity = _severity(rule, values) if failing else rule.info.severity
    due, days_left = _due(rule, clock, failing)
    if status == "pass" and rule.spec.check is not None:
        # A graph check's message describes the failure; a pass says what holds.
        message = (
            f"{raw_values.get('name') or target}: {rule.info.title[0].lower()}{rule.info.title[1:]}"
        )
    else:
        template = rule.spec.message
        if status != "fail" and rule.spec.pass_message is not None:
            template = rule.spec.pass_message
        message = fill(template, {**raw_values, "target": target}, rule.params)
    return Finding(
        rule=rule.info.id,
        title=rule.info.title,
        category=rule.info.category,
        severity=severity,
        status=status,
        target=target,
        message=message,
        location=location,
        owner=owner,
        due=due,
        days_left=days_left,
        evidence=evidence,
    )


def _from_item(rule: CompiledRule, item: FactItem, clock: Clock) -> Finding:
    values = expression_values(item.values, rule.fields)
    if rule.where is not None and not evaluate(rule.where, values):
        status = "not_applicable"
    else:
        assert rule.condition is not None
        status = "pass" if evaluate(rule.condition, values) else "fail"
    owner_value = item.values.get(rule.spec.owner) if rule.spec.owner else item.owner
    owner = owner_value if isinstance(owner_value, str) and owner_value else None
    display = {**item.values, **{k: v for k, v in values.items() if k not in item.values}}
    return _finding(
        rule, item.target, status, values, display, item.where(rule.spec.locate), owner, clock
    )


def _from_outcome(rule: CompiledRule, outcome: Outcome, clock: Clock) -> Finding:
    values = expression_values(outcome.values, rule.fields)
    status = "pass" if outcome.passed else "fail"
    return _finding(
        rule,
        outcome.target,
        status,
        values,
        outcome.values,
        outcome.location,
        outcome.owner,
        clock,
        outcome.evidence,
    )
